/**
 * SUMMARY.md as the preview's sidebar: names translated and shown as inline
 * Markdown, numbered chapters numbered as mdBook numbers them (`1.`, `1.2.`,
 * counting on across part titles; prefix and suffix chapters unnumbered).
 */
import { chapterEntries, type SummaryItem } from "../book/summary.js";
import { stripFormatting } from "../mdbook/gettext.js";
import type { NavItem } from "./page.js";
import { inlineTitleHtml, isPlainText } from "./titles.js";

export interface BookNavigation {
  nav: NavItem[];
  /** Chapters with a file, in book order, with their translated names as text. */
  order: Array<{ path: string; name: string }>;
}

/** Whether a top-level SUMMARY.md item is a list item (numbered) rather than a prefix or suffix link. */
const isListItem = (lines: readonly string[], item: SummaryItem): boolean => /^\s*[-*+]\s/.test(lines[item.line - 1] ?? "");

const plainNames = new Map<string, string>();
/** A translated title as text (window title, pager labels): its formatting dropped, as mdBook names chapters. */
export function plainTitle(markdown: string): string {
  if (isPlainText(markdown)) return markdown;
  let plain = plainNames.get(markdown);
  if (plain === undefined) {
    try {
      plain = stripFormatting(markdown);
    } catch {
      plain = markdown;
    }
    plainNames.set(markdown, plain);
  }
  return plain;
}

export function buildNavigation(items: readonly SummaryItem[], summaryText: string, translate: (name: string) => string, numbered: boolean): BookNavigation {
  const lines = summaryText.split("\n");
  const names = new Map<string, string>();
  let top = 0;
  const chapter = (item: Extract<SummaryItem, { kind: "chapter" }>, number: string | undefined): NavItem => {
    const translated = translate(item.name);
    if (item.path !== undefined && !names.has(item.path)) names.set(item.path, plainTitle(translated));
    const children = item.children.map((child, index) => (child.kind === "chapter" ? chapter(child, number === undefined ? undefined : `${number}${index + 1}.`) : convert(child)));
    return { kind: "chapter", nameHtml: inlineTitleHtml(translated), path: item.path, number: numbered ? number : undefined, children };
  };
  const convert = (item: SummaryItem): NavItem => {
    if (item.kind === "separator") return { kind: "separator" };
    if (item.kind === "part") return { kind: "part", nameHtml: inlineTitleHtml(translate(item.name)) };
    return chapter(item, isListItem(lines, item) ? `${++top}.` : undefined);
  };
  const nav = items.map(convert);
  const order = chapterEntries(items as SummaryItem[]).map((entry) => ({ path: entry.path, name: names.get(entry.path) ?? entry.path }));
  return { nav, order };
}
