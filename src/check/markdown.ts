/**
 * Parse one message (a msgid or a msgstr) as Markdown, the way the book
 * renderer will see it: CommonMark plus the GFM extensions that
 * mdbook-i18n-helpers' pulldown-cmark enables (tables, footnotes,
 * strikethrough). No autolink literals: pulldown-cmark does not have them,
 * so a bare URL is text on both sides.
 */
import type { Root } from "mdast";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import remarkParse from "remark-parse";
import { unified, type Processor } from "unified";

/** unified plugin: the GFM subset of pulldown-cmark's options in mdbook-i18n-helpers. */
function remarkBookGfm(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote(), gfmStrikethrough());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkBookGfm).freeze();

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
  const tree = processor.parse(message + suffix);
  if (suffix !== "") {
    tree.children = tree.children.filter((node) => node.position === undefined || node.position.start.offset! < message.length);
  }
  return tree;
}
