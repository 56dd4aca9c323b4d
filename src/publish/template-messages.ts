/**
 * book.toml's messages appended to a book's template(s): after every
 * Markdown message of the first file (the one with SUMMARY.md's titles),
 * so the Markdown messages keep mdbook-xgettext's order and a catalog
 * merged with the new template only gains entries at its end.
 */
import type { BookConfig } from "../book/config.js";
import type { TemplateFile } from "../book/template.js";
import { bookTomlEntries } from "./book-messages.js";

export function withBookMessages(templates: readonly TemplateFile[], config: BookConfig): TemplateFile[] {
  const entries = bookTomlEntries(config.raw);
  if (entries.length === 0 || templates.length === 0) return [...templates];
  const [first, ...rest] = templates;
  return [{ ...first!, entries: [...first!.entries, ...entries] }, ...rest];
}
