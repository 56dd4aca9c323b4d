import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { chapters, shoutedBook } from "./helpers/markdown-documents.js";

describe("translate property: a changed msgstr comes back from the translated book, or a warning names it", () => {
  test("a few hundred generated chapters (bench/fuzz-translate.ts runs thousands)", () => {
    fc.assert(
      fc.property(chapters, (chapter) => {
        const report = shoutedBook(chapter);
        expect(report.silent).toEqual([]);
        const { tally } = report.translation;
        expect(tally.applied + tally.fuzzy + tally.untranslated + tally.notApplied.length).toBe(tally.total);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
