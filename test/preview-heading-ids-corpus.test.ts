import { describe, expect, test } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { parseBookConfig } from "../src/book/config.js";
import { chapterEntries, parseSummary } from "../src/book/summary.js";
import { headingAnchors } from "../src/markdown/heading-ids.js";
import { parseMarkdown } from "../src/markdown/parse.js";
import { markdownToHtml } from "../src/preview/render.js";
import { headingIdOptions } from "../src/translate/stable-anchors.js";
import { CORPUS, HAS_CORPUS } from "./helpers/gnu.js";
import { runInProcess } from "./helpers/cli.js";

// The published tree (translate's anchors) and the preview must give a chapter's headings the same ids.
describe.skipIf(!HAS_CORPUS)("preview heading ids on the corpus (skipped: ../shared/corpus absent)", () => {
  test("pt-BR translated chapters: the preview's <hN id> equal headingAnchors of the same text", async () => {
    const root = join(CORPUS, "comprehensive-rust-pt-BR");
    const out = mkdtempSync(join(tmpdir(), "pobook-preview-ids-"));
    try {
      const run = await runInProcess(["translate", root, "-l", "pt-BR", "--legacy-inline-html", "-o", join(out, "pt-BR")]);
      expect(run.status).toBe(0);
      const config = parseBookConfig(readFileSync(join(root, "book.toml"), "utf8"), "book.toml");
      const options = headingIdOptions(config);
      const summaryPath = posix.join(config.src, "SUMMARY.md");
      const chapters = new Set(chapterEntries(parseSummary(readFileSync(join(root, summaryPath), "utf8"), summaryPath)).map((chapter) => posix.join(config.src, chapter.path)));
      let headings = 0;
      const differing: string[] = [];
      for (const chapter of chapters) {
        const text = readFileSync(join(out, "pt-BR", chapter), "utf8");
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
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);
});
