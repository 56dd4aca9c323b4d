/** Definition lists as mdbook-i18n-helpers 0.4 reads them (micromark has none). */

/** A line that opens a definition (`: text`) in a definition list. */
const DEFINITION_MARKER = /^ {0,3}:[ \t]+/;

/**
 * Definition lists (mdbook-i18n-helpers 0.4, pulldown-cmark 0.13): micromark
 * has no such construct, so a paragraph's `: definition` lines are cut out
 * here: the term before them and each definition (with its continuation
 * lines) are separate messages, without the `: ` marker.
 */
export function definitionParts(source: string, start: number, end: number): Array<{ start: number; end: number }> {
  const parts: Array<{ start: number; end: number }> = [];
  let partStart = start;
  let lineStart = start;
  while (lineStart < end) {
    const newline = source.indexOf("\n", lineStart);
    const lineEnd = newline === -1 || newline >= end ? end : newline;
    const line = source.slice(lineStart, lineEnd);
    // Block-quote markers before the definition belong to the container.
    const quote = /^(?:[ \t]*>)*/.exec(line)![0].length;
    const marker = DEFINITION_MARKER.exec(line.slice(quote));
    if (marker) {
      if (lineStart > partStart) parts.push({ start: partStart, end: trimEndOffset(source, partStart, lineStart) });
      partStart = lineStart + quote + marker[0].length;
    }
    lineStart = lineEnd + 1;
  }
  parts.push({ start: partStart, end });
  return parts;
}

/** The offset before the whitespace (line break included) that ends `[start, end)`. */
function trimEndOffset(source: string, start: number, end: number): number {
  let cut = end;
  while (cut > start && /\s/.test(source[cut - 1]!)) cut--;
  return cut;
}

