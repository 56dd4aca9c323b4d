/**
 * Splits a Markdown document into translatable messages the way
 * mdbook-xgettext groups pulldown-cmark events: one message per paragraph,
 * heading, list-item paragraph, table cell, block-quote paragraph and
 * footnote paragraph; only the strings and comments of code blocks in a
 * language syntect knows; a whole other code block if it holds `"` or `//`.
 */
import type { Code, Definition, FootnoteDefinition, Heading, Nodes, Paragraph, PhrasingContent, Root, TableCell } from "mdast";
import { parseMarkdown, type ParseOptions } from "./parse.js";
import { phrasingEvents, type InlineContext, type InlineEvent } from "./inline-events.js";
import { writeInline, type WriterContext } from "./msgid-writer.js";
import { findDirective } from "./directives.js";
import { codeBlockMessages, type CodeBlockPolicy } from "./code-block.js";
import { htmlBlockMessages } from "./html-block.js";
import { applyDirective, takeContext, takeGroup, unusedContext, type GroupState } from "./groups.js";
import { lineOf, lineStartOffsets } from "./lines.js";
import { clipPhrasing, clipPhrasingFrom, fitPhrasing } from "./phrasing-range.js";
import { atxContentEnd, headingContentEnd } from "./heading-text.js";
import { definitionParts } from "./definition-list.js";
import { definitionTitle, imageParagraphParts, type TextPart } from "./alt-and-titles.js";

export { lineOf, lineStartOffsets } from "./lines.js";
export { takeGroup, type GroupState } from "./groups.js";

/** One translatable message of a document. */
export interface Message {
  /** The msgid, as mdbook-xgettext writes it. */
  msgid: string;
  /** `#.` comment for translators from `i18n:comment` directives ("" if none). */
  comment: string;
  /** msgctxt from an `i18n:context` directive (absent if none, as in every mdbook-xgettext message). */
  context?: string;
  /** An image's alt text or a title, as an opt-in message of its own (alt-and-titles.ts). */
  part?: "alt" | "title";
  /** 1-based line upstream reports for the message. */
  line: number;
  /** Source range `[start, end)` the message was made from. */
  start: number;
  end: number;
}

export interface SegmentOptions extends ParseOptions, CodeBlockPolicy {
  /** Remove links, keeping their text (SUMMARY.md titles). */
  stripLinks?: boolean;
  /**
   * End a message at inline HTML, as mdbook-xgettext did before it kept inline
   * HTML in the message (catalogs made in 2024 and earlier, e.g. the pt-BR
   * corpus): `You can use <kbd>Ctrl</kbd>` gives `You can use ` and `Ctrl`.
   */
  legacyInlineHtml?: boolean;
  /** Give HTML blocks messages, as mdbook-i18n-helpers 0.4 does (0.3 gives them none). */
  htmlBlocks?: boolean;
  /** Read `Term` / `: definition` lines as definition lists, as mdbook-i18n-helpers 0.4 does. */
  definitionLists?: boolean;
  /** Give a GFM alert marker (`> [!NOTE]`) no message, as 0.4 does (0.3 writes `\\[!NOTE\\] text`). */
  gfmAlerts?: boolean;
  /** Take ```` ```admonish ```` blocks whole, as 0.4 does (0.3 treats them as unknown code). */
  admonish?: boolean;
  /** Alt texts of image-only paragraphs and link definition titles as messages (pobook's opt-in; changes msgids). */
  altAndTitles?: boolean;
}

interface Walk {
  source: string;
  definitions: Map<string, Definition>;
  options: SegmentOptions;
  state: GroupState;
  lineStarts: number[];
  messages: Message[];
}

/** Extracts the messages of one Markdown document. */
export function segmentMarkdown(source: string, options: SegmentOptions = {}): Message[] {
  const tree = parseMarkdown(source, options);
  return segmentTree(tree, source, options);
}

/** Like `segmentMarkdown`, for an already parsed tree. */
export function segmentTree(tree: Root, source: string, options: SegmentOptions = {}): Message[] {
  const state: GroupState = { skipNext: false, skipUntilEnd: false, comments: [] };
  const messages = walkTree(tree, source, options, state);
  if (state.context) throw unusedContext(state.context);
  return messages;
}

function walkTree(tree: Root, source: string, options: SegmentOptions, state: GroupState): Message[] {
  const walk: Walk = {
    source,
    definitions: collectDefinitions(tree),
    options,
    state,
    lineStarts: lineStartOffsets(source),
    messages: [],
  };
  for (const child of tree.children) visitBlock(child, walk, false);
  return walk.messages;
}

function collectDefinitions(tree: Root): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  const visit = (node: Nodes): void => {
    if (node.type === "definition") {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
      return;
    }
    if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return definitions;
}

