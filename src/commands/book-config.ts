/**
 * Where commands find a book's configuration and catalogs: the book
 * directory's book.toml (`[preprocessor.gettext] po-dir`), overridable per
 * command. Light on purpose: no parser is loaded here.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseBookConfig, type BookConfig } from "../book/config.js";
import { PobookError } from "../errors.js";
import { readUtf8 } from "../fs.js";
import { plainBookAt } from "./plain-book.js";

/** The book's book.toml, or undefined when `root` has none and `required` is false. */
export function readBookConfig(root: string, required = true, hint = "give the book directory"): BookConfig | undefined {
  const tomlPath = join(root, "book.toml");
  if (!existsSync(tomlPath)) {
    // A folder of Markdown files without book.toml is a plain Markdown book.
    const plain = plainBookAt(root);
    if (plain) return plain;
    if (!required) return undefined;
    throw new PobookError(`no book.toml (${hint})`, { file: tomlPath });
  }
  return parseBookConfig(readUtf8(tomlPath), tomlPath);
}

/** The catalog directory: the flag, else the book's po-dir, else `po`. */
export function catalogDir(root: string, config: BookConfig | undefined, flag?: string): string {
  return flag ?? join(root, config?.poDir ?? "po");
}

