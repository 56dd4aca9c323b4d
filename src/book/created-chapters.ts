/**
 * Chapters mdBook creates: with `[build] create-missing` (the default), a chapter listed in
 * SUMMARY.md whose file does not exist is written by mdBook, before it loads the book, as
 * `# {name}\n` (the link text, `<`, `>` and `&` escaped as HTML: mdBook 0.5's load.rs; 0.4
 * escaped only `<` and `>`). Draft chapters (`[Name]()`) have no file and are not created.
 * mdbook-xgettext and mdbook-gettext run after that, so they see that heading: pobook reads
 * such a chapter as that text, without writing into the book. Only a file that does not exist
 * counts (ENOENT); one that cannot be read for another reason stays an error, as in mdBook.
 */
import { posix } from "node:path";
import type { BookConfig } from "./config.js";
import type { ReadBookFile } from "./links.js";
import { parseSummary, type SummaryItem } from "./summary.js";

/** What mdBook writes into a missing chapter's file. */
export function createdChapterText(name: string): string {
  return `# ${name.replace(/[<>&]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&amp;"))}\n`;
}

/** Chapter names by path relative to the book root, for the chapters with a file. */
function chapterNames(config: Pick<BookConfig, "src">, items: readonly SummaryItem[]): Map<string, string> {
  const names = new Map<string, string>();
  // mdBook walks the summary as a stack (from its last item): a path listed twice is created with
  // the name it meets first that way.
  const stack = [...items];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.kind !== "chapter") continue;
    if (item.path !== undefined) {
      const path = posix.normalize(posix.join(config.src, item.path));
      if (!names.has(path)) names.set(path, item.name);
    }
    stack.push(...item.children);
  }
  return names;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === "ENOENT";
}

/**
 * `read`, with a chapter listed in SUMMARY.md whose file does not exist read as the file mdBook
 * would create (when the book lets mdBook create missing chapters). SUMMARY.md is read again
 * through `read` only when a file turns out to be missing.
 */
export function withCreatedChapters(config: Pick<BookConfig, "src" | "createMissing" | "plain">, read: ReadBookFile): ReadBookFile {
  if (!config.createMissing || config.plain) return read;
  let names: Map<string, string> | undefined;
  return (path) => {
    try {
      return read(path);
    } catch (error) {
      if (!isMissing(error)) throw error;
      const summaryPath = posix.join(config.src, "SUMMARY.md");
      if (names === undefined) {
        let summary: string;
        try {
          summary = read(summaryPath);
        } catch {
          throw error;
        }
        names = chapterNames(config, parseSummary(summary, summaryPath));
      }
      const name = names.get(posix.normalize(path));
      if (name === undefined) throw error;
      return createdChapterText(name);
    }
  };
}
