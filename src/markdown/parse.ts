/**
 * Markdown → mdast, configured like the parser mdbook-xgettext uses
 * (pulldown-cmark with tables, footnotes, strikethrough, task lists and
 * heading attributes; no smart punctuation, no autolink literals).
 */
import type { Root } from "mdast";
import { unified, type Processor } from "unified";
import remarkParse from "remark-parse";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import remarkFrontmatter from "remark-frontmatter";
import "./linear-edit-map.js";
import { checkMarkdownLimits } from "./limits.js";
import { parseInPieces } from "./split-parse.js";

/** Documents longer than this are parsed in pieces (split-parse.ts); book chapters are almost all far smaller. */
export const SPLIT_ABOVE = 100_000;
/**
 * About how long each piece is. Small: micromark keeps every event, token and
 * tokenizer of a document alive until it ends (up to ~650 bytes a character in
 * short list items), so a long piece outgrows V8's young generation and each
 * object is copied and promoted before it dies; in small pieces most die young
 * (parsing 380 KB of short lists, CPU: ~8 s at 32 KB pieces, ~6.7 s at 4 KB,
 * ~4.5 s at 1 KB; 800 KB of corpus chapters: the same at 1, 2 and 4 KB).
 */
export const PIECE_SIZE = 1_000;

export interface ParseOptions {
  /** Treat a leading `---` YAML block as front matter (what mdbook-course strips) instead of Markdown. */
  frontMatter?: boolean;
}

/**
 * The GFM parts pulldown-cmark has. remark-gfm would also bring autolink
 * literals, which pulldown-cmark lacks (`www.example.com` stays plain text
 * upstream), so the extensions are added one by one.
 */
function pulldownLikeGfm(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(
    gfmTable(),
    gfmFootnote(),
    gfmStrikethrough({ singleTilde: true }),
    gfmTaskListItem(),
  );
  (data.fromMarkdownExtensions ??= []).push(
    gfmTableFromMarkdown(),
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  );
}

const plain = unified().use(remarkParse).use(pulldownLikeGfm).freeze();
const withFrontMatter = unified().use(remarkParse).use(pulldownLikeGfm).use(remarkFrontmatter, ["yaml"]).freeze();

/**
 * Parses a Markdown document into mdast with source positions. Throws a
 * `PobookError` (with the line, without the file) for input past the limits
 * of limits.ts.
 */
export function parseMarkdown(text: string, options: ParseOptions = {}): Root {
  checkMarkdownLimits(text);
  const processor = options.frontMatter ? withFrontMatter : plain;
  if (text.length <= SPLIT_ABOVE) return processor.parse(text);
  return parseInPieces(text, PIECE_SIZE, (piece) => processor.parse(piece));
}

/** The whole document in one parse, however long (what the pieces must add up to; for tests). */
export function parseMarkdownWhole(text: string, options: ParseOptions = {}): Root {
  checkMarkdownLimits(text);
  return (options.frontMatter ? withFrontMatter : plain).parse(text);
}
