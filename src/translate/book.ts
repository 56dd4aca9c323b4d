/**
 * A whole book, translated: SUMMARY.md titles, every chapter, and the files
 * chapters `{{#include}}`.
 *
 * Chapters are translated as files, with their `{{#include}}` directives left
 * in place (mdBook expands them when it builds the translated copy), so that
 * every byte outside a message stays the chapter's own. Included files are
 * translated on their own where the included text has messages:
 * - a file included inside a fenced code block in a language with a grammar
 *   is segmented as a code block of that language (its strings and comments
 *   are the messages, as in the expanded chapter); when it is included by
 *   anchor, the `ANCHOR:` lines are masked, as mdBook drops them;
 * - a Markdown file included outside code is segmented as Markdown.
 * A file included in several places is segmented once, in the language of its
 * first include. Text included into a code block without a grammar is a part of
 * a whole-block message upstream, which cannot be spliced back into separate
 * files; it stays in the source language.
 */
import { posix } from "node:path";
import type { Root } from "mdast";
import type { BookConfig } from "../book/config.js";
import { chapterEntries, summaryFromTree } from "../book/summary.js";
import { findLanguage, languageToken } from "../code/languages.js";
import { parseMarkdown } from "../markdown/parse.js";
import { segmentTree, type Message } from "../markdown/segment.js";
import type { Nodes } from "mdast";
import type { Lookup } from "./lookup.js";
import { inFile, PobookError } from "../errors.js";
import { chapterSegmentOptions, segmentationOptions } from "../book/extract-book.js";
import { translateMessages, type DocumentTranslation, type TranslateOptions } from "./document.js";

export type DocumentRole = "summary" | "chapter" | "include";

/** A book file parsed and segmented once, ready for any number of catalogs. */
export interface PreparedDocument {
  /** Path relative to the book root. */
  path: string;
  role: DocumentRole;
  /** The text that was parsed (file text, masked or wrapped in a code fence). */
  parsed: string;
  /** What is written where nothing is translated (same length as `parsed`). */
  original: string;
  tree: Root;
  messages: Message[];
  options: TranslateOptions;
  /** For a code file wrapped in a fence: the file's text is `original.slice(wrapStart, wrapEnd)`. */
  wrap?: { start: number; end: number };
}

export interface PreparedBook {
  documents: PreparedDocument[];
}

export interface PrepareOptions {
  /** Segment like mdbook-xgettext before inline HTML was kept in messages. */
  legacyInlineHtml?: boolean;
}

