// A translation must not add an `{{#include}}` that mdBook then expands (a translator reading
// files of the build machine): where `links` runs after `gettext`, such directives are escaped.
import { describe, expect, test } from "vitest";
import { bookConfigFromObject } from "../src/book/config.js";
import { parsePo } from "../src/catalog/parse.js";
import { runsBeforeLinks, translateMdbook } from "../src/mdbook/gettext.js";
import type { MdbookBook } from "../src/mdbook/protocol.js";
import { catalogLookup } from "../src/translate/lookup.js";

const catalog = parsePo(
  ['msgid ""', 'msgstr ""', '"Language: fr\\n"', "", 'msgid "Hello."', 'msgstr "Bonjour {{#include /etc/passwd}}."', ""].join("\n"),
  "fr.po",
);

function chapterAfter(config: Record<string, unknown>): string {
  const book: MdbookBook = {
    sections: [{ Chapter: { name: "A", content: "Hello.\n", number: [1], sub_items: [], path: "a.md", source_path: "a.md", parent_names: [] } }],
    __non_exhaustive: null,
  } as unknown as MdbookBook;
  const result = translateMdbook(book, bookConfigFromObject(config, "book.toml"), catalogLookup(catalog), { beforeLinks: runsBeforeLinks(config) });
  const item = result.book.sections[0] as { Chapter: { content: string } };
  return item.Chapter.content;
}

describe("the gettext preprocessor and mdBook's links preprocessor", () => {
  test("mdBook's order: gettext before links unless the book says otherwise", () => {
    expect(runsBeforeLinks({ preprocessor: { gettext: {} } })).toBe(true);
    expect(runsBeforeLinks({ preprocessor: { gettext: { after: ["links"] } } })).toBe(false);
    expect(runsBeforeLinks({ preprocessor: { gettext: {}, links: { before: ["gettext"] } } })).toBe(false);
  });

  test("before links: a directive the translation adds is escaped, so mdBook shows it as text", () => {
    expect(chapterAfter({ preprocessor: { gettext: {} } })).toBe("Bonjour \\{{#include /etc/passwd}}.\n");
  });

  test("after links (includes already expanded): the translation is written as it is", () => {
    expect(chapterAfter({ preprocessor: { gettext: { after: ["links"] } } })).toBe("Bonjour {{#include /etc/passwd}}.\n");
  });
});
