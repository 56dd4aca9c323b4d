/**
 * Rendered chapters kept between requests: a chapter is parsed again only
 * when the text of one of its files (the chapter and its includes) changed,
 * and translated and rendered again only when that happened or the lookup of
 * one of its messages gives another result (status, msgstr or PO line).
 * After a catalog save, only the chapters it touches are rendered again.
 */
import type { BookConfig } from "../book/config.js";
import type { ReadBookFile } from "../book/links.js";
import { prepareChapterDocument, type PreparedDocument } from "../translate/book.js";
import type { Lookup, LookupResult } from "../translate/lookup.js";
import { expandChapter, renderPrepared, type RenderedChapter, type RenderOptions } from "./render.js";

interface Entry {
  config: BookConfig;
  files: Map<string, string>;
  content: string;
  problems: string[];
  document: PreparedDocument;
  /** Results of the lookups the last rendering made, per msgid. */
  results?: Map<string, LookupResult>;
  rendered?: RenderedChapter;
}

const same = (a: LookupResult, b: LookupResult): boolean =>
  a.status === b.status && a.line === b.line && (a.status !== "translated" || a.msgstr === (b as { msgstr: string }).msgstr);

export class ChapterCache {
  private readonly entries = new Map<string, Entry>();
  /** What the last `render` did, for the bench and the tests: "cached", "rendered" or "parsed". */
  lastWork: "cached" | "rendered" | "parsed" = "parsed";

  render(config: BookConfig, path: string, read: ReadBookFile, lookup: Lookup, options: RenderOptions): RenderedChapter {
    let entry = this.entries.get(path);
    if (entry && (entry.config !== config || [...entry.files].some(([file, text]) => read(file) !== text))) entry = undefined;
    if (!entry) {
      const expanded = expandChapter(path, read);
      const document = prepareChapterDocument(config, path, expanded.content, { legacyInlineHtml: options.legacyInlineHtml });
      entry = { config, files: expanded.files, content: expanded.content, problems: expanded.problems, document };
      this.entries.set(path, entry);
      this.lastWork = "parsed";
    } else if (entry.rendered && entry.results && [...entry.results].every(([msgid, result]) => same(lookup(msgid), result))) {
      this.lastWork = "cached";
      return entry.rendered;
    } else this.lastWork = "rendered";
    const results = new Map<string, LookupResult>();
    const recording: Lookup = (msgid) => {
      const result = lookup(msgid);
      results.set(msgid, result);
      return result;
    };
    entry.rendered = { ...renderPrepared(config, path, entry.document, recording, options), problems: entry.problems };
    entry.results = results;
    return entry.rendered;
  }
}
