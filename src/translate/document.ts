/**
 * Applies a catalog to one Markdown document losslessly: each translated
 * message's msgstr is spliced into the source over the range the message was
 * made from; every other byte is the source's own. The document is never
 * re-serialized.
 *
 * A msgstr is written in the message's context: continuation lines get the
 * container prefix back (`> `, list indentation), headings and table cells
 * must stay one line, code strings and comments are replaced in place and
 * whole code blocks must keep their fences. A msgstr that would break its
 * context is reported and the source text kept.
 */
import type { Code, Link, Nodes, Root } from "mdast";
import { parseMarkdown } from "../markdown/parse.js";
import { lineOf, lineStartOffsets, segmentTree, type Message, type SegmentOptions } from "../markdown/segment.js";
import type { Lookup } from "./lookup.js";
import { dropLinkEscapes } from "../book/links.js";
import { emphasisForSource, emphasisLoss } from "./emphasis.js";
import { backticksForSource } from "./backticks.js";
import { escapeHeadingAttributes, inSourceFences, paragraphChange, setextProblem } from "./block-shape.js";
import { escapeNewDirectives } from "./directives.js";
import { keepSpacesBeforeBreaks } from "./hard-breaks.js";
import { partProblem } from "../markdown/alt-and-titles.js";

export interface TranslateOptions extends SegmentOptions {
  /** SUMMARY.md: messages are link texts (links stripped); only the link text is replaced. */
  summary?: boolean;
  /**
   * The bytes to write when `source` was masked for parsing (same length,
   * only non-message text blanked, e.g. mdbook-course directives).
   */
  original?: string;
  /**
   * The output is read by mdBook's links preprocessor (chapters and the files
   * they include, not SUMMARY.md or text already expanded): a msgstr's
   * `{{#...}}` is live only where the source's was.
   */
  mdbookLinks?: boolean;
}

export interface TranslationWarning {
  /** 1-based source line of the message. */
  line: number;
  /** Line of the PO entry whose msgstr was rejected. */
  poLine?: number;
  message: string;
}

export interface DocumentTranslation {
  text: string;
  /** Messages of the document. */
  total: number;
  /** Messages replaced by their translation (or whose translation equals the source). */
  applied: number;
  /** Messages whose entry is fuzzy (source kept). */
  fuzzy: number;
  /** Messages without a translation (source kept). */
  untranslated: number;
  /** Translations rejected because they would break their context (source kept). */
  warnings: TranslationWarning[];
}

type BlockKind = "paragraph" | "heading" | "tableCell" | "code";

interface Block {
  kind: BlockKind;
  start: number;
  end: number;
  node: Nodes;
}

/** A replacement of `[start, end)` of the source by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
  /** The PO line and source line of the translation written (for warnings about it later). */
  poLine?: number;
  line?: number;
}

/** The blocks messages are made from, in document order (they never nest). */
function collectBlocks(tree: Root): { blocks: Block[]; links: Link[] } {
  const blocks: Block[] = [];
  const links: Link[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "link") links.push(node);
    if (node.type === "paragraph" || node.type === "heading" || node.type === "tableCell" || node.type === "code") {
      blocks.push({ kind: node.type, start: node.position!.start.offset!, end: node.position!.end.offset!, node });
    }
    if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return { blocks, links };
}

function blockAt(blocks: readonly Block[], offset: number): Block | undefined {
  let low = 0;
  let high = blocks.length - 1;
  let found: Block | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (blocks[mid]!.start <= offset) {
      found = blocks[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  return found && offset < found.end ? found : undefined;
}

function lineBounds(source: string, offset: number): { start: number; end: number } {
  const start = source.lastIndexOf("\n", offset - 1) + 1;
  const newline = source.indexOf("\n", offset);
  return { start, end: newline === -1 ? source.length : newline };
}

/**
 * What continuation lines of a block need in front of them: the text before
 * the block on its first line (block-quote markers, indentation) with list
 * markers, task boxes and footnote labels turned into spaces of equal width.
 */
function containerPrefix(source: string, blockStart: number): string {
  const before = source.slice(lineBounds(source, blockStart).start, blockStart);
  return before.replace(/\[\^[^\]]*\]:|\[[ xX]\]|\d{1,9}[.)]|[-*+]/g, (marker) => " ".repeat(marker.length));
}

