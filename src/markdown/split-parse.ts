/**
 * Parses a big document in pieces. micromark keeps one event list for the
 * whole document and splices into it, so its time and memory grow faster
 * than the input (a 380 KB chapter of short lists took seconds, 5 MB of
 * chapters ~1.4 GB). Cut at top-level block boundaries, each piece parses to
 * the same blocks it has in the whole document; the pieces' trees, with their
 * positions moved to the whole document's, are joined into one root.
 *
 * A reference (`[text][label]`, `[label]`, `[^note]`) is only a reference when
 * its label is defined somewhere in the document, so a piece that mentions a
 * label defined in another piece is parsed again with stand-in definitions
 * of those labels before it (which are then dropped).
 */
import type { Nodes, Root, RootContent } from "mdast";

/** Where a new top-level block may start: after a blank line, at column 0, with nothing that continues a container or list. */
const SPLITTABLE_LINE = /^[^\s>|:\-+*0-9]/;
const LIST_OR_CONTAINER = /^(?:[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|>)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** HTML blocks that run across blank lines (CommonMark types 1–5), with what ends them. */
const RAW_HTML_BLOCKS: Array<[open: RegExp, close: RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/**
 * Offsets where the document may be cut: the start of a line that begins a
 * top-level block after a blank line, outside fenced code, front matter and
 * raw HTML blocks. When unsure, a line is not a cut (a missed cut only costs time).
 */
export function pieceStarts(text: string, pieceSize: number): number[] {
  const starts = [0];
  let closing: RegExp | undefined;
  let fence: { char: string; length: number } | undefined;
  let previousBlank = false;
  let offset = 0;
  let lineIndex = 0;
  while (offset < text.length) {
    const newline = text.indexOf("\n", offset);
    const end = newline === -1 ? text.length : newline + 1;
    const line = text.slice(offset, newline === -1 ? text.length : newline).replace(/\r$/, "");
    if (lineIndex === 0 && /^(?:---|\+\+\+)[ \t]*$/.test(line)) {
      closing = /^(?:---|\.\.\.|\+\+\+)[ \t]*$/; // front matter, read line by line below
    } else if (closing) {
      if (closing.test(line)) closing = undefined;
    } else if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = undefined;
    } else {
      if (previousBlank && offset - starts[starts.length - 1]! >= pieceSize && SPLITTABLE_LINE.test(line) && !LIST_OR_CONTAINER.test(line)) {
        starts.push(offset);
      }
      // A backtick "fence" with a backtick in its info string is no fence; read as one anyway, on the safe side.
      const open = FENCE_OPEN.exec(line);
      if (open) fence = { char: open[1]![0]!, length: open[1]!.length };
      for (const [opener, closer] of RAW_HTML_BLOCKS) {
        if (!fence && opener.test(line) && !closer.test(line.replace(opener, ""))) closing = closer;
      }
    }
    previousBlank = line.trim() === "";
    offset = end;
    lineIndex++;
  }
  return starts;
}

/** How micromark normalises a label: whitespace runs to one space, trimmed, case-folded. */
function normalizeLabel(value: string): string {
  return value.replace(/[\t\n\r ]+/g, " ").replace(/^ | $/g, "").toLowerCase().toUpperCase();
}

function lineEndings(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) count++;
    else if (code === 13 && text.charCodeAt(index + 1) !== 10) count++;
  }
  return count;
}

/** Moves every position in `node` by `lines` lines and `offset` characters (columns stay: pieces start at a line start). */
function shift(node: Nodes, lines: number, offset: number): void {
  const stack: Nodes[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    const position = current.position;
    if (position) {
      position.start = { line: position.start.line + lines, column: position.start.column, offset: position.start.offset! + offset };
      position.end = { line: position.end.line + lines, column: position.end.column, offset: position.end.offset! + offset };
    }
    if ("children" in current) for (const child of current.children) stack.push(child as Nodes);
  }
}

interface Labels {
  definitions: Set<string>;
  footnotes: Set<string>;
}

