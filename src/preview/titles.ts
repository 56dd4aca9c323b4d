/**
 * SUMMARY.md titles for the preview's navigation: translated like
 * mdbook-gettext translates chapter names, then shown as inline Markdown.
 *
 * A book has hundreds of titles and most are plain words; parsing each as
 * Markdown on every catalog save costs more than the rest of a reload, so
 * plain text takes a short path and everything else is remembered by text.
 */
import type { Nodes, PhrasingContent } from "mdast";
import { isTranslated, type Catalog, type PoEntry } from "../catalog/types.js";
import { parseMarkdown } from "../markdown/parse.js";
import { translateDocumentWithOutcomes, type TranslateOptions } from "../translate/document.js";
import type { Lookup, LookupResult } from "../translate/lookup.js";
import { escapeHtml } from "./page.js";

/**
 * Text Markdown reads as itself, one paragraph of one message: no markup
 * characters, no leading marker (`1.`, `-`, `#`…), no edge or double spaces.
 */
export function isPlainText(text: string): boolean {
  return /^[\p{L}\p{N}\p{M}][\p{L}\p{N}\p{M} ,.:;?'"/()%=+@^$-]*$/u.test(text) && !/ {2}| $/.test(text) && !/^\d+[.)]( |$)/.test(text) && !/[\p{L}\p{N}]\.[\p{L}]/u.test(text);
}

const stripped = new Map<string, string>();
/** A title without its formatting. */
export function strip(text: string): string {
  if (isPlainText(text)) return text;
  let value = stripped.get(text);
  if (value === undefined) {
    let nodes: Nodes[] = [];
    try {
      nodes = parseMarkdown(text).children;
    } catch {
      nodes = [{ type: "text", value: text }];
    }
    stripped.set(text, (value = plainOf(nodes)));
  }
  return value;
}

/** bookLookup (src/mdbook/gettext.ts) with its formatting-stripping remembered across catalog versions. */
export function summaryTitleLookup(catalog: Catalog, lookup: Lookup): Lookup {
  let byStripped: Map<string, PoEntry> | undefined;
  return (msgid) => {
    const found = lookup(msgid);
    if (found.status === "translated") return found;
    // Built on the first miss only, msgstrs stripped only when used: most titles are found as they are.
    if (!byStripped) {
      byStripped = new Map();
      const titles = catalog.entries.filter((entry) => isTranslated(entry) && entry.msgctxt === undefined && entry.references.some((reference) => reference.includes("SUMMARY.md")));
      prepareTitles(titles.map((entry) => entry.msgid), { plain: true });
      for (const entry of titles) byStripped.set(strip(entry.msgid), entry);
    }
    const title = byStripped.get(msgid);
    return title ? { status: "translated", msgstr: strip(title.msgstr[0]!), line: title.line } : found;
  };
}

const sameResult = (a: LookupResult, b: LookupResult): boolean => a.status === b.status && (a.status !== "translated" || a.msgstr === (b as { msgstr: string }).msgstr);

/** Translates titles, remembering each title's messages and result until a lookup of one of them changes. */
export class TitleTranslator {
  private readonly known = new Map<string, { results: LookupResult[]; msgids: string[]; text: string }>();

  constructor(private readonly options: TranslateOptions) {}

  translate(name: string, titles: Lookup): string {
    const cached = this.known.get(name);
    if (cached && cached.msgids.every((msgid, index) => sameResult(titles(msgid), cached.results[index]!))) return cached.text;
    let msgids: string[];
    let text: string;
    if (isPlainText(name)) {
      msgids = [name];
      const found = titles(name);
      text = found.status === "translated" ? found.msgstr : name;
    } else {
      const result = translateDocumentWithOutcomes(name, titles, this.options);
      msgids = result.outcomes.map((outcome) => outcome.message.msgid);
      text = result.text;
    }
    this.known.set(name, { msgids, results: msgids.map((msgid) => titles(msgid)), text });
    return text;
  }
}

const inlineCache = new Map<string, string>();

/** Inline Markdown of a title's nodes as HTML (see inlineTitleHtml). */
function renderInline(nodes: readonly Nodes[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case "text":
          return escapeHtml(node.value.replace(/\s*\n\s*/g, " "));
        case "html":
          return escapeHtml(node.value);
        case "inlineCode":
          return `<code>${escapeHtml(node.value)}</code>`;
        case "emphasis":
          return `<em>${renderInline(node.children)}</em>`;
        case "strong":
          return `<strong>${renderInline(node.children)}</strong>`;
        case "delete":
          return `<del>${renderInline(node.children)}</del>`;
        case "image":
          return escapeHtml(node.alt ?? "");
        case "break":
          return " ";
        default:
          return "children" in node ? renderInline(node.children as PhrasingContent[]) : "";
      }
    })
    .join("");
}

