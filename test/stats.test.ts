import { describe, expect, test } from "vitest";
import { newEntry, type Catalog } from "../src/catalog/types.js";
import { catalogStats, countWords, messageState, UNREFERENCED } from "../src/stats/compute.js";
import { formatPercent, renderStatsTable } from "../src/stats/table.js";

function catalog(entries: Catalog["entries"], language = "pt-BR"): Catalog {
  return {
    headerComments: [],
    headers: [
      ["Language", language],
      ["POT-Creation-Date", "2024-07-09T12:20:23-07:00"],
    ],
    headerFlags: [],
    entries,
  };
}

const sample = catalog([
  newEntry("Welcome to Comprehensive Rust", { msgstr: ["Bem-vindos ao Comprehensive Rust"], references: ["src/SUMMARY.md", "src/index.md"] }),
  newEntry("Course Structure", { msgstr: ["Estrutura"], flags: ["fuzzy"], references: ["src/index.md:12"] }),
  newEntry("Keyboard Shortcuts", { msgstr: [""], references: ["src/shortcuts.md"] }),
  newEntry("Empty fuzzy", { msgstr: [""], flags: ["fuzzy"], references: ["src/shortcuts.md"] }),
  newEntry("Old text here", { msgstr: ["Texto antigo"], obsolete: true }),
  newEntry("| - |", { msgstr: ["x"] }),
]);

describe("messageState (msgfmt --statistics semantics)", () => {
  test("fuzzy without translation is untranslated; plural looks at msgstr[0]", () => {
    expect(sample.entries.map(messageState)).toEqual(["translated", "fuzzy", "untranslated", "untranslated", "obsolete", "translated"]);
    expect(messageState(newEntry("a", { msgidPlural: "as", msgstr: ["um", ""] }))).toBe("translated");
  });
});

describe("countWords", () => {
  test("counts tokens with letters or digits only", () => {
    expect(countWords("Hello, world - it is 2024 | `Vec<T>` =>")).toBe(6);
    expect(countWords("")).toBe(0);
    expect(countWords("Привет мир")).toBe(2);
  });
});

describe("catalogStats", () => {
  const stats = catalogStats(sample, "po/pt-BR.po");

  test("messages and words by state", () => {
    expect(stats.language).toBe("pt-BR");
    expect(stats.messages).toEqual({ translated: 2, fuzzy: 1, untranslated: 2, obsolete: 1 });
    expect(stats.words).toEqual({ translated: 4, fuzzy: 2, untranslated: 4, obsolete: 3 });
    expect(stats.percent).toBeCloseTo(40);
    expect(stats.wordsPercent).toBeCloseTo(40);
  });

  test("chapters from references, line suffixes dropped, obsolete left out", () => {
    expect(stats.chapters.map((chapter) => [chapter.chapter, chapter.messages.translated, chapter.messages.fuzzy, chapter.messages.untranslated])).toEqual([
      ["src/SUMMARY.md", 1, 0, 0],
      ["src/index.md", 1, 1, 0],
      ["src/shortcuts.md", 0, 0, 2],
      [UNREFERENCED, 1, 0, 0],
    ]);
    expect(stats.chapters[1]!.percent).toBe(50);
  });

  test("language falls back to the file name", () => {
    const bare = { ...sample, headers: [] };
    expect(catalogStats(bare, "po/fr.po").language).toBe("fr");
  });
});

describe("renderStatsTable", () => {
  const stats = [catalogStats(sample, "po/pt-BR.po"), catalogStats(catalog([newEntry("a", { msgstr: ["b"] })], "de"), "po/de.po")];

  test("aligned columns, no colour", () => {
    expect(renderStatsTable(stats, { color: false, byChapter: false })).toBe(
      [
        "Catalog      Language  Translated  Fuzzy  Untranslated  Obsolete  Words  Complete",
        "po/pt-BR.po  pt-BR              2      1             2         1   4/10     40.0%",
        "po/de.po     de                 1      0             0         0    1/1    100.0%",
        "",
      ].join("\n"),
    );
  });

  test("colour codes only when asked", () => {
    expect(renderStatsTable(stats, { color: true, byChapter: false })).toContain("\u001b[32m");
    expect(renderStatsTable(stats, { color: false, byChapter: true })).not.toContain("\u001b[");
  });

  test("by chapter", () => {
    const text = renderStatsTable(stats.slice(0, 1), { color: false, byChapter: true });
    expect(text).toContain("po/pt-BR.po (pt-BR) by chapter:");
    expect(text).toContain("  src/shortcuts.md           0      0             2    0/4      0.0%");
  });

  test("percent is rounded down", () => {
    expect(formatPercent(99.99)).toBe("99.9%");
    expect(formatPercent(100)).toBe("100.0%");
  });
});
