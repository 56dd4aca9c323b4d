/**
 * What a translation of a message keeps unchanged: inline code, link
 * targets, URLs, numbers, HTML tags and format placeholders. Two messages
 * with the same anchors are likely the same block; a source message whose
 * anchors differ from its aligned translation has changed since.
 */

const PATTERNS: readonly RegExp[] = [
  // Inline code spans (any run of backticks and its closing run).
  /(`+)(?:(?!\1).)+?\1/gs,
  // Link and image targets, `](target)` and `][label]`.
  /\]\(([^)\s]*)/g,
  /\]\[([^\]]*)\]/g,
  // Autolinks and bare URLs.
  /https?:\/\/[^\s)>\]]+/g,
  // HTML tags, by name.
  /<\/?([A-Za-z][A-Za-z0-9-]*)/g,
  // Format placeholders in code strings: `{}`, `{x:?}`, `%d`.
  /\{[A-Za-z0-9_:?#.<>^+-]*\}/g,
  /%[-+ #0]*\d*(?:\.\d+)?[sdifxXoc]/g,
];

const CODE_SPAN = /(`+)(?:(?!\1).)+?\1/gs;
const NUMBER = /\d+/g;

/** The anchors of a msgid as a sorted list (a multiset). */
export function anchorsOf(msgid: string): string[] {
  const anchors: string[] = [];
  for (const pattern of PATTERNS) for (const match of msgid.matchAll(pattern)) anchors.push(match[1] && pattern !== PATTERNS[0] ? match[1] : match[0]);
  // Numbers outside code spans (those are anchors whole already); `1.5` and `1,5` give the same digits.
  for (const match of msgid.replace(CODE_SPAN, " ").matchAll(NUMBER)) anchors.push(`#${match[0]}`);
  return anchors.sort();
}

/** How alike two anchor multisets are: 1 for equal ones (also both empty), 0 for disjoint ones. */
export function anchorSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

