/**
 * Parse one message (a msgid or a msgstr) as Markdown, the way the book
 * renderer sees it: with the book's own parser configuration
 * (src/markdown/parse.ts: pulldown-cmark's GFM subset, no autolink
 * literals, so a bare URL is text on both sides).
 */
import type { Root } from "mdast";
import { parseMarkdown } from "../markdown/parse.js";

/** `[^label]` not followed by `:` (a definition). */
const FOOTNOTE_CALL = /\[\^([^\]\s]+)\](?!:)/g;

/**
 * The mdast tree of `message`.
 *
 * A message never carries footnote definitions (they are messages of their
 * own), and micromark only recognises a footnote call whose label is
 * defined; so one placeholder definition is appended per label that looks
 * called. Positions inside the message are unchanged; the placeholders are
 * removed from the tree.
 */
export function parseMessage(message: string): Root {
  const labels = new Set<string>();
  for (const match of message.matchAll(FOOTNOTE_CALL)) labels.add(match[1]!);
  const suffix = [...labels].map((label) => `\n\n[^${label}]: footnote`).join("");
  const tree = parseMarkdown(message + suffix);
  if (suffix !== "") {
    tree.children = tree.children.filter((node) => node.position === undefined || node.position.start.offset! < message.length);
  }
  return tree;
}