/** The container prefix of one line of a code block: the raw line minus the code text of that line. */
function codeLinePrefix(source: string, lineStarts: readonly number[], code: Code, offset: number): string {
  const nodeLine = lineOf(lineStarts, code.position!.start.offset!);
  const opening = source.slice(code.position!.start.offset!, lineBounds(source, code.position!.start.offset!).end);
  const fenced = /^(`{3,}|~{3,})/.test(opening);
  const line = lineOf(lineStarts, offset);
  const valueLine = code.value.split("\n")[line - nodeLine - (fenced ? 1 : 0)] ?? "";
  const bounds = lineBounds(source, offset);
  const raw = source.slice(bounds.start, bounds.end).replace(/\r$/, "");
  return raw.endsWith(valueLine) ? raw.slice(0, raw.length - valueLine.length) : "";
}

/** Puts `prefix` after every newline that has more text after it (blank lines get it without trailing spaces). */
function reindent(text: string, prefix: string): string {
  if (prefix === "") return text;
  const lines = text.split("\n");
  return lines
    .map((line, index) => {
      if (index === 0 || (index === lines.length - 1 && line === "")) return line;
      return line.trim() === "" ? prefix.trimEnd() + line : prefix + line;
    })
    .join("\n");
}

const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

/** Checks a whole-block msgstr (fenced or indented code) keeps the block's shape. */
function wholeBlockProblem(msgid: string, msgstr: string): string | undefined {
  const lines = msgstr.replace(/\n$/, "").split("\n");
  const opening = FENCE.exec(msgid);
  if (!opening) {
    const ok = lines.every((line) => line.trim() === "" || line.startsWith("    ") || line.startsWith("\t"));
    return ok ? undefined : "an indented code block translation must indent every line by four spaces";
  }
  const fence = FENCE.exec(lines[0] ?? "");
  if (!fence) return "a code block translation must start with its opening fence";
  const char = fence[1]![0]!;
  const closing = new RegExp(`^[ \\t]{0,3}\\${char}{${fence[1]!.length},}[ \\t]*$`);
  if (lines.length < 2 || !closing.test(lines[lines.length - 1]!)) return "unbalanced fence: a code block translation must end with its closing fence";
  const early = lines.slice(1, -1).findIndex((line) => closing.test(line));
  if (early !== -1) return "unbalanced fence: a line inside the code block translation closes it early";
  return undefined;
}

interface Context {
  source: string;
  lineStarts: number[];
  links: Link[];
  summary: boolean;
  mdbookLinks: boolean;
  /** The document ends its lines with CRLF. */
  crlf: boolean;
}

/** Where and how `msgstr` goes for `message`, or why it cannot. */
function place(message: Message, msgstr: string, block: Block | undefined, context: Context): Edit | string {
  const { source } = context;
  if (context.mdbookLinks) {
    const escaped = escapeNewDirectives(source.slice(message.start, message.end), msgstr);
    if (typeof escaped === "string") return escaped;
    msgstr = escaped.text;
  }
  if (message.part) {
    const problem = partProblem(message.part, source, message, msgstr);
    return problem ?? { start: message.start, end: message.end, text: msgstr };
  }
  // Only where the source wrote emphasis with `*`: a `_` of the msgid may be a literal one (`_a_b.rs_`).
  if (block && block.kind !== "code" && source.slice(message.start, message.end).includes("*")) {
    const loss = emphasisLoss(source.slice(message.start, message.end), message.msgid, msgstr);
    if (loss) return loss;
    msgstr = emphasisForSource(msgstr);
  }
  if (block && block.kind !== "code" && message.msgid.includes("\\``")) msgstr = backticksForSource(source.slice(message.start, message.end), message.msgid, msgstr);
  const whole: Edit = { start: message.start, end: message.end, text: msgstr };
  if (!block) return whole;
  switch (block.kind) {
    case "heading": {
      const setext = !/^[ \t>]*#/.test(source.slice(lineBounds(source, block.start).start, block.end));
      if (!setext) return /[\r\n]/.test(msgstr) ? "a heading translation must be one line" : { ...whole, text: escapeHeadingAttributes(message.msgid, msgstr) };
      const problem = setextProblem(msgstr.replace(/\n+$/, ""));
      return problem ?? { ...whole, text: reindent(keepSpacesBeforeBreaks(msgstr.replace(/\n+$/, "")), containerPrefix(source, block.start)) };
    }
    case "tableCell":
      if (/[\r\n]/.test(msgstr)) return "a table cell translation must be one line";
      if (/(^|[^\\])(\\\\)*\|/.test(msgstr)) return "a table cell translation must escape `|` as `\\|`";
      return whole;
    case "code": {
      const code = block.node as Code;
      if (message.start === block.start && message.end === block.end) {
        const problem = wholeBlockProblem(message.msgid, msgstr);
        if (problem) return problem;
        const fenced = FENCE.test(message.msgid) ? inSourceFences(msgstr, source.slice(block.start, block.end)) : { text: msgstr.replace(/\n$/, "") };
        if (typeof fenced === "string") return fenced;
        return { ...whole, text: reindent(fenced.text, containerPrefix(source, block.start)) };
      }
      // A string or comment inside the code: keep the line structure the code needs.
      let text = msgstr;
      if (message.msgid.endsWith("\n") && !text.endsWith("\n")) text += "\n";
      else if (!message.msgid.endsWith("\n")) text = text.replace(/\n+$/, "");
      if (text.split("\n").slice(1).some((line) => FENCE.test(line))) return "a line of the translation would close the code block";
      return { ...whole, text: reindent(text, codeLinePrefix(source, context.lineStarts, code, message.start)) };
    }
    case "paragraph": {
      if (/\n[ \t]*(\n|$)/.test(msgstr.replace(/\n+$/, "")) || msgstr.endsWith("\n")) {
        return "a blank line or trailing newline would split the paragraph";
      }
      if (!context.summary) {
        const lineStart = lineBounds(source, message.start).start;
        const midLine = !/^[ \t>]*([-+*]|\d{1,9}[.)])?[ \t]*(\[[ xX]\][ \t]*)?$/.test(source.slice(lineStart, message.start));
        const change = paragraphChange(msgstr, midLine);
        if (change) return change;
      }
      let edit = whole;
      if (context.summary) {
        const inside = context.links.filter((link) => link.position!.start.offset! < message.end && link.position!.end.offset! > message.start);
        if (inside.length > 0) {
          const link = inside[0]!;
          const first = link.children[0];
          const last = link.children[link.children.length - 1];
          const covers = inside.length === 1 && link.position!.start.offset! === message.start && link.position!.end.offset! === message.end;
          if (!covers || !first || !last) return "a SUMMARY.md entry mixing a link with other text cannot be translated in place";
          edit = { start: first.position!.start.offset!, end: last.position!.end.offset!, text: msgstr };
          if (/[\r\n]/.test(msgstr)) return "a SUMMARY.md title translation must be one line";
        }
      }
      return { ...edit, text: reindent(keepSpacesBeforeBreaks(edit.text), containerPrefix(source, block.start)) };
    }
  }
}

/** Translates one Markdown document with `lookup`. */
export function translateDocument(source: string, lookup: Lookup, options: TranslateOptions = {}): DocumentTranslation {
  const { outcomes: _outcomes, edits: _edits, ...result } = translateDocumentWithOutcomes(source, lookup, options);
  return result;
}

/** Like `translateDocument`, for an already parsed and segmented document (parse once, apply many catalogs). */
export function translateMessages(
  source: string,
  tree: Root,
  messages: readonly Message[],
  lookup: Lookup,
  options: TranslateOptions = {},
): DocumentTranslation {
  const { outcomes: _outcomes, edits: _edits, ...result } = translateWithOutcomes(source, tree, messages, lookup, options);
  return result;
}

/** What happened to one message, and where its text ended up in the output. */
export interface MessageOutcome {
  message: Message;
  /**
   * translated: its msgstr was spliced in (or equals the msgid); fuzzy or
   * untranslated: the source text stays; rejected: a msgstr that would break
   * its context was refused (source text kept).
   */
  status: "translated" | "fuzzy" | "untranslated" | "rejected";
  /** Line of the PO entry, when the catalog has one. */
  poLine?: number;
  /** Range `[outputStart, outputEnd)` of the message's text in `DocumentTranslation.text`. */
  outputStart: number;
  outputEnd: number;
}

export interface DetailedTranslation extends DocumentTranslation {
  /** One outcome per message, in message order. */
  outcomes: MessageOutcome[];
  /** The replacements made, in source order. */
  edits: Edit[];
}

/** Like `translateDocument`, also telling what happened to each message (preview marks blocks with it). */
export function translateDocumentWithOutcomes(source: string, lookup: Lookup, options: TranslateOptions = {}): DetailedTranslation {
  const tree = parseMarkdown(source, options);
  const messages = segmentTree(tree, source, { ...options, stripLinks: options.summary || options.stripLinks });
  return translateWithOutcomes(source, tree, messages, lookup, options);
}

/** `translateMessages` with each message's outcome. */
export function translateWithOutcomes(
  source: string,
  tree: Root,
  messages: readonly Message[],
  lookup: Lookup,
  options: TranslateOptions = {},
): DetailedTranslation {
  const result: DetailedTranslation = { text: options.original ?? source, total: messages.length, applied: 0, fuzzy: 0, untranslated: 0, warnings: [], outcomes: [], edits: [] };
  let structure: { blocks: Block[]; context: Context } | undefined;
  const edits: Edit[] = [];
  const outcome = (message: Message, status: MessageOutcome["status"], poLine: number | undefined): void => {
    result.outcomes.push({ message, status, poLine, outputStart: message.start, outputEnd: message.end });
  };
  for (const message of messages) {
    const found = lookup(message.msgid, message.context);
    if (found.status === "fuzzy") {
      result.fuzzy++;
      outcome(message, "fuzzy", found.line);
      continue;
    }
    if (found.status === "untranslated") {
      result.untranslated++;
      outcome(message, "untranslated", found.line);
      continue;
    }
    if (found.msgstr === message.msgid || (options.mdbookLinks === true && message.msgid.includes("\\{{#") && found.msgstr === dropLinkEscapes(message.msgid))) {
      // The source already says it (and says it in its own spelling, `\{{#...}}` escapes included).
      result.applied++;
      outcome(message, "translated", found.line);
      continue;
    }
    if (!structure) {
      const { blocks, links } = collectBlocks(tree);
      const crlf = source.includes("\r\n");
      structure = { blocks, context: { source, lineStarts: lineStartOffsets(source), links, summary: options.summary ?? false, mdbookLinks: options.mdbookLinks ?? false, crlf } };
    }
    const placed = place(message, found.msgstr, blockAt(structure.blocks, message.start), structure.context);
    if (typeof placed === "string") {
      result.warnings.push({ line: message.line, poLine: found.line, message: placed });
      outcome(message, "rejected", found.line);
      continue;
    }
    // A catalog's newlines are `\n`; a CRLF document keeps its own line ends.
    if (structure.context.crlf) placed.text = placed.text.replace(/\r?\n/g, "\r\n");
    edits.push({ ...placed, poLine: found.line, line: message.line });
    result.applied++;
    outcome(message, "translated", found.line);
  }
  const output = options.original ?? source;
  if (edits.length === 0) {
    result.text = output;
    return result;
  }
  edits.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  const applied: Edit[] = [];
  let position = 0;
  for (const edit of edits) {
    if (edit.start < position) continue; // overlapping ranges cannot happen for messages of one parse
    parts.push(output.slice(position, edit.start), edit.text);
    position = edit.end;
    applied.push(edit);
  }
  parts.push(output.slice(position));
  result.text = parts.join("");
  result.edits = applied;
  // Output offset of a source offset: shifted by the growth of every edit ending at or before it.
  const shift = (offset: number, inclusive: boolean): number => {
    let delta = 0;
    for (const edit of applied) {
      if (inclusive ? edit.end <= offset : edit.end <= offset && edit.start < offset) delta += edit.text.length - (edit.end - edit.start);
      else if (edit.start >= offset) break;
    }
    return offset + delta;
  };
  for (const item of result.outcomes) {
    item.outputStart = shift(item.message.start, false);
    item.outputEnd = shift(item.message.end, true);
  }
  return result;
}
