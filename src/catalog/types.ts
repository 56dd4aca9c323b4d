/**
 * The one data shape every catalog operation works on (parse, serialize,
 * merge, stats, check). It keeps everything a PO file says, so that a
 * read + write round trip changes nothing.
 */

/** `#|` previous-message fields of a fuzzy entry. */
export interface PreviousMessage {
  msgctxt?: string;
  msgid?: string;
  msgidPlural?: string;
}

export interface PoEntry {
  msgctxt?: string;
  msgid: string;
  msgidPlural?: string;
  /** One string for singular entries, one per plural form otherwise. */
  msgstr: string[];
  /** `# ` comments written by translators, one line each, without the `# ` prefix. */
  translatorComments: string[];
  /** `#.` comments from the extractor, one line each. */
  extractedComments: string[];
  /** `#:` references, one token each (`src/index.md` or `src/index.md:12`). */
  references: string[];
  /** `#,` flags (`fuzzy`, `c-format`, ...). */
  flags: string[];
  previous?: PreviousMessage;
  /** `#~` entries: kept for translators, not used for translation. */
  obsolete: boolean;
  /** 1-based line of the entry's first line in the file it was read from. */
  line?: number;
}

export interface Catalog {
  /**
   * Translator comments of the header entry (`# SOME DESCRIPTIVE TITLE.` ...),
   * one line each without the `# ` prefix, like PoEntry.translatorComments.
   */
  headerComments: string[];
  /** Header fields in file order (`Project-Id-Version`, `Content-Type`, ...). */
  headers: Array<[name: string, value: string]>;
  /** Flags on the header entry (a fresh POT has `fuzzy`). */
  headerFlags: string[];
  entries: PoEntry[];
}

export function isFuzzy(entry: PoEntry): boolean {
  return entry.flags.includes("fuzzy");
}

export function isTranslated(entry: PoEntry): boolean {
  return !entry.obsolete && !isFuzzy(entry) && entry.msgstr.length > 0 && entry.msgstr.every((s) => s !== "");
}

/** The key gettext uses to tell entries apart: msgctxt + EOT + msgid. */
export function entryKey(entry: { msgctxt?: string; msgid: string }): string {
  return entry.msgctxt === undefined ? entry.msgid : `${entry.msgctxt}\u0004${entry.msgid}`;
}

export function getHeader(catalog: Catalog, name: string): string | undefined {
  const lower = name.toLowerCase();
  return catalog.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

export function setHeader(catalog: Catalog, name: string, value: string): void {
  const lower = name.toLowerCase();
  const existing = catalog.headers.find(([key]) => key.toLowerCase() === lower);
  if (existing) existing[1] = value;
  else catalog.headers.push([name, value]);
}

/** A deep copy of `entry`: changing it leaves the original (and its catalog) alone. */
export function cloneEntry(entry: PoEntry): PoEntry {
  const copy: PoEntry = {
    ...entry,
    msgstr: [...entry.msgstr],
    translatorComments: [...entry.translatorComments],
    extractedComments: [...entry.extractedComments],
    references: [...entry.references],
    flags: [...entry.flags],
  };
  if (entry.previous) copy.previous = { ...entry.previous };
  return copy;
}

export function newEntry(msgid: string, fields: Partial<PoEntry> = {}): PoEntry {
  return {
    msgid,
    msgstr: [""],
    translatorComments: [],
    extractedComments: [],
    references: [],
    flags: [],
    obsolete: false,
    ...fields,
  };
}
