/**
 * One chapter of the preview: translated like mdbook-gettext would (chapter
 * text with includes expanded, same core as `pobook translate`), rendered to
 * HTML with remark-rehype + highlight.js (highlight.ts) + rehype-stringify, each block
 * that carries messages marked with what happened to them (translated,
 * fuzzy, untranslated, rejected), the PO line and the source text.
 */
import { inFile } from "../errors.js";
import type { Element, ElementContent, Root as HastRoot } from "hast";
import type { Nodes as MdastNodes } from "mdast";
import rehypeStringify from "rehype-stringify";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { BookConfig } from "../book/config.js";
import { expandLinks, type ReadBookFile } from "../book/links.js";
import type { PobookError } from "../errors.js";
import { parseMarkdown } from "../markdown/parse.js";
import { prepareChapterDocument, type PreparedDocument } from "../translate/book.js";
import { markCodeRanges } from "./code-marks.js";
import { rehypeLazyHighlight } from "./highlight.js";
import { applyMdbookHeadings } from "./heading-links.js";
import { translateWithOutcomes, type MessageOutcome } from "../translate/document.js";
import type { Lookup } from "../translate/lookup.js";

export type MessageStatus = MessageOutcome["status"];

export interface ChapterStats {
  total: number;
  translated: number;
  fuzzy: number;
  untranslated: number;
  rejected: number;
}

export interface RenderedChapter {
  html: string;
  stats: ChapterStats;
  /** Includes that could not be read or form a cycle, one line each (left in the text, as mdBook does). */
  problems: string[];
}

export interface RenderOptions {
  /** How the catalog is named in hover titles (`po/de.po`); "" for the source language (no marks). */
  poName: string;
  legacyInlineHtml?: boolean;
  /** A catalog tree's file and line of an entry's line. */
  place?: (line: number) => { file: string; line: number };
}

/** Elements a message's text can sit in, innermost wins. */
const BLOCKS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "th", "li", "dt", "dd"]);
/** Worst first: a block shows the worst status of its messages. */
const SEVERITY: MessageStatus[] = ["untranslated", "fuzzy", "rejected", "translated"];

interface Located {
  element: Element;
  start: number;
  end: number;
}

function blockElements(tree: HastRoot): Located[] {
  const found: Located[] = [];
  const visit = (node: HastRoot | ElementContent): void => {
    if (node.type === "element" && BLOCKS.has(node.tagName) && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
      found.push({ element: node, start: node.position.start.offset, end: node.position.end.offset });
    }
    if ("children" in node) for (const child of node.children) visit(child as ElementContent);
  };
  visit(tree);
  return found;
}

/** The innermost block whose source range holds `[start, end)`. */
function innermost(blocks: readonly Located[], start: number, end: number): Located | undefined {
  let best: Located | undefined;
  for (const block of blocks) {
    if (block.start <= start && end <= block.end && (!best || block.end - block.start < best.end - best.start)) best = block;
  }
  return best;
}

function describe(outcome: MessageOutcome, poName: string, place?: RenderOptions["place"]): string {
  const found = outcome.poLine === undefined ? undefined : place ? place(outcome.poLine) : { file: poName, line: outcome.poLine };
  const where = found === undefined ? `not in ${poName}` : `${found.file}:${found.line}`;
  return `${where} (${outcome.status})`;
}

/** Status classes, PO line and source text of `list` (one block's or one code string's messages). */
function markProperties(list: readonly MessageOutcome[], poName: string, existing: unknown, place?: RenderOptions["place"]): Record<string, unknown> {
  const statuses = new Set(list.map((outcome) => outcome.status));
  const worst = SEVERITY.find((status) => statuses.has(status))!;
  const withLine = list.find((outcome) => outcome.poLine !== undefined);
  const properties: Record<string, unknown> = {
    className: [...(Array.isArray(existing) ? existing : []), "po-msg", ...[...statuses].map((status) => `po-${status}`)],
    dataPoStatus: worst,
    dataPoFile: poName,
  };
  if (withLine) {
    const found = place ? place(withLine.poLine!) : { file: poName, line: withLine.poLine! };
    properties.dataPoFile = found.file;
    properties.dataPoLine = String(found.line);
  }
  properties.dataPoSource = list.map((outcome) => outcome.message.msgid.replace(/\n$/, "")).join("\n");
  properties.title = list.map((outcome) => describe(outcome, poName, place)).join("\n");
  return properties;
}

