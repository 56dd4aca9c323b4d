/**
 * What a translator has to review in a catalog: its fuzzy entries (old
 * English from `#|` previous msgid against the new) and its new, untranslated
 * ones, grouped by chapter (the `#:` references), with what changed in each
 * chapter's sources since the catalog was last synced with them. Pure: git
 * facts come in as data.
 */
import { entryKey, getHeader, isFuzzy, type Catalog, type PoEntry } from "../catalog/types.js";
import { wordDiff, type WordChange } from "./words.js";

export interface ReviewEntry {
  /** 1-based line of the entry in the PO file. */
  line: number;
  state: "fuzzy" | "new";
  msgctxt?: string;
  /** The old English: `#|` previous msgid; undefined for a new entry or a fuzzy entry without one. */
  previous?: string;
  /** Where `previous` came from: the entry's `#|`, or (none there) the catalog at the baseline, the entry that had this translation. */
  previousFrom?: "po" | "baseline";
  msgid: string;
  /** The kept translation of a fuzzy entry (one string per plural form). */
  msgstr: string[];
  references: string[];
  /** Old against new English, word by word; without an old text, the new text as one `same` run. */
  changes: WordChange[];
}

export interface Commit {
  short: string;
  date: string;
  author: string;
  subject: string;
}

export interface SourceChange {
  commits: Commit[];
  added: number;
  removed: number;
}

export interface ReviewChapter {
  /** The chapter's file as the references name it (`src/ownership.md`), or "" for entries without references. */
  path: string;
  /** Its title in SUMMARY.md, when known. */
  title?: string;
  entries: ReviewEntry[];
  /** What changed in its file since the base revision; undefined without git, null when it did not change. */
  sources?: SourceChange | null;
}

export interface Baseline {
  /** The revision as given (`--since v1.2`) or how it was found. */
  revision: string;
  reason: "since" | "pot-creation-date";
  commit: Commit;
}

export interface CatalogReview {
  file: string;
  potCreationDate?: string;
  fuzzy: number;
  new: number;
  /** Fuzzy entries without a `#|` previous msgid whose old English was not found at the baseline either. */
  withoutPrevious: number;
  /** Fuzzy entries without `#|` whose old English was found in the catalog at the baseline. */
  previousFromBaseline: number;
  baseline?: Baseline;
  /** Why there is no baseline, when there is none. */
  noBaseline?: string;
  chapters: ReviewChapter[];
  /** Source files that changed since the baseline without any entry to review here: the catalog may need `pobook update`. */
  otherChanges: Array<{ path: string; title?: string } & SourceChange>;
}

/** The chapter an entry belongs to: its first reference outside SUMMARY.md (titles are listed there too), else its first. */
export function chapterOf(references: readonly string[]): string {
  const files = references.map((reference) => reference.replace(/:\d+$/, ""));
  return files.find((file) => !/(^|\/)SUMMARY\.md$/.test(file)) ?? files[0] ?? "";
}

/**
 * `earlier`: the catalog at the baseline. A fuzzy entry without `#|` (many
 * catalogs have none: older msgmerge runs, editors that drop it) gets as old
 * English the msgid of the baseline's entry that had its translation and
 * that the catalog no longer has, when exactly one did.
 */
export function reviewEntries(catalog: Catalog, earlier?: Catalog): ReviewEntry[] {
  const recovered = earlier === undefined ? undefined : previousByTranslation(catalog, earlier);
  const entries: ReviewEntry[] = [];
  for (const entry of catalog.entries) {
    if (entry.obsolete) continue;
    const state = isFuzzy(entry) ? "fuzzy" : entry.msgstr.every((text) => text === "") ? "new" : undefined;
    if (state === undefined) continue;
    entries.push(reviewEntry(entry, state, recovered?.get(entry.msgstr.join("\u0000"))));
  }
  return entries;
}

