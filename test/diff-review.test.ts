// The pure parts of `pobook diff` and of check's GitHub output.
import { describe, expect, test } from "vitest";
import { newEntry, type Catalog } from "../src/catalog/types.js";
import { findingsToGithub } from "../src/check/report.js";
import { chapterOf, parsePoDate, reviewCatalog } from "../src/diff/review.js";
import { renderTerminal } from "../src/diff/terminal.js";
import { wordDiff } from "../src/diff/words.js";

const catalog = (entries: Catalog["entries"]): Catalog => ({ headerComments: [], headers: [["POT-Creation-Date", "2024-07-09 12:20-0700"]], headerFlags: [], entries });

describe("word diff", () => {
  test("words, punctuation and whitespace are tokens: a whitespace-only edit shows", () => {
    expect(wordDiff("a  b", "a b")).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "  " },
      { kind: "added", text: " " },
      { kind: "same", text: "b" },
    ]);
    expect(wordDiff("Use `foo`.", "Use `bar`!").filter((change) => change.kind !== "same")).toEqual([
      { kind: "removed", text: "foo" },
      { kind: "added", text: "bar" },
      { kind: "removed", text: "." },
      { kind: "added", text: "!" },
    ]);
  });
});

describe("review", () => {
  test("chapter: the first reference outside SUMMARY.md, without its line", () => {
    expect(chapterOf(["src/SUMMARY.md:3", "src/a.md:12", "src/b.md"])).toBe("src/a.md");
    expect(chapterOf(["src/SUMMARY.md"])).toBe("src/SUMMARY.md");
    expect(chapterOf([])).toBe("");
  });

  test("PO dates, GNU's and ISO 8601", () => {
    expect(parsePoDate("2024-07-09 12:20-0700")?.toISOString()).toBe("2024-07-09T19:20:00.000Z");
    expect(parsePoDate("2024-07-09T12:20:23-07:00")?.toISOString()).toBe("2024-07-09T19:20:23.000Z");
    expect(parsePoDate("YEAR-MO-DA HO:MI+ZONE")).toBeUndefined();
  });

  test("fuzzy and new entries by chapter; a fuzzy one without #| takes the old English its translation had at the baseline", () => {
    const now = catalog([
      newEntry("Done.", { msgstr: ["Feito."], references: ["src/a.md"], line: 5 }),
      newEntry("A new text.", { references: ["src/b.md"], line: 9 }),
      newEntry("Hello there!", { msgstr: ["Olá!"], flags: ["fuzzy"], references: ["src/a.md"], line: 13 }),
    ]);
    const earlier = catalog([newEntry("Hello!", { msgstr: ["Olá!"], references: ["src/a.md"] }), newEntry("Done.", { msgstr: ["Feito."] })]);
    const review = reviewCatalog({ file: "po/pt.po", catalog: now, earlier, changes: new Map([["src/c.md", { commits: [], added: 1, removed: 0 }]]) });
    expect(review.chapters.map((chapter) => [chapter.path, chapter.entries.map((entry) => [entry.line, entry.state, entry.previous ?? null])])).toEqual([
      ["src/b.md", [[9, "new", null]]],
      ["src/a.md", [[13, "fuzzy", "Hello!"]]],
    ]);
    expect(review.chapters.map((chapter) => chapter.sources)).toEqual([null, null]);
    expect(review.otherChanges.map((change) => change.path)).toEqual(["src/c.md"]);
    expect(review.previousFromBaseline).toBe(1);
  });

  test("terminal columns stay within the width, wide characters counted twice", () => {
    const review = reviewCatalog({
      file: "po/ja.po",
      catalog: catalog([
        newEntry("🦀 ".repeat(40) + "word", { msgstr: ["x"], flags: ["fuzzy"], previous: { msgid: "🦀 ".repeat(40) }, references: ["src/a.md"], line: 3 }),
      ]),
    });
    const text = renderTerminal([review], { color: false, width: 60 });
    const width = (line: string): number => [...line].reduce((sum, char) => sum + (char === "🦀" ? 2 : 1), 0);
    expect(text.split("\n").every((line) => width(line) <= 60)).toBe(true);
    expect(text).toContain("{+word+}");
  });
});

test("GitHub annotations escape what would end the command", () => {
  const line = findingsToGithub([{ file: "po/a,b.po", line: 7, rule: "link-target", severity: "error", message: "100% wrong:\nnext" }]);
  expect(line).toBe("::error file=po/a%2Cb.po,line=7,title=pobook check%3A link-target::100%25 wrong:%0Anext\n");
});
