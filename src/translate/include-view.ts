/**
 * A code file as one `{{#include}}` or `{{#rustdoc_include}}` shows it inside
 * a chapter's code block, with the way back to the file.
 *
 * mdbook-xgettext extracted the expanded chapter, so the messages of an
 * included file are those of the included text: only the lines of the
 * anchor or range, `ANCHOR:` lines removed, and for `rustdoc_include` the
 * lines outside the selection hidden with `# `. The view is that text, each
 * line remembering the file line it came from and the prefix it gained, so
 * that translations made on the view can be written into the file.
 * (mdBook's own selection rules are mirrored from src/book/links.ts, which
 * expands without keeping the line mapping.)
 */
import type { Edit } from "./document.js";
import { endName, isAnchorLine, startName } from "../book/links.js";

export type IncludeKind = "include" | "rustdoc_include";

export interface ViewLine {
  /** Index of the file line shown. */
  line: number;
  /** Text the view puts before it (`# ` for a hidden line). */
  prefix: string;
}

export interface IncludeView {
  /** The included text, as mdBook expands it (lines joined by `\n`, no final newline). */
  text: string;
  lines: ViewLine[];
}


/** Rust's `str::lines()`: no empty last line after a final newline, `\r\n` accepted. */
function fileLines(text: string): string[] {
  const lines = text.split("\n").map((line) => line.replace(/\r$/, ""));
  if (text.endsWith("\n")) lines.pop();
  return lines;
}

type Range = { kind: "all" } | { kind: "lines"; start: number; end?: number } | { kind: "anchor"; name: string };

/** The `file:range` part after the file name (`:main`, `:3`, `:3:`, `:3:7`, `::7`). */
export function parseRange(parts: readonly string[]): Range {
  const first = parts[0];
  if (first === undefined) return { kind: "all" };
  if (first !== "" && !/^\d+$/.test(first)) return { kind: "anchor", name: first };
  const start = first === "" ? 1 : Math.max(1, Number(first));
  if (parts.length === 1) return { kind: "lines", start, end: start };
  const second = parts[1]!;
  return second === "" ? { kind: "lines", start } : { kind: "lines", start, end: Number(second) };
}

/** Which file lines `range` selects (ANCHOR lines of an anchored selection left out). */
function selected(lines: readonly string[], range: Range): Set<number> | undefined {
  const chosen = new Set<number>();
  if (range.kind === "all") lines.forEach((_, index) => chosen.add(index));
  else if (range.kind === "lines") {
    const end = Math.min(range.end ?? lines.length, lines.length);
    for (let index = range.start - 1; index < end; index++) chosen.add(index);
  } else {
    // Names compare whole, as mdBook's (`async-compute` is not `async-compute-app`).
    let open = false;
    let seen = false;
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index]!;
      if (!open) {
        if (startName(line) === range.name) open = seen = true;
        continue;
      }
      if (endName(line) === range.name) break;
      if (!isAnchorLine(line)) chosen.add(index);
    }
    if (!seen) return undefined;
  }
  return chosen;
}

/** The view of `text` included with `range` (undefined: an anchor the file lacks, which includes nothing). */
export function includeView(text: string, kind: IncludeKind, range: Range): IncludeView | undefined {
  const lines = fileLines(text);
  const chosen = selected(lines, range);
  const view: ViewLine[] = [];
  if (kind === "include") {
    if (!chosen) return undefined;
    for (const index of [...chosen].sort((a, b) => a - b)) view.push({ line: index, prefix: "" });
  } else {
    lines.forEach((line, index) => {
      if (range.kind === "anchor" && isAnchorLine(line)) return;
      const visible = range.kind === "all" || (chosen?.has(index) ?? false);
      view.push({ line: index, prefix: visible ? "" : line === "" ? "#" : "# " });
    });
  }
  return { text: view.map((entry) => entry.prefix + lines[entry.line]!).join("\n"), lines: view };
}

/**
 * An edit of the view (offsets into `view.text`) as an edit of the file, or
 * why it cannot be written there: it changes a `# ` the view added, or its
 * text spans file lines the view left out and does not keep the view's lines.
 */
export function editInFile(edit: Edit, view: IncludeView, file: string): Edit | string {
  const fileStarts = [0];
  for (let index = file.indexOf("\n"); index !== -1; index = file.indexOf("\n", index + 1)) fileStarts.push(index + 1);
  const viewStarts = [0];
  for (let index = view.text.indexOf("\n"); index !== -1; index = view.text.indexOf("\n", index + 1)) viewStarts.push(index + 1);
  const locate = (offset: number): { row: number; column: number } => {
    let row = 0;
    while (row + 1 < viewStarts.length && viewStarts[row + 1]! <= offset) row++;
    return { row, column: offset - viewStarts[row]! };
  };
  const first = locate(edit.start);
  // An end just past a line's newline belongs to that line's end.
  const endsAtNewline = edit.end > edit.start && view.text[edit.end - 1] === "\n";
  const last = locate(endsAtNewline ? edit.end - 1 : edit.end);
  const toFile = (row: number, column: number): number | undefined => {
    const line = view.lines[row];
    if (line === undefined) return undefined;
    if (column < line.prefix.length) return undefined;
    return fileStarts[line.line]! + column - line.prefix.length;
  };
  const start = toFile(first.row, first.column);
  const lastEnd = toFile(last.row, last.column);
  if (start === undefined || lastEnd === undefined) return "the translation would change the `# ` that rustdoc_include puts before a hidden line";
  const end = endsAtNewline ? lastEnd + 1 + (file[lastEnd] === "\r" ? 1 : 0) : lastEnd;
  const rows = last.row - first.row + (endsAtNewline ? 1 : 0);
  // Lines shown as they are in the file, one after the other: the text goes in as it is.
  let plain = true;
  for (let row = first.row + 1; row <= last.row; row++) {
    if (view.lines[row]!.line !== view.lines[row - 1]!.line + 1 || view.lines[row]!.prefix !== "") plain = false;
  }
  if (plain) return { start, end, text: edit.text };
  // Several lines: put back the prefixes the view added and the lines it left out.
  const pieces = edit.text.split("\n");
  if (pieces.length - 1 !== rows) return "the translation spans an `ANCHOR` or hidden line of the included file and has another number of lines";
  const fileLines = file.split("\n");
  const out: string[] = [pieces[0]!];
  for (let row = first.row + 1; row <= first.row + rows; row++) {
    if (row > last.row) {
      out.push(pieces[row - first.row]!); // after the edit's final newline: nothing of the next line
      continue;
    }
    const previous = view.lines[row - 1]!.line;
    const current = view.lines[row]!.line;
    for (let skipped = previous + 1; skipped < current; skipped++) out.push(fileLines[skipped]!.replace(/\r$/, ""));
    const piece = pieces[row - first.row]!;
    const prefix = view.lines[row]!.prefix;
    if (!piece.startsWith(prefix)) return "the translation would change the `# ` that rustdoc_include puts before a hidden line";
    out.push(piece.slice(prefix.length));
  }
  return { start, end, text: out.join("\n") };
}