function labelsOf(tree: Root): Labels {
  const labels: Labels = { definitions: new Set(), footnotes: new Set() };
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "definition") labels.definitions.add(node.identifier);
    else if (node.type === "footnoteDefinition") labels.footnotes.add(node.identifier);
    if ("children" in node) for (const child of node.children) stack.push(child as Nodes);
  }
  return labels;
}

/** Every label a definition or footnote defines, by the key its reference has in bracketKeys (`^` before a footnote's). */
function byBracketKey(ids: string[], mark: string): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const id of new Set(ids)) {
    const key = mark + normalizeLabel(id);
    const same = keys.get(key);
    if (same) same.push(id);
    else keys.set(key, [id]);
  }
  return keys;
}

/**
 * What every innermost `[…]` of `text` holds, normalised like a label: a
 * superset of the labels its references use (a label has no unescaped
 * bracket). One pass over the text, where testing each defined label against
 * each piece took time in their product.
 */
function bracketKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const match of text.matchAll(/\[((?:[^[\]\\]|\\[^])*)\]/g)) keys.add(normalizeLabel(match[1]!));
  return keys;
}

/**
 * A stand-in definition of the link label `id`. A label starting with `^`
 * (defined as `[ ^x]: url`) must not be written `[^x]: x`, which defines a
 * footnote; the leading space keeps it a link definition of the same label.
 */
function definitionStandIn(id: string): string {
  return id.startsWith("^") ? `[ ${id}]: x` : `[${id}]: x`;
}

/**
 * `parse` applied to `text` in pieces of about `pieceSize` characters, with the
 * tree `parse(text)` gives. `parse` must not check limits itself (the caller
 * checks the whole text once).
 */
export function parseInPieces(text: string, pieceSize: number, parse: (text: string) => Root): Root {
  const starts = pieceStarts(text, pieceSize);
  if (starts.length === 1) return parse(text);
  const pieces = starts.map((start, index) => ({ start, text: text.slice(start, starts[index + 1] ?? text.length) }));
  const trees = pieces.map((piece) => parse(piece.text));
  const own = trees.map(labelsOf);
  const definitionsByKey = byBracketKey(own.flatMap((labels) => [...labels.definitions]), "");
  const footnotesByKey = byBracketKey(own.flatMap((labels) => [...labels.footnotes]), "^");
  const root: Root = { type: "root", children: [] };
  let line = 0;
  let previousStart = 0;
  pieces.forEach((piece, index) => {
    line += lineEndings(text, previousStart, piece.start);
    previousStart = piece.start;
    let tree = trees[index]!;
    let prefix = "";
    if ((definitionsByKey.size || footnotesByKey.size) && piece.text.includes("[")) {
      const definitions: string[] = [];
      const footnotes: string[] = [];
      for (const key of bracketKeys(piece.text)) {
        for (const id of definitionsByKey.get(key) ?? []) if (!own[index]!.definitions.has(id)) definitions.push(id);
        for (const id of footnotesByKey.get(key) ?? []) if (!own[index]!.footnotes.has(id)) footnotes.push(id);
      }
      if (definitions.length || footnotes.length) {
        prefix = [...definitions.map(definitionStandIn), ...footnotes.map((id) => `[^${id}]: x`)].join("\n") + "\n\n";
        tree = parse(prefix + piece.text);
      }
    }
    const prefixLines = lineEndings(prefix, 0, prefix.length);
    const kept = prefix ? tree.children.filter((child) => child.position!.start.offset! >= prefix.length) : tree.children;
    for (const child of kept) shift(child, line - prefixLines, piece.start - prefix.length);
    root.children.push(...(kept as RootContent[]));
    if (index === pieces.length - 1) {
      const end = tree.position!.end;
      root.position = {
        start: { line: 1, column: 1, offset: 0 },
        end: { line: end.line + line - prefixLines, column: end.column, offset: end.offset! + piece.start - prefix.length },
      };
    }
  });
  return root;
}
