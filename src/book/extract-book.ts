/**
 * The messages of a whole book, in mdbook-xgettext's order: SUMMARY.md titles
 * (links stripped), then every chapter listed in SUMMARY.md in book order,
 * after mdBook's links preprocessor has expanded `{{#include}}`s.
 */
import { posix } from "node:path";
import type { BookConfig } from "./config.js";
import { parseSummary, chapterEntries, type SummaryItem } from "./summary.js";
import { PobookError } from "../errors.js";
import { expandLinks, type ReadBookFile } from "./links.js";
import { segmentMarkdown, type Message, type SegmentOptions } from "../markdown/segment.js";
import { PotPathBuilder } from "./pot-paths.js";

/** A message with every place it was found, in first-occurrence order. */
export interface TemplateEntry {
  msgid: string;
  /** `#:` references (already rounded per granularity, consecutive duplicates removed). */
  references: string[];
  /** `#.` comment, from the last occurrence (as upstream). */
  comment: string;
}

export interface ChapterSource {
  /** Path relative to the book root, e.g. `src/index.md`. */
  path: string;
  /** The chapter text after the links preprocessor. */
  content: string;
}

/** `file`, `file:line`, or `file:line` rounded down to the granularity (mdbook-xgettext's build_source). */
export function formatReference(path: string, line: number, granularity: number): string {
  if (granularity === 0) return path;
  if (granularity === 1) return `${path}:${line}`;
  return `${path}:${Math.max(1, line - (line % granularity))}`;
}

/** Collects messages into template entries (one per msgid, first occurrence order). */
export class TemplateBuilder {
  private readonly entries = new Map<string, TemplateEntry>();

  constructor(private readonly granularity: number) {}

  add(path: string, messages: readonly Message[], transform: (msgid: string) => string = (id) => id): void {
    for (const message of messages) {
      const msgid = transform(message.msgid);
      if (msgid.trim() === "") continue;
      const reference = formatReference(path, message.line, this.granularity);
      const existing = this.entries.get(msgid);
      if (existing) {
        if (existing.references[existing.references.length - 1] !== reference) existing.references.push(reference);
        existing.comment = message.comment;
      } else {
        this.entries.set(msgid, { msgid, references: [reference], comment: message.comment });
      }
    }
  }

  build(): TemplateEntry[] {
    return [...this.entries.values()];
  }
}

export interface LoadedBook {
  summaryPath: string;
  summaryText: string;
  summary: SummaryItem[];
  chapters: ChapterSource[];
}

/** Reads SUMMARY.md and every chapter it lists, includes expanded. */
export function loadBook(config: BookConfig, read: ReadBookFile): LoadedBook {
  const summaryPath = posix.join(config.src, "SUMMARY.md");
  const summaryText = read(summaryPath);
  const summary = parseSummary(summaryText, summaryPath);
  const chapters = chapterEntries(summary).map((chapter) => {
    const path = posix.join(config.src, chapter.path);
    let text: string;
    try {
      text = read(path);
    } catch (error) {
      if (error instanceof PobookError) throw error;
      throw new PobookError(`chapter ${path} is listed but cannot be read`, { file: summaryPath, line: chapter.line });
    }
    return { path, content: expandLinks(text, { path, read }) };
  });
  return { summaryPath, summaryText, summary, chapters };
}

/** mdbook-course replaces `{{%segment outline}}`-style lines; they are not the book's text. */
function dropCourseDirectives(content: string): string {
  return content.replace(/^\{\{%[^}]*\}\}[ \t]*$/gm, "");
}

export interface ExtractOptions {
  legacyInlineHtml?: boolean;
}

/** One POT file's entries (one file unless `depth` splits the template). */
export interface TemplateFile {
  /** Path relative to the output directory (`messages.pot` at depth 0). */
  path: string;
  entries: TemplateEntry[];
}

/** How a chapter is segmented: the same options in-process and in workers. */
export function chapterSegmentOptions(config: BookConfig, options: ExtractOptions = {}): SegmentOptions {
  return { frontMatter: config.coursePreprocessor, legacyInlineHtml: options.legacyInlineHtml };
}

/** The destination POT of each chapter with a file, in `chapterEntries` order (upstream's depth splitting). */
function chapterDestinations(summary: readonly SummaryItem[], depth: number): { summary: string; chapters: string[] } {
  const builder = new PotPathBuilder(depth);
  builder.push("summary");
  builder.push("summary");
  const summaryPath = builder.get();
  builder.pop();
  const chapters: string[] = [];
  const visit = (item: SummaryItem): void => {
    if (item.kind !== "chapter") return;
    builder.push(item.name);
    if (item.path !== undefined) chapters.push(builder.get());
    item.children.forEach(visit);
    builder.pop();
  };
  for (const item of summary) {
    if (item.kind === "part") {
      builder.pop();
      builder.push(item.name);
    } else visit(item);
  }
  return { summary: summaryPath, chapters };
}

/** Builds the template file(s) from segmented chapters. */
export function buildTemplates(
  config: BookConfig,
  book: LoadedBook,
  chapterMessages: readonly Message[][],
  options: ExtractOptions = {},
): TemplateFile[] {
  const destinations = chapterDestinations(book.summary, config.depth);
  const builders = new Map<string, TemplateBuilder>();
  const builder = (path: string): TemplateBuilder => {
    let found = builders.get(path);
    if (!found) builders.set(path, (found = new TemplateBuilder(config.granularity)));
    return found;
  };
  builder(destinations.summary).add(
    book.summaryPath,
    segmentMarkdown(book.summaryText, { stripLinks: true, legacyInlineHtml: options.legacyInlineHtml }),
  );
  book.chapters.forEach((chapter, index) => builder(destinations.chapters[index]!).add(chapter.path, chapterMessages[index]!));
  const single = config.depth === 0;
  return [...builders].map(([path, entries]) => ({ path: single ? config.potFile : path, entries: entries.build() }));
}

/** The segmentation requests for every chapter of `book`. */
export function chapterRequests(config: BookConfig, book: LoadedBook, options: ExtractOptions = {}) {
  const segmentOptions = chapterSegmentOptions(config, options);
  return book.chapters.map((chapter) => ({ source: prepareChapter(config, chapter.content), options: segmentOptions }));
}

/** Extracts a whole book in this thread (the CLI uses a worker pool instead). */
export function extractBook(config: BookConfig, read: ReadBookFile, options: ExtractOptions = {}): TemplateFile[] {
  const book = loadBook(config, read);
  const messages = chapterRequests(config, book, options).map((request) => segmentMarkdown(request.source, request.options));
  return buildTemplates(config, book, messages, options);
}

export function prepareChapter(config: BookConfig, content: string): string {
  return config.coursePreprocessor ? dropCourseDirectives(content) : content;
}
