/**
 * Where commands find a book's configuration, catalogs and template: the
 * book directory's book.toml (`[preprocessor.gettext] po-dir`,
 * `[output.xgettext] pot-file`), overridable per command.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseBookConfig, type BookConfig } from "../book/config.js";
import { readPoFile } from "../catalog/parse.js";
import { setHeader, type Catalog } from "../catalog/types.js";
import { bookTemplate } from "../stats/against-sources.js";
import { PobookError } from "../errors.js";
import { readUtf8 } from "../fs.js";
import { bookReader } from "../runtime/book-reader.js";
import { potCreationDate } from "./extract.js";

/** The book's book.toml, or undefined when `root` has none and `required` is false. */
export function readBookConfig(root: string, required = true, hint = "give the book directory"): BookConfig | undefined {
  const tomlPath = join(root, "book.toml");
  if (!existsSync(tomlPath)) {
    if (!required) return undefined;
    throw new PobookError(`no book.toml (${hint})`, { file: tomlPath });
  }
  return parseBookConfig(readUtf8(tomlPath), tomlPath);
}

/** The catalog directory: the flag, else the book's po-dir, else `po`. */
export function catalogDir(root: string, config: BookConfig | undefined, flag?: string): string {
  return flag ?? join(root, config?.poDir ?? "po");
}

/** The book's current template extracted in memory (every POT of a `depth` split together). */
export function extractTemplate(root: string, config: BookConfig): Catalog {
  const template = bookTemplate(config, bookReader(root));
  setHeader(template, "POT-Creation-Date", potCreationDate());
  return template;
}

export interface CurrentTemplate {
  catalog: Catalog;
  /** Extracted from the sources just now (its POT-Creation-Date is this run's). */
  fromSources: boolean;
}

/**
 * The template to start or merge from: `--pot FILE`, else the book's POT in
 * the catalog directory, else the book's sources extracted in memory.
 */
export function currentTemplate(root: string, config: BookConfig | undefined, poDir: string, pot?: string): CurrentTemplate {
  if (pot !== undefined) {
    if (!existsSync(pot)) throw new PobookError("template not found", { file: pot });
    return { catalog: readPoFile(pot), fromSources: false };
  }
  const stored = join(poDir, config?.potFile ?? "messages.pot");
  if (existsSync(stored)) return { catalog: readPoFile(stored), fromSources: false };
  if (config) return { catalog: extractTemplate(root, config), fromSources: true };
  throw new PobookError("no template: give --pot FILE, run `pobook extract`, or run in a book directory", { file: stored });
}
