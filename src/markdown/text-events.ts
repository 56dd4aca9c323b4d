/**
 * pulldown-cmark's text events, re-found in the raw source of an mdast text
 * node: where Text events split (backslash escapes, entities, unmatched
 * `*`/`_`/`~`/`` ` ``/`[`/`]`/`<`, line ends), which `*`/`_`/`~` runs its
 * flanking rules let open or close, and its footnote references.
 *
 * Why by hand: mdbook-xgettext's escaping depends on these boundaries and
 * mdast merges them into one `text` node; no library exposes them.
 */
import type { Definition } from "mdast";
import { decodeNamedCharacterReference } from "decode-named-character-reference";

export type InlineEvent =
  | { type: "text"; value: string }
  | { type: "code"; value: string }
  | { type: "html"; value: string; start?: number; end?: number }
  | { type: "softbreak" }
  | { type: "hardbreak" }
  | { type: "footnoteReference"; label: string }
  | { type: "start"; tag: "emphasis" | "strong" | "strikethrough" }
  | { type: "end"; tag: "emphasis" | "strong" | "strikethrough" }
  | { type: "start"; tag: "link" | "image"; url: string; title: string; autolink: boolean }
  | { type: "end"; tag: "link" | "image" };

export interface InlineContext {
  /** The whole document the nodes were parsed from. */
  source: string;
  /** Link reference definitions by mdast identifier (first one wins, as in CommonMark). */
  definitions: Map<string, Definition>;
  /** Whether the block sits in a block quote: `>` then belongs to the line prefix. */
  inBlockQuote: boolean;
  /** Offset where the block's inline content starts (first line's content start). */
  blockStart: number;
  /** Inside a GFM table cell (pipes delimit cells there). */
  inTable: boolean;
}

const ASCII_PUNCTUATION = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
const UNICODE_PUNCTUATION = /\p{P}/u;

function isPunctuation(char: string): boolean {
  return ASCII_PUNCTUATION.has(char) || UNICODE_PUNCTUATION.test(char);
}

function isWhitespace(char: string): boolean {
  return /\s/u.test(char);
}

/** The character before `index`, or "" at the start of a line's content (pulldown's `ix == 0`). */
function previousChar(context: InlineContext, index: number): string {
  if (index <= context.blockStart) return "";
  const { source } = context;
  const lineStart = source.lastIndexOf("\n", index - 1) + 1;
  const prefix = source.slice(lineStart, index);
  if (lineStart > context.blockStart && (context.inBlockQuote ? /^[ \t>]*$/ : /^[ \t]*$/).test(prefix)) return "";
  const code = source.codePointAt(index - 1)!;
  // Step back over a surrogate pair.
  if (code >= 0xdc00 && code <= 0xdfff && index >= 2) return source.slice(index - 2, index);
  return source[index - 1]!;
}

function nextChar(source: string, index: number, limit: number): string {
  if (index >= limit) return source[index] === undefined || source[index] === "\n" ? "" : source[index]!;
  return String.fromCodePoint(source.codePointAt(index)!);
}

/** pulldown-cmark's `delim_run_can_open`, which differs slightly from CommonMark's left-flanking rule. */
function delimiterRunCanOpen(context: InlineContext, index: number, count: number, end: number): boolean {
  const { source } = context;
  const delimiter = source[index]!;
  const before = previousChar(context, index);
  const after = nextChar(source, index + count, end);
  if (after === "" || isWhitespace(after)) return false;
  if (before === "") return true;
  if (context.inTable) {
    if (before === "|" && source[index - 2] !== "\\") return true;
    if (after === "|") return false;
  }
  if (delimiter === "*" && !isPunctuation(after)) return true;
  if (delimiter === "~" && count > 1) return true;
  if (delimiter === "~" && before === "~" && !isPunctuation(after)) return true;
  return isWhitespace(before) || isPunctuation(before);
}