/** Translation → the one msgid of `earlier` that had it and is gone from `catalog` (ambiguous translations are left out). */
function previousByTranslation(catalog: Catalog, earlier: Catalog): Map<string, string> {
  const present = new Set(catalog.entries.filter((entry) => !entry.obsolete).map(entryKey));
  const found = new Map<string, string | null>();
  for (const entry of earlier.entries) {
    if (entry.obsolete || present.has(entryKey(entry)) || entry.msgstr.every((text) => text === "")) continue;
    const key = entry.msgstr.join("\u0000");
    found.set(key, found.has(key) ? null : entry.msgid);
  }
  return new Map([...found].filter((pair): pair is [string, string] => pair[1] !== null));
}

function reviewEntry(entry: PoEntry, state: "fuzzy" | "new", recovered: string | undefined): ReviewEntry {
  const own = state === "fuzzy" ? entry.previous?.msgid : undefined;
  const previous = own ?? (state === "fuzzy" ? recovered : undefined);
  return {
    line: entry.line ?? 0,
    state,
    ...(entry.msgctxt !== undefined ? { msgctxt: entry.msgctxt } : {}),
    ...(previous !== undefined ? { previous, previousFrom: own !== undefined ? ("po" as const) : ("baseline" as const) } : {}),
    msgid: entry.msgid,
    msgstr: state === "fuzzy" ? [...entry.msgstr] : [],
    references: [...entry.references],
    changes: previous !== undefined ? wordDiff(previous, entry.msgid) : [{ kind: "same", text: entry.msgid }],
  };
}

export interface ReviewInputs {
  file: string;
  catalog: Catalog;
  /** SUMMARY.md titles by chapter path (as references name them). */
  titles?: ReadonlyMap<string, string>;
  baseline?: Baseline;
  noBaseline?: string;
  /** The catalog at the baseline, when it existed there. */
  earlier?: Catalog;
  /** Changes since the baseline by file path (as references name them). */
  changes?: ReadonlyMap<string, SourceChange>;
  /** Which changed files are chapters (Markdown): others (included code) are not listed on their own. */
  isChapter?: (path: string) => boolean;
}

/** The review of one catalog: chapters in the catalog's order of first appearance. */
export function reviewCatalog(inputs: ReviewInputs): CatalogReview {
  const { file, catalog, titles, changes } = inputs;
  const entries = reviewEntries(catalog, inputs.earlier);
  const chapters = new Map<string, ReviewChapter>();
  for (const entry of entries) {
    const path = chapterOf(entry.references);
    let chapter = chapters.get(path);
    if (chapter === undefined) {
      chapter = { path, ...(titles?.has(path) ? { title: titles.get(path)! } : {}), entries: [] };
      if (changes !== undefined) chapter.sources = changes.get(path) ?? null;
      chapters.set(path, chapter);
    }
    chapter.entries.push(entry);
  }
  const otherChanges: CatalogReview["otherChanges"] = [];
  for (const [path, change] of changes ?? []) {
    if (chapters.has(path) || !(inputs.isChapter?.(path) ?? true)) continue;
    otherChanges.push({ path, ...(titles?.has(path) ? { title: titles.get(path)! } : {}), ...change });
  }
  const potCreationDate = getHeader(catalog, "POT-Creation-Date");
  return {
    file,
    ...(potCreationDate !== undefined ? { potCreationDate } : {}),
    fuzzy: entries.filter((entry) => entry.state === "fuzzy").length,
    new: entries.filter((entry) => entry.state === "new").length,
    withoutPrevious: entries.filter((entry) => entry.state === "fuzzy" && entry.previous === undefined).length,
    previousFromBaseline: entries.filter((entry) => entry.previousFrom === "baseline").length,
    ...(inputs.baseline !== undefined ? { baseline: inputs.baseline } : {}),
    ...(inputs.noBaseline !== undefined ? { noBaseline: inputs.noBaseline } : {}),
    chapters: [...chapters.values()],
    otherChanges,
  };
}

/**
 * A PO date (`2024-07-09 12:20-0700`, GNU's, or ISO 8601 as mdbook-xgettext
 * writes it) as a Date; undefined when it is not one.
 */
export function parsePoDate(value: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!match) return undefined;
  const zone = match[4] === undefined ? "Z" : match[4] === "Z" ? "Z" : `${match[4].slice(0, 3)}:${match[4].slice(-2)}`;
  const date = new Date(`${match[1]}T${match[2]}${match[3] ?? ":00"}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
