/**
 * The catalog side of translation: which msgstr (if any) replaces a msgid.
 */
import { dropLinkEscapes } from "../book/links.js";
import { entryKey, isFuzzy, type Catalog } from "../catalog/types.js";

export type LookupResult =
  | { status: "translated"; msgstr: string; line?: number }
  | { status: "fuzzy"; line?: number }
  | { status: "untranslated"; line?: number };

/**
 * Finds the translation of a msgid; `msgctxt` is the message's
 * `i18n:context` (mdbook-xgettext's messages have none, and then only an
 * entry without msgctxt matches).
 */
export type Lookup = (msgid: string, msgctxt?: string) => LookupResult;

/**
 * A lookup over a catalog: only a non-obsolete, non-fuzzy entry with the
 * message's msgctxt (or none) whose msgstr is non-empty translates its msgid.
 */
export function catalogLookup(catalog: Catalog): Lookup {
  const entries = new Map<string, LookupResult>();
  for (const entry of catalog.entries) {
    if (entry.obsolete || entry.msgid === "") continue;
    const msgstr = entry.msgstr[0] ?? "";
    let result: LookupResult;
    if (isFuzzy(entry)) result = { status: "fuzzy", line: entry.line };
    else if (msgstr === "" || entry.msgidPlural !== undefined) result = { status: "untranslated", line: entry.line };
    else result = { status: "translated", msgstr, line: entry.line };
    entries.set(entryKey(entry), result);
  }
  return (msgid, msgctxt) => entries.get(entryKey({ msgid, msgctxt })) ?? { status: "untranslated" };
}

/** A lookup from a plain map (tests, identity catalogs). */
export function mapLookup(translations: ReadonlyMap<string, string>): Lookup {
  return (msgid, msgctxt) => {
    if (msgctxt !== undefined) return { status: "untranslated" };
    const msgstr = translations.get(msgid);
    return msgstr === undefined || msgstr === "" ? { status: "untranslated" } : { status: "translated", msgstr };
  };
}

/**
 * A lookup for text that mdBook's links preprocessor will read (chapters and
 * the files they include): the msgid is looked up as extraction saw it,
 * after mdBook dropped the backslash of `\{{#...}}` (in a code span, where
 * Markdown keeps it). Writing the msgstr's directives escaped again is the
 * `mdbookLinks` option of translation (directives.ts).
 */
export function linkEscapingLookup(lookup: Lookup): Lookup {
  return (msgid, msgctxt) => (msgid.includes("\\{{#") ? lookup(dropLinkEscapes(msgid), msgctxt) : lookup(msgid, msgctxt));
}
