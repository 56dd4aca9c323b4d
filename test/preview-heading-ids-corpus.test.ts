import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { parseBookConfig } from "../src/book/config.js";
import { chapterEntries, parseSummary } from "../src/book/summary.js";
import { headingAnchors } from "../src/markdown/heading-ids.js";
import { parseMarkdown } from "../src/markdown/parse.js";
import { markdownToHtml } from "../src/preview/render.js";
import { headingIdOptions } from "../src/translate/stable-anchors.js";
import { CORPUS, HAS_CORPUS } from "./helpers/gnu.js";
import { translatedPtBook } from "./helpers/shared-corpus.js";

// The published tree (translate's anchors) and the preview must give a chapter's headings the same ids.
describe.skipIf(!HAS_CORPUS)("preview heading ids on the corpus (skipped: ../shared/corpus absent)", () => {
  test("pt-BR translated chapters: the preview's <hN id> equal headingAnchors of the same text", async () => {
    const root = join(CORPUS, "comprehensive-rust-pt-BR");
    {
      // The translation of the pt-BR book this run's corpus tests share (made once).
      const run = await translatedPtBook();
      expect(run.status, run.stderr).toBe(0);
      const config = parseBookConfig(readFileSync(join(root, "book.toml"), "utf8"), "book.toml");
      const options = headingIdOptions(config);
      const summaryPath = posix.join(config.src, "SUMMARY.md");
      const chapters = new Set(chapterEntries(parseSummary(readFileSync(join(root, summaryPath), "utf8"), summaryPath)).map((chapter) => posix.join(config.src, chapter.path)));
      let headings = 0;
      const differing: string[] = [];
      for (const chapter of chapters) {
        const text = readFileSync(join(run.output, chapter), "utf8");
        const expected = headingAnchors(parseMarkdown(text, { frontMatter: true }), text, options).map((anchor) => anchor.id);
        const html = markdownToHtml(text, [], { poName: "", frontMatter: true, smartPunctuation: options.smartPunctuation });
        const shown = [...html.matchAll(/<h[1-6](?=[\s>])([^>]*)>/g)].map((match) => /\sid="([^"]*)"/.exec(match[1]!)?.[1]);
        headings += expected.length;
        if (JSON.stringify(shown) !== JSON.stringify(expected)) differing.push(`${chapter}: preview ${JSON.stringify(shown)} vs ${JSON.stringify(expected)}`);
      }
      console.log(`pt-BR: ${headings} headings in ${chapters.size} chapters; chapters whose preview ids differ: ${differing.length}`);
      for (const line of differing.slice(0, 10)) console.log(`  ${line}`);
      expect(headings).toBeGreaterThan(300);
      expect(differing).toEqual([]);
    }
  }, 300_000);
});
