// Code-block messages where pobook once disagreed with syntect. Each expected
// list is what a syntect 5 oracle (default syntax set, onig regexes, upstream's
// parse_codeblock grouping over the whole block as one text event) gave.
import { describe, expect, it } from "vitest";
import { segmentMarkdown } from "../src/markdown/segment.js";

const messages = (info: string, code: string) => segmentMarkdown("```" + info + "\n" + code + "```\n").map((m) => m.msgid);

describe("rust", () => {
  it("a quote opens a character literal only before one character or escape and a quote (Cairo short strings are no strings)", () => {
    expect(messages("rust", "assert(game.white == white, 'white address is incorrect');\nlet c = 'x'; let n = '\\n'; let b = b'a';\nfn f<'a>(s: &'a str) {} // done\n")).toEqual(["'x'", "'\\n'", "b'a'", "// done\n"]);
  });
});

describe("yaml", () => {
  it("a `#` with no blank before it starts neither a comment nor a scalar", () => {
    expect(messages("yaml", "steps:\n  - run: {{#include ../ci.yaml}}\n")).toEqual(["steps", "run", "include ../ci.yaml"]);
    expect(messages("yaml", "{#a b}\n")).toEqual(["a b"]);
  });
});
