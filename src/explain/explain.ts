/**
 * `pobook explain`: which messages a document gives and why, block by
 * block, and why a block gives none. Pure: works on a document prepared as
 * translation prepares it (same segmentation, same lines as the file), and
 * optionally a catalog's lookup for each message's status.
 */
import type { Code, Html, Nodes, Root } from "mdast";
import { findDirective, type Directive } from "../markdown/directives.js";
import { lineOf, lineStartOffsets, segmentTree, type Message, type SegmentOptions } from "../markdown/segment.js";
import { parseMarkdown } from "../markdown/parse.js";
import { findLanguage, languageToken } from "../code/languages.js";
import { includeDirectives } from "../book/links.js";
import { translateWithOutcomes, type TranslateOptions } from "../translate/document.js";
import type { Lookup } from "../translate/lookup.js";

/** What became of a message in a catalog: missing means the catalog has no entry for it. */
export type ExplainStatus = "translated" | "fuzzy" | "untranslated" | "missing" | "rejected";

export interface ExplainedMessage {
  msgid: string;
  msgctxt?: string;
  /** `#.` comment from `i18n:comment` directives. */
  comment?: string;
  line: number;
  status?: ExplainStatus;
  /** Line of the catalog entry, when it has one. */
  poLine?: number;
  /** Why translate refuses the msgstr (status rejected). */
  problem?: string;
}

export interface ExplainedBlock {
  /** First and last source line of the block. */
  line: number;
  endLine: number;
  /** heading, paragraph, list item, block quote, footnote, table cell, code block, HTML block, summary title, ... */
  kind: string;
  /** Why the block gives these messages, or why it gives none. */
  reason: string;
  /** A short machine-readable name of the reason (tests and --json). */
  rule: ExplainRule;
  messages: ExplainedMessage[];
}

export type ExplainRule =
  | "text"
  | "code-strings"
  | "code-whole"
  | "html-block"
  | "skip-directive"
  | "directive"
  | "html-0.3"
  | "code-no-strings"
  | "code-skip-language"
  | "include"
  | "front-matter"
  | "alt-and-titles"
  | "no-text";

export interface ExplainInput {
  /** The text that was segmented (same length as the file's, course directives blanked). */
  text: string;
  tree: Root;
  messages: readonly Message[];
  options: TranslateOptions & SegmentOptions;
  summary: boolean;
  /** Chapters and includes: read by mdBook's links preprocessor (escapes as translate writes them). */
  mdbookLinks: boolean;
  /** The text written where nothing is translated (translate's `original`). */
  original?: string;
}

interface Leaf {
  node: Nodes;
  /** The containers around it, outermost first. */
  ancestors: Nodes["type"][];
  start: number;
  end: number;
}

/** Leaf blocks in document order: the places messages are made from (or not). */
function leafBlocks(tree: Root): Leaf[] {
  const leaves: Leaf[] = [];
  const visit = (node: Nodes, ancestors: Nodes["type"][]): void => {
    const position = node.position;
    const leaf = ["paragraph", "heading", "code", "html", "thematicBreak", "definition", "yaml", "tableCell"].includes(node.type);
    if (leaf && position) {
      leaves.push({ node, ancestors, start: position.start.offset!, end: position.end.offset! });
      return;
    }
    if ("children" in node) for (const child of node.children) visit(child as Nodes, [...ancestors, node.type]);
  };
  for (const child of tree.children) visit(child, []);
  return leaves;
}

function textKind(leaf: Leaf, summary: boolean): string {
  if (leaf.node.type === "heading") return "heading";
  if (leaf.node.type === "tableCell") return "table cell";
  if (summary && leaf.ancestors.includes("listItem")) return "summary title";
  const inner = [...leaf.ancestors].reverse().find((type) => type === "listItem" || type === "blockquote" || type === "footnoteDefinition");
  if (inner === "listItem") return "list item";
  if (inner === "blockquote") return "block quote";
  if (inner === "footnoteDefinition") return "footnote";
  return "paragraph";
}

const TEXT_REASONS: Record<string, string> = {
  heading: "a heading is one message",
  paragraph: "a paragraph is one message",
  "list item": "each paragraph of a list item is one message",
  "block quote": "each paragraph of a block quote is one message",
  footnote: "a footnote definition's paragraph is one message",
  "table cell": "each table cell is one message",
  "summary title": "a SUMMARY.md entry's title is one message (its link stripped)",
};