/** pulldown-cmark's `delim_run_can_close`. */
function delimiterRunCanClose(context: InlineContext, index: number, count: number, end: number): boolean {
  const { source } = context;
  const delimiter = source[index]!;
  const before = previousChar(context, index);
  const after = nextChar(source, index + count, end);
  if (before === "" || isWhitespace(before)) return false;
  if (after === "") return true;
  if (context.inTable) {
    if (before === "|" && source[index - 2] !== "\\") return false;
    if (after === "|") return true;
  }
  if ((delimiter === "*" || (delimiter === "~" && count > 1)) && !isPunctuation(before)) return true;
  if (delimiter === "~" && before === "~") return true;
  return isWhitespace(after) || isPunctuation(after);
}

/** Whether pulldown-cmark makes the delimiter run an inline item of its own (a text event boundary). */
function delimiterRunSplits(context: InlineContext, index: number, count: number, end: number): boolean {
  if (context.source[index] === "~" && count > 2) return false;
  return delimiterRunCanOpen(context, index, count, end) || delimiterRunCanClose(context, index, count, end);
}

/**
 * After `]`, a full reference's `[label]` makes `[^x]` a (here undefined)
 * reference link, not a footnote; a following `[^y]` does not. (A valid
 * inline link would not be text.)
 */
const LINK_AFTER_LABEL = /^\[(?!\^[^\]])(?:\\[\s\S]|[^\[\]\\])*[^\s\[\]](?:\\[\s\S]|[^\[\]\\])*\]/;

/**
 * A footnote reference `[^label]` starting at `index` and closing before
 * `end`, scanned like pulldown-cmark's `scan_link_label_rest`: no unescaped
 * `[`, at most one line break (the next line's container prefix skipped),
 * whitespace runs other than one space collapsed to a space, trimmed.
 */
