/** Where pulldown-cmark ends a heading's text (attribute blocks, closing runs). */
import type { Heading } from "mdast";

/**
 * pulldown-cmark strips a trailing `{ #id .class }` attribute block from
 * headings: the last `{...}` when the heading ends with it and nothing inside
 * is one of `{ } < > \\` or a line break.
 */
export function headingContentEnd(node: Heading, source: string): number | undefined {
  const last = node.children[node.children.length - 1];
  const first = node.children[0];
  if (!last || !first) return undefined;
  const start = first.position!.start.offset!;
  const end = last.position!.end.offset!;
  const attributes = /\{[^{}<>\\\r\n]*\}[ \t]*$/.exec(source.slice(start, end));
  if (!attributes) return undefined;
  return start + source.slice(start, start + attributes.index).trimEnd().length;
}

/**
 * Where pulldown-cmark ends an ATX heading's text: before a trailing
 * attribute block, then before trailing spaces and a closing `#` run that
 * follows a space. Unlike CommonMark (and micromark) it keeps tabs there, so
 * `# a\t#` is the text `a\t#`.
 */
export function atxContentEnd(source: string, start: number): number {
  const newline = source.indexOf("\n", start);
  let end = newline === -1 ? source.length : newline;
  if (source[end - 1] === "\r") end--;
  const attributes = /\{[^{}<>\\\r\n]*\}[ \t]*$/.exec(source.slice(start, end));
  if (attributes) end = start + attributes.index;
  const text = source.slice(start, end);
  let limit = text.replace(/ +$/, "").length;
  const closer = text.slice(0, limit).replace(/#+$/, "").length;
  if (closer === 0) limit = 0;
  else {
    const spaces = text.slice(0, closer).length - text.slice(0, closer).replace(/ +$/, "").length;
    if (spaces > 0) limit = closer - spaces;
  }
  return start + limit;
}

