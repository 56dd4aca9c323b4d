/**
 * The anchor ids mdBook (0.4, the html renderer) gives a chapter's headings.
 *
 * mdBook renders the chapter with pulldown-cmark, then runs one regex over
 * the page's HTML: every `<hN>`, `<hN id="…">` or `<hN id="…" class="…">`
 * whose content stays on one line gets a link; its id is the explicit one,
 * else its content with tags and a few entities removed, trimmed, leading
 * `#` dropped, letters/digits/`_`/`-` kept (ASCII-lowercased), whitespace as
 * `-`, anything else dropped; the n-th repeat of an id gets `-n`. Headings
 * written as raw HTML take part (and count) too. Nothing here renders whole
 * pages: only what can form such a match is rendered (text is escaped, so
 * only headings and raw HTML can), in document order.
 */
import type { Heading, Nodes, PhrasingContent, Root } from "mdast";
import { atxContentEnd, headingContentEnd } from "./heading-text.js";

/** A heading's trailing `{ #id .class key=value }` block, as pulldown-cmark reads it. */
export interface HeadingAttributes {
  /** Source range of the block, braces included. */
  start: number;
  end: number;
  id?: string;
  classes: string[];
  /** Other attributes (`key=value`, `key`): pulldown-cmark writes them after `class`, where mdBook's regex no longer matches. */
  others: number;
  /** The `key=value` attributes among `others`, in order (the preview writes them onto the heading, as pulldown-cmark does). */
  pairs: Array<[string, string]>;
}

export interface HeadingAnchor {
  /** The Markdown heading (absent for a heading written as raw HTML). */
  node?: Heading;
  /** The id the rendered page gives it; undefined when mdBook gives it none (content on several lines, other attributes). */
  id?: string;
  /** The id comes from the source (an attribute block or the HTML's `id="…"`). */
  explicit: boolean;
  /** Where the heading's text ends in the source (before its attribute block and closing `#`s). */
  contentEnd?: number;
  attributes?: HeadingAttributes;
  /** The id computed from the content, before `-n` suffixes (auto ids only). */
  base?: string;
}

export interface HeadingIdOptions {
  /** `[output.html] smart-punctuation` (or `curly-quotes`): `--` and `---` become dashes, which ids drop. */
  smartPunctuation?: boolean;
}