/**
 * A rehype step putting status classes, PO lines and source text on the
 * blocks of `outcomes`; in a code block, on each message's own text.
 */
function markBlocks(outcomes: readonly MessageOutcome[], poName: string, markdown: string, place?: RenderOptions["place"]) {
  return () => (tree: HastRoot): void => {
    const blocks = blockElements(tree);
    const byBlock = new Map<Element, MessageOutcome[]>();
    for (const outcome of outcomes) {
      const block = innermost(blocks, outcome.outputStart, Math.max(outcome.outputStart, outcome.outputEnd));
      if (!block) continue;
      const list = byBlock.get(block.element) ?? [];
      list.push(outcome);
      byBlock.set(block.element, list);
    }
    let lines: { text: string[]; offsets: number[] } | undefined;
    const sourceLines = (): { text: string[]; offsets: number[] } => {
      if (lines) return lines;
      const text = markdown.split("\n");
      const offsets: number[] = [];
      let offset = 0;
      for (const line of text) {
        offsets.push(offset);
        offset += line.length + 1;
      }
      return (lines = { text, offsets });
    };
    for (const [element, list] of byBlock) {
      if (element.tagName === "pre" && element.position) {
        const fenced = /^[ \t]*(`{3,}|~{3,})/.test(markdown.slice(element.position.start.offset!));
        const { text, offsets } = sourceLines();
        const ranges = list.map((outcome) => ({ start: outcome.outputStart, end: outcome.outputEnd, properties: markProperties([outcome], poName, [], place) as never }));
        if (markCodeRanges(element, ranges, text, offsets, element.position.start.line - 1, fenced)) {
          element.properties.dataPoMessages = String(list.length);
          continue;
        }
      }
      Object.assign(element.properties, markProperties(list, poName, element.properties.className, place));
    }
  };
}

/** remark-rehype's footnote section without its English heading: a rule, as pulldown-cmark's page shows no label either. */
function languageNeutralFootnotes() {
  return () => (tree: HastRoot): void => {
    const visit = (node: HastRoot | Element): void => {
      for (const [index, child] of node.children.entries()) {
        if (child.type !== "element") continue;
        const described: unknown = child.properties.ariaDescribedBy;
        if (described === "footnote-label" || (Array.isArray(described) && described.includes("footnote-label"))) delete child.properties.ariaDescribedBy;
        if (child.tagName === "section" && "dataFootnotes" in child.properties) {
          child.children = child.children.map((inner) =>
            inner.type === "element" && inner.properties.id === "footnote-label" ? { type: "element", tagName: "hr", properties: {}, children: [] } : inner,
          );
          delete child.properties.ariaLabelledBy;
          node.children[index] = child;
        } else visit(child);
      }
    };
    visit(tree);
  };
}

/** Links to other chapters point at their preview pages (`x.md#a` → `x.html#a`). */
function chapterLinks() {
  return () => (tree: HastRoot): void => {
    const visit = (node: HastRoot | ElementContent): void => {
      if (node.type === "element" && node.tagName === "a" && typeof node.properties.href === "string") {
        const href = node.properties.href;
        if (!/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) node.properties.href = href.replace(/\.md(?=$|#)/, ".html");
      }
      if ("children" in node) for (const child of node.children) visit(child as ElementContent);
    };
    visit(tree);
  };
}

/** mdBook reads only the first word of `rust,editable` as the language. */
function normalizeCodeLanguages(node: MdastNodes): void {
  if (node.type === "code" && node.lang) node.lang = node.lang.split(",")[0]!.trim() || null;
  if ("children" in node) for (const child of node.children) normalizeCodeLanguages(child as MdastNodes);
}

/** mdbook-course's `{{%...}}` lines: its own preprocessor replaces them; the preview leaves them out. */
const maskCourseDirectives = (text: string): string => text.replace(/^\{\{%[^}]*\}\}[ \t]*$/gm, (line) => " ".repeat(line.length));

/** Markdown (with per-message outcomes over its text) → HTML. */
export function markdownToHtml(markdown: string, outcomes: readonly MessageOutcome[], options: { poName: string; frontMatter?: boolean; smartPunctuation?: boolean; place?: RenderOptions["place"] }): string {
  const masked = maskCourseDirectives(markdown);
  const tree = parseMarkdown(masked, { frontMatter: options.frontMatter });
  normalizeCodeLanguages(tree);
  applyMdbookHeadings(tree, masked, { smartPunctuation: options.smartPunctuation ?? false });
  const processor = unified()
    .use(remarkRehype, { allowDangerousHtml: true, footnoteBackLabel: "\u21a9" })
    .use(rehypeLazyHighlight)
    .use(markBlocks(outcomes, options.poName, masked, options.place))
    .use(languageNeutralFootnotes())
    .use(chapterLinks())
    .use(rehypeStringify, { allowDangerousHtml: true });
  const hast = processor.runSync(tree) as HastRoot;
  return processor.stringify(hast);
}

/** `[output.html] smart-punctuation` (mdBook 0.4.40+) or its older name `curly-quotes`. */
export function smartPunctuation(config: BookConfig): boolean {
  const output = config.raw.output as Record<string, unknown> | undefined;
  const html = (output?.html ?? {}) as Record<string, unknown>;
  return html["smart-punctuation"] === true || html["curly-quotes"] === true;
}

/** A chapter's text with its includes expanded, and every file that took (path → text at the time). */
export interface ExpandedChapter {
  content: string;
  files: Map<string, string>;
  problems: string[];
}

export function expandChapter(path: string, read: ReadBookFile): ExpandedChapter {
  const files = new Map<string, string>();
  const tracked: ReadBookFile = (file) => {
    const text = read(file);
    files.set(file, text);
    return text;
  };
  const problems: PobookError[] = [];
  const content = expandLinks(tracked(path), { path, read: tracked, problems });
  return { content, files, problems: problems.map((problem) => problem.format()) };
}

/** A prepared (parsed and segmented) chapter translated with `lookup` and rendered. */
export function renderPrepared(config: BookConfig, path: string, document: PreparedDocument, lookup: Lookup, options: RenderOptions): { html: string; stats: ChapterStats } {
  const result = translateWithOutcomes(document.parsed, document.tree, document.messages, lookup, { ...document.options, original: document.original });
  const count = (status: MessageStatus): number => result.outcomes.filter((outcome) => outcome.status === status).length;
  const stats: ChapterStats = { total: result.total, translated: count("translated"), fuzzy: count("fuzzy"), untranslated: count("untranslated"), rejected: count("rejected") };
  // The book's own language has no catalog: nothing to mark.
  const html = inFile(path, () => markdownToHtml(result.text, options.poName === "" ? [] : result.outcomes, { poName: options.poName, frontMatter: config.coursePreprocessor, smartPunctuation: smartPunctuation(config), place: options.place }));
  return { html, stats };
}

/** Translates one chapter file (`path` relative to the book root) and renders it. */
export function renderChapter(config: BookConfig, path: string, read: ReadBookFile, lookup: Lookup, options: RenderOptions): RenderedChapter {
  const expanded = expandChapter(path, read);
  const document = prepareChapterDocument(config, path, expanded.content, { legacyInlineHtml: options.legacyInlineHtml });
  return { ...renderPrepared(config, path, document, lookup, options), problems: expanded.problems };
}