function visitBlock(node: Nodes, walk: Walk, inBlockQuote: boolean): void {
  switch (node.type) {
    case "paragraph":
      paragraphMessages(node, walk, inBlockQuote);
      return;
    case "heading":
      headingMessage(node, walk, inBlockQuote);
      return;
    case "html":
      walk.messages.push(...htmlBlockMessages(node, walk.source, walk.lineStarts, walk.state, walk.options));
      return;
    case "code":
      codeMessages(node, walk);
      return;
    case "table": {
      // pulldown-cmark drops the cells of a body row past the header's width; mdast keeps them.
      const width = node.children[0]?.children.length ?? 0;
      for (const row of node.children) for (const cell of row.children.slice(0, width)) cellMessage(cell, walk, inBlockQuote);
      return;
    }
    case "blockquote":
      node.children.forEach((child, index) => {
        if (index === 0 && child.type === "paragraph" && walk.options.gfmAlerts) alertParagraph(child, walk);
        else visitBlock(child, walk, true);
      });
      return;
    case "listItem":
      node.children.forEach((child, index) => {
        // A task list item's text starts after its `[ ]` and the spaces that follow it.
        if (index === 0 && typeof node.checked === "boolean" && child.type === "paragraph") taskParagraph(child, walk, inBlockQuote);
        else visitBlock(child, walk, inBlockQuote);
      });
      return;
    case "list":
      for (const child of node.children) visitBlock(child as Nodes, walk, inBlockQuote);
      return;
    case "footnoteDefinition":
      footnoteMessages(node, walk, inBlockQuote);
      return;
    case "definition": {
      const title = walk.options.altAndTitles ? definitionTitle(node, walk.source) : undefined;
      if (title) pushPart(walk, title);
      return;
    }
    default:
      // thematicBreak, definition, yaml: no message.
      return;
  }
}

function inlineContext(walk: Walk, blockStart: number, inBlockQuote: boolean, inTable = false): InlineContext {
  return { source: walk.source, definitions: walk.definitions, inBlockQuote, blockStart, inTable };
}

function addMessage(walk: Walk, events: InlineEvent[], writer: WriterContext, start: number, end: number): void {
  const { keep, comment } = takeGroup(walk.state);
  if (!keep) return;
  const visible = walk.options.stripLinks
    ? events.filter((event) => !((event.type === "start" || event.type === "end") && event.tag === "link"))
    : events;
  const msgid = writeInline(visible, writer);
  if (msgid.trim() === "") return;
  const context = takeContext(walk.state);
  walk.messages.push({ msgid, comment, line: lineOf(walk.lineStarts, start), start, end, ...(context === undefined ? {} : { context }) });
}

/** A GFM alert marker (`> [!NOTE]`) alone on the first line of a block quote. */
const ALERT_MARKER = /^\[!(?:note|tip|important|warning|caution)\][ \t]*(?:\r?\n|$)/i;

/**
 * The first paragraph of a block quote: a GFM alert marker line gives no
 * message, the text after it is the message (mdbook-i18n-helpers 0.4).
 */
function alertParagraph(node: Paragraph, walk: Walk): void {
  const start = node.position!.start.offset!;
  const marker = ALERT_MARKER.exec(walk.source.slice(start, node.position!.end.offset!));
  if (!marker) {
    paragraphMessages(node, walk, true);
    return;
  }
  // Skip the marker line and the next line's `>` prefix.
  let bodyStart = start + marker[0].length;
  while (bodyStart < walk.source.length && /[ \t>]/.test(walk.source[bodyStart]!)) bodyStart++;
  const body = clipPhrasingFrom(node.children, bodyStart);
  phrasingMessages(body, walk, inlineContext(walk, bodyStart, true), {}, bodyStart, node.position!.end.offset!);
}

const FOOTNOTE_LABEL = /^\[\^(?:[^\]\\]|\\.)*\]:/;

/**
 * A footnote definition as mdbook-xgettext's parser reads it: pulldown-cmark's
 * "old footnotes" are not an indented container. The text after `[^x]:` and
 * the lines after it are read as top-level Markdown (indentation kept, so
 * `    - item` continues the paragraph and `[^x]:     code` is indented code)
 * and a blank line ends the footnote. GFM footnotes (micromark) nest
 * indented blocks instead, so the definition's source is segmented again as
 * a document of its own.
 */
function footnoteMessages(node: FootnoteDefinition, walk: Walk, inBlockQuote: boolean): void {
  const start = node.position!.start.offset!;
  const label = FOOTNOTE_LABEL.exec(walk.source.slice(start, node.position!.end.offset!));
  if (!label || inBlockQuote) {
    for (const child of node.children) visitBlock(child as Nodes, walk, inBlockQuote);
    return;
  }
  const bodyStart = start + label[0].length;
  const body = walk.source.slice(bodyStart, node.position!.end.offset!);
  // The book's link definitions, so that references inside the footnote resolve.
  const definitions = body.includes("[")
    ? [...walk.definitions.values()].map((definition) => walk.source.slice(definition.position!.start.offset!, definition.position!.end.offset!))
    : [];
  const text = definitions.length ? `${body}\n\n${definitions.join("\n")}\n` : body;
  const lineShift = lineOf(walk.lineStarts, bodyStart) - 1;
  for (const message of walkTree(parseMarkdown(text, { frontMatter: false }), text, { ...walk.options, frontMatter: false }, walk.state)) {
    if (message.start >= body.length) continue;
    walk.messages.push({ ...message, line: message.line + lineShift, start: message.start + bodyStart, end: message.end + bodyStart });
  }
}

