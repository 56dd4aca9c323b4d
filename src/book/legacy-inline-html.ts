/**
 * Catalogs made before mdbook-xgettext kept inline HTML inside messages
 * (2024 and earlier): their msgids are the fragments between HTML tags
 * (`You can use `, `Ctrl + Enter`, ` to execute ...`) where today's extractor
 * gives one message (`You can use <kbd>Ctrl + Enter</kbd> to execute ...`).
 *
 * Such a catalog is recognised from the book itself: each document is parsed
 * once and segmented both ways, and the catalog's msgids are compared with
 * the messages only one of the two segmentations gives. Migrating it splices
 * each fragment's translation over the fragment in the source, exactly as the
 * old translated book was rendered, and takes today's message of the result
 * as the new msgstr.
 */
import type { Root } from "mdast";
import type { BookConfig } from "./config.js";
import { chapterSegmentOptions, prepareChapter, readOutline, segmentationOptions } from "./extract-book.js";
import { expandLinks, type ReadBookFile } from "./links.js";
import { buildTemplates, formatReference, type BookOutline, type TemplateFile } from "./template.js";
import { parseMarkdown } from "../markdown/parse.js";
import { segmentTree, type Message, type SegmentOptions } from "../markdown/segment.js";
import { translateWithOutcomes } from "../translate/document.js";
import { catalogLookup } from "../translate/lookup.js";
import type { Catalog, PoEntry } from "../catalog/types.js";
import { PobookError } from "../errors.js";

/** One book document (SUMMARY.md or a chapter with its includes expanded), segmented both ways. */
export interface SegmentedDocument {
  path: string;
  content: string;
  tree: Root;
  options: SegmentOptions;
  summary: boolean;
  current: Message[];
  legacy: Message[];
}

export interface BothSegmentations {
  outline: BookOutline;
  documents: SegmentedDocument[];
  /** `[output.xgettext] granularity`, for the references of rebuilt messages. */
  granularity: number;
}

/** SUMMARY.md and every chapter, each parsed once and segmented with and without the legacy split. */
export function segmentBookBothWays(config: BookConfig, read: ReadBookFile): BothSegmentations {
  const todays: BookConfig = { ...config, segmentation: { ...config.segmentation, legacyInlineHtml: false } };
  const outline = readOutline(todays, read);
  const summaryTree = parseMarkdown(outline.summaryText);
  const summaryOptions = { ...segmentationOptions(todays), stripLinks: true };
  const documents: SegmentedDocument[] = [
    {
      path: outline.summaryPath,
      content: outline.summaryText,
      tree: summaryTree,
      options: summaryOptions,
      summary: true,
      current: outline.summaryMessages,
      legacy: segmentTree(summaryTree, outline.summaryText, { ...summaryOptions, legacyInlineHtml: true }),
    },
  ];
  for (const chapter of outline.chapters) {
    let text: string;
    try {
      text = read(chapter.path);
    } catch (error) {
      if (error instanceof PobookError) throw error;
      throw new PobookError(`chapter ${chapter.path} is listed but cannot be read`, { file: outline.summaryPath, line: chapter.line });
    }
    const content = prepareChapter(todays, expandLinks(text, { path: chapter.path, read }));
    const options = chapterSegmentOptions(todays);
    const tree = parseMarkdown(content, options);
    documents.push({
      path: chapter.path,
      content,
      tree,
      options,
      summary: false,
      current: segmentTree(tree, content, options),
      legacy: segmentTree(tree, content, { ...options, legacyInlineHtml: true }),
    });
  }
  return { outline, documents, granularity: config.granularity };
}

/** The book's template(s) in one of the two segmentations. */
export function templatesOf(config: BookConfig, book: BothSegmentations, legacy: boolean): TemplateFile[] {
  const [summary, ...chapters] = book.documents;
  const pick = (document: SegmentedDocument): Message[] => (legacy ? document.legacy : document.current);
  return buildTemplates(config, { ...book.outline, summaryMessages: pick(summary!) }, chapters.map(pick));
}

