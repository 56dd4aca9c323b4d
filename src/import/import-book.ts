/**
 * `pobook import`'s core: a catalog from a hand-translated copy of a book.
 * Each chapter of the book and its copy are segmented the way extract
 * segments them, and their blocks aligned (align.ts) by kind and anchors
 * (anchors.ts), so that a translation that lags the sources by a few edits
 * still lines up. A pair is taken as translated only when nothing says the
 * source changed since (same anchors, a usual length ratio, no closer
 * neighbour); otherwise it is fuzzy, and blocks left unpaired are reported.
 * Pure over its inputs: files are read through the given readers.
 */
import { posix } from "node:path";
import type { BookConfig } from "../book/config.js";
import { chapterSegmentOptions, prepareChapter, readOutline, readSummary, segmentationOptions, type ExtractOptions } from "../book/extract-book.js";
import { summaryFromTree } from "../book/summary.js";
import { buildTemplates } from "../book/template.js";
import { expandLinks, type ReadBookFile } from "../book/links.js";
import { throwChapterProblems, type ChapterProblem } from "../book/chapter-problems.js";
import { templateCatalog } from "../stats/against-sources.js";
import { initCatalog } from "../catalog/init.js";
import { setHeader, type Catalog } from "../catalog/types.js";
import { parseMarkdown } from "../markdown/parse.js";
import type { SegmentOptions } from "../markdown/segment.js";
import { PobookError } from "../errors.js";
import { alignSequences } from "./align.js";
import { anchorSimilarity, anchorsOf } from "./anchors.js";
import { finalPunctuation, sentenceCount } from "./sentences.js";
import { documentBlocks, type Block } from "./blocks.js";

/** A place in the book (`file`) or in the translated copy, as `file:line`. */
export interface Place {
  file: string;
  line: number;
}

export interface Unmatched {
  /** A source message with no translated block (`side: "source"`), or a translated block with no source message. */
  side: "source" | "translated";
  place: Place;
  msgid: string;
}

export type FuzzyReason = "anchors" | "sentences" | "length" | "ambiguous" | "conflict";

export interface Fuzzy {
  source: Place;
  translated: Place;
  msgid: string;
  reason: FuzzyReason;
}

export interface ImportResult {
  catalog: Catalog;
  counts: { messages: number; translated: number; fuzzy: number; untranslated: number };
  unmatched: Unmatched[];
  fuzzy: Fuzzy[];
  /** Chapters of the book that the translated copy does not have. */
  missingChapters: Place[];
}

export interface ImportOptions extends ExtractOptions {
  language: string;
  now?: Date;
  /** The template's POT-Creation-Date (the catalog's header takes it). */
  potCreationDate?: string;
  /** Where the translated copy is, for the places reported (default: the paths as they are). */
  translatedPrefix?: string;
}

/** A chapter (or SUMMARY.md) of both trees, as blocks. */
interface DocumentPair {
  path: string;
  source: Block[];
  translated?: Block[];
}

/**
 * How far (in log) a translation's length may stray from the language's
 * usual ratio before the pair is doubted: 0.35 plus a margin for short
 * messages, whose length says little. On the corpus no translated message
 * strays that far; a paragraph that lost or gained half its text does.
 */
function lengthStrays(source: string, translated: string, usual: number): boolean {
  return lengthDeviation(source, translated, usual) > 0.35 + 3 / Math.sqrt(source.length + 12);
}

/** Unpaired blocks cost this much in the alignment; a pair scores 1 + 2·anchors − length deviation. */
const GAP_PENALTY = 1;

/** Log length ratio with a little smoothing, so short messages are not judged by a few characters. */
function lengthDeviation(source: string, translated: string, usual: number): number {
  return Math.abs(Math.log((translated.length + 12) / (source.length + 12)) - usual);
}

interface Features {
  anchors: string[];
  sentences: number;
  ending: ":" | "." | "";
}

/** Computed once per document: the book is aligned twice (for the usual length ratio, then for good). */
const featureCache = new WeakMap<readonly Block[], Features[]>();

function features(blocks: readonly Block[]): Features[] {
  let found = featureCache.get(blocks);
  if (!found) {
    found = blocks.map((block) => ({ anchors: anchorsOf(block.msgid), sentences: sentenceCount(block.msgid), ending: finalPunctuation(block.msgid) }));
    featureCache.set(blocks, found);
  }
  return found;
}

/** The anchors of `a` that `b` lacks (multisets, both sorted). */
function missingAnchors(a: readonly string[], b: readonly string[]): string[] {
  const rest = [...b];
  return a.filter((anchor) => {
    const index = rest.indexOf(anchor);
    if (index < 0) return true;
    rest.splice(index, 1);
    return false;
  });
}

/**
 * Why a pair's translation may be of an older text, or undefined. Each sign
 * is one translators rarely give (measured on the pt-BR corpus catalog,
 * 21 of its 3,176 translations show one): a number of the source missing,
 * two or more of its code spans, links or URLs missing (translators do
 * reformat one now and then), another sentence count, a length far off.
 */
