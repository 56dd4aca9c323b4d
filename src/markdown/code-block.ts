/**
 * Messages of a code block, following mdbook-xgettext's `parse_codeblock`:
 * - a fenced block whose language syntect knows gives one message per run of
 *   strings and comments (runs joined across spaces/tabs, so consecutive line
 *   comments with their indentation form one message);
 * - any other block is one message, fences included, if it contains `"` or
 *   `//`, and nothing otherwise.
 */
import type { Code } from "mdast";
import { findLanguage, languageToken } from "../code/languages.js";
import { translatableSpans, type Span } from "../code/tokens.js";
import { takeContext, takeGroup, type GroupState } from "./groups.js";
import { lineOf } from "./lines.js";
import type { Message } from "./segment.js";

/**
 * Per-language code-block policy (`[preprocessor.gettext]` or
 * `[output.xgettext]` `skip-languages` / `whole-block-languages`): fenced
 * blocks of a skipped language give no message, those of a whole-block
 * language one message for the whole block. Unset, code blocks give
 * mdbook-xgettext's messages. Language names are lower-case info-string
 * words (`console` matches ```` ```Console,ignore ````).
 */
export interface CodeBlockPolicy {
  skipLanguages?: readonly string[];
  wholeBlockLanguages?: readonly string[];
}

interface CodeLine {
  /** Text of the line inside the block (container prefix and fence indentation removed). */
  text: string;
  /** Source offset of `text`. */
  offset: number;
}

interface CodeBlockSource {
  fenced: boolean;
  info: string;
  lines: CodeLine[];
  /** Whether the block's last line ends with a newline (false for an unclosed fence at end of file). */
  trailingNewline: boolean;
}

