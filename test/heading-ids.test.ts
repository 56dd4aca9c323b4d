import { describe, expect, test } from "vitest";
import { parseMarkdown } from "../src/markdown/parse.js";
import { chapterFragments, headingAnchors, idFromContent, normalizeId } from "../src/markdown/heading-ids.js";

const ids = (markdown: string, smartPunctuation = false): Array<string | undefined> =>
  headingAnchors(parseMarkdown(markdown), markdown, { smartPunctuation }).map((anchor) => anchor.id);

describe("mdBook 0.4's heading ids", () => {
  test("id_from_content over rendered HTML (cases of mdBook's own tests)", () => {
    expect(idFromContent("Foo^bar")).toBe("foobar");
    expect(idFromContent("")).toBe("");
    expect(idFromContent("<em>Hï</em>")).toBe("hï");
    expect(idFromContent("<code>--passes</code>: add more rustdoc passes")).toBe("--passes-add-more-rustdoc-passes");
    expect(idFromContent("Method-call 🐙 expressions \u{1f47c}")).toBe("method-call--expressions-");
    expect(idFromContent("<code>Vec&lt;T&gt;</code> &amp; co")).toBe("vect--co");
    expect(idFromContent("## Über")).toBe("Über");
    expect(normalizeId("中文 にほんご")).toBe("中文-にほんご");
  });

  test("Markdown headings: duplicates, attribute blocks, closing runs, inline markup", () => {
    const markdown = [
      "# Foo",
      "## Foo",
      "### Foo ##",
      "# Bar {#custom .x}",
      "# Baz {.only-class}",
      "# `Vec<T>` and [*links*](x.md) ![img](a.png)",
      "Setext",
      "======",
      "Two",
      "lines",
      "-----",
      "# Foo-1",
      "# Qux {data-x=1}",
      "#",
      "<h2>Raw Foo</h2>",
      "",
      '<h3 id="raw-id">Raw</h3>',
    ].join("\n");
    expect(ids(markdown)).toEqual(["foo", "foo-1", "foo-2", "custom", "baz", "vect-and-links", "setext", undefined, "foo-1", undefined, "", "raw-foo", "raw-id"]);
  });

  test("smart punctuation drops dashes", () => {
    expect(ids("# a -- b")).toEqual(["a----b"]);
    expect(ids("# a -- b", true)).toEqual(["a--b"]);
  });

  test("fragments: heading ids, HTML ids and names, footnotes", () => {
    const markdown = "# Title\n\n<div id=\"box\"></div>\n\nText <a name='here'></a>[^note]\n\n[^note]: A note.\n";
    expect([...chapterFragments(parseMarkdown(markdown), markdown)].sort()).toEqual(["box", "here", "note", "title"]);
  });
});
