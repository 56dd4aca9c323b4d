/** SUMMARY.md prefix and suffix chapters written as links on consecutive lines (one paragraph). */
import { describe, expect, it } from "vitest";
import { chapterEntries, parseSummary } from "../src/book/summary.js";

describe("SUMMARY.md affix paragraphs", () => {
  it("reads every link of a prefix or suffix paragraph as its own chapter, with its own line", () => {
    // MystenLabs/walrus-docs' suffix chapters and the Rust book's prefix chapters are written so.
    const text = "[Title](title.md)\n[Foreword](foreword.md)\n\n- [One](one.md)\n\n---\n\n[Glossary](glossary.md)\n[Terms](terms.md)\n[Privacy](privacy.md)\n";
    expect(chapterEntries(parseSummary(text, "SUMMARY.md"))).toEqual([
      { path: "title.md", line: 1 },
      { path: "foreword.md", line: 2 },
      { path: "one.md", line: 4 },
      { path: "glossary.md", line: 8 },
      { path: "terms.md", line: 9 },
      { path: "privacy.md", line: 10 },
    ]);
  });

  it("keeps a paragraph link without a file as a draft chapter", () => {
    expect(parseSummary("[Draft]()\n[Real](real.md)\n", "SUMMARY.md").map((item) => (item.kind === "chapter" ? item.path : item.kind))).toEqual([undefined, "real.md"]);
  });
});
