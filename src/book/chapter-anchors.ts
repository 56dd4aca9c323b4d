/**
 * The fragments each chapter page of a book has (heading ids as mdBook gives
 * them, raw HTML ids, footnotes), read from the source: with stable anchors
 * (src/translate/stable-anchors.ts) a translated page has the same ones.
 * The chapter is taken as mdBook renders it: includes expanded, course
 * directives dropped, front matter stripped when mdbook-course runs.
 */
import type { BookConfig } from "./config.js";
import { prepareChapter, readOutline } from "./extract-book.js";
import { expandLinks, type ReadBookFile } from "./links.js";
import { parseMarkdown } from "../markdown/parse.js";
import { chapterFragments } from "../markdown/heading-ids.js";
import { headingIdOptions } from "../translate/stable-anchors.js";
import type { PobookError } from "../errors.js";

/** Fragments by chapter path (relative to the book root, `src/a.md`); a chapter that cannot be read has none listed. */
export function bookFragments(config: BookConfig, read: ReadBookFile): Map<string, Set<string>> {
  const outline = readOutline(config, read);
  const options = headingIdOptions(config);
  const fragments = new Map<string, Set<string>>();
  for (const chapter of outline.chapters) {
    if (fragments.has(chapter.path)) continue;
    let text: string;
    try {
      text = read(chapter.path).replace(/^\uFEFF/, "");
    } catch {
      continue;
    }
    // A missing include is the book's problem, reported by extract and mdBook; here it expands to nothing.
    const problems: PobookError[] = [];
    const content = prepareChapter(config, expandLinks(text, { path: chapter.path, read, problems }));
    const tree = parseMarkdown(content, { frontMatter: config.coursePreprocessor });
    fragments.set(chapter.path, chapterFragments(tree, content, options));
  }
  return fragments;
}