export interface LegacyVerdict {
  /** The catalog's messages are the legacy ones. */
  legacy: boolean;
  /** Active msgids of the catalog that only the legacy segmentation gives (fragments). */
  legacyMatches: number;
  /** Active msgids that only today's segmentation gives (messages with inline HTML). */
  currentMatches: number;
}

function msgidSets(book: BothSegmentations): { current: Set<string>; legacy: Set<string> } {
  const current = new Set<string>();
  const legacy = new Set<string>();
  for (const document of book.documents) {
    for (const message of document.current) current.add(message.msgid);
    for (const message of document.legacy) legacy.add(message.msgid);
  }
  return { current, legacy };
}

/**
 * Whether `catalog` was made with the legacy split: more of its msgids are
 * fragments only the legacy split gives than messages only today's gives.
 * Messages without inline HTML are the same both ways and say nothing.
 */
export function legacyInlineHtmlVerdict(catalog: Catalog, book: BothSegmentations): LegacyVerdict {
  const { current, legacy } = msgidSets(book);
  let legacyMatches = 0;
  let currentMatches = 0;
  for (const entry of catalog.entries) {
    if (entry.obsolete || entry.msgctxt !== undefined) continue;
    const inCurrent = current.has(entry.msgid);
    const inLegacy = legacy.has(entry.msgid);
    if (inLegacy && !inCurrent) legacyMatches++;
    if (inCurrent && !inLegacy) currentMatches++;
  }
  return { legacy: legacyMatches > currentMatches, legacyMatches, currentMatches };
}

export interface LegacyMigration {
  catalog: Catalog;
  /** Today's messages made from fragments. */
  migrated: number;
  /** Of those, marked fuzzy (a fragment was fuzzy or untranslated). */
  fuzzy: number;
  /** Fragment entries used. */
  fragments: number;
  /** Fragment entries that are no message any more, kept as obsolete `#~` entries. */
  obsoleted: number;
  /** Messages with inline HTML whose fragments are in the catalog but could not be rebuilt (fragments left as they are). */
  failed: number;
}

interface Rebuilt {
  message: Message;
  msgstr: string;
  fuzzy: boolean;
  fragments: string[];
  references: string[];
}

/** Source offset → offset in the translated text, given each fragment's growth. */
function shifted(offset: number, growths: ReadonlyArray<{ start: number; end: number; growth: number }>, atEnd: boolean): number {
  let result = offset;
  for (const { start, end, growth } of growths) {
    if (end < offset || (end === offset && (atEnd || start < offset))) result += growth;
  }
  return result;
}

/** The messages with inline HTML of one document, rebuilt from the catalog's translations of their fragments. */
function rebuildDocument(document: SegmentedDocument, granularity: number, lookup: ReturnType<typeof catalogLookup>, known: ReadonlySet<string>, failures: { count: number }): Rebuilt[] {
  const legacyIds = new Set(document.legacy.map((message) => message.msgid));
  const targets = document.current
    .filter((message) => !legacyIds.has(message.msgid) && !known.has(message.msgid))
    .map((message) => ({
      message,
      fragments: document.legacy.filter((part) => part.start >= message.start && part.end <= message.end && part.msgid.trim() !== ""),
    }))
    .filter(({ fragments }) => fragments.some((part) => lookup(part.msgid).status === "translated"));
  if (targets.length === 0) return [];
  const fragments = targets.flatMap((target) => target.fragments);
  const translation = translateWithOutcomes(document.content, document.tree, fragments, lookup, { ...document.options, summary: document.summary });
  const growths = translation.outcomes
    .filter((outcome) => outcome.status === "translated")
    .map((outcome) => ({
      start: outcome.message.start,
      end: outcome.message.end,
      growth: outcome.outputEnd - outcome.outputStart - (outcome.message.end - outcome.message.start),
    }));
  const status = new Map(translation.outcomes.map((outcome) => [outcome.message, outcome.status]));
  const translatedTree = parseMarkdown(translation.text, document.options);
  const translatedMessages = segmentTree(translatedTree, translation.text, document.options);
  const byStart = new Map(translatedMessages.map((message) => [message.start, message]));
  const rebuilt: Rebuilt[] = [];
  for (const target of targets) {
    const start = shifted(target.message.start, growths, false);
    const end = shifted(target.message.end, growths, true);
    const found = byStart.get(start);
    if (found === undefined || found.end !== end) {
      failures.count++;
      continue;
    }
    rebuilt.push({
      message: target.message,
      msgstr: found.msgid,
      fuzzy: target.fragments.some((part) => status.get(part) !== "translated"),
      fragments: target.fragments.map((part) => part.msgid),
      references: [formatReference(document.path, target.message.line, granularity)],
    });
  }
  return rebuilt;
}

