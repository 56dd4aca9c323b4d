/**
 * The check that no translation is silently left out: the translated book is
 * extracted again exactly as `pobook extract` (and mdbook-xgettext) extract
 * the source book — SUMMARY.md titles, then every chapter with its
 * `{{#include}}`s expanded — and every translated entry whose msgid the
 * source book yields must come back as its msgstr in the same chapter.
 *
 * The counts of `pobook translate` are counted here, over the messages the
 * source book yields (what the POT holds, one per occurrence), so that they
 * say what the translated book really contains: a translation is "applied"
 * only when re-extracting the output gives it back. Anything else that the
 * catalog translates is "not applied" and carries a warning naming its PO
 * line and chapter.
 */
import type { BookConfig } from "../book/config.js";
import { extractChapter, readOutline, type ExtractOptions } from "../book/extract-book.js";
import type { ReadBookFile } from "../book/links.js";
import { parseMarkdown } from "../markdown/parse.js";
import { segmentTree, type Message } from "../markdown/segment.js";
import type { Lookup } from "./lookup.js";
import { entryKey } from "../catalog/types.js";
import { escapeWholeRuns } from "./backticks.js";

/** The messages of one SUMMARY.md or chapter, as extraction sees them (includes expanded). */
export interface ExtractedFile {
  path: string;
  messages: Message[];
}

/**
 * Extracts a book as `pobook extract` does. A file that cannot be read
 * expands to nothing here: a missing include is mdBook's error to report,
 * and `translate` does not stop for it.
 */
export function extractForCheck(
  config: BookConfig,
  read: ReadBookFile,
  options: ExtractOptions = {},
  /** Messages of chapters already segmented from text that expansion leaves as it is (no parsing again). */
  known: ReadonlyMap<string, Message[]> = new Map(),
  /** Messages by expanded chapter text: a chapter the copy leaves as the source had it is not segmented again. */
  segmented?: Map<string, Message[]>,
): ExtractedFile[] {
  // As `pobook extract` reads files: without a byte-order mark.
  const withoutBom: ReadBookFile = (path) => read(path).replace(/^\uFEFF/, "");
  const lenient: ReadBookFile = (path) => {
    try {
      return withoutBom(path);
    } catch {
      return "";
    }
  };
  const outline = readOutline(config, withoutBom, options);
  const files: ExtractedFile[] = [{ path: outline.summaryPath, messages: outline.summaryMessages }];
  for (const chapter of outline.chapters) {
    const messages = known.get(chapter.path) ?? extractChapter(config, outline, chapter, lenient, options, segmented).messages;
    files.push({ path: chapter.path, messages });
  }
  return files;
}

/**
 * The msgid extraction makes of `msgstr` as a paragraph of its own: the
 * msgid writer's spelling (`*n*` is written `_n_`), so that a msgstr written
 * in another spelling of the same Markdown is found.
 */
export function writtenForm(msgstr: string): string | undefined {
  const tree = parseMarkdown(msgstr);
  // Only a msgstr that is one paragraph: `- x` is no spelling of `x`.
  if (tree.children.length !== 1 || tree.children[0]!.type !== "paragraph") return undefined;
  const messages = segmentTree(tree, msgstr);
  return messages.length === 1 ? messages[0]!.msgid.trim() : undefined;
}

export interface NotApplied {
  /** SUMMARY.md or the chapter whose (expanded) text holds the message. */
  chapter: string;
  /** 1-based line of the message in the chapter with its includes expanded (as in the POT). */
  line: number;
  poLine?: number;
  msgid: string;
  msgstr: string;
}

export interface BookTally {
  /** Message occurrences of the source book (each POT reference once). */
  total: number;
  applied: number;
  fuzzy: number;
  untranslated: number;
  /** Translated in the catalog, but the translated book does not yield the msgstr there. */
  notApplied: NotApplied[];
  /**
   * The same per distinct message (a msgid used in several places counts once), as `pobook stats`
   * counts catalog entries: a translated message is "not applied" when any of its places is.
   */
  messages: MessageCounts;
}

export interface MessageCounts {
  total: number;
  applied: number;
  fuzzy: number;
  untranslated: number;
  notApplied: number;
}

type MessageOutcome = "applied" | "fuzzy" | "untranslated" | "notApplied";

function countMessages(outcomes: ReadonlyMap<string, MessageOutcome>): MessageCounts {
  const counts: MessageCounts = { total: outcomes.size, applied: 0, fuzzy: 0, untranslated: 0, notApplied: 0 };
  for (const outcome of outcomes.values()) counts[outcome]++;
  return counts;
}

/**
 * Compares the source book's messages with the translated book's, chapter by
 * chapter. `heldBack` chapters were written in the source language on
 * purpose (below the threshold): what is missing there counts as
 * untranslated, without a warning.
 */
export function tallyTranslation(
  source: readonly ExtractedFile[],
  translated: readonly ExtractedFile[],
  lookup: Lookup,
  heldBack: ReadonlySet<string> = new Set(),
): BookTally {
  const tally: BookTally = { total: 0, applied: 0, fuzzy: 0, untranslated: 0, notApplied: [], messages: { total: 0, applied: 0, fuzzy: 0, untranslated: 0, notApplied: 0 } };
  // Per distinct msgid: the catalog's status, and for a translation whether every place got it.
  const outcomes = new Map<string, MessageOutcome>();
  const note = (msgid: string, outcome: MessageOutcome): void => {
    if (outcomes.get(msgid) !== "notApplied") outcomes.set(msgid, outcome);
  };
  const messageKey = (message: Message): string => entryKey({ msgid: message.msgid, msgctxt: message.context });
  const output = new Map(translated.map((file) => [file.path, file.messages]));
  for (const file of source) {
    // How many times each msgid occurs in the translated chapter, consumed as translations are found.
    const available = new Map<string, number>();
    // Keyed without the whitespace at the ends, which extraction drops (msgstrs often end with a space).
    for (const message of output.get(file.path) ?? []) {
      const key = message.msgid.trim();
      available.set(key, (available.get(key) ?? 0) + 1);
    }
    for (const message of file.messages) {
      tally.total++;
      const found = lookup(message.msgid, message.context);
      if (found.status === "fuzzy") {
        tally.fuzzy++;
        note(messageKey(message), "fuzzy");
      } else if (found.status === "untranslated") {
        tally.untranslated++;
        note(messageKey(message), "untranslated");
      } else {
        let key = found.msgstr.trim();
        if (!available.get(key)) key = writtenForm(found.msgstr) ?? key;
        // Written with its backtick runs escaped whole (backticksForSource): the same text.
        if (!available.get(key) && found.msgstr.includes("\\``")) key = writtenForm(escapeWholeRuns(found.msgstr)) ?? key;
        const count = available.get(key) ?? 0;
        if (count > 0) {
          available.set(key, count - 1);
          tally.applied++;
          note(messageKey(message), "applied");
        } else if (heldBack.has(file.path)) {
          // Written in the source language on purpose (below the threshold): untranslated there.
          tally.untranslated++;
          if (!outcomes.has(messageKey(message))) note(messageKey(message), "untranslated");
        } else {
          tally.notApplied.push({ chapter: file.path, line: message.line, poLine: found.line, msgid: message.msgid, msgstr: found.msgstr });
          note(messageKey(message), "notApplied");
        }
      }
    }
  }
  tally.messages = countMessages(outcomes);
  return tally;
}