/** The fenced block's info string as extraction reads it. */
function codeInfo(node: Code, text: string): { fenced: boolean; info: string } {
  const start = node.position!.start.offset!;
  const lineEnd = text.indexOf("\n", start);
  const opening = text.slice(start, lineEnd === -1 ? text.length : lineEnd);
  const fence = /^[ \t]*(`{3,}|~{3,})(.*)$/.exec(opening);
  return { fenced: fence !== null, info: fence ? fence[2]!.trim() : "" };
}

function codeLanguageWord(info: string): string {
  return info.split(/[\s,]/)[0]!.toLowerCase();
}

/** Why a code block gives the messages it gives (or none). */
function codeReason(node: Code, text: string, options: SegmentOptions, hasMessages: boolean, whole: boolean): { rule: ExplainRule; reason: string; kind: string } {
  const { fenced, info } = codeInfo(node, text);
  const word = codeLanguageWord(info);
  const label = fenced ? (word === "" ? "code block" : `code block (${word})`) : "indented code block";
  if (fenced && word !== "" && options.skipLanguages?.includes(word)) {
    return { rule: "code-skip-language", kind: label, reason: `book.toml's skip-languages lists "${word}": its blocks give no message` };
  }
  if (fenced && word !== "" && options.wholeBlockLanguages?.includes(word)) {
    return hasMessages
      ? { rule: "code-whole", kind: label, reason: `book.toml's whole-block-languages lists "${word}": the whole block, fences included, is one message` }
      : { rule: "no-text", kind: label, reason: "an empty block gives no message" };
  }
  const language = fenced ? findLanguage(languageToken(info)) : undefined;
  if (language) {
    return hasMessages
      ? { rule: "code-strings", kind: label, reason: `${language.syntax} code: only its strings and comments are messages, one per run` }
      : { rule: "code-no-strings", kind: label, reason: `${language.syntax} code without strings or comments: only those are messages` };
  }
  if (options.admonish && /^admonish[ ]/.test(info)) return { rule: "code-whole", kind: "admonish block", reason: "an admonish block is prose: the whole block is one message (compat 0.4)" };
  const what = fenced ? (word === "" ? "a block without a language" : `"${word}" is not a language mdbook-xgettext tokenizes, so the block`) : "an indented block";
  return whole && hasMessages
    ? { rule: "code-whole", kind: label, reason: `${what} is one message, fences included, because it holds " or //` }
    : { rule: "code-no-strings", kind: label, reason: `${what} gives a message only if it holds " or // (this one does not)` };
}

interface DirectivePlace {
  directive: Directive;
  start: number;
  end: number;
  line: number;
}

const COMMENT = /<!-{2,}[\s\S]*?-{2,}>/g;

/** Every directive comment of the text, with its place. */
function directivePlaces(text: string, lineStarts: readonly number[]): DirectivePlace[] {
  const places: DirectivePlace[] = [];
  for (const match of text.matchAll(COMMENT)) {
    const directive = findDirective(match[0]);
    if (directive) places.push({ directive, start: match.index, end: match.index + match[0].length, line: lineOf(lineStarts, match.index) });
  }
  return places;
}

function directiveText(place: DirectivePlace): string {
  switch (place.directive.kind) {
    case "skip":
      return "i18n:skip";
    case "skip-start":
      return "i18n:skip-start";
    case "skip-end":
      return "i18n:skip-end";
    default:
      return `i18n:${place.directive.kind}: ${place.directive.text}`;
  }
}

