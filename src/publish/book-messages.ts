/**
 * book.toml's `title` and `description` as messages of the template, so
 * that translators translate them with the chapters. Each has a msgctxt
 * (`book.toml:title`), so it never shares an entry with a heading or a
 * paragraph of the same text, and chapter lookups (which skip entries
 * with a msgctxt) never see it. A catalog without such an entry keeps the
 * source text: catalogs made before these messages existed still work.
 */
import type { TemplateEntry } from "../book/template.js";
import { isFuzzy, type Catalog } from "../catalog/types.js";

export const BOOK_MESSAGES = [
  { key: "title", context: "book.toml:title", comment: "The book's title (book.toml [book] title)." },
  { key: "description", context: "book.toml:description", comment: "The book's description (book.toml [book] description), the HTML pages' meta description." },
] as const;

export type BookMessageKey = (typeof BOOK_MESSAGES)[number]["key"];

function bookTable(raw: Record<string, unknown>): Record<string, unknown> {
  const book = raw.book;
  return typeof book === "object" && book !== null && !Array.isArray(book) ? (book as Record<string, unknown>) : {};
}

/**
 * The template entries for book.toml's title and description (those it
 * sets, as strings). Referenced as `book.toml`, with no line: every way of
 * making the template (extract, the xgettext renderer, update and stats
 * from the sources) gives the same entry, and mdBook hands renderers the
 * configuration, not its text.
 */
export function bookTomlEntries(raw: Record<string, unknown>): TemplateEntry[] {
  const book = bookTable(raw);
  const entries: TemplateEntry[] = [];
  for (const message of BOOK_MESSAGES) {
    const value = book[message.key];
    if (typeof value !== "string" || value.trim() === "") continue;
    entries.push({ msgctxt: message.context, msgid: value, references: ["book.toml"], comment: message.comment });
  }
  return entries;
}

export type BookMessageStatus = "translated" | "fuzzy" | "untranslated";

export interface BookMessageTranslation {
  key: BookMessageKey;
  source: string;
  status: BookMessageStatus;
  /** The translation, when translated. */
  text?: string;
  /** Its PO line. */
  line?: number;
}

/** How `catalog` translates the book's title and description (only those book.toml sets). */
export function translateBookMessages(raw: Record<string, unknown>, catalog: Catalog): BookMessageTranslation[] {
  const book = bookTable(raw);
  const result: BookMessageTranslation[] = [];
  for (const message of BOOK_MESSAGES) {
    const source = book[message.key];
    if (typeof source !== "string" || source.trim() === "") continue;
    const entry = catalog.entries.find((e) => !e.obsolete && e.msgctxt === message.context && e.msgid === source);
    const msgstr = entry?.msgstr[0] ?? "";
    if (!entry) result.push({ key: message.key, source, status: "untranslated" });
    else if (isFuzzy(entry)) result.push({ key: message.key, source, status: "fuzzy", line: entry.line });
    else if (msgstr === "" || entry.msgidPlural !== undefined) result.push({ key: message.key, source, status: "untranslated", line: entry.line });
    else result.push({ key: message.key, source, status: "translated", text: msgstr, line: entry.line });
  }
  return result;
}