/** Reads the block's lines back from the source so that each keeps its source offset. */
function readCodeBlock(node: Code, source: string, lineStarts: readonly number[]): CodeBlockSource {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  const startLine = lineOf(lineStarts, start) - 1;
  const endLine = lineOf(lineStarts, Math.max(start, end - 1)) - 1;
  const rawLine = (index: number): string => {
    const from = lineStarts[index]!;
    const to = index + 1 < lineStarts.length ? lineStarts[index + 1]! - 1 : source.length;
    return source.slice(from, to).replace(/\r$/, "");
  };
  const opening = source.slice(start, lineStarts[startLine + 1] ?? source.length).replace(/\r?\n$/, "");
  const fence = /^[ \t]*(`{3,}|~{3,})(.*)$/.exec(opening);
  // pulldown-cmark hands code over with CRLF line ends normalized to LF.
  const valueLines = node.value === "" ? [] : node.value.split(/\r?\n/);
  let firstContentLine = startLine;
  if (fence) firstContentLine = startLine + 1;
  const lines: CodeLine[] = valueLines.map((text, index) => {
    const lineIndex = firstContentLine + index;
    const raw = rawLine(lineIndex);
    const offset = lineStarts[lineIndex]! + Math.max(0, raw.length - text.length);
    return { text, offset };
  });
  let trailingNewline = true;
  if (fence) {
    const closing = rawLine(endLine);
    const closed = endLine > startLine && new RegExp(`^[ \\t>]*${fence[1]![0] === "`" ? "`" : "~"}{${fence[1]!.length},}[ \\t]*$`).test(closing.replace(/^([ \t]*>)*/, ""));
    if (!closed) trailingNewline = end < source.length && source[end] === "\n";
  }
  return { fenced: fence !== null, info: fence ? fence[2]!.trim() : "", lines, trailingNewline };
}

/** The book's policy for this block's language, if it has one (fenced blocks only: indented ones have no language). */
function policyOf(block: CodeBlockSource, policy: CodeBlockPolicy): "skip" | "whole" | undefined {
  if (!block.fenced || (!policy.skipLanguages && !policy.wholeBlockLanguages)) return undefined;
  const language = block.info.split(/[\s,]/)[0]!.toLowerCase();
  if (language === "") return undefined;
  if (policy.skipLanguages?.includes(language)) return "skip";
  if (policy.wholeBlockLanguages?.includes(language)) return "whole";
  return undefined;
}

/** pulldown-cmark-to-cmark's fence length: one more than the longest run of `` ` `` or `~` inside, at least 3. */
function fenceLength(content: string): number {
  let longest = 0;
  let current = 0;
  let previous = "";
  for (const char of content) {
    if (char === "`" || char === "~") {
      current = char === previous ? current + 1 : 1;
      longest = Math.max(longest, current);
      previous = char;
    } else previous = "";
  }
  return longest >= 3 ? longest + 1 : 3;
}

/** The whole block as upstream re-serializes it (fences included). */
function wholeBlockText(block: CodeBlockSource): string {
  const content = block.lines.map((line) => line.text).join("\n") + (block.lines.length && block.trailingNewline ? "\n" : "");
  if (!block.fenced) {
    // Indented blocks are written with four spaces after every newline.
    const indented = content.split("\n").join("\n    ");
    return `    ${indented}`;
  }
  const fence = "`".repeat(fenceLength(content));
  const closingBreak = content === "" || content.endsWith("\n") ? "" : "\n";
  return `${fence}${block.info}\n${content}${closingBreak}${fence}`;
}

/**
 * Rust's `str::lines().count()` of `text`: a final line without a newline
 * counts, an empty remainder after the last newline does not.
 */
function rustLineCount(text: string): number {
  if (text === "") return 0;
  const parts = text.split("\n");
  return text.endsWith("\n") ? parts.length - 1 : parts.length;
}

export function codeBlockMessages(
  node: Code,
  source: string,
  lineStarts: readonly number[],
  state: GroupState,
  options: { admonish?: boolean } & CodeBlockPolicy = {},
): Message[] {
  const block = readCodeBlock(node, source, lineStarts);
  if (state.skipNext || state.skipUntilEnd) {
    takeGroup(state);
    return [];
  }
  const policy = policyOf(block, options);
  if (policy === "skip") return [];
  const language = block.fenced && policy !== "whole" ? findLanguage(languageToken(block.info)) : undefined;
  if (!language) {
    const text = wholeBlockText(block);
    // mdbook-admonish blocks (```admonish tip ...) are prose: always one message (upstream 0.4).
    const admonish = options.admonish === true && /^admonish[ ]/.test(block.info);
    const whole = policy === "whole" && block.lines.some((line) => line.text.trim() !== "");
    if (!admonish && !whole && !text.includes('"') && !text.includes("//")) return [];
    const { comment } = takeGroup(state);
    const start = node.position!.start.offset!;
    const context = takeContext(state);
    return [{ msgid: text, comment, line: lineOf(lineStarts, start), start, end: node.position!.end.offset!, ...(context === undefined ? {} : { context }) }];
  }
  return syntaxMessages(source, block, language.grammar, lineStarts, state);
}

/**
 * The text events pulldown-cmark hands the block over in, as spans of `code` (the lines joined
 * with LF): each line is appended as a text item, and an item that starts where the previous one
 * ends in the source is merged into it (firstpass.rs `append_code_text`, parse.rs `append_text`).
 * So a block whose lines are contiguous is one event, one inside a list or quote (a container
 * prefix between lines) is one event per line, and a line ending in CRLF is appended as its text
 * and then its LF without the CR: in a CRLF file the events are `line 1`, `\nline 2`, ...,
 * `\n` (a checkout on Windows). Runs of strings and comments never span two events, so there a
 * line comment's message ends before its newline.
 */
function textEvents(source: string, block: CodeBlockSource, lineTexts: readonly string[], lineOffsets: readonly number[]): Span[] {
  const events: Array<{ code: Span; sourceEnd: number }> = [];
  const append = (codeStart: number, codeEnd: number, sourceStart: number): void => {
    if (codeEnd <= codeStart) return;
    const last = events[events.length - 1];
    if (last && last.sourceEnd === sourceStart && last.code[1] === codeStart) {
      last.code[1] = codeEnd;
      last.sourceEnd = sourceStart + (codeEnd - codeStart);
    } else events.push({ code: [codeStart, codeEnd], sourceEnd: sourceStart + (codeEnd - codeStart) });
  };
  block.lines.forEach((line, index) => {
    const codeStart = lineOffsets[index]!;
    const textEnd = line.offset + line.text.length;
    if (lineTexts[index]!.length === line.text.length) return append(codeStart, codeStart + line.text.length, line.offset);
    if (source[textEnd] === "\r") {
      append(codeStart, codeStart + line.text.length, line.offset);
      append(codeStart + line.text.length, codeStart + line.text.length + 1, textEnd + 1);
    } else append(codeStart, codeStart + line.text.length + 1, line.offset);
  });
  return events.map((event) => event.code);
}

function syntaxMessages(
  source: string,
  block: CodeBlockSource,
  grammar: string | undefined,
  lineStarts: readonly number[],
  state: GroupState,
): Message[] {
  if (block.lines.length === 0 || grammar === undefined) return [];
  const lineTexts = block.lines.map((line, index) =>
    index < block.lines.length - 1 || block.trailingNewline ? `${line.text}\n` : line.text,
  );
  const code = lineTexts.join("");
  // Offsets of each line inside `code`.
  const lineOffsets: number[] = [];
  let position = 0;
  for (const text of lineTexts) {
    lineOffsets.push(position);
    position += text.length;
  }
  const lineIndex = (offset: number): number => {
    let index = lineOffsets.length - 1;
    while (index > 0 && lineOffsets[index]! > offset) index--;
    return index;
  };
  const toSource = (offset: number): number => {
    const index = lineIndex(offset);
    return block.lines[index]!.offset + (offset - lineOffsets[index]!);
  };
  // The end of a run that takes a line's newline is the end of that line's
  // terminator in the source (`\r\n` included), not the start of the next
  // line's text (which may follow a container prefix).
  const toSourceEnd = (end: number): number => {
    const index = lineIndex(end - 1);
    const line = block.lines[index]!;
    if (end - lineOffsets[index]! <= line.text.length) return line.offset + (end - lineOffsets[index]!);
    const newline = source.indexOf("\n", line.offset + line.text.length);
    return newline === -1 ? source.length : newline + 1;
  };
  const events = textEvents(source, block, lineTexts, lineOffsets);
  const spans = translatableSpans(code, grammar);
  const messages: Message[] = [];
  for (const [eventStart, eventEnd] of events) {
    const eventLine = lineOf(lineStarts, toSource(eventStart));
    const runs: Span[] = [];
    for (const [spanStart, spanEnd] of spans) {
      // parse_codeblock starts each event with an empty scope stack: a string or comment opened
      // in an earlier event (a block comment's next lines, a line comment's LF) is in no scope.
      if (spanStart < eventStart) continue;
      const start = Math.max(spanStart, eventStart);
      const end = Math.min(spanEnd, eventEnd);
      if (start >= end) continue;
      const previous = runs[runs.length - 1];
      if (previous && /^[ \t]*$/.test(code.slice(previous[1], start))) previous[1] = end;
      else runs.push([start, end]);
    }
    for (const [start, end] of runs) {
      // reconstruct_markdown trims a message's leading newlines (a here-document's body starts with one).
      const textStart = start + /^\n*/.exec(code.slice(start, end))![0].length;
      const msgid = code.slice(textStart, end);
      if (msgid.trim() === "") continue;
      const relative = start - eventStart;
      const line = relative === 0 ? eventLine : eventLine + rustLineCount(code.slice(eventStart, start)) - 1;
      const comment = state.comments.join(" ");
      state.comments = [];
      const context = takeContext(state);
      messages.push({ msgid, comment, line, start: toSource(textStart), end: toSourceEnd(end), ...(context === undefined ? {} : { context }) });
    }
  }
  return messages;
}
