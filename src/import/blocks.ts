/**
 * The blocks of a document as import aligns them: every message the
 * extractor's segmenter gives (so import's messages are exactly the
 * template's), with the kind of block it came from (heading level, list
 * depth, table cell, code language, ...), which a translation keeps.
 */
import type { Nodes, Root } from "mdast";
import { parseMarkdown } from "../markdown/parse.js";
import { segmentTree, type Message, type SegmentOptions } from "../markdown/segment.js";

export interface Block extends Message {
  /** The chain of block kinds holding the message, e.g. `list>item>p`, `h2`, `code:rust`. */
  kind: string;
}

/** A node's kind as a translation keeps it (the language of code blocks, the level of headings). */
function kindOf(node: Nodes, parent: Nodes | undefined): string | undefined {
  switch (node.type) {
    case "heading":
      return `h${node.depth}`;
    case "paragraph":
      return "p";
    case "list":
      return node.ordered ? "ol" : "ul";
    case "listItem":
      return "li";
    case "blockquote":
      return "quote";
    case "table":
      return "table";
    case "tableRow":
      return parent?.type === "table" && parent.children[0] === node ? "thead" : "tr";
    case "tableCell":
      // The column: translators keep a table's columns in order.
      return `td${parent && "children" in parent ? (parent.children as Nodes[]).indexOf(node) : 0}`;
    case "code":
      return `code:${node.lang ?? ""}`;
    case "html":
      return "html";
    case "footnoteDefinition":
      return "footnote";
    default:
      return undefined;
  }
}

/** The kinds of the nodes holding `offset`, outermost first. */
function kindAt(tree: Root, offset: number): string {
  const kinds: string[] = [];
  let parent: Nodes = tree;
  for (;;) {
    if (!("children" in parent)) break;
    const child: Nodes | undefined = (parent.children as Nodes[]).find((node) => node.position!.start.offset! <= offset && offset < node.position!.end.offset!);
    if (!child) break;
    const kind = kindOf(child, parent);
    if (kind === undefined) break;
    kinds.push(kind);
    parent = child;
  }
  return kinds.join(">");
}

/** The document's messages (as `segmentMarkdown` gives them) with their block kinds. */
export function documentBlocks(text: string, options: SegmentOptions): Block[] {
  const tree = parseMarkdown(text, options);
  return segmentTree(tree, text, options).map((message) => ({ ...message, kind: kindAt(tree, message.start) }));
}
