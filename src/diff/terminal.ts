/**
 * `pobook diff` on a terminal: per catalog and chapter, each entry's old
 * and new English in two columns with the changed words marked: in colour
 * (red struck out / green) when colour is on, else as `[-old-]` and
 * `{+new+}` (git's --word-diff=plain) so a pipe or a log keeps the marks.
 */
import type { CatalogReview, ReviewChapter, ReviewEntry, SourceChange } from "./review.js";
import { side, type WordChange } from "./words.js";

export interface TerminalOptions {
  color: boolean;
  /** Total width of a line. */
  width: number;
}

const STYLE = {
  removed: ["\x1b[31;9m", "\x1b[0m"],
  added: ["\x1b[32;1m", "\x1b[0m"],
  dim: ["\x1b[2m", "\x1b[0m"],
  bold: ["\x1b[1m", "\x1b[0m"],
  yellow: ["\x1b[33m", "\x1b[0m"],
} as const;

type Style = keyof typeof STYLE;

function paint(text: string, style: Style, color: boolean): string {
  return color ? `${STYLE[style][0]}${text}${STYLE[style][1]}` : text;
}

/** Columns a character takes: 2 for East Asian wide and emoji, 0 for combining marks, else 1. */
function charWidth(char: string): number {
  const code = char.codePointAt(0)!;
  if (/\p{Mn}|\p{Me}|\u200d|\ufe0f/u.test(char)) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

interface Piece {
  text: string;
  width: number;
  style?: Style;
  /** Part of a whitespace-only change: drawn as middle dots, or the change would not show. */
  visibleSpace?: boolean;
}

/**
 * One side's changes as display lines of at most `width` columns: words are
 * not split unless longer than a line, a newline in the msgid starts a new
 * line, and marks (without colour) are pieces of their own.
 */
function wrap(changes: readonly WordChange[], width: number, color: boolean): Piece[][] {
  const pieces: Array<Piece | "newline"> = [];
  for (const change of changes) {
    const style: Style | undefined = change.kind === "same" ? undefined : change.kind;
    const [open, close] = change.kind === "removed" ? ["[-", "-]"] : change.kind === "added" ? ["{+", "+}"] : ["", ""];
    if (!color && open !== "") pieces.push({ text: open, width: 2 });
    for (const [token] of change.text.matchAll(/\n|[^\S\n]+|\S+/gu)) {
      if (token === "\n") pieces.push({ text: "↵", width: 1, ...(style ? { style } : {}) }, "newline");
      else {
        const text = token.replaceAll("\t", "    ");
        pieces.push({ text, width: textWidth(text), ...(style ? { style } : {}), ...(style && change.text.trim() === "" ? { visibleSpace: true } : {}) });
      }
    }
    if (!color && close !== "") pieces.push({ text: close, width: 2 });
  }
  const lines: Piece[][] = [[]];
  let used = 0;
  const newLine = (): void => {
    lines.push([]);
    used = 0;
  };
  for (const piece of pieces) {
    if (piece === "newline") {
      newLine();
      continue;
    }
    const blank = /^\s+$/.test(piece.text);
    if (used + piece.width > width && used > 0) {
      // A space at the end of a line is dropped unless it is a change (a whitespace edit must show).
      if (blank && !piece.visibleSpace) {
        newLine();
        continue;
      }
      newLine();
    }
    if (piece.width <= width) {
      lines.at(-1)!.push(piece);
      used += piece.width;
      continue;
    }
    // A word longer than the column: cut it by characters.
    let chunk = "";
    let chunkWidth = 0;
    for (const char of piece.text) {
      const w = charWidth(char);
      if (chunkWidth + w > width - used) {
        lines.at(-1)!.push({ ...piece, text: chunk, width: chunkWidth });
        newLine();
        chunk = "";
        chunkWidth = 0;
      }
      chunk += char;
      chunkWidth += w;
    }
    lines.at(-1)!.push({ ...piece, text: chunk, width: chunkWidth });
    used += chunkWidth;
  }
  return lines;
}

function renderLine(pieces: readonly Piece[], width: number, color: boolean): string {
  let used = 0;
  let out = "";
  for (const piece of pieces) {
    const text = piece.visibleSpace ? "·".repeat(piece.width) : piece.text;
    out += piece.style !== undefined ? paint(text, piece.style, color) : text;
    used += piece.width;
  }
  return out + " ".repeat(Math.max(0, width - used));
}

function sideBySide(entry: ReviewEntry, options: TerminalOptions): string[] {
  if (entry.state === "new") {
    // Nothing old to set against: the new English gets the whole width.
    return wrap(entry.changes, Math.max(20, options.width - 4), options.color).map((line) => `    ${renderLine(line, 0, options.color)}`.trimEnd());
  }
  const column = Math.max(20, Math.floor((options.width - 7) / 2));
  const before = entry.previous === undefined ? undefined : wrap(side(entry.changes, "before"), column, options.color);
  const after = wrap(side(entry.changes, "after"), column, options.color);
  const placeholder = "(no #| previous msgid)";
  const left = before ?? [[{ text: placeholder, width: textWidth(placeholder), style: "dim" as const }]];
  const lines: string[] = [];
  const bar = paint("│", "dim", options.color);
  for (let i = 0; i < Math.max(left.length, after.length); i++) {
    lines.push(`    ${renderLine(left[i] ?? [], column, options.color)} ${bar} ${renderLine(after[i] ?? [], column, options.color).trimEnd()}`.trimEnd());
  }
  return lines;
}

function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

function describeChange(change: SourceChange): string {
  const lines = `+${change.added} −${change.removed} lines`;
  const committed = change.commits.length === 0 ? "not committed yet" : plural(change.commits.length, "commit");
  return `${committed}, ${lines}`;
}

function renderChapter(review: CatalogReview, chapter: ReviewChapter, options: TerminalOptions): string[] {
  const { color } = options;
  const fuzzy = chapter.entries.filter((entry) => entry.state === "fuzzy").length;
  const counts = [fuzzy > 0 ? `${fuzzy} fuzzy` : "", chapter.entries.length - fuzzy > 0 ? `${chapter.entries.length - fuzzy} new` : ""].filter(Boolean).join(", ");
  const title = chapter.title !== undefined ? ` ${paint(`“${chapter.title}”`, "bold", color)}` : "";
  const lines = ["", `${paint(chapter.path || "(no references)", "bold", color)}${title}  ${paint(counts, "dim", color)}`];
  if (chapter.sources === null) lines.push(`  sources: ${paint("unchanged since the baseline", "dim", color)}`);
  else if (chapter.sources !== undefined) {
    lines.push(`  sources: ${describeChange(chapter.sources)} since ${review.baseline!.commit.short}`);
    for (const commit of chapter.sources.commits) lines.push(`    ${paint(commit.short, "yellow", color)} ${commit.date.slice(0, 10)} ${commit.subject}`);
  }
  for (const entry of chapter.entries) {
    const context = entry.msgctxt !== undefined ? ` msgctxt ${JSON.stringify(entry.msgctxt)}` : "";
    const recovered = entry.previousFrom === "baseline" ? paint(" (old English from the baseline's catalog)", "dim", color) : "";
    lines.push(`  ${review.file}:${entry.line}: ${paint(entry.state, entry.state === "fuzzy" ? "yellow" : "added", color)}${context}${recovered}`);
    lines.push(...sideBySide(entry, options));
  }
  return lines;
}

export function renderTerminal(reviews: readonly CatalogReview[], options: TerminalOptions): string {
  const out: string[] = [];
  for (const review of reviews) {
    const head = `${paint(review.file, "bold", options.color)}: ${review.fuzzy} fuzzy, ${review.new} new in ${plural(review.chapters.length, "chapter")}`;
    out.push(head);
    if (review.baseline !== undefined) {
      const { commit, revision, reason } = review.baseline;
      const why = reason === "since" ? `--since ${revision}` : `the last commit at its POT-Creation-Date ${review.potCreationDate}`;
      out.push(`  sources compared with ${commit.short} ${commit.date.slice(0, 10)} “${commit.subject}” (${why})`);
    } else if (review.noBaseline !== undefined) {
      out.push(`  ${paint(review.noBaseline, "dim", options.color)}`);
    }
    if (review.previousFromBaseline > 0) {
      out.push(`  ${plural(review.previousFromBaseline, "fuzzy entry", "fuzzy entries")} without #|: old English taken from the catalog at the baseline (the entry with the same translation)`);
    }
    if (review.withoutPrevious > 0) {
      out.push(`  ${plural(review.withoutPrevious, "fuzzy entry", "fuzzy entries")} without a #| previous msgid: their old English is unknown`);
    }
    for (const chapter of review.chapters) out.push(...renderChapter(review, chapter, options));
    if (review.otherChanges.length > 0) {
      out.push("", `${paint("Changed since the baseline, nothing to review in this catalog", "bold", options.color)} (run \`pobook update\` if the catalog predates them):`);
      for (const change of review.otherChanges) out.push(`  ${change.path}${change.title !== undefined ? ` “${change.title}”` : ""}: ${describeChange(change)}`);
    }
    out.push("");
  }
  return `${out.join("\n")}\n`;
}