function doubt(source: Features, translated: Features, sourceText: string, translatedText: string, usual: number): FuzzyReason | undefined {
  const missing = missingAnchors(source.anchors, translated.anchors);
  if (missing.some((anchor) => anchor.startsWith("#"))) return "anchors";
  if (missing.filter((anchor) => !anchor.startsWith("#")).length >= 2) return "anchors";
  if (source.sentences !== translated.sentences) return "sentences";
  // A translation that still introduces something (`For example:`) where the source now goes on.
  if (translated.ending === ":" && source.ending === ".") return "sentences";
  if (lengthStrays(sourceText, translatedText, usual)) return "length";
  return undefined;
}

interface PairVerdict {
  source: number;
  target: number;
  confident: boolean;
  reason?: FuzzyReason;
}

/** Aligns one document's blocks; returns the pairs with a verdict and the unpaired blocks. */
export function alignDocument(
  source: readonly Block[],
  translated: readonly Block[],
  usualRatio = 0,
): { pairs: PairVerdict[]; unpairedSource: number[]; unpairedTranslated: number[] } {
  const sourceFeatures = features(source);
  const translatedFeatures = features(translated);
  const score = (i: number, j: number): number => {
    if (source[i]!.kind !== translated[j]!.kind) return -Infinity;
    const similarity = anchorSimilarity(sourceFeatures[i]!.anchors, translatedFeatures[j]!.anchors);
    return 1 + 2 * similarity - Math.min(2, lengthDeviation(source[i]!.msgid, translated[j]!.msgid, usualRatio));
  };
  const steps = alignSequences(source.length, translated.length, score, GAP_PENALTY);
  const pairs: PairVerdict[] = [];
  const unpairedSource: number[] = [];
  const unpairedTranslated: number[] = [];
  steps.forEach((step, index) => {
    if (step.source === undefined) {
      unpairedTranslated.push(step.target);
      return;
    }
    if (step.target === undefined) {
      unpairedSource.push(step.source);
      return;
    }
    const i = step.source;
    const j = step.target;
    const verdict: PairVerdict = { source: i, target: j, confident: true };
    verdict.reason = doubt(sourceFeatures[i]!, translatedFeatures[j]!, source[i]!.msgid, translated[j]!.msgid, usualRatio);
    if (verdict.reason === undefined) {
      // Next to an unpaired block of the same kind, the pairing could have been shifted by one: doubt it
      // unless it scores clearly better than the shifted one.
      const own = score(i, j);
      for (const neighbour of [steps[index - 1], steps[index + 1]]) {
        if (!neighbour) continue;
        if (neighbour.target === undefined && score(neighbour.source, j) > own - 1) verdict.reason = "ambiguous";
        if (neighbour.source === undefined && score(i, neighbour.target) > own - 1) verdict.reason = "ambiguous";
      }
    }
    verdict.confident = verdict.reason === undefined;
    pairs.push(verdict);
  });
  return { pairs, unpairedSource, unpairedTranslated };
}

/** Reads a chapter of one tree with its includes expanded, as extract reads it. */
function chapterText(config: BookConfig, path: string, read: ReadBookFile, problems: ChapterProblem[]): string {
  const found: PobookError[] = [];
  const text = prepareChapter(config, expandLinks(read(path), { path, read, problems: found }));
  problems.push(...found.map((problem) => ({ message: problem.message, file: problem.file!, line: problem.line! })));
  return text;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR");
}

/** The median log length ratio of the pairs that agree on anchors: how much longer this language runs. */
function usualLengthRatio(documents: readonly DocumentPair[]): number {
  const ratios: number[] = [];
  for (const document of documents) {
    if (!document.translated) continue;
    for (const { pairs } of [alignDocument(document.source, document.translated)]) {
      for (const pair of pairs) {
        const source = document.source[pair.source]!.msgid;
        const translated = document.translated[pair.target]!.msgid;
        if (source !== translated && source.length > 40) ratios.push(Math.log((translated.length + 12) / (source.length + 12)));
      }
    }
  }
  if (ratios.length === 0) return 0;
  ratios.sort((a, b) => a - b);
  return ratios[Math.floor(ratios.length / 2)]!;
}

/**
 * The catalog of `language` that the translated copy gives: the book's
 * template (its messages, header and references) with the aligned
 * translations. `readSource` reads the book, `readTranslated` its copy
 * (both by paths relative to their roots).
 */
