/**
 * The `xgettext` renderer (mdbook-xgettext's job): the POT template(s) of the
 * book mdBook hands over. Chapter text comes from the RenderContext (after
 * every preprocessor ran), SUMMARY.md from `<root>/<src>`; the messages go
 * through the same template builder as `pobook extract`.
 */
import { inFile } from "../errors.js";
import { posix } from "node:path";
import { bookConfigFromObject, type BookConfig } from "../book/config.js";
import { chapterSegmentOptions, prepareChapter, segmentationOptions } from "../book/extract-book.js";
import { buildTemplates, type BookOutline, type TemplateFile } from "../book/template.js";
import { parseSummary, type SummaryItem } from "../book/summary.js";
import { segmentMarkdown } from "../markdown/segment.js";
import { bookItems, type MdbookItem, type RenderContext } from "./protocol.js";
import { withBookMessages } from "../publish/template-messages.js";


/**
 * The book's structure as mdBook sent it (names already stripped of
 * formatting, as upstream slugs them for `depth`), with each chapter's text
 * collected in the same depth-first order as `chapterEntries`.
 */
function structure(items: readonly MdbookItem[], src: string, contents: Array<{ path: string; content: string }>): SummaryItem[] {
  return items.map((item): SummaryItem => {
    if (item === "Separator") return { kind: "separator", line: 0 };
    if ("PartTitle" in item) return { kind: "part", name: item.PartTitle, line: 0 };
    const chapter = item.Chapter;
    const path = chapter.path ?? undefined;
    if (path !== undefined) contents.push({ path: posix.join(src, path.split("\\").join("/")), content: chapter.content });
    return { kind: "chapter", name: chapter.name, path, line: 0, children: structure(chapter.sub_items ?? [], src, contents) };
  });
}

/** Settings of the renderer: book.toml's, from the context's config. */
export function xgettextConfig(context: RenderContext): { config: BookConfig } {
  return { config: bookConfigFromObject(context.config, posix.join(context.root, "book.toml")) };
}

/** The template file(s) for a RenderContext; `summaryText` is `<root>/<src>/SUMMARY.md`. */
export function renderTemplates(context: RenderContext, summaryText: string): { config: BookConfig; templates: TemplateFile[] } {
  const { config } = xgettextConfig(context);
  const summaryPath = posix.join(config.src, "SUMMARY.md");
  parseSummary(summaryText, summaryPath); // a broken SUMMARY.md is reported with its line
  const chapters: Array<{ path: string; content: string }> = [];
  const summary = structure(bookItems(context.book), config.src, chapters);
  const summaryMessages = segmentMarkdown(summaryText, { ...segmentationOptions(config), stripLinks: true });
  const book: BookOutline = { summaryPath, summaryText, summary, summaryMessages, chapters: chapters.map(({ path }) => ({ path, line: 0 })) };
  const segmentOptions = chapterSegmentOptions(config);
  const messages = chapters.map((chapter) => inFile(chapter.path, () => segmentMarkdown(prepareChapter(config, chapter.content), segmentOptions)));
  return { config, templates: withBookMessages(buildTemplates(config, book, messages), config) };
}
