/**
 * Translation statistics of a catalog: messages and source words by state,
 * overall and per chapter (from `#:` references).
 */
import { getHeader, type Catalog, type PoEntry } from "../catalog/types.js";

export type MessageState = "translated" | "fuzzy" | "untranslated" | "obsolete";

export type Counts = Record<MessageState, number>;

export interface ChapterStats {
  /** The referenced file, `src/ownership.md` (a `:LINE` suffix dropped). */
  chapter: string;
  messages: Counts;
  words: Counts;
  /** Translated share of the active messages, 0..100. */
  percent: number;
}

export interface CatalogStats {
  file: string;
  language: string;
  potCreationDate?: string;
  messages: Counts;
  words: Counts;
  /** Translated share of the active messages, 0..100 (100 for an empty catalog). */
  percent: number;
  /** Translated share of the active source words, 0..100. */
  wordsPercent: number;
  /** Per chapter, in order of first reference in the catalog. */
  chapters: ChapterStats[];
}

/** Entries with no `#:` reference are counted under this chapter name. */
export const UNREFERENCED = "(no reference)";

/**
 * The state `msgfmt --statistics` gives an entry: an entry whose first
 * msgstr is empty is untranslated even when flagged fuzzy, a fuzzy entry
 * with a translation is fuzzy. (For plurals msgfmt looks at msgstr[0] only.)
 */
export function messageState(entry: PoEntry): MessageState {
  if (entry.obsolete) return "obsolete";
  if ((entry.msgstr[0] ?? "") === "") return "untranslated";
  if (entry.flags.includes("fuzzy")) return "fuzzy";
  return "translated";
}

/**
 * Source words of a msgid: whitespace-separated tokens that contain a letter
 * or digit, like `wc -w` but without lone punctuation (`-`, `|`, `=>`). A
 * Markdown link or code span counts as the words it is written with.
 */
export function countWords(text: string): number {
  let count = 0;
  for (const token of text.split(/\s+/u)) if (/[\p{L}\p{N}]/u.test(token)) count += 1;
  return count;
}

export function emptyCounts(): Counts {
  return { translated: 0, fuzzy: 0, untranslated: 0, obsolete: 0 };
}

/** Active messages: those a build can use or still needs. */
export function activeTotal(counts: Counts): number {
  return counts.translated + counts.fuzzy + counts.untranslated;
}

export function percentTranslated(counts: Counts): number {
  const total = activeTotal(counts);
  return total === 0 ? 100 : (100 * counts.translated) / total;
}

function chapterOf(reference: string): string {
  return reference.replace(/:\d+$/, "");
}

/** `file` names the catalog in reports; its base name is the language when the header has none. */
export function catalogStats(catalog: Catalog, file: string): CatalogStats {
  const messages = emptyCounts();
  const words = emptyCounts();
  const chapters = new Map<string, { messages: Counts; words: Counts }>();
  for (const entry of catalog.entries) {
    // An entry with an empty msgid is a header entry to gettext, not a message.
    if (entry.msgid === "" && entry.msgctxt === undefined) continue;
    const state = messageState(entry);
    const wordCount = countWords(entry.msgid);
    messages[state] += 1;
    words[state] += wordCount;
    if (state === "obsolete") continue;
    const names = new Set(entry.references.map(chapterOf));
    if (names.size === 0) names.add(UNREFERENCED);
    for (const name of names) {
      let chapter = chapters.get(name);
      if (chapter === undefined) chapters.set(name, (chapter = { messages: emptyCounts(), words: emptyCounts() }));
      chapter.messages[state] += 1;
      chapter.words[state] += wordCount;
    }
  }
  const fileLanguage = file.replace(/^.*[\\/]/, "").replace(/\.pot?$/, "");
  const headerLanguage = getHeader(catalog, "Language")?.trim();
  return {
    file,
    language: headerLanguage !== undefined && headerLanguage !== "" ? headerLanguage : fileLanguage,
    potCreationDate: getHeader(catalog, "POT-Creation-Date"),
    messages,
    words,
    percent: percentTranslated(messages),
    wordsPercent: percentTranslated(words),
    chapters: [...chapters].map(([chapter, counts]) => ({ chapter, ...counts, percent: percentTranslated(counts.messages) })),
  };
}
