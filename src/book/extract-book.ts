/**
 * The messages of a whole book, in mdbook-xgettext's order: SUMMARY.md titles
 * (links stripped), then every chapter listed in SUMMARY.md in book order,
 * after mdBook's links preprocessor has expanded `{{#include}}`s.
 */
import { posix } from "node:path";
import type { BookConfig } from "./config.js";
import { parseSummary, chapterPaths, type SummaryItem } from "./summary.js";
import { expandLinks, type ReadBookFile } from "./links.js";
import { segmentMarkdown, type Message } from "../markdown/segment.js";

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
  const chapters = chapterPaths(summary).map((chapter) => {
    const path = posix.join(config.src, chapter);
    return { path, content: expandLinks(read(path), { path, read }) };
  });
  return { summaryPath, summaryText, summary, chapters };
}

/** mdbook-course replaces `{{%segment outline}}`-style lines; they are not the book's text. */
function dropCourseDirectives(content: string): string {
  return content.replace(/^\{\{%[^}]*\}\}[ \t]*$/gm, "");
}

export interface ExtractBookOptions {
  /** Segments one chapter (defaults to in-process segmentation; the CLI passes a worker pool). */
  segment?: (content: string, frontMatter: boolean) => Message[];
}

/** The book's template entries. */
export function extractBookMessages(
  config: BookConfig,
  book: LoadedBook,
  chapterMessages: Message[][],
  options: { legacyInlineHtml?: boolean } = {},
): TemplateEntry[] {
  const builder = new TemplateBuilder(config.granularity);
  builder.add(book.summaryPath, segmentMarkdown(book.summaryText, { stripLinks: true, legacyInlineHtml: options.legacyInlineHtml }));
  book.chapters.forEach((chapter, index) => builder.add(chapter.path, chapterMessages[index]!));
  return builder.build();
}

export function prepareChapter(config: BookConfig, content: string): string {
  return config.coursePreprocessor ? dropCourseDirectives(content) : content;
}

/** Extracts every chapter in this thread. */
export function extractBook(config: BookConfig, read: ReadBookFile, options: { legacyInlineHtml?: boolean } = {}): TemplateEntry[] {
  const book = loadBook(config, read);
  const messages = book.chapters.map((chapter) =>
    segmentMarkdown(prepareChapter(config, chapter.content), { frontMatter: config.coursePreprocessor, ...options }),
  );
  return extractBookMessages(config, book, messages, options);
}
