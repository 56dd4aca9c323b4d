/**
 * The messages of a whole book, in mdbook-xgettext's order: SUMMARY.md titles
 * (links stripped), then every chapter listed in SUMMARY.md in book order,
 * after mdBook's links preprocessor has expanded `{{#include}}`s.
 */
import { posix } from "node:path";
import type { BookConfig } from "./config.js";
import { chapterEntries, summaryFromTree } from "./summary.js";
import { parseMarkdown } from "../markdown/parse.js";
import { buildTemplates, type BookOutline, type ChapterRef, type TemplateFile } from "./template.js";
import { inFile, PobookError } from "../errors.js";
import { throwChapterProblems, type ChapterProblem } from "./chapter-problems.js";
import { ReadRefusal } from "./include-path.js";
import { expandLinks, type ReadBookFile } from "./links.js";
import { segmentMarkdown, segmentTree, type Message, type SegmentOptions } from "../markdown/segment.js";
import { plainSummaryText } from "./plain-book.js";

/** SUMMARY.md's text; a refused one (a symlink out of the read root) is an input error naming it. */
export function readSummary(summaryPath: string, read: ReadBookFile): string {
  try {
    return read(summaryPath);
  } catch (error) {
    if (error instanceof ReadRefusal) throw new PobookError(error.message, { file: summaryPath });
    throw error;
  }
}

/** Where the book's outline comes from: SUMMARY.md, or for a plain Markdown book the folder or glob given. */
export function outlinePath(config: BookConfig): string {
  return config.plain ? config.plain.pattern : posix.join(config.src, "SUMMARY.md");
}

/** SUMMARY.md's text as `read` gives it (its errors as they are), or the generated outline of a plain Markdown book. */
export function outlineText(config: BookConfig, read: ReadBookFile): string {
  return config.plain ? plainSummaryText(config.plain) : read(outlinePath(config));
}

/** Reads SUMMARY.md (parsed once for both its structure and its messages). */
export function readOutline(config: BookConfig, read: ReadBookFile, options: ExtractOptions = {}): BookOutline {
  const summaryPath = outlinePath(config);
  const summaryText = config.plain ? plainSummaryText(config.plain) : readSummary(summaryPath, read);
  const tree = parseMarkdown(summaryText);
  const summary = summaryFromTree(tree, summaryPath);
  // A plain Markdown book's outline is pobook's, not the author's: no messages.
  const summaryMessages = config.plain ? [] : segmentTree(tree, summaryText, { ...segmentationOptions(config, options), stripLinks: true });
  const chapters = chapterEntries(summary).map((chapter) => ({ path: posix.join(config.src, chapter.path), line: chapter.line }));
  return { summaryPath, summaryText, summary, summaryMessages, chapters };
}

/** The messages of one chapter, every file they were made from (the chapter, then its includes) and what could not be read. */
export interface ChapterResult {
  messages: Message[];
  files: string[];
  /** Unreadable or refused files and include cycles; the book's template is not written when any chapter has one. */
  problems: ChapterProblem[];
}

/** Why a chapter listed in SUMMARY.md cannot be read, as said at its SUMMARY.md line. */
export function chapterReadFailure(path: string, error: unknown): string {
  if (error instanceof ReadRefusal) return `chapter ${path}: ${error.message}`;
  const code = error instanceof Error && "code" in error ? ` (${String((error as NodeJS.ErrnoException).code)})` : "";
  return `chapter ${path} is listed but cannot be read${code}`;
}

/** Reads one chapter, expands its includes as mdBook does and segments it. */
export function extractChapter(
  config: BookConfig,
  outline: Pick<BookOutline, "summaryPath">,
  chapter: ChapterRef,
  read: ReadBookFile,
  options: ExtractOptions = {},
  /** Messages by expanded chapter text, shared between calls with the same config and options (segmenting is a function of the text). */
  segmented?: Map<string, Message[]>,
): ChapterResult {
  const files: string[] = [];
  const tracked: ReadBookFile = (path) => {
    const text = read(path);
    files.push(path);
    return text;
  };
  let text: string;
  try {
    text = tracked(chapter.path);
  } catch (error) {
    if (error instanceof PobookError) throw error;
    return { messages: [], files, problems: [{ message: chapterReadFailure(chapter.path, error), file: outline.summaryPath, line: chapter.line }] };
  }
  const found: PobookError[] = [];
  const content = prepareChapter(config, expandLinks(text, { path: chapter.path, read: tracked, problems: found }));
  const problems = found.map((problem) => ({ message: problem.message, file: problem.file!, line: problem.line! }));
  let messages = segmented?.get(content);
  if (!messages) {
    messages = inFile(chapter.path, () => segmentMarkdown(content, chapterSegmentOptions(config, options)));
    segmented?.set(content, messages);
  }
  return { messages, files, problems };
}

/** mdbook-course replaces `{{%segment outline}}`-style lines; they are not the book's text. */
function dropCourseDirectives(content: string): string {
  return content.replace(/^\{\{%[^}]*\}\}[ \t]*$/gm, "");
}

export interface ExtractOptions {
  legacyInlineHtml?: boolean;
}

/** How a chapter is segmented: the same options in-process and in workers. */
export function chapterSegmentOptions(config: BookConfig, options: ExtractOptions = {}): SegmentOptions {
  // mdbook-course strips YAML front matter; plain Markdown docs (Jekyll, Docusaurus, MkDocs) keep page settings there.
  return { ...segmentationOptions(config, options), frontMatter: config.coursePreprocessor || config.plain !== undefined };
}

/** The book's segmentation (book.toml), with `legacyInlineHtml` also switchable per run. */
export function segmentationOptions(config: BookConfig, options: ExtractOptions = {}): SegmentOptions {
  const { legacyInlineHtml, ...byVersion } = config.segmentation;
  return { ...byVersion, legacyInlineHtml: options.legacyInlineHtml || legacyInlineHtml };
}

/** Extracts a whole book in this thread (the CLI spreads chapters over worker threads instead). */
export function extractBook(config: BookConfig, read: ReadBookFile, options: ExtractOptions = {}): TemplateFile[] {
  const outline = readOutline(config, read, options);
  const results = outline.chapters.map((chapter) => extractChapter(config, outline, chapter, read, options));
  throwChapterProblems(results);
  return buildTemplates(config, outline, results.map((result) => result.messages));
}

export function prepareChapter(config: BookConfig, content: string): string {
  return config.coursePreprocessor ? dropCourseDirectives(content) : content;
}
