// `pobook explain`: every reason a block gives its messages (or none), and each message's catalog status.
import { describe, expect, test } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseBookConfig } from "../src/book/config.js";
import { parsePo } from "../src/catalog/parse.js";
import { explainDocument, type ExplainedBlock } from "../src/explain/explain.js";
import { prepareChapterDocument, prepareSummaryDocument } from "../src/translate/book.js";
import { catalogLookup, linkEscapingLookup } from "../src/translate/lookup.js";
import { makeTree, runInProcess } from "./helpers/cli.js";

function explain(markdown: string, toml = "", po?: string, line?: number): ExplainedBlock[] {
  const config = parseBookConfig(toml, "book.toml");
  const document = prepareChapterDocument(config, "src/a.md", markdown);
  const lookup = po === undefined ? undefined : linkEscapingLookup(catalogLookup(parsePo(po, "po/xx.po")));
  return explainDocument({ text: document.parsed, tree: document.tree, messages: document.messages, options: document.options, summary: false, mdbookLinks: true, original: document.original }, lookup, line);
}

/** Each block as `line kind rule [msgids]`. */
function shape(blocks: readonly ExplainedBlock[]): string[] {
  return blocks.map((block) => `${block.line} ${block.kind} ${block.rule} ${JSON.stringify(block.messages.map((message) => message.msgid))}`);
}

describe("explain: why each block gives its messages", () => {
  test("text blocks: heading, paragraph, list item, table cell, block quote, footnote", () => {
    const blocks = explain("# Title\n\nText\n\n- item\n\n| a |\n|---|\n| b |\n\n> quoted\n\nNote[^1].\n\n[^1]: The note.\n");
    expect(shape(blocks)).toEqual([
      '1 heading text ["Title"]',
      '3 paragraph text ["Text"]',
      '5 list item text ["item"]',
      '7 table cell text ["a"]',
      '9 table cell text ["b"]',
      '11 block quote text ["quoted"]',
      '13 paragraph text ["Note[^1]."]',
      '15 footnote text ["The note."]',
    ]);
    expect(blocks[0]!.reason).toBe("a heading is one message");
  });

  test("SUMMARY.md titles", () => {
    const config = parseBookConfig("", "book.toml");
    const document = prepareSummaryDocument(config, "src/SUMMARY.md", "# Summary\n\n- [Intro *here*](intro.md)\n");
    const blocks = explainDocument({ text: document.parsed, tree: document.tree, messages: document.messages, options: document.options, summary: true, mdbookLinks: false });
    expect(shape(blocks)).toEqual(['1 heading text ["Summary"]', '3 summary title text ["Intro _here_"]']);
  });

  test("code strings and comments of a language syntect knows; none when it has neither", () => {
    const blocks = explain('```rust\nlet a = 1; // why\nlet s = "hi";\n```\n\n```rust\nlet a = 1;\n```\n');
    expect(shape(blocks)).toEqual(['1 code block (rust) code-strings ["// why\\n","\\"hi\\""]', "6 code block (rust) code-no-strings []"]);
    expect(blocks[1]!.reason).toBe("Rust code without strings or comments: only those are messages");
  });

  test("a block of another language: whole when it holds quotes or //, else nothing", () => {
    const blocks = explain('```toml\nkey = "v"\n```\n\n```toml\nkey = 1\n```\n');
    expect(shape(blocks)).toEqual(['1 code block (toml) code-whole ["```toml\\nkey = \\"v\\"\\n```"]', "5 code block (toml) code-no-strings []"]);
    expect(blocks[1]!.reason).toContain('gives a message only if it holds " or //');
  });

  test("book.toml's code-block policy: skip-languages and whole-block-languages", () => {
    const blocks = explain('```console\n$ echo "x"\n```\n\n```sh\nls\n```\n', '[preprocessor.gettext]\nskip-languages = ["console"]\nwhole-block-languages = ["sh"]\n');
    expect(shape(blocks)).toEqual(["1 code block (console) code-skip-language []", '5 code block (sh) code-whole ["```sh\\nls\\n```"]']);
    expect(blocks[0]!.reason).toContain('skip-languages lists "console"');
  });

  test("HTML blocks: none in 0.3 mode, messages with compat 0.4", () => {
    const html = '<div class="x">\nHello\n</div>\n';
    expect(shape(explain(html))).toEqual(["1 HTML block html-0.3 []"]);
    expect(explain(html)[0]!.reason).toContain('compat = "0.4"');
    expect(shape(explain(html, '[output.xgettext]\ncompat = "0.4"\n'))).toEqual(['1 HTML block html-block ["<div class=\\"x\\">\\nHello\\n</div>\\n"]']);
  });

  test("skip directives: the directive itself, the block it skips, a skip-start range", () => {
    const blocks = explain("<!-- i18n:skip -->\nSkipped.\n\nKept.\n\n<!-- i18n:skip-start -->\n\n# Gone\n\n<!-- i18n:skip-end -->\n\nBack.\n");
    expect(shape(blocks)).toEqual([
      "1 directive directive []",
      "2 paragraph skip-directive []",
      '4 paragraph text ["Kept."]',
      "6 directive directive []",
      "8 heading skip-directive []",
      "10 directive directive []",
      '12 paragraph text ["Back."]',
    ]);
    expect(blocks[1]!.reason).toBe("skipped by <!-- i18n:skip --> at line 1");
    expect(blocks[4]!.reason).toBe("skipped by <!-- i18n:skip-start --> at line 6");
  });

  test("comment and context directives show on the message they apply to", () => {
    const blocks = explain("<!-- i18n:comment: Be brief -->\n<!-- i18n:context: verb -->\nOpen\n");
    expect(blocks.map((block) => block.rule)).toEqual(["directive", "directive", "text"]);
    expect(blocks[0]!.reason).toBe("<!-- i18n:comment: Be brief -->: an extractor directive (a #. comment for the next message), no message itself");
    expect(blocks[1]!.reason).toBe("<!-- i18n:context: verb -->: an extractor directive (a msgctxt for the next message), no message itself");
    expect(blocks[2]!.messages).toEqual([{ msgid: "Open", line: 3, msgctxt: "verb", comment: "Be brief" }]);
  });

  test("includes, front matter (mdbook-course), thematic breaks and link definitions", () => {
    const blocks = explain("---\ntitle: x\n---\n\n```rust\n{{#include ../x.rs}}\n```\n\n***\n\n[a]: https://example.com\n", "[preprocessor.course]\n");
    expect(shape(blocks)).toEqual(["1 front matter front-matter []", "5 code block include []", "9 thematic break no-text []", "11 link definition no-text []"]);
    expect(blocks[1]!.reason).toContain("{{#include ../x.rs}}");
  });

  test("one line: only the block holding it", () => {
    expect(shape(explain("# T\n\nA\nB\n\nC\n", "", undefined, 4))).toEqual(['3 paragraph text ["A B"]']);
    expect(explain("# T\n\nA\n", "", undefined, 2)).toEqual([]);
  });
});

