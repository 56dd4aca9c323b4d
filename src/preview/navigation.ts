/**
 * SUMMARY.md as the preview's sidebar: names translated and shown as inline
 * Markdown, numbered chapters numbered as mdBook numbers them (`1.`, `1.2.`,
 * counting on across part titles; prefix and suffix chapters unnumbered).
 */
import { chapterEntries, type SummaryItem } from "../book/summary.js";
import type { NavItem } from "./page.js";
import { inlineTitleHtml, prepareInlineTitles, strip } from "./titles.js";

export interface BookNavigation {
  nav: NavItem[];
  /** Chapters with a file, in book order, with their translated names as text. */
  order: Array<{ path: string; name: string }>;
}

/** Whether a top-level SUMMARY.md item is a list item (numbered) rather than a prefix or suffix link. */
const isListItem = (lines: readonly string[], item: SummaryItem): boolean => /^\s*(?:[-*+]|\d+[.)])\s/.test(lines[item.line - 1] ?? "");

/** A translated title as text (window title, pager labels): its formatting dropped, as mdBook names chapters. */
export const plainTitle = strip;

/** `translateTitle` gives an item's title translated, as inline Markdown. */
export function buildNavigation(
  items: readonly SummaryItem[],
  summaryText: string,
  translateTitle: (item: { name: string; line: number }) => string,
  numbered: boolean,
): BookNavigation {
  const lines = summaryText.split("\n");
  // Every title translated first, so that their inline Markdown is parsed in one go.
  const translated = new Map<SummaryItem, string>();
  const collect = (item: SummaryItem): void => {
    if (item.kind === "separator") return;
    translated.set(item, translateTitle(item));
    if (item.kind === "chapter") item.children.forEach(collect);
  };
  items.forEach(collect);
  prepareInlineTitles([...translated.values()]);
  const translate = (item: Exclude<SummaryItem, { kind: "separator" }>): string => translated.get(item) ?? translateTitle(item);
  const names = new Map<string, string>();
  let top = 0;
  const chapter = (item: Extract<SummaryItem, { kind: "chapter" }>, number: string | undefined): NavItem => {
    const translated = translate(item);
    if (item.path !== undefined && !names.has(item.path)) names.set(item.path, translated);
    const children = item.children.map((child, index) => (child.kind === "chapter" ? chapter(child, number === undefined ? undefined : `${number}${index + 1}.`) : convert(child)));
    return { kind: "chapter", nameHtml: inlineTitleHtml(translated), path: item.path, number: numbered ? number : undefined, children };
  };
  const convert = (item: SummaryItem): NavItem => {
    if (item.kind === "separator") return { kind: "separator" };
    if (item.kind === "part") return { kind: "part", nameHtml: inlineTitleHtml(translate(item)) };
    return chapter(item, isListItem(lines, item) ? `${++top}.` : undefined);
  };
  const nav = items.map(convert);
  // Names as text only for the pages asked for (a parse each when formatted).
  const order = chapterEntries(items as SummaryItem[]).map((entry) => {
    const title = names.get(entry.path);
    let plain: string | undefined;
    return {
      path: entry.path,
      get name(): string {
        return (plain ??= title === undefined ? entry.path : plainTitle(title));
      },
    };
  });
  return { nav, order };
}