function taskParagraph(node: Paragraph, walk: Walk, inBlockQuote: boolean): void {
  let start = node.position!.start.offset!;
  while (start < node.position!.end.offset! && /[ \t]/.test(walk.source[start]!)) start++;
  const children = clipPhrasingFrom(node.children, start);
  phrasingMessages(children, walk, inlineContext(walk, start, inBlockQuote), {}, start, node.position!.end.offset!);
}

/** An alt text or title message: its text as written. */
function pushPart(walk: Walk, part: TextPart, comment = "", context?: string): void {
  const msgid = walk.source.slice(part.start, part.end);
  if (msgid.trim() === "") return;
  const message: Message = { msgid, comment, line: lineOf(walk.lineStarts, part.start), start: part.start, end: part.end, part: part.part };
  if (context !== undefined) message.context = context;
  walk.messages.push(message);
}

function paragraphMessages(node: Paragraph, walk: Walk, inBlockQuote: boolean): void {
  const images = walk.options.altAndTitles ? imageParagraphParts(node, walk.source) : undefined;
  if (images) {
    // One group, as the paragraph was: a skip skips it all, a comment or context goes to its first message.
    const { keep, comment } = takeGroup(walk.state);
    if (!keep) return;
    images.forEach((part, index) => pushPart(walk, part, index === 0 ? comment : "", index === 0 ? takeContext(walk.state) : undefined));
    return;
  }
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  const parts = walk.options.definitionLists ? definitionParts(walk.source, start, end) : [{ start, end }];
  for (const part of parts) {
    const children = part.start === start && part.end === end ? node.children : clipPhrasing(clipPhrasingFrom(node.children, part.start), part.end);
    phrasingMessages(children, walk, inlineContext(walk, part.start, inBlockQuote), {}, part.start, part.end);
  }
}

/**
 * The messages of a run of phrasing content: usually one, but inline HTML
 * directives (and, in legacy mode, any inline HTML) end the current group,
 * wherever they are nested, as in upstream's flat event stream.
 */
function phrasingMessages(
  children: readonly PhrasingContent[],
  walk: Walk,
  context: InlineContext,
  writer: WriterContext,
  start: number,
  end: number,
): void {
  const events = phrasingEvents(children, context);
  let part: InlineEvent[] = [];
  let partStart = start;
  for (const event of events) {
    if (event.type !== "html") {
      part.push(event);
      continue;
    }
    const directive = findDirective(event.value);
    if (!directive && !walk.options.legacyInlineHtml) {
      part.push(event);
      continue;
    }
    addMessage(walk, part, writer, partStart, event.start ?? partStart);
    if (directive) applyDirective(directive, walk.state, true, lineOf(walk.lineStarts, event.start ?? partStart));
    if (directive?.kind === "comment" || directive?.kind === "skip") {
      // Upstream restarts the group at the directive event, so the directive's
      // own HTML opens the next message (a skipped one, for `skip`).
      part = [event];
      partStart = event.start ?? partStart;
    } else {
      part = [];
      partStart = event.end ?? partStart;
    }
  }
  addMessage(walk, part, writer, partStart, end);
}

function headingMessage(node: Heading, walk: Walk, inBlockQuote: boolean): void {
  const first = node.children[0];
  if (!first) return;
  const start = first.position!.start.offset!;
  const atx = /^[ \t]*#/.test(walk.source.slice(walk.source.lastIndexOf("\n", start - 1) + 1, start));
  const limit = atx ? atxContentEnd(walk.source, start) : headingContentEnd(node, walk.source);
  const children = limit === undefined ? node.children : fitPhrasing(node.children, limit, walk.source);
  const end = limit ?? node.children[node.children.length - 1]!.position!.end.offset!;
  phrasingMessages(children, walk, inlineContext(walk, start, inBlockQuote), { inHeading: true }, start, end);
}

function cellMessage(cell: TableCell, walk: Walk, inBlockQuote: boolean): void {
  const first = cell.children[0];
  if (!first) return;
  const start = first.position!.start.offset!;
  const end = cell.children[cell.children.length - 1]!.position!.end.offset!;
  phrasingMessages(cell.children, walk, inlineContext(walk, start, inBlockQuote, true), { inTable: true }, start, end);
}

function codeMessages(node: Code, walk: Walk): void {
  for (const message of codeBlockMessages(node, walk.source, walk.lineStarts, walk.state, walk.options)) {
    walk.messages.push(message);
  }
}