/** Titles that can share one parse, each its own paragraph: one line, nothing that could open a block spanning blank lines. */
const batchable = (title: string): boolean => !/[\n\r]|```|~~~|^\s*</.test(title) && !/^\s*\[[^\]]*\]:/.test(title) && !/^ {4}|^\t/.test(title);

/**
 * Each title's parsed blocks, in as few parses as can be trusted: the
 * batchable ones together, one paragraph each (a book's sidebar has
 * hundreds of titles; a parse of its own for each costs a reload's whole
 * budget), the batch kept only if every title gave one block on its line.
 */
function parseTitles(titles: readonly string[]): Map<string, Nodes[]> {
  const parsed = new Map<string, Nodes[]>();
  const batch = titles.filter(batchable);
  if (batch.length > 1) {
    try {
      const tree = parseMarkdown(batch.join("\n\n"));
      if (tree.children.length === batch.length && tree.children.every((child, index) => child.position?.start.line === 2 * index + 1)) {
        batch.forEach((title, index) => parsed.set(title, [tree.children[index]!]));
      }
    } catch {
      // Parsed one by one below.
    }
  }
  for (const title of titles) {
    if (parsed.has(title)) continue;
    try {
      parsed.set(title, parseMarkdown(title).children);
    } catch {
      // A title past the parser's limits: shown as text.
    }
  }
  return parsed;
}

/** Text of inline Markdown without its formatting, as stripFormatting (src/mdbook/gettext.ts) gives it. */
function plainOf(nodes: readonly Nodes[]): string {
  return nodes
    .map((node): string => (node.type === "text" || node.type === "inlineCode" ? node.value.replace(/\n/g, " ") : "children" in node ? plainOf(node.children as Nodes[]) : ""))
    .join("");
}

/** Fills the caches of strip and inlineTitleHtml for `titles` in few parses. */
export function prepareTitles(titles: Iterable<string>, what: { plain?: boolean; html?: boolean }): void {
  const fresh = [...new Set(titles)].filter((title) => !isPlainText(title) && ((what.plain && !stripped.has(title)) || (what.html && !inlineCache.has(title))));
  if (fresh.length < 2) return;
  for (const [title, nodes] of parseTitles(fresh)) {
    if (what.plain && !stripped.has(title)) stripped.set(title, plainOf(nodes));
    if (what.html && !inlineCache.has(title)) inlineCache.set(title, renderInline(nodes).trim());
  }
}

/** Inline HTML for the navigation, many titles at once (see inlineTitleHtml). */
export function prepareInlineTitles(titles: readonly string[]): void {
  prepareTitles(titles, { html: true, plain: true });
}

export function inlineTitleHtml(markdown: string): string {
  if (isPlainText(markdown)) return escapeHtml(markdown);
  let html = inlineCache.get(markdown);
  if (html !== undefined) return html;
  try {
    html = renderInline(parseMarkdown(markdown).children).trim();
  } catch {
    html = escapeHtml(markdown);
  }
  inlineCache.set(markdown, html);
  return html;
}
