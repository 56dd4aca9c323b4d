/**
 * String and comment ranges of YAML code as syntect's YAML grammar scopes
 * them, for mdbook-xgettext's code-block messages.
 *
 * Hand-written because highlight.js cannot be configured to agree: syntect
 * scopes every plain scalar, keys included, as `string.unquoted.plain`, except
 * the YAML 1.1 typed scalars (booleans such as `on` and `y`, nulls, numbers,
 * timestamps, `=`, `<<`), which are constants; a block scalar's text is a
 * string from the start of its first line (indentation included) to its last
 * newline, without the `|`/`>` header. highlight.js calls keys `attr`, splits
 * plain values at ` - `, and puts block-scalar headers in the string.
 */
import type { Span } from "./tokens.js";

/** YAML 1.1 typed scalars (yaml.org/type), which syntect scopes as constants. */
const TYPED_SCALAR = new RegExp(
  "^(?:" +
    [
      "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
      "null|Null|NULL|~",
      "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+",
      "[-+]?(?:[0-9][0-9_]*)?\\.[0-9.]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)",
      "[0-9]{4}-[0-9]{2}-[0-9]{2}",
      "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?(?:[ \\t]*Z|[-+][0-9]{1,2}(?::[0-9]{2})?)?",
      "=|<<",
    ].join("|") +
    ")$",
);

const BLOCK_SCALAR_HEADER = /^[|>][-+0-9]*[ \t]*(?:#.*)?$/;

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

export function yamlSpans(code: string): Span[] {
  const spans: Span[] = [];
  const lines = code.split(/(?<=\n)/);
  let offset = 0;
  let flowDepth = 0;
  /** After a block scalar header, until its text ends. */
  let inBlockScalar = false;
  let blockIndent: number | undefined;
  let quote: { char: '"' | "'"; start: number } | undefined;
  /** Whether the last span is a block scalar's text, which the next line may extend. */
  let inBlock = false;

  for (const line of lines) {
    const text = line.endsWith("\n") ? line.slice(0, -1) : line;
    if (inBlockScalar) {
      // syntect takes the indentation of the first line that starts with a
      // space (whatever the parent's), and keeps empty lines, whitespace-only
      // lines and lines indented at least as much; leading empty lines are
      // not part of the string.
      const indent = indentOf(text);
      if (text === "" && blockIndent === undefined) {
        offset += line.length;
        continue;
      }
      if (blockIndent === undefined && indent > 0) blockIndent = indent;
      if (blockIndent !== undefined && (text.trim() === "" || indent >= blockIndent)) {
        const last = spans[spans.length - 1];
        if (inBlock && last) last[1] = offset + line.length;
        else spans.push([offset, offset + line.length]);
        inBlock = true;
        offset += line.length;
        continue;
      }
      inBlockScalar = false;
      blockIndent = undefined;
    }
    inBlock = false;
    let at = 0;
    if (quote === undefined && /^(?:---|\.\.\.)(?=[ \t]|$)/.test(text)) at = 3;
    else if (quote === undefined && text.startsWith("%")) at = text.length;
    while (at < text.length || quote) {
      if (quote) {
        const end = closingQuote(text, at, quote.char);
        if (end === undefined) {
          at = text.length;
          break;
        }
        spans.push([quote.start, offset + end + 1]);
        quote = undefined;
        at = end + 1;
        continue;
      }
      const char = text[at]!;
      const next = text[at + 1];
      const spaceAfter = next === undefined || next === " " || next === "\t";
      if (char === " " || char === "\t") at++;
      else if (char === "#" && (at === 0 || /[ \t]/.test(text[at - 1]!))) {
        spans.push([offset + at, offset + line.length]);
        at = text.length;
      } else if (char === '"' || char === "'") {
        quote = { char, start: offset + at };
        at++;
      } else if ((char === "-" || char === "?" || char === ":") && spaceAfter) at++;
      else if (flowDepth > 0 && char === ":" && /^[,\[\]{}]/.test(next ?? "")) at++;
      else if (char === "[" || char === "{") {
        flowDepth++;
        at++;
      } else if (char === "]" || char === "}") {
        flowDepth = Math.max(0, flowDepth - 1);
        at++;
      } else if (char === "," && flowDepth > 0) at++;
      else if (char === "&" || char === "*" || char === "!") at = propertyEnd(text, at);
      else if (char === "@" || char === "`" || char === "%") at++; // reserved indicators cannot start a scalar
      else if (char === "#") at++; // not a comment (no space before it) and no scalar's start either: `{{#include x}}` gives `include x`
      else if ((char === "|" || char === ">") && flowDepth === 0 && BLOCK_SCALAR_HEADER.test(text.slice(at))) {
        inBlockScalar = true;
        const comment = text.indexOf("#", at);
        if (comment !== -1) spans.push([offset + comment, offset + line.length]);
        at = text.length;
      } else {
        const end = plainScalarEnd(text, at, flowDepth > 0);
        const scalar = text.slice(at, end);
        if (!TYPED_SCALAR.test(scalar)) spans.push([offset + at, offset + end]);
        at = end;
      }
    }
    offset += line.length;
  }
  if (quote) spans.push([quote.start, code.length]);
  return spans;
}

/** Index of the quote that closes a quoted scalar, from `from` on this line. */
function closingQuote(text: string, from: number, char: '"' | "'"): number | undefined {
  for (let at = from; at < text.length; at++) {
    if (char === '"' && text[at] === "\\") at++;
    else if (text[at] === char) {
      if (char === "'" && text[at + 1] === "'") at++;
      else return at;
    }
  }
  return undefined;
}

/** End of an anchor, alias or tag: up to the next space. */
function propertyEnd(text: string, from: number): number {
  const match = /^[^ \t]*/.exec(text.slice(from))!;
  return from + Math.max(1, match[0].length);
}

/** A plain scalar ends before `: `, ` #`, the end of the line (and, in a flow, `,[]{}`); trailing blanks are not part of it. */
function plainScalarEnd(text: string, from: number, inFlow: boolean): number {
  let at = from;
  let end = from;
  while (at < text.length) {
    const char = text[at]!;
    const next = text[at + 1];
    if (char === ":" && (next === undefined || next === " " || next === "\t" || (inFlow && /[,\[\]{}]/.test(next)))) break;
    if (char === "#" && at > from && /[ \t]/.test(text[at - 1]!)) break;
    if (inFlow && /[,\[\]{}]/.test(char)) break;
    at++;
    if (char !== " " && char !== "\t") end = at;
  }
  return Math.max(end, from + 1);
}
