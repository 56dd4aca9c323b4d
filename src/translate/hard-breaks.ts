/**
 * Hard breaks after a space. The msgid writer writes every hard break as two
 * spaces and a newline after the text, so `syntax \` (a space, then a
 * backslash break) gives `syntax   \n`. Spliced back as it is, those three
 * spaces are all read as the break, and the text loses its space. Such a
 * break is written with a backslash, as the source wrote it.
 */
import type { Nodes } from "mdast";
import { parseMarkdown, type ParseOptions } from "../markdown/parse.js";

/** `msgstr` (a paragraph's or heading's text) with each hard break after spaces written `\`. */
export function keepSpacesBeforeBreaks(msgstr: string, options: ParseOptions = {}): string {
  if (!/ {3,}\n/.test(msgstr)) return msgstr;
  const tree = parseMarkdown(msgstr, { ...options, frontMatter: false });
  const breaks: Array<{ start: number; end: number }> = [];
  const visit = (node: Nodes): void => {
    if (node.type === "break") {
      const start = node.position!.start.offset!;
      const end = node.position!.end.offset!;
      if (/^ {3,}\n$/.test(msgstr.slice(start, end))) breaks.push({ start, end });
    }
    if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  let text = msgstr;
  for (const { start, end } of breaks.reverse()) text = `${text.slice(0, start)}${" ".repeat(end - start - 3)}\\\n${text.slice(end)}`;
  return text;
}
