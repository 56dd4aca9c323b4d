/**
 * Stable anchors: a translated chapter's headings keep the ids mdBook gives
 * the source's, so that `#fragment` links, links from other languages and
 * CSS hooks keep working. Where the translated heading would get another id
 * (its text changed, or a repeated heading before it did), the source's id
 * is written as an attribute block (`## Título {#title}`), which
 * pulldown-cmark strips from the heading's text: the msgid extracted again
 * stays the msgstr. A heading that keeps its id is left as it is, so an
 * untranslated chapter stays byte-identical.
 */
import type { Definition, Nodes, Root } from "mdast";
import { parseMarkdown } from "../markdown/parse.js";
import { headingAnchors, idFromContent, uniqueId, type HeadingAnchor, type HeadingIdOptions } from "../markdown/heading-ids.js";
import type { Edit } from "./document.js";
import type { BookConfig } from "../book/config.js";

/** How the book's mdBook renders heading text: `[output.html] smart-punctuation` (`curly-quotes` before 0.4.37). */
export function headingIdOptions(config: Pick<BookConfig, "raw">): HeadingIdOptions {
  const output = config.raw.output as Record<string, unknown> | undefined;
  const html = output?.html as Record<string, unknown> | undefined;
  return { smartPunctuation: html?.["smart-punctuation"] === true || html?.["curly-quotes"] === true };
}

/** What a chapter's source says about its anchors (computed once, used for every language). */
export interface SourceAnchors {
  anchors: HeadingAnchor[];
  /** The chapter's link reference definitions, so that a heading's `[text][ref]` resolves when its translation is read alone. */
  definitions: string;
  options: HeadingIdOptions;
}

export function sourceAnchors(tree: Root, source: string, options: HeadingIdOptions): SourceAnchors {
  const definitions: string[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "definition") definitions.push(source.slice((node as Definition).position!.start.offset!, node.position!.end.offset!));
    else if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return { anchors: headingAnchors(tree, source, options), definitions: definitions.join("\n"), options };
}

/** The output offset of source offset `offset` (outside every edit, or at an edit's end). */
function outputOffset(edits: readonly Edit[], offset: number): number {
  let delta = 0;
  for (const edit of edits) {
    if (edit.end > offset) break;
    delta += edit.text.length - (edit.end - edit.start);
  }
  return offset + delta;
}

/** The id base mdBook computes for a heading whose text is `content` (one line of Markdown); undefined over several lines. */
function translatedBase(content: string, source: SourceAnchors): string | undefined {
  if (/[\r\n]/.test(content)) return undefined;
  // Plain text (most headings) is its own rendering; only markup needs the parser.
  if (!/[\\`*_[\]<>&!~{}]/.test(content)) return idFromContent(source.options.smartPunctuation ? content.replace(/-{2,}/g, "") : content);
  const text = `# ${content}\n\n${content.includes("]") ? source.definitions : ""}\n`;
  return headingAnchors(parseMarkdown(text), text, source.options)[0]?.base;
}

function peek(base: string, counter: ReadonlyMap<string, number>): string {
  const count = counter.get(base) ?? 0;
  return count === 0 ? base : `${base}-${count}`;
}

/**
 * `output` (the chapter `original` with `edits` applied) with the source's
 * id written on every heading that would otherwise get another one.
 */
export function keepSourceAnchors(original: string, source: SourceAnchors, edits: readonly Edit[], output: string): string {
  const counter = new Map<string, number>();
  const insertions: Array<{ at: number; text: string }> = [];
  for (const anchor of source.anchors) {
    const node = anchor.node;
    // Raw HTML headings are not translated; they only count.
    if (!node) {
      if (anchor.base !== undefined) uniqueId(anchor.base, counter);
      continue;
    }
    // Nothing to keep (mdBook gives it none), or the source's own attribute block, which stays in the copy.
    if (anchor.id === undefined || anchor.explicit || anchor.base === undefined || anchor.contentEnd === undefined) continue;
    const contentStart = node.children[0]!.position!.start.offset!;
    const contentEnd = anchor.contentEnd;
    const changed = edits.some((edit) => edit.start < contentEnd && edit.end > contentStart);
    const base = changed ? translatedBase(output.slice(outputOffset(edits, contentStart), outputOffset(edits, contentEnd)), source) : anchor.base;
    if (base !== undefined && peek(base, counter) === anchor.id) {
      uniqueId(base, counter);
      continue;
    }
    if (anchor.attributes) {
      // `{.class}` without an id: the id goes into that block (a second block would turn the first into text).
      insertions.push({ at: outputOffset(edits, anchor.attributes.start) + 1, text: `#${anchor.id} ` });
      continue;
    }
    const atx = /^[ \t>]*#/.test(original.slice(original.lastIndexOf("\n", contentStart - 1) + 1, contentStart));
    // ATX: at the end of the line, after any closing `#` run (pulldown-cmark strips the block first, then the run).
    let at = contentEnd;
    if (atx) {
      const lineEnd = original.slice(contentEnd).search(/\r?\n|$/) + contentEnd;
      at = contentEnd + original.slice(contentEnd, lineEnd).replace(/[ \t]+$/, "").length;
    }
    insertions.push({ at: outputOffset(edits, at), text: ` {#${anchor.id}}` });
  }
  if (insertions.length === 0) return output;
  insertions.sort((a, b) => a.at - b.at);
  const parts: string[] = [];
  let position = 0;
  for (const insertion of insertions) {
    parts.push(output.slice(position, insertion.at), insertion.text);
    position = insertion.at;
  }
  parts.push(output.slice(position));
  return parts.join("");
}
