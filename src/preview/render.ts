/**
 * One chapter of the preview: translated like mdbook-gettext would (chapter
 * text with includes expanded, same core as `pobook translate`), rendered to
 * HTML with remark-rehype + rehype-highlight + rehype-stringify, each block
 * that carries messages marked with what happened to them (translated,
 * fuzzy, untranslated, rejected), the PO line and the source text.
 */
import { inFile } from "../errors.js";
import type { Element, ElementContent, Root as HastRoot } from "hast";
import type { Nodes as MdastNodes } from "mdast";
import rehypeHighlight from "rehype-highlight";
import rehypeStringify from "rehype-stringify";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { BookConfig } from "../book/config.js";
import { expandLinks, type ReadBookFile } from "../book/links.js";
import type { PobookError } from "../errors.js";
import { parseMarkdown } from "../markdown/parse.js";
import { prepareChapterDocument } from "../translate/book.js";
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
  /** How the catalog is named in hover titles (`po/de.po`). */
  poName: string;
  legacyInlineHtml?: boolean;
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

function describe(outcome: MessageOutcome, poName: string): string {
  const where = outcome.poLine === undefined ? `not in ${poName}` : `${poName}:${outcome.poLine}`;
  return `${where} (${outcome.status})`;
}

/** A rehype step putting status classes, PO lines and source text on the blocks of `outcomes`. */
function markBlocks(outcomes: readonly MessageOutcome[], poName: string) {
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
    for (const [element, list] of byBlock) {
      const statuses = new Set(list.map((outcome) => outcome.status));
      const worst = SEVERITY.find((status) => statuses.has(status))!;
      const withLine = list.find((outcome) => outcome.poLine !== undefined);
      const existing = Array.isArray(element.properties.className) ? element.properties.className : [];
      element.properties.className = [...existing, "po-msg", ...[...statuses].map((status) => `po-${status}`)];
      element.properties.dataPoStatus = worst;
      element.properties.dataPoFile = poName;
      if (withLine) element.properties.dataPoLine = String(withLine.poLine);
      element.properties.dataPoSource = list.map((outcome) => outcome.message.msgid.replace(/\n$/, "")).join("\n");
      element.properties.title = list.map((outcome) => describe(outcome, poName)).join("\n");
    }
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
export function markdownToHtml(markdown: string, outcomes: readonly MessageOutcome[], options: { poName: string; frontMatter?: boolean }): string {
  const tree = parseMarkdown(maskCourseDirectives(markdown), { frontMatter: options.frontMatter });
  normalizeCodeLanguages(tree);
  const processor = unified()
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeHighlight, { detect: false })
    .use(markBlocks(outcomes, options.poName))
    .use(chapterLinks())
    .use(rehypeStringify, { allowDangerousHtml: true });
  const hast = processor.runSync(tree) as HastRoot;
  return processor.stringify(hast);
}

/** Translates one chapter file (`path` relative to the book root) and renders it. */
export function renderChapter(config: BookConfig, path: string, read: ReadBookFile, lookup: Lookup, options: RenderOptions): RenderedChapter {
  const problems: PobookError[] = [];
  const content = expandLinks(read(path), { path, read, problems });
  const document = prepareChapterDocument(config, path, content, { legacyInlineHtml: options.legacyInlineHtml });
  const result = translateWithOutcomes(document.parsed, document.tree, document.messages, lookup, { ...document.options, original: document.original });
  const count = (status: MessageStatus): number => result.outcomes.filter((outcome) => outcome.status === status).length;
  const stats: ChapterStats = { total: result.total, translated: count("translated"), fuzzy: count("fuzzy"), untranslated: count("untranslated"), rejected: count("rejected") };
  const html = inFile(path, () => markdownToHtml(result.text, result.outcomes, { poName: options.poName, frontMatter: config.coursePreprocessor }));
  return { html, stats, problems: problems.map((problem) => problem.format()) };
}
