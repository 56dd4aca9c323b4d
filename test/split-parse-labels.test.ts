// A big document's pieces get stand-in definitions for labels defined in other
// pieces (src/markdown/split-parse.ts); a link label starting with `^` must get
// a link stand-in, not a footnote one.
import { describe, expect, it } from "vitest";
import { parseMarkdown, parseMarkdownWhole, SPLIT_ABOVE } from "../src/markdown/parse.js";
import { segmentMarkdown } from "../src/markdown/segment.js";

const withoutPositions = (value: unknown) => JSON.stringify(value, (key, inner) => (key === "position" ? undefined : inner));

describe("split parse: a link label starting with ^", () => {
  it("defined far below (`[ ^x]: url`) stays a link in a document over the split threshold", () => {
    const filler = Array.from({ length: 3_000 }, (_, index) => `Paragraph number ${index} with some words.`).join("\n\n");
    const text = `See [^x] and [^y] here.\n\n${filler}\n\n[ ^x]: https://example.com/x\n\n[^y]: A note.\n`;
    expect(text.length).toBeGreaterThan(SPLIT_ABOVE);
    const split = parseMarkdown(text);
    const whole = parseMarkdownWhole(text);
    expect(withoutPositions(split.children[0])).toBe(withoutPositions(whole.children[0]));
    expect(split.children[0]).toMatchObject({ children: [{}, { type: "linkReference", identifier: "^x" }, {}, { type: "footnoteReference", identifier: "y" }, {}] });
    expect(segmentMarkdown(text)[0]!.msgid).toBe("See [^x](https://example.com/x) and [^y] here.");
  });
});
