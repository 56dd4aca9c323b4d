/**
 * Marks inside a code block, one per message: a string literal or comment
 * that has no translation is outlined alone, not the whole block. The
 * message ranges (offsets into the Markdown) are mapped to offsets in the
 * code's text, then the (highlighted) text nodes covering each range are
 * wrapped in `<span class="po-msg …">`, split at the range's ends.
 */
import type { Element, ElementContent, Properties, Text } from "hast";

export interface CodeRange {
  /** `[start, end)` in the Markdown source. */
  start: number;
  end: number;
  properties: Properties;
}

/**
 * Offsets in `code` (the block's text, lines joined by `\n`) of each
 * Markdown offset of the block's lines, which start at `firstLine` (0-based)
 * of `lines`: each code line is the end of its source line (only container
 * markers and indentation are cut). Undefined when a line is not (tabs
 * expanded, say): the block is then marked as a whole.
 */
function lineStarts(code: string, lines: readonly string[], lineOffsets: readonly number[], firstLine: number): Array<{ source: number; code: number; length: number }> | undefined {
  const starts: Array<{ source: number; code: number; length: number }> = [];
  let codeOffset = 0;
  const codeLines = code.split("\n");
  for (let index = 0; index < codeLines.length; index++) {
    const text = codeLines[index]!;
    const sourceLine = lines[firstLine + index];
    if (sourceLine === undefined) return undefined;
    const line = sourceLine.endsWith("\r") ? sourceLine.slice(0, -1) : sourceLine;
    if (!line.endsWith(text)) return undefined;
    starts.push({ source: lineOffsets[firstLine + index]! + line.length - text.length, code: codeOffset, length: text.length });
    codeOffset += text.length + 1;
  }
  return starts;
}

function toCodeOffset(starts: ReadonlyArray<{ source: number; code: number; length: number }>, offset: number): number | undefined {
  for (const line of starts) {
    if (offset >= line.source && offset <= line.source + line.length) return line.code + (offset - line.source);
  }
  return undefined;
}

function textOf(nodes: readonly ElementContent[]): string {
  return nodes.map((node) => (node.type === "text" ? node.value : node.type === "element" ? textOf(node.children) : "")).join("");
}

/** Wraps the pieces of `ranges` (code offsets) found in `nodes`, returning the new children. */
function wrap(nodes: readonly ElementContent[], ranges: ReadonlyArray<{ start: number; end: number; properties: Properties }>, offset: { value: number }): ElementContent[] {
  const result: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type === "element") {
      result.push({ ...node, children: wrap(node.children, ranges, offset) });
      continue;
    }
    if (node.type !== "text") {
      result.push(node);
      continue;
    }
    const start = offset.value;
    const end = start + node.value.length;
    offset.value = end;
    const cuts = new Set([start, end]);
    for (const range of ranges) {
      if (range.start > start && range.start < end) cuts.add(range.start);
      if (range.end > start && range.end < end) cuts.add(range.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i]!;
      const to = points[i + 1]!;
      const piece: Text = { type: "text", value: node.value.slice(from - start, to - start) };
      const range = ranges.find((candidate) => candidate.start <= from && to <= candidate.end);
      result.push(range ? { type: "element", tagName: "span", properties: { ...range.properties }, children: [piece] } : piece);
    }
  }
  return result;
}

/**
 * Marks `ranges` inside `pre` (whose Markdown starts on line `firstLine`,
 * 0-based, the opening fence for a fenced block). Returns false, changing
 * nothing, when the ranges cannot be placed in the code's text.
 */
export function markCodeRanges(pre: Element, ranges: readonly CodeRange[], lines: readonly string[], lineOffsets: readonly number[], firstLine: number, fenced: boolean): boolean {
  const code = pre.children.find((child): child is Element => child.type === "element" && child.tagName === "code");
  if (!code) return false;
  const text = textOf(code.children).replace(/\n$/, "");
  const starts = lineStarts(text, lines, lineOffsets, firstLine + (fenced ? 1 : 0));
  if (!starts) return false;
  const placed: Array<{ start: number; end: number; properties: Properties }> = [];
  for (const range of ranges) {
    const start = toCodeOffset(starts, range.start);
    const end = toCodeOffset(starts, Math.max(range.start, range.end));
    if (start === undefined || end === undefined) return false;
    placed.push({ start, end: Math.max(start, end), properties: range.properties });
  }
  code.children = wrap(code.children, placed, { value: 0 });
  return true;
}
