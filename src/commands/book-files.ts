/**
 * The template commands merge or start from: a POT file, or the book's
 * sources extracted in memory (this module loads the extractor).
 */
import { join } from "node:path";
import type { BookConfig } from "../book/config.js";
import { setHeader, type Catalog } from "../catalog/types.js";
import { bookTemplate } from "../stats/against-sources.js";
import { PobookError } from "../errors.js";
export { catalogDir, readBookConfig, storedTemplate, type CurrentTemplate } from "./book-config.js";
import { storedTemplate, type CurrentTemplate } from "./book-config.js";
import { bookReader, findReadRoot } from "../runtime/book-reader.js";
import { potCreationDate } from "./extract.js";
import type { ReadBookFile } from "../book/links.js";

/** The book's current template extracted in memory (every POT of a `depth` split together). */
export function extractTemplate(root: string, config: BookConfig, read = bookReader(root, findReadRoot(root, config), config)): Catalog {
  const template = bookTemplate(config, read);
  setHeader(template, "POT-Creation-Date", potCreationDate());
  return template;
}

/**
 * The template to start or merge from: `--pot FILE`, else the book's POT in
 * the catalog directory, else the book's sources extracted in memory.
 */
export function currentTemplate(root: string, config: BookConfig | undefined, poDir: string, pot?: string, read?: ReadBookFile): CurrentTemplate {
  const stored = storedTemplate(config, poDir, pot);
  if (stored) return stored;
  if (config) return { catalog: extractTemplate(root, config, read), fromSources: true };
  throw new PobookError("no template: give --pot FILE, run `pobook extract`, or run in a book directory", { file: join(poDir, "messages.pot") });
}
