// `<!-- i18n:context: X -->`: the next message gets msgctxt X, in every command that reads the book.
import { describe, expect, test } from "vitest";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findDirective } from "../src/markdown/directives.js";
import { segmentMarkdown } from "../src/markdown/segment.js";
import { parseBookConfig } from "../src/book/config.js";
import { readPoFile } from "../src/catalog/parse.js";
import { renderChapter } from "../src/preview/render.js";
import { catalogLookup } from "../src/translate/lookup.js";
import type { MdbookBook, MdbookChapter } from "../src/mdbook/protocol.js";
import { makeTree, runInProcess } from "./helpers/cli.js";

const MENU = `# Menu

<!-- i18n:context: verb -->
Open

<!-- i18n:context: adjective -->
Open

Open

- Click <!-- i18n:context: button --> Save
`;

function book(menu = MENU): string {
  return makeTree({
    "book.toml": '[book]\ntitle = "Ctx"\n',
    "src/SUMMARY.md": "# Summary\n\n- [Menu](menu.md)\n",
    "src/menu.md": menu,
  });
}

/** A pt catalog translating both contexts of "Open" differently, and the button. */
async function translatedBook(): Promise<string> {
  const root = book();
  expect((await runInProcess(["extract", root, "-o", join(root, "po/messages.pot")])).status).toBe(0);
  expect((await runInProcess(["init", "-l", "pt", root])).status).toBe(0);
  const po = join(root, "po/pt.po");
  let text = readFileSync(po, "utf8");
  text = text.replace('msgctxt "verb"\nmsgid "Open"\nmsgstr ""', 'msgctxt "verb"\nmsgid "Open"\nmsgstr "Abrir"');
  text = text.replace('msgctxt "adjective"\nmsgid "Open"\nmsgstr ""', 'msgctxt "adjective"\nmsgid "Open"\nmsgstr "Aberto"');
  text = text.replace('msgctxt "button"\nmsgid " Save"\nmsgstr ""', 'msgctxt "button"\nmsgid " Save"\nmsgstr " Salvar"');
  writeFileSync(po, text);
  return root;
}