const INCLUDE = /\{\{\s*#(include|playground|playpen)\s+([^}]+)\}\}/g;

/** mdbook-course's `{{%...}}` lines, blanked to spaces so that offsets stay put. */
function maskCourseDirectives(text: string): string {
  return text.replace(/^\{\{%[^}]*\}\}[ \t]*$/gm, (line) => " ".repeat(line.length));
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

function prepareMarkdown(path: string, role: DocumentRole, original: string, parsed: string, options: TranslateOptions): PreparedDocument {
  const tree = inFile(path, () => parseMarkdown(parsed, options));
  return { path, role, parsed, original, tree, messages: segmentTree(tree, parsed, { ...options, stripLinks: options.summary }), options };
}

/** A code file as the body of a fenced block in `language`, so the segmenter finds its strings and comments. */
function prepareCode(path: string, text: string, language: string, anchored: boolean, options: TranslateOptions): PreparedDocument {
  const masked = anchored ? text.replace(/^.*ANCHOR(?:_END)?:\s*[\w_-]+.*$/gm, (line) => " ".repeat(line.length)) : text;
  const fence = "`".repeat(Math.max(3, longestRun(text, "`") + 1));
  const head = `${fence}${language}\n`;
  const tail = `${text.endsWith("\n") || text === "" ? "" : "\n"}${fence}\n`;
  const document = prepareMarkdown(path, "include", head + text + tail, head + masked + tail, { ...options, frontMatter: false });
  return { ...document, wrap: { start: head.length, end: head.length + text.length } };
}

interface IncludeUse {
  path: string;
  /** Language of the enclosing code block, or undefined for a Markdown include. */
  language?: string;
  anchored: boolean;
}

/** The `{{#include}}`s of a chapter that bring in translatable text. */
function includeUses(chapterPath: string, text: string, tree: Root): IncludeUse[] {
  const uses: IncludeUse[] = [];
  const codeRanges: Array<{ start: number; end: number; info: string }> = [];
  const visit = (node: Nodes): void => {
    if (node.type === "code") {
      codeRanges.push({ start: node.position!.start.offset!, end: node.position!.end.offset!, info: [node.lang, node.meta].filter(Boolean).join(" ") });
    }
    if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  for (const match of text.matchAll(INCLUDE)) {
    if (match.index > 0 && text[match.index - 1] === "\\") continue;
    const [target = ""] = match[2]!.trim().split(/\s+/);
    const [file = "", ...range] = target.split(":");
    const path = posix.normalize(posix.join(posix.dirname(chapterPath), file));
    if (path.startsWith("..") || posix.isAbsolute(path)) continue;
    const anchored = range.length > 0 && range[0] !== "" && !/^\d+$/.test(range[0]!);
    if (match[1] !== "include") {
      uses.push({ path, language: "rust", anchored });
      continue;
    }
    const code = codeRanges.find((range) => range.start <= match.index && match.index < range.end);
    if (code) {
      const token = languageToken(code.info);
      if (findLanguage(token)?.grammar !== undefined) uses.push({ path, language: token, anchored });
    } else if (path.endsWith(".md")) uses.push({ path, anchored });
  }
  return uses;
}

/**
 * One chapter's text, parsed and segmented as \`prepareBook\` does (course
 * directives masked, front matter per the book's preprocessors). The mdBook
 * preprocessor and the preview use it on chapter text with includes expanded.
 */
export function prepareChapterDocument(config: BookConfig, path: string, text: string, options: PrepareOptions = {}): PreparedDocument {
  const parsed = config.coursePreprocessor ? maskCourseDirectives(text) : text;
  return prepareMarkdown(path, "chapter", text, parsed, chapterSegmentOptions(config, options));
}

/** Reads and segments SUMMARY.md, every chapter and every included file with messages. */
export function prepareBook(config: BookConfig, read: (path: string) => string, options: PrepareOptions = {}): PreparedBook {
  const documents: PreparedDocument[] = [];
  const base: TranslateOptions = segmentationOptions(config, options);
  const summaryPath = posix.join(config.src, "SUMMARY.md");
  let summaryText: string;
  try {
    summaryText = read(summaryPath);
  } catch (error) {
    if (error instanceof PobookError) throw error;
    throw new PobookError("SUMMARY.md is missing", { file: summaryPath });
  }
  const summary = prepareMarkdown(summaryPath, "summary", summaryText, summaryText, { ...base, summary: true });
  documents.push(summary);
  // The same tree gives the chapter list: SUMMARY.md is parsed once.
  const entries = chapterEntries(summaryFromTree(summary.tree, summaryPath));
  const lineOfChapter = new Map(entries.map((chapter) => [posix.join(config.src, chapter.path), chapter.line]));
  const chapters = [...lineOfChapter.keys()];
  const chapterSet = new Set(chapters);
  const includes = new Map<string, IncludeUse>();
  for (const path of chapters) {
    let text: string;
    try {
      text = read(path);
    } catch (error) {
      if (error instanceof PobookError) throw error;
      throw new PobookError(`chapter ${path} is listed but cannot be read`, { file: summaryPath, line: lineOfChapter.get(path) });
    }
    const document = prepareChapterDocument(config, path, text, options);
    const parsed = document.parsed;
    documents.push(document);
    for (const use of includeUses(path, parsed, document.tree)) {
      const known = includes.get(use.path);
      if (!known) includes.set(use.path, use);
      else if (use.anchored && known.language === use.language) known.anchored = true;
    }
  }
  for (const use of includes.values()) {
    if (chapterSet.has(use.path)) continue;
    let text: string;
    try {
      text = read(use.path);
    } catch {
      continue; // A missing include is mdBook's error to report when it builds the book.
    }
    documents.push(use.language === undefined ? prepareMarkdown(use.path, "include", text, text, base) : prepareCode(use.path, text, use.language, use.anchored, base));
  }
  return { documents };
}

export interface FileTranslation extends DocumentTranslation {
  path: string;
  role: DocumentRole;
  /** Written in the source language because it was below the threshold. */
  belowThreshold: boolean;
}

export interface ApplyOptions {
  /** A chapter with fewer than this percentage of its messages translated is written untranslated. */
  threshold?: number;
}

/** Applies one catalog to a prepared book. */
export function applyCatalog(book: PreparedBook, lookup: Lookup, options: ApplyOptions = {}): FileTranslation[] {
  return book.documents.map((document) => {
    const result = translateMessages(document.parsed, document.tree, document.messages, lookup, { ...document.options, original: document.original });
    const text = document.wrap ? result.text.slice(document.wrap.start, result.text.length - (document.original.length - document.wrap.end)) : result.text;
    const share = result.total === 0 ? 100 : ((result.applied) / result.total) * 100;
    const belowThreshold = document.role === "chapter" && options.threshold !== undefined && share < options.threshold;
    const original = document.wrap ? document.original.slice(document.wrap.start, document.wrap.end) : document.original;
    return { path: document.path, role: document.role, ...result, text: belowThreshold ? original : text, belowThreshold };
  });
}

/** book.toml with `[book] language` set to `language`; every other byte kept. */
export function setBookLanguage(toml: string, language: string): string {
  const value = JSON.stringify(language);
  const lines = toml.split("\n");
  let table = "";
  let bookHeader = -1;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const header = /^\s*\[([^\]]*)\]\s*(#.*)?\r?$/.exec(line);
    if (header) {
      table = header[1]!.trim();
      if (table === "book") bookHeader = index;
      continue;
    }
    if (table === "book") {
      const match = /^(\s*language\s*=\s*)("(?:[^"\\]|\\.)*"|'[^']*')(.*)$/.exec(line);
      if (match) {
        lines[index] = `${match[1]}${value}${match[3]}`;
        return lines.join("\n");
      }
    }
  }
  if (bookHeader !== -1) {
    lines.splice(bookHeader + 1, 0, `language = ${value}`);
    return lines.join("\n");
  }
  return `[book]\nlanguage = ${value}\n\n${toml}`;
}
