/** HTML blocks: their directives, and with `htmlBlocks` (0.4) their messages. */
import type { Html } from "mdast";
import { findDirective } from "./directives.js";
import { applyDirective, takeContext, takeGroup, type GroupState } from "./groups.js";
import { lineOf } from "./lines.js";
import type { Message } from "./segment.js";

/**
 * An HTML block. pulldown-cmark hands it over line by line and each line may
 * be a directive. mdbook-xgettext 0.3 gives the rest no message; with
 * `htmlBlocks` (0.4) its other lines are messages, a directive ending the
 * group before it and starting the next one, as upstream restarts there.
 */
export function htmlBlockMessages(
  node: Html,
  source: string,
  lineStarts: readonly number[],
  state: GroupState,
  options: { htmlBlocks?: boolean },
): Message[] {
  const messages: Message[] = [];
  const lines = htmlBlockLines(node, source, lineStarts);
  let groupStart: number | undefined;
  const emit = (end: number): void => {
    if (groupStart === undefined) return;
    const { keep, comment } = takeGroup(state);
    const group = lines.slice(groupStart, end);
    const msgid = group.map((line) => line.text + line.newline).join("");
    if (keep && msgid.trim() !== "") {
      const first = group[0]!;
      const last = group[group.length - 1]!;
      const context = takeContext(state);
      messages.push({ msgid, comment, line: lineOf(lineStarts, first.start), start: first.start, end: last.end, ...(context === undefined ? {} : { context }) });
    }
    groupStart = undefined;
  };
  lines.forEach((line, index) => {
    const directive = findDirective(line.text);
    if (!directive) {
      if (options.htmlBlocks) groupStart ??= index;
      return;
    }
    const inGroup = groupStart !== undefined;
    if (inGroup) {
      emit(index);
      groupStart = index;
    }
    applyDirective(directive, state, inGroup, lineOf(lineStarts, line.start));
  });
  emit(lines.length);
  return messages;
}

interface HtmlLine {
  text: string;
  /** "\n" when the line ends with a line break in the source (the last line may not). */
  newline: string;
  /** Source range of the line's text and its line break. */
  start: number;
  end: number;
}

/** The lines of an HTML block with their source ranges (container prefixes excluded). */
function htmlBlockLines(node: Html, source: string, lineStarts: readonly number[]): HtmlLine[] {
  const firstLine = lineOf(lineStarts, node.position!.start.offset!) - 1;
  return node.value.split(/\r?\n/).map((text, index) => {
    const lineStart = lineStarts[firstLine + index]!;
    const lineEnd = firstLine + index + 1 < lineStarts.length ? lineStarts[firstLine + index + 1]! : source.length;
    const raw = source.slice(lineStart, lineEnd).replace(/\r?\n$/, "");
    const start = index === 0 ? node.position!.start.offset! : lineStart + Math.max(0, raw.length - text.length);
    const hasBreak = lineEnd > lineStart + raw.length;
    return { text, newline: hasBreak ? "\n" : "", start, end: hasBreak ? lineEnd : lineStart + raw.length };
  });
}

