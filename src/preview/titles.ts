/**
 * SUMMARY.md titles for the preview's navigation: translated like
 * mdbook-gettext translates chapter names, then shown as inline Markdown.
 *
 * A book has hundreds of titles and most are plain words; parsing each as
 * Markdown on every catalog save costs more than the rest of a reload, so
 * plain text takes a short path and everything else is remembered by text.
 */
import type { Nodes, PhrasingContent } from "mdast";
import { isTranslated, type Catalog } from "../catalog/types.js";
import { stripFormatting } from "../mdbook/gettext.js";
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
function strip(text: string): string {
  if (isPlainText(text)) return text;
  let value = stripped.get(text);
  if (value === undefined) stripped.set(text, (value = stripFormatting(text)));
  return value;
}

/** bookLookup (src/mdbook/gettext.ts) with its formatting-stripping remembered across catalog versions. */
export function summaryTitleLookup(catalog: Catalog, lookup: Lookup): Lookup {
  let byStripped: Map<string, { msgstr: string; line?: number }> | undefined;
  return (msgid) => {
    const found = lookup(msgid);
    if (found.status === "translated") return found;
    // Built on the first miss only: most titles are found as they are.
    if (!byStripped) {
      byStripped = new Map();
      for (const entry of catalog.entries) {
        if (!isTranslated(entry) || entry.msgctxt !== undefined || !entry.references.some((reference) => reference.includes("SUMMARY.md"))) continue;
        byStripped.set(strip(entry.msgid), { msgstr: strip(entry.msgstr[0]!), line: entry.line });
      }
    }
    const title = byStripped.get(msgid);
    return title ? { status: "translated", msgstr: title.msgstr, line: title.line } : found;
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

/**
 * A title's inline Markdown as HTML for the navigation: emphasis, strong,
 * code and strike-through; links and images give their text (the title is
 * itself a link), raw HTML shows as text as mdBook's sidebar shows it.
 * Hand-written: mdast-util-to-hast would bring links and HTML along.
 */
export function inlineTitleHtml(markdown: string): string {
  if (isPlainText(markdown)) return escapeHtml(markdown);
  let html = inlineCache.get(markdown);
  if (html !== undefined) return html;
  const render = (nodes: readonly Nodes[]): string =>
    nodes
      .map((node) => {
        switch (node.type) {
          case "text":
            return escapeHtml(node.value.replace(/\s*\n\s*/g, " "));
          case "html":
            return escapeHtml(node.value);
          case "inlineCode":
            return `<code>${escapeHtml(node.value)}</code>`;
          case "emphasis":
            return `<em>${render(node.children)}</em>`;
          case "strong":
            return `<strong>${render(node.children)}</strong>`;
          case "delete":
            return `<del>${render(node.children)}</del>`;
          case "image":
            return escapeHtml(node.alt ?? "");
          case "break":
            return " ";
          default:
            return "children" in node ? render(node.children as PhrasingContent[]) : "";
        }
      })
      .join("");
  try {
    html = render(parseMarkdown(markdown).children).trim();
  } catch {
    html = escapeHtml(markdown);
  }
  inlineCache.set(markdown, html);
  return html;
}
