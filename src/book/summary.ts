/**
 * SUMMARY.md → the book's structure: prefix chapters, part titles, numbered
 * chapters (nested), separators, suffix chapters, as mdBook reads it.
 */
import type { List, Nodes, PhrasingContent, Root } from "mdast";
import { parseMarkdown } from "../markdown/parse.js";
import { PobookError } from "../errors.js";

export type SummaryItem =
  | { kind: "chapter"; name: string; path?: string; line: number; children: SummaryItem[] }
  | { kind: "part"; name: string; line: number }
  | { kind: "separator"; line: number };

/** A title as mdBook names it (stringify_events): text and code, HTML left out, a line break a space. */
function plainText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node) => (node.type === "html" ? "" : "value" in node ? node.value.replace(/[ \t]*\r?\n[ \t]*/g, " ") : "children" in node ? plainText(node.children as PhrasingContent[]) : ""))
    .join("");
}

function firstLink(nodes: readonly Nodes[]): { name: string; url: string } | undefined {
  for (const node of nodes) {
    if (node.type === "link") return { name: plainText(node.children), url: node.url };
    if ("children" in node) {
      const found = firstLink(node.children as Nodes[]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Every link under `nodes`, in document order (a paragraph of affix chapters holds several). */
function allLinks(nodes: readonly Nodes[], found: Array<{ name: string; url: string; line?: number }> = []): Array<{ name: string; url: string; line?: number }> {
  for (const node of nodes) {
    if (node.type === "link") found.push({ name: plainText(node.children), url: node.url, line: node.position?.start.line });
    else if ("children" in node) allLinks(node.children as Nodes[], found);
  }
  return found;
}

/**
 * A link destination as mdBook takes it for a chapter file: the text as is,
 * only `%20` read as a space (no other percent-decoding, so a malformed
 * escape is just part of a file name).
 */
function chapterPath(url: string): string {
  return url.replaceAll("%20", " ");
}

function listItems(list: List, file: string): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const item of list.children) {
    const line = item.position?.start.line ?? 0;
    const head = item.children.find((child) => child.type === "paragraph");
    const link = head ? firstLink([head]) : undefined;
    if (!link) throw new PobookError("a SUMMARY.md list item must be a link like [Title](path.md)", { file, line });
    const children = item.children.filter((child): child is List => child.type === "list").flatMap((sub) => listItems(sub, file));
    items.push({ kind: "chapter", name: link.name, path: link.url === "" ? undefined : chapterPath(link.url), line, children });
  }
  return items;
}

/** Reads SUMMARY.md's items in book order. */
export function parseSummary(text: string, file: string): SummaryItem[] {
  return summaryFromTree(parseMarkdown(text), file);
}

/** SUMMARY.md's items from its parsed tree. */
export function summaryFromTree(tree: Root, file: string): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const node of tree.children) {
    const line = node.position?.start.line ?? 0;
    if (node.type === "heading") {
      // The first `# Summary` title is not a part; later headings are part titles.
      if (items.length === 0 && node.depth === 1 && !tree.children.some((n) => n.type === "list" && n.position!.start.offset! < node.position!.start.offset!)) {
        if (plainText(node.children).trim().toLowerCase() === "summary") continue;
      }
      items.push({ kind: "part", name: plainText(node.children), line });
    } else if (node.type === "thematicBreak") {
      items.push({ kind: "separator", line });
    } else if (node.type === "list") {
      items.push(...listItems(node, file));
    } else if (node.type === "paragraph") {
      // mdBook makes every link of a prefix or suffix paragraph a chapter: links on consecutive
      // lines are one paragraph, and each is a chapter of its own.
      for (const link of allLinks([node])) {
        items.push({ kind: "chapter", name: link.name, path: link.url === "" ? undefined : chapterPath(link.url), line: link.line ?? line, children: [] });
      }
    }
  }
  return items;
}

/** Chapters with a file (drafts have none), depth first in book order, with their SUMMARY.md line. */
export function chapterEntries(items: readonly SummaryItem[]): Array<{ path: string; line: number }> {
  const chapters: Array<{ path: string; line: number }> = [];
  const visit = (item: SummaryItem): void => {
    if (item.kind !== "chapter") return;
    if (item.path !== undefined) chapters.push({ path: item.path, line: item.line });
    item.children.forEach(visit);
  };
  items.forEach(visit);
  return chapters;
}
