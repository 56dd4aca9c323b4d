/**
 * A msgid change that needs no translator: only whitespace, link
 * destinations (`[text](URL)`) or inline code spans (`` `code` ``) changed.
 * `pobook update` then carries the same change over to the translation
 * instead of marking it fuzzy: the words to translate are the same, and a
 * moved URL or a renamed identifier is copied verbatim by every translator.
 *
 * The translation is changed only when that is unambiguous: every changed
 * span or destination of the old msgid must be in the msgstr, and one old
 * value may not become two different new ones (nor stay unchanged in one
 * place and change in another). Otherwise the entry stays fuzzy.
 */

interface Piece {
  kind: "text" | "code" | "destination";
  value: string;
}

/** Finds the closing `)` of a link destination opened at `from` (just after `](`), counting nested parentheses. */
function destinationEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\\") i++;
    else if (ch === "(") depth++;
    else if (ch === ")") {
      if (depth === 0) return i;
      depth--;
    } else if (ch === "\n") return -1;
  }
  return -1;
}

/** The text cut into code spans, link destinations (with any title) and the text between them. */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let plain = "";
  let i = 0;
  const flush = () => {
    if (plain !== "") out.push({ kind: "text", value: plain });
    plain = "";
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length) {
      plain += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === "`") {
      let run = 1;
      while (text[i + run] === "`") run++;
      const fence = "`".repeat(run);
      // The closing run has exactly as many backticks (CommonMark code spans).
      let close = text.indexOf(fence, i + run);
      while (close >= 0 && text[close + run] === "`") {
        let next = close;
        while (text[next] === "`") next++;
        close = text.indexOf(fence, next);
      }
      if (close >= 0) {
        flush();
        out.push({ kind: "code", value: text.slice(i, close + run) });
        i = close + run;
        continue;
      }
      plain += fence;
      i += run;
      continue;
    }
    if (ch === "]" && text[i + 1] === "(") {
      const end = destinationEnd(text, i + 2);
      if (end >= 0) {
        plain += "](";
        flush();
        out.push({ kind: "destination", value: text.slice(i + 2, end) });
        plain = ")";
        i = end + 1;
        continue;
      }
    }
    plain += ch;
    i++;
  }
  flush();
  return out;
}

/**
 * Whitespace as Markdown reads it: any run is one space, except a hard line
 * break (two spaces or more before a newline), which renders differently.
 */
const collapse = (text: string) => text.replace(/ {2,}\n\s*/g, "\u0000").replace(/\s+/g, " ");

export interface TrivialChangeOptions {
  /**
   * Whitespace inside the message must not change (code: indentation is
   * part of it, and the translation's copy of the code could not follow).
   */
  exactWhitespace?: boolean;
}

function edges(text: string): { lead: string; body: string; trail: string } {
  const lead = /^\s*/.exec(text)![0];
  const trail = lead.length === text.length ? "" : /\s*$/.exec(text)![0];
  return { lead, body: text.slice(lead.length, text.length - trail.length), trail };
}

/**
 * The translation `msgstr` (made for `oldMsgid`) brought to `newMsgid`, or
 * undefined when the change is more than whitespace, link destinations and
 * code spans, or cannot be carried over unambiguously.
 */
export function carryTrivialChange(oldMsgid: string, newMsgid: string, msgstr: string, options: TrivialChangeOptions = {}): string | undefined {
  if (oldMsgid === newMsgid || msgstr === "") return undefined;
  const oldEdges = edges(oldMsgid);
  const newEdges = edges(newMsgid);
  const before = pieces(oldEdges.body);
  const after = pieces(newEdges.body);
  if (before.length !== after.length) return undefined;
  const replacements = new Map<string, string>();
  const unchanged = new Set<string>();
  for (let k = 0; k < before.length; k++) {
    const a = before[k]!;
    const b = after[k]!;
    if (a.kind !== b.kind) return undefined;
    if (a.kind === "text") {
      // Whitespace may change in amount and kind (a re-wrapped line), not appear or vanish between words.
      if (options.exactWhitespace ? a.value !== b.value : collapse(a.value) !== collapse(b.value)) return undefined;
      continue;
    }
    const key = `${a.kind}\u0000${a.value}`;
    if (a.value === b.value) unchanged.add(key);
    else {
      const known = replacements.get(key);
      if (known !== undefined && known !== b.value) return undefined;
      replacements.set(key, b.value);
    }
  }
  for (const key of replacements.keys()) if (unchanged.has(key)) return undefined;

  const translation = edges(msgstr);
  const found = new Set<string>();
  const carried = pieces(translation.body).map((piece) => {
    if (piece.kind === "text") return piece.value;
    const key = `${piece.kind}\u0000${piece.value}`;
    const replacement = replacements.get(key);
    if (replacement === undefined) return piece.value;
    found.add(key);
    return replacement;
  });
  if (found.size !== replacements.size) return undefined;
  // Leading and trailing whitespace (a code comment's newline, say) follow the msgid when the translation had the old one.
  const lead = translation.lead === oldEdges.lead ? newEdges.lead : translation.lead;
  const trail = translation.trail === oldEdges.trail ? newEdges.trail : translation.trail;
  return lead + carried.join("") + trail;
}
