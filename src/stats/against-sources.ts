/**
 * Stats against the current sources: each catalog as `pobook update` would
 * leave it after merging the book's current template (msgids the sources
 * no longer have become obsolete, new ones count as untranslated or fuzzy).
 * Nothing is written; the figures say how much work the book needs now.
 */
import type { BookConfig } from "../book/config.js";
import { extractBook } from "../book/extract-book.js";
import type { TemplateFile } from "../book/template.js";
import type { ReadBookFile } from "../book/links.js";
import { mergeCatalog, UPDATE_MERGE_OPTIONS } from "../catalog/merge.js";
import { createTemplate } from "../catalog/serialize.js";
import { newEntry, type Catalog } from "../catalog/types.js";
import { withBookMessages } from "../publish/template-messages.js";

/** The book's template as one catalog (all POT files of a `depth` split together). */
export function bookTemplate(config: BookConfig, read: ReadBookFile): Catalog {
  return templateCatalog(config, extractBook(config, read));
}

/** Template files (all POT files of a `depth` split) as one catalog. */
export function templateCatalog(config: BookConfig, files: readonly TemplateFile[]): Catalog {
  // With book.toml's title and description, as `pobook extract` writes them (src/publish/book-messages.ts).
  const entries = withBookMessages(files, config).flatMap((file) => file.entries);
  return createTemplate(
    { projectIdVersion: config.title ?? "", potCreationDate: "", language: config.language },
    entries.map((entry) =>
      newEntry(entry.msgid, {
        ...(entry.msgctxt === undefined ? {} : { msgctxt: entry.msgctxt }),
        references: entry.references,
        extractedComments: entry.comment === "" ? [] : [entry.comment],
      }),
    ),
  );
}

/** `catalog` merged with `template` the way `pobook update` merges (fuzzy matching on, obsolete kept). */
export function catalogAgainstTemplate(catalog: Catalog, template: Catalog): Catalog {
  return mergeCatalog(catalog, template, UPDATE_MERGE_OPTIONS).catalog;
}