describe("the context directive", () => {
  test("is read in every spelling the comment directive is", () => {
    for (const html of ["<!-- i18n:context: verb -->", "<!-- i18n: context: verb -->", "<!--- i18n:context verb ---->", "<!-- mdbook-xgettext:context: verb -->", "<!-- i18n:context-verb -->"]) {
      expect(findDirective(html), html).toEqual({ kind: "context", text: "verb" });
    }
  });

  test("gives the next message (block or inline) its msgctxt and no other", () => {
    const messages = segmentMarkdown(MENU).map((message) => [message.context, message.msgid]);
    expect(messages).toEqual([
      [undefined, "Menu"],
      ["verb", "Open"],
      ["adjective", "Open"],
      [undefined, "Open"],
      [undefined, "Click "],
      ["button", " Save"],
    ]);
  });

  test("a code block's first string gets it", () => {
    const messages = segmentMarkdown('<!-- i18n:context: greeting -->\n\n```rust\nlet a = "Hi";\nlet b = "Hi";\n```\n');
    expect(messages.map((message) => [message.context, message.msgid])).toEqual([["greeting", '"Hi"'], [undefined, '"Hi"']]);
  });

  test("extract writes msgctxt entries, kept apart from the same msgid without one", async () => {
    const root = book();
    const result = await runInProcess(["extract", root, "-o", join(root, "po/messages.pot")]);
    expect(result.status, result.stderr).toBe(0);
    const pot = readPoFile(join(root, "po/messages.pot"));
    expect(pot.entries.map((entry) => [entry.msgctxt, entry.msgid, entry.references])).toEqual([
      [undefined, "Summary", ["src/SUMMARY.md:1"]],
      [undefined, "Menu", ["src/SUMMARY.md:3", "src/menu.md:1"]],
      ["verb", "Open", ["src/menu.md:4"]],
      ["adjective", "Open", ["src/menu.md:7"]],
      [undefined, "Open", ["src/menu.md:9"]],
      [undefined, "Click ", ["src/menu.md:11"]],
      ["button", " Save", ["src/menu.md:11"]],
      // The book's title, a message with its own msgctxt (src/publish/book-messages.ts).
      ["book.toml:title", "Ctx", ["book.toml"]],
    ]);
  });

  test("translate, stats, check and update use the msgctxt", async () => {
    const root = await translatedBook();
    const translated = await runInProcess(["translate", root, "-l", "pt", "--json"]);
    expect(translated.status, translated.stderr).toBe(0);
    const menu = readFileSync(join(root, "book/pt-src/src/menu.md"), "utf8");
    expect(menu).toBe(MENU.replace("-->\nOpen\n\n<!-- i18n:context: adjective", "-->\nAbrir\n\n<!-- i18n:context: adjective").replace("-->\nOpen\n\nOpen", "-->\nAberto\n\nOpen").replace(" Save", " Salvar"));
    const stats = await runInProcess(["stats", "--json", "-b", root, "--against-sources"], root);
    expect(stats.status, stats.stderr).toBe(0);
    expect(stats.stdout).toMatch(/"translated": ?3/);
    expect(stats.stdout).toMatch(/"untranslated": ?5/); // the four Markdown messages left and the book's title
    const check = await runInProcess(["check", "-b", root], root);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const update = await runInProcess(["update", "-b", root, "pt"], root);
    expect(update.status, update.stderr).toBe(0);
    const merged = readPoFile(join(root, "po/pt.po"));
    expect(merged.entries.filter((entry) => entry.msgctxt !== undefined).map((entry) => [entry.msgctxt, entry.msgstr[0], entry.obsolete])).toEqual([
      ["verb", "Abrir", false],
      ["adjective", "Aberto", false],
      ["button", " Salvar", false],
      ["book.toml:title", "", false],
    ]);
  });

  test("preview marks each context's own translation", async () => {
    const root = await translatedBook();
    const config = parseBookConfig(readFileSync(join(root, "book.toml"), "utf8"), "book.toml");
    const read = (path: string): string => readFileSync(join(root, path), "utf8");
    const rendered = renderChapter(config, "src/menu.md", read, catalogLookup(readPoFile(join(root, "po/pt.po"))), { poName: "po/pt.po" });
    expect(rendered.stats).toMatchObject({ total: 6, translated: 3, untranslated: 3 });
    expect(rendered.html).toMatch(/data-po-source="Open"[^>]*>Abrir</);
    expect(rendered.html).toMatch(/data-po-source="Open"[^>]*>Aberto</);
  });

  test("the mdBook preprocessor translates by msgctxt", async () => {
    const root = await translatedBook();
    const context = { root, config: { book: { language: "pt", src: "src", title: "Ctx" }, preprocessor: { gettext: { "po-dir": "po" } } }, renderer: "html", mdbook_version: "0.4.40" };
    const chapter: MdbookChapter = { name: "Menu", content: MENU, number: [1], sub_items: [], path: "menu.md", source_path: "menu.md", parent_names: [] };
    const input = JSON.stringify([context, { sections: [{ Chapter: chapter }], __non_exhaustive: null }]);
    const result = await runInProcess(["mdbook", "gettext"], { input });
    expect(result.stderr).toBe("");
    const out = JSON.parse(result.stdout) as MdbookBook;
    const content = (out.sections[0] as { Chapter: MdbookChapter }).Chapter.content;
    expect(content).toContain("-->\nAbrir\n");
    expect(content).toContain("-->\nAberto\n\nOpen\n");
    expect(content).toContain("--> Salvar");
  });

  test("a context directive with no message after it: one line naming file and line, exit 2, nothing written", async () => {
    for (const tail of ["<!-- i18n:context: dangling -->\n", "<!-- i18n:context: dangling -->\n\n<!-- i18n:context: second -->\nText\n", "<!-- i18n:context: dangling -->\n\n```\nno strings\n```\n"]) {
      const root = book(`# Menu\n\n${tail}`);
      const result = await runInProcess(["extract", root, "-o", join(root, "po/messages.pot")]);
      expect(result.status).toBe(2);
      expect(result.stderr.trim()).toBe('pobook: src/menu.md:3: i18n:context "dangling" has no message after it');
      expect(existsSync(join(root, "po"))).toBe(false);
      const translate = await runInProcess(["translate", root, "-l", "pt", "--po", "/dev/null"]);
      expect(translate.status).toBe(2);
      expect(readdirSync(root).sort()).toEqual(["book.toml", "src"]);
    }
  });

  test("an empty context is refused at its line", async () => {
    const root = book("# Menu\n\nText\n\n<!-- i18n:context: -->\nMore\n");
    const result = await runInProcess(["extract", root, "-o", join(root, "po/messages.pot")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("src/menu.md:5: i18n:context needs a context");
  });
});
