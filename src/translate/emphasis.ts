/**
 * Emphasis as the translator wrote it, in a form the source's parser reads
 * the same way. The msgid writer (like pulldown-cmark-to-cmark) writes every
 * emphasis with `_`: `*n*th` becomes `_n_th` and `*_h_*` becomes `__h__`.
 * Copied into the source, the first renders literal underscores (a `_` cannot
 * close inside a word) and the second turns bold. Such `_` pairs are written
 * with `*` (`*n*th`, `*_h_*`); pairs that work with `_` are left as they are.
 * Only pairs whose opening `_` can open are touched, so a literal `snake_case`
 * stays. Hand-written: no library rewrites delimiter runs of a Markdown string.
 */
import { parseMarkdown } from "../markdown/parse.js";
const PUNCTUATION = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;

interface Run {
  start: number;
  length: number;
  canOpen: boolean;
  canClose: boolean;
  /** As a `*` run: right-flanking. */
  mayClose: boolean;
  /** As a `*` run: left-flanking. */
  mayOpen: boolean;
}

function classify(text: string, start: number, length: number): Run {
  const before = start === 0 ? " " : text[start - 1]!;
  const after = start + length >= text.length ? " " : text[start + length]!;
  const left = !SPACE.test(after) && (!PUNCTUATION.test(after) || SPACE.test(before) || PUNCTUATION.test(before));
  const right = !SPACE.test(before) && (!PUNCTUATION.test(before) || SPACE.test(after) || PUNCTUATION.test(after));
  return {
    start,
    length,
    canOpen: left && (!right || PUNCTUATION.test(before)),
    canClose: right && (!left || PUNCTUATION.test(after)),
    mayClose: right,
    mayOpen: left,
  };
}

/** The `_` runs of `text` outside code spans, escapes, HTML/autolinks and link destinations. */
function underscoreRuns(text: string): Run[] {
  const runs: Run[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === "\\") {
      index += 2;
      continue;
    }
    if (char === "`") {
      let length = 1;
      while (text[index + length] === "`") length++;
      const fence = "`".repeat(length);
      const close = text.indexOf(fence, index + length);
      index = close === -1 ? index + length : close + length;
      continue;
    }
    if (char === "<") {
      const close = text.indexOf(">", index);
      index = close === -1 ? index + 1 : close + 1;
      continue;
    }
    if (char === "]" && text[index + 1] === "(") {
      const close = text.indexOf(")", index);
      index = close === -1 ? index + 1 : close + 1;
      continue;
    }
    if (char === "_") {
      let length = 1;
      while (text[index + length] === "_") length++;
      runs.push(classify(text, index, length));
      index += length;
      continue;
    }
    index++;
  }
  return runs;
}

/** Whether a later run of `runs[index]`'s length can close, with no run of that length that can open before it. */
function closesLater(runs: readonly Run[], index: number): boolean {
  const length = runs[index]!.length;
  for (const run of runs.slice(index + 1)) {
    if (run.length !== length) continue;
    if (run.canClose) return true;
    if (run.canOpen) return false;
  }
  return false;
}

/** `msgstr` with the `_` emphasis pairs that would not read as emphasis (or as nested emphasis) written with `*`. */
export function emphasisForSource(msgstr: string): string {
  if (!msgstr.includes("_")) return msgstr;
  const runs = underscoreRuns(msgstr);
  const stack: Run[] = [];
  const replacements: Array<{ start: number; text: string }> = [];
  for (const [index, run] of runs.entries()) {
    const opener = [...stack].reverse().find((open) => open.length === run.length);
    // A `_` inside a word before a `_` that closes for real is literal (`_get_response()_`, the
    // writer's form of `*get_response()*`), not the end of `_n_th`'s emphasis.
    if (opener && run.mayClose && !run.canClose && closesLater(runs, index)) continue;
    if (opener && run.mayClose) {
      stack.length = stack.lastIndexOf(opener);
      if (!run.canClose || run.length >= 2) {
        // One `*` for a single emphasis; `*_`…`_*` for emphasis inside emphasis.
        const open = run.length === 1 ? "*" : `*${"_".repeat(run.length - 1)}`;
        replacements.push({ start: opener.start, text: open }, { start: run.start, text: [...open].reverse().join("") });
      }
      continue;
    }
    if (run.canOpen) stack.push(run);
  }
  if (replacements.length === 0) return msgstr;
  replacements.sort((a, b) => a.start - b.start);
  let out = "";
  let position = 0;
  for (const { start, text } of replacements) {
    out += msgstr.slice(position, start) + text;
    position = start + text.length;
  }
  return out + msgstr.slice(position);
}

function emphasisCount(text: string): number {
  let count = 0;
  const visit = (node: { type: string; children?: unknown[] }): void => {
    if (node.type === "emphasis" || node.type === "strong") count++;
    for (const child of node.children ?? []) visit(child as { type: string; children?: unknown[] });
  };
  visit(parseMarkdown(text));
  return count;
}

/**
 * Why a msgstr's `_` emphasis cannot be written so that it renders, if it
 * cannot: the source's `*` emphasis opens inside a word (`x*n*th`, msgid
 * `x_n_th`), where no `_` can open and the writer's form cannot be told
 * from a literal `snake_case`. The translator has to write `*` there.
 */
export function emphasisLoss(sourceText: string, msgid: string, msgstr: string): string | undefined {
  if (!sourceText.includes("*") || !msgid.includes("_") || !msgstr.includes("_")) return undefined;
  if (emphasisCount(emphasisForSource(msgid)) >= emphasisCount(sourceText)) return undefined;
  return "the msgid writes emphasis inside a word with `_`, which renders as literal underscores: write it with `*` in the translation";
}

/**
 * The `_` pairs of `text` that would be emphasis written with `*` but that
 * no `_` can make: the opening `_` is inside a word (`x_n_th`, mdbook-xgettext's
 * form of `x*n*th`). Neither the translator's `_` nor pobook can make them
 * render as emphasis; only `*` can. (A literal `snake_case_name` looks the
 * same, which is why `check` only reports them where the msgid has them too.)
 */
export function intrawordUnderscorePairs(text: string): string[] {
  if (!text.includes("_")) return [];
  const runs = underscoreRuns(text);
  const pairs: string[] = [];
  // Paired as `*` runs pair (the source's delimiter), so that in `_n_th and x_n_th` the
  // first pair is `_n_` before `th` and only the second opens inside a word.
  const stack: Run[] = [];
  for (const [index, run] of runs.entries()) {
    const opener = [...stack].reverse().find((open) => open.length === run.length);
    // A literal `_` inside a word before a `_` that closes for real (`_get_response()_`).
    if (opener && run.mayClose && !run.canClose && closesLater(runs, index)) continue;
    if (opener && run.mayClose) {
      stack.length = stack.lastIndexOf(opener);
      if (!opener.canOpen) pairs.push(text.slice(opener.start, run.start + run.length));
      continue;
    }
    if (run.mayOpen) stack.push(run);
  }
  return pairs;
}