function footnoteReference(context: InlineContext, index: number, end: number): { label: string; end: number } | undefined {
  const { source } = context;
  if (source[index] !== "[" || source[index + 1] !== "^" || source[index + 2] === "]") return undefined;
  let label = "";
  let lineBreaks = 0;
  let i = index + 2;
  for (;;) {
    if (i >= end) return undefined;
    const char = source[i]!;
    if (char === "[") return undefined;
    if (char === "]") break;
    if (char === "\\" && i + 1 < end && ASCII_PUNCTUATION.has(source[i + 1]!)) {
      label += source.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (/[ \t\r\n\f\v]/.test(char)) {
      while (i < end && /[ \t\r\n\f\v]/.test(source[i]!)) {
        if (source[i] === "\n" || source[i] === "\r") {
          if (++lineBreaks > 1) return undefined;
          i += source[i] === "\r" && source[i + 1] === "\n" ? 2 : 1;
          const prefix = context.inBlockQuote ? /[ \t>]/ : /[ \t]/;
          while (i < end && prefix.test(source[i]!)) i++;
        } else i++;
      }
      label += " ";
      continue;
    }
    label += char;
    i++;
  }
  label = label.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
  if (label === "" || LINK_AFTER_LABEL.test(source.slice(i + 1, i + 200))) return undefined;
  return { label, end: i + 1 };
}

const ENTITY = /^&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/;

function decodeEntity(match: RegExpExecArray): string | undefined {
  const [, decimal, hex, name] = match;
  if (name !== undefined) {
    const decoded = decodeNamedCharacterReference(name);
    return decoded === false ? undefined : decoded;
  }
  const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(code);
}

/**
 * Splits the raw source `[start, end)` of an mdast text node into
 * pulldown-cmark text events.
 */
export function textEvents(context: InlineContext, start: number, end: number, out: InlineEvent[]): void {
  const { source } = context;
  let buffer = "";
  const flush = (): void => {
    if (buffer !== "") out.push({ type: "text", value: buffer });
    buffer = "";
  };
  let index = start;
  while (index < end) {
    const char = source[index]!;
    switch (char) {
      case "\r":
      case "\n": {
        // Soft break: trailing spaces dropped, the next line's container prefix and indentation skipped.
        buffer = buffer.replace(/[ \t]+$/, "");
        flush();
        index += char === "\r" && source[index + 1] === "\n" ? 2 : 1;
        const prefix = context.inBlockQuote ? /[ \t>]/ : /[ \t]/;
        while (index < end && prefix.test(source[index]!)) index++;
        out.push({ type: "softbreak" });
        continue;
      }
      case "\\": {
        const escaped = source[index + 1];
        if (escaped === "`" && index + 1 < end) {
          // An escaped backtick opens a backtick run of its own in pulldown-cmark:
          // it and the unescaped backticks right after it make one event.
          flush();
          let count = 1;
          while (index + 1 + count < end && source[index + 1 + count] === "`") count++;
          out.push({ type: "text", value: "`".repeat(count) });
          index += 1 + count;
          continue;
        }
        if (escaped !== undefined && index + 1 < end && ASCII_PUNCTUATION.has(escaped)) {
          flush();
          // The escaped character starts the next event.
          buffer = escaped;
          index += 2;
          continue;
        }
        buffer += char;
        index++;
        continue;
      }
      case "&": {
        const match = ENTITY.exec(source.slice(index, Math.min(end, index + 40)));
        const decoded = match ? decodeEntity(match) : undefined;
        if (match && decoded !== undefined) {
          flush();
          out.push({ type: "text", value: decoded });
          index += match[0].length;
          continue;
        }
        buffer += char;
        index++;
        continue;
      }
      case "*":
      case "_":
      case "~": {
        let count = 1;
        while (source[index + count] === char) count++;
        // The run may extend past this text node (part of it matched as emphasis).
        let runStart = index;
        while (runStart > 0 && source[runStart - 1] === char) runStart--;
        let runEnd = index + count;
        const fullCount = runEnd - runStart;
        const inNode = Math.min(runEnd, end) - index;
        if (delimiterRunSplits(context, runStart, fullCount, Math.max(end, runEnd))) {
          flush();
          for (let i = 0; i < inNode; i++) out.push({ type: "text", value: char });
        } else {
          buffer += char.repeat(inNode);
        }
        runEnd = index + inNode;
        index = runEnd;
        continue;
      }
      case "`": {
        let count = 1;
        while (index + count < end && source[index + count] === "`") count++;
        flush();
        out.push({ type: "text", value: "`".repeat(count) });
        index += count;
        continue;
      }
      case "<": {
        if (source[index + 1] !== "\\") {
          flush();
          out.push({ type: "text", value: "<" });
          index++;
          continue;
        }
        buffer += char;
        index++;
        continue;
      }
      case "!": {
        if (source[index + 1] === "[" && footnoteReference(context, index + 1, end)) {
          // `![^x]` is `!` and a footnote reference, not an image.
          flush();
          out.push({ type: "text", value: "!" });
          index++;
          continue;
        }
        if (source[index + 1] === "[" && index + 1 < end) {
          flush();
          out.push({ type: "text", value: "![" });
          index += 2;
          continue;
        }
        buffer += char;
        index++;
        continue;
      }
      case "[":
      case "]": {
        // mdbook-xgettext parses "old" footnotes: `[^label]` is a footnote
        // reference even when no definition exists (micromark leaves it text).
        const reference = char === "[" ? footnoteReference(context, index, end) : undefined;
        if (reference) {
          flush();
          out.push({ type: "footnoteReference", label: reference.label });
          index = reference.end;
          continue;
        }
        flush();
        out.push({ type: "text", value: char });
        index++;
        continue;
      }
      default: {
        const code = source.codePointAt(index)!;
        const width = code > 0xffff ? 2 : 1;
        buffer += source.slice(index, index + width);
        index += width;
      }
    }
  }
  flush();
}

/** Whether pulldown-cmark's flanking rules let the `~` runs around `[start, end)` open and close. */
export function pulldownStrikethrough(context: InlineContext, start: number, end: number): boolean {
  const count = context.source[start + 1] === "~" ? 2 : 1;
  return delimiterRunCanOpen(context, start, count, end) && delimiterRunCanClose(context, end - count, count, end);
}