/**
 * Rewrites a legacy catalog to today's messages: each message with inline
 * HTML whose fragments the catalog translates becomes one entry, at the
 * place of its first fragment, translated as the old book read (fuzzy where
 * a fragment was fuzzy or untranslated). Fragments that are no message of
 * the book any more become obsolete `#~` entries; none is dropped.
 */
export function migrateLegacyInlineHtml(catalog: Catalog, book: BothSegmentations): LegacyMigration {
  const lookup = catalogLookup(catalog);
  const active = catalog.entries.filter((entry) => !entry.obsolete && entry.msgctxt === undefined);
  const known = new Set(active.map((entry) => entry.msgid));
  const failures = { count: 0 };
  const rebuilt = new Map<string, Rebuilt>();
  for (const document of book.documents) {
    for (const item of rebuildDocument(document, book.granularity, lookup, known, failures)) {
      const first = rebuilt.get(item.message.msgid);
      if (first === undefined) rebuilt.set(item.message.msgid, item);
      else for (const reference of item.references) if (!first.references.includes(reference)) first.references.push(reference);
    }
  }
  const { current } = msgidSets(book);
  const entryOf = new Map(active.map((entry) => [entry.msgid, entry]));
  // Each rebuilt message goes where the catalog has its first fragment (in text order) that it has.
  const placeOf = new Map<PoEntry, Rebuilt[]>();
  const used = new Set<PoEntry>();
  for (const item of rebuilt.values()) {
    const fragmentEntries = item.fragments.map((msgid) => entryOf.get(msgid)).filter((entry): entry is PoEntry => entry !== undefined);
    fragmentEntries.forEach((entry) => used.add(entry));
    const first = fragmentEntries[0];
    if (first !== undefined) placeOf.set(first, [...(placeOf.get(first) ?? []), item]);
  }
  const entries: PoEntry[] = [];
  let obsoleted = 0;
  let fuzzy = 0;
  for (const entry of catalog.entries) {
    for (const item of placeOf.get(entry) ?? []) {
      const sources = item.fragments.map((msgid) => entryOf.get(msgid)).filter((found): found is PoEntry => found !== undefined);
      const translatorComments = [...new Set(sources.flatMap((source) => source.translatorComments))];
      const otherFlags = [...new Set(sources.flatMap((source) => source.flags.filter((flag) => flag !== "fuzzy")))];
      if (item.fuzzy) fuzzy++;
      entries.push({
        msgid: item.message.msgid,
        msgstr: [item.msgstr],
        translatorComments,
        extractedComments: item.message.comment === "" ? [] : [item.message.comment],
        references: item.references,
        flags: item.fuzzy ? ["fuzzy", ...otherFlags] : otherFlags,
        obsolete: false,
      });
    }
    if (used.has(entry) && !current.has(entry.msgid)) {
      entries.push({ ...entry, obsolete: true, references: [], extractedComments: [] });
      obsoleted++;
      continue;
    }
    entries.push(entry);
  }
  return {
    catalog: { ...catalog, entries },
    migrated: rebuilt.size,
    fuzzy,
    fragments: used.size,
    obsoleted,
    failed: failures.count,
  };
}

/** `config` with `--legacy-inline-html` of a command line applied (unchanged without it). */
export function withLegacyInlineHtml(config: BookConfig, flag: boolean | undefined): BookConfig {
  return flag ? { ...config, segmentation: { ...config.segmentation, legacyInlineHtml: true } } : config;
}