const HEADER = /<h(\d)(?: id="([^"]+)")?(?: class="([^"]+)")?>([^\n]*?)<\/h\d>/g;
const IGNORED_CLASSES = new Set(["menu-title", "mdbook-help-title"]);
const ENTITIES = ["&lt;", "&gt;", "&amp;", "&#39;", "&quot;"];
const EDGE_SPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;

/** mdBook's `normalize_id`: the characters of an id an HTML `id` keeps. */
export function normalizeId(content: string): string {
  let id = "";
  for (const char of content) {
    if (char === "_" || char === "-" || /[\p{Alphabetic}\p{N}]/u.test(char)) id += char.length === 1 && char < "\u0080" ? char.toLowerCase() : char;
    else if (/\p{White_Space}/u.test(char)) id += "-";
  }
  return id;
}

/** mdBook's `id_from_content`, over a heading's rendered HTML content. */
export function idFromContent(html: string): string {
  let content = html.replace(/<[^\n]*?>/g, "");
  for (const entity of ENTITIES) content = content.split(entity).join("");
  return normalizeId(content.replace(EDGE_SPACE, "").replace(/^#+/, "").replace(EDGE_SPACE, ""));
}

/** mdBook's `unique_id_from_content` counter: the n-th use of an id (from 0) is `id-n`. */
export function uniqueId(id: string, counter: Map<string, number>): string {
  const count = counter.get(id) ?? 0;
  counter.set(id, count + 1);
  return count === 0 ? id : `${id}-${count}`;
}

/** Reads a trailing attribute block (pulldown-cmark's rules: split at ASCII whitespace, tokens of one character ignored). */
export function parseAttributeBlock(source: string, start: number, end: number): HeadingAttributes {
  const attributes: HeadingAttributes = { start, end, classes: [], others: 0, pairs: [] };
  for (const token of source.slice(start + 1, end - 1).split(/[ \t\n\f\r]+/)) {
    if (token.length <= 1) continue;
    if (token[0] === "#") attributes.id = token.slice(1);
    else if (token[0] === ".") attributes.classes.push(token.slice(1));
    else {
      attributes.others++;
      const equals = token.indexOf("=");
      if (equals > 0) attributes.pairs.push([token.slice(0, equals), token.slice(equals + 1)]);
    }
  }
  return attributes;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[char]!);
}

interface RenderState {
  html: string[];
  length: number;
  footnotes: Map<string, number>;
  smart: boolean;
  /** Offset in the rendered text of each Markdown heading's `<h`. */
  headings: Map<number, HeadingAnchor>;
}

function push(state: RenderState, text: string): void {
  state.html.push(text);
  state.length += text.length;
}

function renderPhrasing(nodes: readonly PhrasingContent[], state: RenderState): void {
  for (const node of nodes) {
    switch (node.type) {
      case "text":
        push(state, escapeHtml(state.smart ? node.value.replace(/-{2,}/g, "") : node.value));
        break;
      case "inlineCode":
        push(state, `<code>${escapeHtml(node.value)}</code>`);
        break;
      case "html":
        push(state, node.value);
        break;
      case "break":
        push(state, "<br />\n");
        break;
      case "image":
      case "imageReference":
        push(state, "<img />");
        break;
      case "footnoteReference": {
        const number = state.footnotes.get(node.identifier) ?? state.footnotes.size + 1;
        state.footnotes.set(node.identifier, number);
        push(state, `<sup class="footnote-reference"><a>${number}</a></sup>`);
        break;
      }
      default:
        if ("children" in node) {
          push(state, "<span>");
          renderPhrasing(node.children as PhrasingContent[], state);
          push(state, "</span>");
        }
    }
  }
}

/** A heading's content as pulldown-cmark reads it: without a trailing attribute block or closing `#` run. */
function headingContent(node: Heading, source: string): { children: PhrasingContent[]; end?: number; attributes?: HeadingAttributes } {
  const first = node.children[0];
  if (!first) return { children: [] };
  const start = first.position!.start.offset!;
  const atx = /^[ \t]*#/.test(source.slice(source.lastIndexOf("\n", start - 1) + 1, start));
  const lastEnd = node.children[node.children.length - 1]!.position!.end.offset!;
  const limit = atx ? atxContentEnd(source, start) : (headingContentEnd(node, source) ?? lastEnd);
  // The attribute block is the last `{…}` between the content and the end of the heading's text.
  const lineEnd = atx ? source.slice(start).search(/\r?\n|$/) + start : lastEnd;
  const rest = source.slice(limit, lineEnd);
  const block = /\{[^{}<>\\\r\n]*\}(?=[ \t]*$)/.exec(rest);
  const attributes = block ? parseAttributeBlock(source, limit + block.index, limit + block.index + block[0].length) : undefined;
  const children: PhrasingContent[] = [];
  for (const child of node.children) {
    const childStart = child.position!.start.offset!;
    const childEnd = child.position!.end.offset!;
    if (childStart >= limit) break;
    if (childEnd <= limit || child.type !== "text") {
      children.push(child);
      continue;
    }
    // A text node holding the attribute block: its value ends with the block's characters (no escapes there).
    children.push({ ...child, value: child.value.slice(0, Math.max(0, child.value.length - (childEnd - limit))) });
  }
  const last = children[children.length - 1];
  const gapStart = last?.position?.end.offset;
  // pulldown-cmark keeps what micromark trims (a tab before a closing `#` run).
  if (gapStart !== undefined && gapStart < limit && last!.type !== "text") children.push({ type: "text", value: source.slice(gapStart, limit) });
  else if (gapStart !== undefined && gapStart < limit && last!.type === "text") children[children.length - 1] = { ...last!, value: (last as { value: string }).value + source.slice(gapStart, limit) };
  return { children, end: limit, attributes };
}

function renderHeading(node: Heading, source: string, state: RenderState): void {
  const { children, end, attributes } = headingContent(node, source);
  const anchor: HeadingAnchor = { node, explicit: attributes?.id !== undefined, contentEnd: end, attributes };
  let tag = `<h${node.depth}`;
  if (attributes?.id !== undefined) tag += ` id="${escapeHtml(attributes.id).replace(/'/g, "&#39;")}"`;
  if (attributes && attributes.classes.length > 0) tag += ` class="${attributes.classes.map(escapeHtml).join(" ")}"`;
  if (attributes && attributes.others > 0) tag += ` data-other=""`;
  state.headings.set(state.length, anchor);
  push(state, `${tag}>`);
  renderPhrasing(children, state);
  push(state, `</h${node.depth}>\n`);
}

function renderBlock(node: Nodes, source: string, state: RenderState): void {
  switch (node.type) {
    case "heading":
      renderHeading(node, source, state);
      return;
    case "html":
      push(state, `${node.value}\n`);
      return;
    case "paragraph":
    case "tableCell":
      renderPhrasing(node.children, state);
      push(state, "\n");
      return;
    case "code":
    case "yaml":
    case "definition":
    case "thematicBreak":
      return;
    default:
      if ("children" in node) for (const child of node.children) renderBlock(child as Nodes, source, state);
  }
}

/**
 * Every heading of a chapter that mdBook gives an anchor, in page order:
 * Markdown headings (with their node) and headings written as raw HTML.
 * A Markdown heading mdBook gives no id is listed with `id` undefined.
 */
export function headingAnchors(tree: Root, source: string, options: HeadingIdOptions = {}): HeadingAnchor[] {
  const state: RenderState = { html: [], length: 0, footnotes: new Map(), smart: options.smartPunctuation === true, headings: new Map() };
  renderBlock(tree, source, state);
  const html = state.html.join("");
  const counter = new Map<string, number>();
  const offsets = new Map<HeadingAnchor, number>([...state.headings].map(([offset, anchor]) => [anchor, offset]));
  for (const match of html.matchAll(HEADER)) {
    const [, , id, classes, content] = match;
    if (classes !== undefined && classes.split(" ").some((name) => IGNORED_CLASSES.has(name))) continue;
    let heading = state.headings.get(match.index!);
    if (heading === undefined) {
      heading = { explicit: id !== undefined };
      offsets.set(heading, match.index!);
    }
    if (id !== undefined) heading.id = heading.node ? heading.attributes!.id : decodeAttribute(id);
    else {
      heading.base = idFromContent(content!);
      heading.id = uniqueId(heading.base, counter);
    }
  }
  // A heading the regex passes over (content on several lines) still has the id pulldown-cmark writes from its attribute block.
  for (const heading of state.headings.values()) if (heading.id === undefined && heading.attributes?.id !== undefined) heading.id = heading.attributes.id;
  return [...offsets].sort((a, b) => a[1] - b[1]).map(([anchor]) => anchor);
}

function decodeAttribute(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_entity, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name]!);
}

/**
 * Every fragment a link inside the chapter can reach: heading ids as mdBook
 * gives them, `id="…"` and `<a name="…">` of raw HTML, footnote labels.
 */
export function chapterFragments(tree: Root, source: string, options: HeadingIdOptions = {}): Set<string> {
  const fragments = new Set<string>();
  for (const anchor of headingAnchors(tree, source, options)) if (anchor.id !== undefined) fragments.add(anchor.id);
  const visit = (node: Nodes): void => {
    if (node.type === "html") {
      for (const match of node.value.matchAll(/\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi)) fragments.add(decodeAttribute(match[1] ?? match[2] ?? match[3]!));
    }
    if (node.type === "footnoteDefinition") fragments.add(node.label ?? node.identifier);
    if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return fragments;
}
