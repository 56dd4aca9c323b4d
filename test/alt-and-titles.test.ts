// book.toml `alt-and-title-messages = true`: image alt texts and link definition titles as messages of their own.
import { describe, expect, test } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseBookConfig } from "../src/book/config.js";
import { segmentationOptions } from "../src/book/extract-book.js";
import { segmentMarkdown } from "../src/markdown/segment.js";
import { translateDocument } from "../src/translate/document.js";
import { mapLookup } from "../src/translate/lookup.js";
import { explainDocument } from "../src/explain/explain.js";
import { prepareChapterDocument } from "../src/translate/book.js";
import { readPoFile } from "../src/catalog/parse.js";
import { makeTree, runInProcess } from "./helpers/cli.js";

const CHAPTER = `# Pets

![A *cat* sitting](cat.png "The cat") ![Dog](dog.png)

Text with ![inline](x.png) image and [the docs].

[the docs]: https://example.org "Our docs"
`;

const ON = "[preprocessor.gettext]\nalt-and-title-messages = true\n";
const options = (toml: string) => segmentationOptions(parseBookConfig(toml, "book.toml"));

describe("alt texts and titles as messages", () => {
  test("off by default: mdbook-xgettext's msgids", () => {
    expect(segmentMarkdown(CHAPTER, options("")).map((message) => message.msgid)).toEqual([
      "Pets",
      '![A _cat_ sitting](cat.png "The cat") ![Dog](dog.png)',
      "Text with ![inline](x.png) image and [the docs](https://example.org \"Our docs\").",
    ]);
  });

  test("on: an image-only paragraph gives each alt text and title, a definition its title; other paragraphs unchanged", () => {
    expect(segmentMarkdown(CHAPTER, options(ON)).map((message) => [message.msgid, message.part, message.line])).toEqual([
      ["Pets", undefined, 1],
      ["A *cat* sitting", "alt", 3],
      ["The cat", "title", 3],
      ["Dog", "alt", 3],
      ["Text with ![inline](x.png) image and [the docs](https://example.org \"Our docs\").", undefined, 5],
      ["Our docs", "title", 7],
    ]);
  });

  test("translate splices each in place; a msgstr that would break its delimiters is refused", () => {
    const lookup = mapLookup(new Map([["A *cat* sitting", "Un *chat* assis"], ["The cat", "Le chat"], ["Dog", "Chien ]"], ["Our docs", 'Nos "docs"']]));
    const result = translateDocument(CHAPTER, lookup, options(ON));
    expect(result.text).toBe(CHAPTER.replace("A *cat* sitting", "Un *chat* assis").replace('"The cat"', '"Le chat"'));
    expect(result.warnings.map((warning) => [warning.line, warning.message])).toEqual([
      [3, "an alt text translation must balance `[` and `]` (escape them as `\\[` and `\\]`)"],
      [7, 'a title translation must escape `"` as `\\"`'],
    ]);
  });

  test("explain names the setting", () => {
    const config = parseBookConfig(ON, "book.toml");
    const document = prepareChapterDocument(config, "src/a.md", CHAPTER);
    const blocks = explainDocument({ text: document.parsed, tree: document.tree, messages: document.messages, options: document.options, summary: false, mdbookLinks: true });
    expect(blocks.map((block) => [block.kind, block.rule])).toEqual([
      ["heading", "text"],
      ["image paragraph", "alt-and-titles"],
      ["paragraph", "text"],
      ["link definition", "alt-and-titles"],
    ]);
  });

  test("extract and translate read it from book.toml; a bad value is one line, exit 2, nothing written", async () => {
    const root = makeTree({ "book.toml": `[book]\n${ON}`, "src/SUMMARY.md": "- [Pets](a.md)\n", "src/a.md": CHAPTER });
    expect((await runInProcess(["extract", root, "-o", join(root, "po/messages.pot")])).status).toBe(0);
    expect(readPoFile(join(root, "po/messages.pot")).entries.map((entry) => entry.msgid)).toContain("A *cat* sitting");
    expect((await runInProcess(["init", "-l", "fr", root])).status).toBe(0);
    const po = join(root, "po/fr.po");
    writeFileSync(po, readFileSync(po, "utf8").replace('msgid "Our docs"\nmsgstr ""', 'msgid "Our docs"\nmsgstr "Notre doc"'));
    const result = await runInProcess(["translate", root, "-l", "fr"]);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(root, "book/fr-src/src/a.md"), "utf8")).toBe(CHAPTER.replace('"Our docs"', '"Notre doc"'));
    const bad = makeTree({ "book.toml": "[book]\n[preprocessor.gettext]\nalt-and-title-messages = 1\n", "src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": "A\n" });
    const refused = await runInProcess(["extract", bad]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^pobook: \S*book\.toml: alt-and-title-messages must be true or false\n$/);
    expect(existsSync(join(bad, "po"))).toBe(false);
  });
});
