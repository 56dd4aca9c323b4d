/**
 * Where commands find a book's configuration and catalogs: the book
 * directory's book.toml (`[preprocessor.gettext] po-dir`), overridable per
 * command. Light on purpose: no parser is loaded here.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseBookConfig, type BookConfig } from "../book/config.js";
import { PobookError } from "../errors.js";
import { readPoFile } from "../catalog/parse.js";
import type { Catalog } from "../catalog/types.js";
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


export interface CurrentTemplate {
  catalog: Catalog;
  /** Extracted from the sources just now (its POT-Creation-Date is this run's). */
  fromSources: boolean;
}

/**
 * The template from a file: `--pot FILE`, else the book's POT in the catalog
 * directory; undefined when neither is there (book-files.ts then extracts the
 * sources). Here, so that merging with a POT loads no Markdown parser.
 */
export function storedTemplate(config: BookConfig | undefined, poDir: string, pot?: string): CurrentTemplate | undefined {
  if (pot !== undefined) {
    if (!existsSync(pot)) throw new PobookError("template not found", { file: pot });
    return { catalog: readPoFile(pot), fromSources: false };
  }
  const stored = join(poDir, config?.potFile ?? "messages.pot");
  if (existsSync(stored)) return { catalog: readPoFile(stored), fromSources: false };
  return undefined;
}