/** Explains every block of a document (or those at `line`), with each message's catalog status when `lookup` is given. */
export function explainDocument(input: ExplainInput, lookup?: Lookup, line?: number): ExplainedBlock[] {
  const { text, tree, options } = input;
  const lineStarts = lineStartOffsets(text);
  const directives = directivePlaces(text, lineStarts);
  // What the document would give without its skip directives (same offsets): tells skipped blocks apart.
  const skips = directives.filter((place) => place.directive.kind.startsWith("skip"));
  let undirected: Message[] = [];
  if (skips.length > 0) {
    let blanked = text;
    for (const place of skips) blanked = blanked.slice(0, place.start) + " ".repeat(place.end - place.start) + blanked.slice(place.end);
    undirected = segmentTree(parseMarkdown(blanked, options), blanked, { ...options, stripLinks: input.summary });
  }
  const status = lookup ? messageStatuses(input, lookup) : undefined;
  const explained = (message: Message, index: number): ExplainedMessage => {
    const item: ExplainedMessage = { msgid: message.msgid, line: message.line };
    if (message.context !== undefined) item.msgctxt = message.context;
    if (message.comment !== "") item.comment = message.comment;
    return status ? { ...item, ...status[index] } : item;
  };
  const blocks: ExplainedBlock[] = [];
  const includes = input.summary ? [] : includeDirectives(text);
  for (const leaf of leafBlocks(tree)) {
    const startLine = lineOf(lineStarts, leaf.start);
    const endLine = lineOf(lineStarts, Math.max(leaf.start, leaf.end - 1));
    if (line !== undefined && (line < startLine || line > endLine)) continue;
    const inside = (message: Message): boolean => message.start >= leaf.start && message.start < Math.max(leaf.end, leaf.start + 1);
    const messages = input.messages.flatMap((message, index) => (inside(message) ? [explained(message, index)] : []));
    const block = (kind: string, rule: ExplainRule, reason: string): ExplainedBlock => ({ line: startLine, endLine, kind, rule, reason, messages });
    const include = includes.find((found) => found.fileStart >= leaf.start && found.fileEnd <= leaf.end);
    if (include) {
      blocks.push({ ...block(leaf.node.type === "code" ? "code block" : textKind(leaf, false), "include", `{{#${include.type} ${include.file}}}: mdBook puts that file's text here; its messages are extracted as part of this chapter and translated in the included file`), messages: [] });
      continue;
    }
    if (messages.length === 0 && undirected.some(inside)) {
      const by = [...skips].reverse().find((place) => place.start < leaf.start && place.directive.kind !== "skip-end");
      const reason = by ? `skipped by <!-- ${directiveText(by)} --> at line ${by.line}` : "skipped by an i18n:skip directive";
      blocks.push(block(leaf.node.type === "code" ? "code block" : leaf.node.type === "html" ? "HTML block" : textKind(leaf, input.summary), "skip-directive", reason));
      continue;
    }
    switch (leaf.node.type) {
      case "paragraph":
      case "heading":
      case "tableCell": {
        const kind = textKind(leaf, input.summary);
        if (input.messages.some((message) => inside(message) && message.part)) {
          blocks.push(block("image paragraph", "alt-and-titles", "alt-and-title-messages in book.toml: each image's alt text and title is a message (the image markup is not)"));
          break;
        }
        blocks.push(messages.length ? block(kind, "text", TEXT_REASONS[kind]!) : block(kind, "no-text", "no text to translate"));
        break;
      }
      case "code": {
        const node = leaf.node as Code;
        const whole = messages.length === 1 && input.messages.some((message) => inside(message) && message.start === leaf.start && message.end === leaf.end);
        const { rule, reason, kind } = codeReason(node, text, options, messages.length > 0, whole);
        blocks.push(block(kind, rule, reason));
        break;
      }
      case "html": {
        const own = directives.filter((place) => place.start >= leaf.start && place.end <= leaf.end);
        const value = (leaf.node as Html).value;
        if (own.length > 0 && messages.length === 0) {
          const what = own.map((place) => `<!-- ${directiveText(place)} -->`).join(", ");
          const effect = own.some((place) => place.directive.kind === "comment") ? "a #. comment for the next message" : own.some((place) => place.directive.kind === "context") ? "a msgctxt for the next message" : "skips what follows";
          blocks.push(block("directive", "directive", `${what}: an extractor directive (${effect}), no message itself`));
        } else if (messages.length > 0) blocks.push(block("HTML block", "html-block", "an HTML block's lines are messages (compat 0.4)"));
        else if (!options.htmlBlocks && value.trim() !== "") blocks.push(block("HTML block", "html-0.3", 'an HTML block gives no message with mdbook-i18n-helpers 0.3 (compat = "0.4" in book.toml gives it messages)'));
        else blocks.push(block("HTML block", "no-text", "no text to translate"));
        break;
      }
      case "yaml":
        blocks.push(block("front matter", "front-matter", "YAML front matter: mdbook-course strips it before extraction, so it gives no message"));
        break;
      case "definition":
        if (messages.length > 0) blocks.push(block("link definition", "alt-and-titles", "alt-and-title-messages in book.toml: a link definition's title is a message (its label and URL are kept)"));
        else blocks.push(block("link definition", "no-text", "a link reference definition is not text: it is kept as written"));
        break;
      case "thematicBreak":
        blocks.push(block("thematic break", "no-text", "a thematic break has no text"));
        break;
    }
  }
  return blocks;
}

/** Each message's status in the catalog, as `pobook translate` would find it (rejections included). */
function messageStatuses(input: ExplainInput, lookup: Lookup): Array<Pick<ExplainedMessage, "status" | "poLine" | "problem">> {
  const translation = translateWithOutcomes(input.text, input.tree, input.messages, lookup, { ...input.options, summary: input.summary, mdbookLinks: input.mdbookLinks, original: input.original });
  const problems = [...translation.warnings];
  return translation.outcomes.map((outcome) => {
    const result: Pick<ExplainedMessage, "status" | "poLine" | "problem"> = {};
    if (outcome.status === "untranslated" && outcome.poLine === undefined) result.status = "missing";
    else result.status = outcome.status;
    if (outcome.poLine !== undefined) result.poLine = outcome.poLine;
    if (outcome.status === "rejected") result.problem = problems.shift()?.message;
    return result;
  });
}
