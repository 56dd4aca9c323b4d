/**
 * Keeping a translated block the block it was. A msgid is written the way
 * pulldown-cmark-to-cmark writes it, which drops escapes the source needed
 * (`1\. x` gives `1. x`, `\{a\}` gives `{a}`), so a msgstr that copies the
 * msgid's markup can mean something else once spliced into the source: a
 * list instead of a paragraph, heading attributes instead of text, a fence
 * that is no fence. These helpers either write the msgstr so that it keeps
 * its block, or say why it would not.
 */
import type { Root } from "mdast";
import { parseMarkdown, type ParseOptions } from "../markdown/parse.js";

/** A line that may start another block than a paragraph's text (cheap test before parsing). */
const BLOCK_START = /(^|\n)[ \t]*([-+*>#=_~`<|]|\d{1,9}[.)]|\[[^\]\n]*\]:|\s{4})/;

const KIND_NAMES: Record<string, string> = {
  list: "a list",
  heading: "a heading",
  blockquote: "a block quote",
  code: "a code block",
  html: "an HTML block",
  thematicBreak: "a thematic break",
  definition: "a link definition",
  table: "a table",
  footnoteDefinition: "a footnote definition",
};

/**
 * Why the msgstr of a paragraph message would not stay one paragraph, if it
 * would not. `midLine`: the message starts after other text of its line (a
 * legacy inline-HTML part), so its first line cannot start a block.
 */
export function paragraphChange(msgstr: string, midLine: boolean, options: ParseOptions = {}): string | undefined {
  if (!BLOCK_START.test(msgstr)) return undefined;
  const text = midLine ? `a${msgstr}` : msgstr;
  const tree: Root = parseMarkdown(text, { ...options, frontMatter: false });
  const blocks = tree.children;
  if (blocks.length === 1 && blocks[0]!.type === "paragraph") return undefined;
  const other = blocks.find((block) => block.type !== "paragraph");
  const kind = other ? (KIND_NAMES[other.type] ?? `a ${other.type}`) : "several paragraphs";
  return `the translation would turn the paragraph into ${kind} (escape the markup, e.g. \`1\\.\` or \`\\-\`)`;
}

/**
 * A trailing `{...}` of an ATX heading is read as heading attributes; when
 * the msgid ends with one, the source escaped it, so the translation's is
 * escaped the same way.
 */
export function escapeHeadingAttributes(msgid: string, msgstr: string): string {
  const trailing = /\{[^{}]*\}[ \t]*$/;
  if (!trailing.test(msgid)) return msgstr;
  return msgstr.replace(/(^|[^\\])\{([^{}]*)\}([ \t]*)$/, (_match, before: string, inside: string, space: string) => `${before}\\{${inside.replace(/\}$/, "")}\\}${space}`);
}

const UNDERLINE = /^[ \t]{0,3}(=+|-+)[ \t]*$/;

/** Why a multi-line setext heading translation would not stay the heading's text. */
export function setextProblem(msgstr: string): string | undefined {
  const lines = msgstr.split("\n");
  if (lines.some((line) => line.trim() === "")) return "a blank line would end the heading";
  if (lines.some((line) => UNDERLINE.test(line))) return "a line of `=` or `-` would end the heading early";
  return undefined;
}

const FENCE_RUN = /^([ \t]{0,3})(`{3,}|~{3,})/;

/**
 * A whole code block's msgstr (fences included, as the msgid writes them
 * with backticks) with the source's fences: a `~~~` block whose info string
 * holds a backtick stays a `~~~` block, and an unclosed block stays unclosed.
 */
export function inSourceFences(msgstr: string, sourceBlock: string): string | { text: string } {
  const opening = FENCE_RUN.exec(sourceBlock);
  const lines = msgstr.replace(/\n$/, "").split("\n");
  if (!opening) return { text: lines.join("\n") };
  const fence = opening[2]!;
  const sourceLines = sourceBlock.replace(/\r?\n$/, "").split(/\r?\n/);
  const lastSource = (sourceLines[sourceLines.length - 1] ?? "").replace(/^[ \t>]*/, "");
  const closing = new RegExp(`^[ \\t]{0,3}\\${fence[0]}{${fence.length},}[ \\t]*$`);
  const closed = sourceLines.length > 1 && closing.test(lastSource);
  const body = lines.slice(1, -1);
  if (body.some((line) => closing.test(line))) return "unbalanced fence: a line inside the code block translation closes it early";
  const withFence = (line: string): string => line.replace(FENCE_RUN, (_match, indent: string) => `${indent}${fence}`);
  // An unclosed block runs to the end of its container: it keeps the source's last newline instead of a fence.
  const tail = closed ? [withFence(lines[lines.length - 1]!)] : sourceBlock.endsWith("\n") ? [""] : [];
  return { text: [withFence(lines[0]!), ...body, ...tail].join("\n") };
}