export function importTranslations(config: BookConfig, readSource: ReadBookFile, readTranslated: ReadBookFile, options: ImportOptions): ImportResult {
  const outline = readOutline(config, readSource, options);
  const summaryOptions: SegmentOptions = { ...segmentationOptions(config, options), stripLinks: true };
  const chapterOptions = chapterSegmentOptions(config, options);
  const translatedSummary = readSummary(outline.summaryPath, (path) => {
    try {
      return readTranslated(path);
    } catch (error) {
      if (isMissing(error)) throw new PobookError("the translated copy has no SUMMARY.md: give the root of a translated copy of the book", { file: posix.join(options.translatedPrefix ?? "", path) });
      throw error;
    }
  });
  // Its SUMMARY.md must parse as one (a chapter list), as the book's does.
  summaryFromTree(parseMarkdown(translatedSummary), posix.join(options.translatedPrefix ?? "", outline.summaryPath));

  const sourceProblems: ChapterProblem[] = [];
  const translatedProblems: ChapterProblem[] = [];
  const missingChapters: Place[] = [];
  const documents: DocumentPair[] = [
    { path: outline.summaryPath, source: documentBlocks(outline.summaryText, summaryOptions), translated: documentBlocks(translatedSummary, summaryOptions) },
  ];
  for (const chapter of outline.chapters) {
    const source = documentBlocks(chapterText(config, chapter.path, readSource, sourceProblems), chapterOptions);
    let translated: Block[] | undefined;
    try {
      translated = documentBlocks(chapterText(config, chapter.path, readTranslated, translatedProblems), chapterOptions);
    } catch (error) {
      if (!isMissing(error)) throw error;
      missingChapters.push({ file: chapter.path, line: chapter.line });
    }
    documents.push({ path: chapter.path, source, translated });
  }
  throwChapterProblems([{ problems: sourceProblems }]);
  const prefix = options.translatedPrefix ?? "";
  throwChapterProblems([{ problems: translatedProblems.map((problem) => ({ ...problem, file: posix.join(prefix, problem.file) })) }]);
  if (missingChapters.length === outline.chapters.length && outline.chapters.length > 0) {
    throw new PobookError(`the translated copy has none of the book's chapters (${outline.chapters[0]!.path}, ...): give the root of a translated copy of the book`, { file: prefix || "." });
  }

  const usual = usualLengthRatio(documents);
  const unmatched: Unmatched[] = [];
  const fuzzy: Fuzzy[] = [];
  /** Per msgid, what each place of it was translated as. */
  const candidates = new Map<string, Array<{ msgstr: string; confident: boolean; reason?: FuzzyReason; source: Place; translated: Place }>>();
  let paired = 0;
  let sourceBlocks = 0;
  for (const document of documents) {
    sourceBlocks += document.source.length;
    if (!document.translated) continue;
    const { pairs, unpairedSource, unpairedTranslated } = alignDocument(document.source, document.translated, usual);
    paired += pairs.length;
    const translatedFile = posix.join(prefix, document.path);
    for (const i of unpairedSource) unmatched.push({ side: "source", place: { file: document.path, line: document.source[i]!.line }, msgid: document.source[i]!.msgid });
    for (const j of unpairedTranslated) unmatched.push({ side: "translated", place: { file: translatedFile, line: document.translated[j]!.line }, msgid: document.translated[j]!.msgid });
    for (const pair of pairs) {
      const source = document.source[pair.source]!;
      const translated = document.translated[pair.target]!;
      const list = candidates.get(source.msgid) ?? [];
      candidates.set(source.msgid, list);
      list.push({
        msgstr: translated.msgid,
        confident: pair.confident,
        reason: pair.reason,
        source: { file: document.path, line: source.line },
        translated: { file: translatedFile, line: translated.line },
      });
    }
  }
  // Mostly unpaired: not a copy of this book with its structure.
  if (sourceBlocks > 0 && paired < sourceBlocks / 2) {
    throw new PobookError(`only ${paired} of the book's ${sourceBlocks} messages line up with a block of the translated copy: its structure is not the book's`, { file: prefix || "." });
  }

  const template = templateCatalog(config, buildTemplates(config, outline, documents.slice(1).map((document) => document.source)));
  if (options.potCreationDate !== undefined) setHeader(template, "POT-Creation-Date", options.potCreationDate);
  const { catalog } = initCatalog(template, { language: options.language, now: options.now });
  const counts = { messages: catalog.entries.length, translated: 0, fuzzy: 0, untranslated: 0 };
  for (const entry of catalog.entries) {
    const found = candidates.get(entry.msgid) ?? [];
    // A translation that is the source text itself says nothing: the copy kept the source there.
    const translations = found.filter((candidate) => candidate.msgstr !== entry.msgid);
    const confident = translations.filter((candidate) => candidate.confident);
    const chosen = confident[0] ?? translations[0];
    if (!chosen) {
      counts.untranslated++;
      continue;
    }
    entry.msgstr = [chosen.msgstr];
    // Places translated differently: gettext has one msgstr per msgid, so a person chooses.
    const conflict = confident.some((candidate) => candidate.msgstr !== chosen.msgstr);
    if (chosen.confident && !conflict) {
      counts.translated++;
      continue;
    }
    entry.flags.push("fuzzy");
    counts.fuzzy++;
    fuzzy.push({ source: chosen.source, translated: chosen.translated, msgid: entry.msgid, reason: conflict ? "conflict" : chosen.reason! });
  }
  return { catalog, counts, unmatched, fuzzy, missingChapters };
}
