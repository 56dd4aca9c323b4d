/**
 * The `gettext` preprocessor (mdbook-gettext's job): translates every
 * chapter's content, chapter names and part titles of the book mdBook hands
 * over, with `<po-dir>/<book.language>.po`.
 *
 * Chapter content arrives after mdBook's `links` preprocessor, includes
 * already expanded, so each chapter is translated as one document with the
 * same core as `pobook translate` (src/translate/).
 */
import { join } from "node:path";
import type { Nodes } from "mdast";
import { bookConfigFromObject, type BookConfig } from "../book/config.js";
import type { Catalog } from "../catalog/types.js";
import { isTranslated } from "../catalog/types.js";
import { parseMarkdown } from "../markdown/parse.js";
import { prepareChapterDocument } from "../translate/book.js";
import { segmentationOptions } from "../book/extract-book.js";
import { translateDocument, translateWithOutcomes, type TranslationWarning } from "../translate/document.js";
import { headingIdOptions, keepSourceAnchors, sourceAnchors } from "../translate/stable-anchors.js";
import { catalogLookup, type Lookup } from "../translate/lookup.js";
import { bookItems, withBookItems, type MdbookBook, type MdbookItem, type PreprocessorContext } from "./protocol.js";

export interface GettextSettings {
  config: BookConfig;
  /** `book.language`, when set. */
  language?: string;
  /** `<root>/<po-dir>/<language>.po`, when a language is set. */
  catalogPath?: string;
  /** mdBook's `links` preprocessor runs after this one (see `runsBeforeLinks`). */
  beforeLinks: boolean;
  /** `[preprocessor.gettext] split`: the language's catalog tree is meant when LANG.po exists too. */
  split?: string;
}

const table = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** What the preprocessor context says about translating (mdbook-gettext's should_translate inputs). */
export function gettextSettings(context: PreprocessorContext): GettextSettings {
  const config = bookConfigFromObject(context.config, join(context.root, "book.toml"));
  const language = table(context.config.book).language;
  const split = table(table(context.config.preprocessor).gettext).split;
  const settings: GettextSettings = { config, beforeLinks: runsBeforeLinks(context.config), split: typeof split === "string" ? split : undefined };
  if (typeof language === "string" && language !== "") {
    settings.language = language;
    settings.catalogPath = join(context.root, config.poDir, `${language}.po`);
  }
  return settings;
}

const names = (value: unknown): string[] => (Array.isArray(value) ? value.filter((name): name is string => typeof name === "string") : []);

/**
 * Whether mdBook runs `links` after `gettext`. mdBook orders preprocessors by
 * their `before`/`after` lists, ties by name, so `gettext` comes before `links`
 * unless the book says `after = ["links"]` (as mdbook-i18n-helpers asks). Then a
 * `{{#include}}` that a translation adds would be expanded: it is escaped.
 */
export function runsBeforeLinks(config: Record<string, unknown>): boolean {
  const preprocessors = table(config.preprocessor);
  const gettext = table(preprocessors.gettext);
  const links = table(preprocessors.links);
  return !(names(gettext.after).includes("links") || names(links.before).includes("gettext"));
}

/** Text of inline Markdown without its formatting, as mdBook gives chapter names (`Foo *Bar*` → `Foo Bar`). */
export function stripFormatting(text: string): string {
  const parts: string[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "text" || node.type === "inlineCode") parts.push(node.value.replace(/\n/g, " "));
    else if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(parseMarkdown(text));
  return parts.join("");
}

/**
 * The catalog's lookup, plus SUMMARY.md titles stripped of formatting:
 * mdBook strips `[Foo *Bar*](x.md)` to the chapter name `Foo Bar`, whose
 * msgid only exists formatted (mdbook-gettext adds the same stripped pairs).
 * The catalog's own entries come first.
 */
export function bookLookup(catalog: Catalog): Lookup {
  const lookup = catalogLookup(catalog);
  const stripped = new Map<string, { msgstr: string; line?: number }>();
  for (const entry of catalog.entries) {
    if (!isTranslated(entry) || entry.msgctxt !== undefined || !entry.references.some((reference) => reference.includes("SUMMARY.md"))) continue;
    stripped.set(stripFormatting(entry.msgid), { msgstr: stripFormatting(entry.msgstr[0]!), line: entry.line });
  }
  return (msgid, msgctxt) => {
    const found = lookup(msgid, msgctxt);
    if (found.status === "translated" || msgctxt !== undefined) return found;
    const title = stripped.get(msgid);
    return title ? { status: "translated", msgstr: title.msgstr, line: title.line } : found;
  };
}

export interface ChapterWarning extends TranslationWarning {
  /** Chapter path relative to the book's src directory (or its name for a draft). */
  chapter: string;
}

/** Translates every chapter, chapter name and part title of `book` (a new book; unknown fields kept). */
export function translateMdbook(book: MdbookBook, config: BookConfig, lookup: Lookup, options: { legacyInlineHtml?: boolean; beforeLinks?: boolean } = {}): { book: MdbookBook; warnings: ChapterWarning[] } {
  const warnings: ChapterWarning[] = [];
  const idOptions = headingIdOptions(config);
  const title = (text: string): string => translateDocument(text, lookup, segmentationOptions(config, options)).text;
  const item = (section: MdbookItem): MdbookItem => {
    if (section === "Separator") return section;
    if ("PartTitle" in section) return { ...section, PartTitle: title(section.PartTitle) };
    const chapter = section.Chapter;
    let content = chapter.content;
    if (content !== "") {
      const path = chapter.path ?? chapter.name;
      const document = prepareChapterDocument(config, join(config.src, path), content, options);
      const result = translateWithOutcomes(document.parsed, document.tree, document.messages, lookup, { ...document.options, original: document.original, mdbookLinks: options.beforeLinks === true });
      // Headings keep the source's anchors, as in `pobook translate` (stable-anchors.ts).
      const anchors = sourceAnchors(document.tree, document.parsed, idOptions);
      content = (document.bom ? "\uFEFF" : "") + keepSourceAnchors(document.original, anchors, result.edits, result.text);
      warnings.push(...result.warnings.map((warning) => ({ ...warning, chapter: path })));
    }
    return { ...section, Chapter: { ...chapter, name: title(chapter.name), content, sub_items: (chapter.sub_items ?? []).map(item) } };
  };
  return { book: withBookItems(book, bookItems(book).map(item)), warnings };
}
