/**
 * Text on the same line as an `{{#include}}` (`See {{#include name.txt}}
 * here.`): mdBook expands the include first, so the template's message is
 * the joined text (`See Pobook here.`), which the chapter as written does not
 * show. Such a message is looked up by its expanded msgid, and its
 * translation replaces the whole message, include and all, in the translated
 * chapter: the translator's text then holds what the include brought in, as
 * in the book mdbook-gettext renders. A message the expansion would turn
 * into several (the included text has a blank line) keeps the directive and
 * is reported by the re-extraction check.
 */
import type { Nodes, Root } from "mdast";
import { expandLinks, scanLinks, type ReadBookFile } from "../book/links.js";
import { parseMarkdown } from "../markdown/parse.js";
import { segmentTree, type Message, type SegmentOptions } from "../markdown/segment.js";

const INCLUDE_TYPES: ReadonlySet<string> = new Set(["include", "rustdoc_include"]);

function codeRanges(tree: Root): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const visit = (node: Nodes): void => {
    if (node.type === "code" || node.type === "inlineCode") ranges.push([node.position!.start.offset!, node.position!.end.offset!]);
    else if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return ranges;
}

/** Whether the directive at `[start, end)` shares its line with other text. */
function sharesLine(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const newline = text.indexOf("\n", end);
  const lineEnd = newline === -1 ? text.length : newline;
  return /\S/.test(text.slice(lineStart, start).replace(/^[ \t>]*([-+*]|\d{1,9}[.)])?[ \t]*/, "")) || /\S/.test(text.slice(end, lineEnd));
}

/**
 * `messages` with the msgid of each message that holds an inline include
 * replaced by the msgid of its expanded text (the rest unchanged).
 */
export function expandInlineIncludeMessages(
  path: string,
  text: string,
  tree: Root,
  messages: readonly Message[],
  read: ReadBookFile,
  options: SegmentOptions,
): Message[] {
  const directives = scanLinks(text).filter((link) => link.type !== undefined && INCLUDE_TYPES.has(link.type));
  if (directives.length === 0) return [...messages];
  const code = codeRanges(tree);
  const inline = directives.filter(
    (link) => !code.some(([start, end]) => start <= link.index && link.index < end) && sharesLine(text, link.index, link.index + link.text.length),
  );
  if (inline.length === 0) return [...messages];
  return messages.map((message) => {
    if (!inline.some((link) => message.start <= link.index && link.index + link.text.length <= message.end)) return message;
    const slice = text.slice(message.start, message.end);
    // Problems (a missing file) are extraction's to report; here the message just keeps its own msgid.
    const expanded = expandLinks(slice, { path, read, problems: [] });
    if (expanded === slice) return message;
    const parsed = segmentTree(parseMarkdown(expanded, options), expanded, options);
    return parsed.length === 1 ? { ...message, msgid: parsed[0]!.msgid } : message;
  });
}