describe("explain: what a catalog does with each message", () => {
  const PO = `msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\\n"

msgid "Title"
msgstr "Titel"

#, fuzzy
msgid "Fuzzy one"
msgstr "Unscharf"

msgid "Empty one"
msgstr ""

msgid "cell"
msgstr "two\\nlines"
`;

  test("translated, fuzzy, untranslated, missing and rejected, with the PO line", () => {
    const blocks = explain("# Title\n\nFuzzy one\n\nEmpty one\n\nNot in the catalog\n\n| cell |\n|---|\n", "", PO);
    expect(blocks.map((block) => block.messages[0])).toEqual([
      { msgid: "Title", line: 1, status: "translated", poLine: 4 },
      { msgid: "Fuzzy one", line: 3, status: "fuzzy", poLine: 7 },
      { msgid: "Empty one", line: 5, status: "untranslated", poLine: 11 },
      { msgid: "Not in the catalog", line: 7, status: "missing" },
      { msgid: "cell", line: 9, status: "rejected", poLine: 14, problem: "a table cell translation must be one line" },
    ]);
  });
});

describe("pobook explain (command)", () => {
  function book(): string {
    return makeTree({
      "book.toml": '[book]\ntitle = "E"\n',
      "src/SUMMARY.md": "# Summary\n\n- [A](a.md)\n",
      "src/a.md": "# Title\n\n<!-- i18n:skip -->\nSkipped.\n\nFuzzy one\n",
      "src/inc.md": "Included\n",
      "po/de.po": 'msgid ""\nmsgstr "Language: de\\n"\n\nmsgid "Title"\nmsgstr "Titel"\n\n#, fuzzy\nmsgid "Fuzzy one"\nmsgstr "Unscharf"\n',
    });
  }

  test("text: file:line of each block, its reason, each message with its status and PO line", async () => {
    const root = book();
    const result = await runInProcess(["explain", "src/a.md", "-l", "de"], root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        "src/a.md:1: heading: a heading is one message",
        '    line 1: "Title" -> translated at po/de.po:4',
        "src/a.md:3: directive: <!-- i18n:skip -->: an extractor directive (skips what follows), no message itself",
        "src/a.md:4: paragraph: skipped by <!-- i18n:skip --> at line 3",
        "src/a.md:6: paragraph: a paragraph is one message",
        '    line 6: "Fuzzy one" -> fuzzy at po/de.po:7',
        "2 messages in 4 blocks: 1 translated, 1 fuzzy",
        "",
      ].join("\n"),
    );
  });

  test("--json with a line", async () => {
    const root = book();
    const result = await runInProcess(["explain", "src/a.md:6", "-l", "de", "--json"], root);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      file: "src/a.md",
      line: 6,
      language: "de",
      po: "po/de.po",
      blocks: [{ line: 6, endLine: 6, kind: "paragraph", rule: "text", reason: "a paragraph is one message", messages: [{ msgid: "Fuzzy one", line: 6, status: "fuzzy", poLine: 7 }] }],
    });
  });

  test("bad input: one line naming the file, exit 2, nothing written", async () => {
    const root = book();
    const cases: Array<[string[], string]> = [
      [["explain", "src/inc.md"], "pobook: src/inc.md: not a chapter listed in src/SUMMARY.md"],
      [["explain", "src/a.md:99"], "pobook: src/a.md: line 99 is past the end of the file (7 lines)"],
      [["explain", "src/a.md", "-l", "fr"], "pobook: po/fr.po: no such catalog"],
      [["explain", "../elsewhere.md"], "pobook: ../elsewhere.md: is not inside the book"],
    ];
    for (const [args, line] of cases) {
      const result = await runInProcess(args, root);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(line);
    }
    expect(readdirSync(root).sort()).toEqual(["book.toml", "po", "src"]);
    expect(readdirSync(join(root, "po"))).toEqual(["de.po"]);
  });

  test("--help describes it", async () => {
    const result = await runInProcess(["explain", "--help"]);
    expect(result.stdout).toContain("file[:line]");
    expect(result.stdout).toContain("--language");
  });
});
