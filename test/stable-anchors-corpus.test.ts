import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { parseBookConfig } from "../src/book/config.js";
import { chapterEntries, parseSummary } from "../src/book/summary.js";
import { headingAnchors } from "../src/markdown/heading-ids.js";
import { parseMarkdown } from "../src/markdown/parse.js";
import { headingIdOptions } from "../src/translate/stable-anchors.js";
import { CORPUS, HAS_CORPUS } from "./helpers/gnu.js";
import { translatedPtBook } from "./helpers/shared-corpus.js";

describe.skipIf(!HAS_CORPUS)("stable anchors on the corpus", () => {
  test("pt-BR: every heading of every chapter has the source's id in the translated tree (book.toml's curly-quotes taken into account)", async () => {
    const root = join(CORPUS, "comprehensive-rust-pt-BR");
    {
      // The translation of the pt-BR book this run's corpus tests share (made once).
      const run = await translatedPtBook();
      expect(run.status, run.stderr).toBe(0);
      const config = parseBookConfig(readFileSync(join(root, "book.toml"), "utf8"), "book.toml");
      const summaryPath = posix.join(config.src, "SUMMARY.md");
      const chapters = chapterEntries(parseSummary(readFileSync(join(root, summaryPath), "utf8"), summaryPath)).map((chapter) => posix.join(config.src, chapter.path));
      const idsOf = (text: string): Array<string | undefined> => headingAnchors(parseMarkdown(text, { frontMatter: true }), text, headingIdOptions(config)).map((anchor) => anchor.id);
      let headings = 0;
      let translatedHeadings = 0;
      const differing: string[] = [];
      for (const chapter of new Set(chapters)) {
        const sourceText = readFileSync(join(root, chapter), "utf8");
        const translatedText = readFileSync(join(run.output, chapter), "utf8");
        const source = idsOf(sourceText);
        const translated = idsOf(translatedText);
        headings += source.length;
        translatedHeadings += translated.length;
        source.forEach((id, index) => {
          if (translated[index] !== id) differing.push(`${chapter}: heading ${index + 1}: ${id} -> ${translated[index]}`);
        });
      }
      console.log(`pt-BR: ${headings} headings in ${new Set(chapters).size} chapters; headings whose id differs: ${differing.length}`);
      for (const line of differing.slice(0, 10)) console.log(`  ${line}`);
      expect(headings).toBeGreaterThan(300);
      expect(translatedHeadings).toBe(headings);
      expect(differing.length).toBe(0);
    }
  }, 300_000);
});
