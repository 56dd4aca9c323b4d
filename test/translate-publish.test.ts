// `pobook translate` trees ready for plain `mdbook build`: book.toml, the language picker, RTL, the
// untranslated note, and bad input. The picker is driven in Debian chromium (playwright-core) over
// pages shaped like mdBook's HTML output (skipped with a message when /usr/bin/chromium is absent).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, relative } from "node:path";
import { parse as parseToml } from "smol-toml";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { makeTree, runInProcess } from "./helpers/cli.js";
import { hasCorpus, NO_CORPUS, PT_BOOK } from "./helpers/corpus.js";

const CHROMIUM = "/usr/bin/chromium";
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.log(`${CHROMIUM} is missing (apt-get install chromium): language picker browser test skipped`);

type Table = Record<string, unknown>;
const tomlOf = (dir: string): Table => parseToml(readFileSync(join(dir, "book.toml"), "utf8")) as Table;
const sub = (value: unknown): Table => value as Table;

function catalog(language: string, entries: Array<{ msgctxt?: string; msgid: string; msgstr: string }>): string {
  const quote = (text: string): string => JSON.stringify(text);
  const body = entries.map((entry) => `${entry.msgctxt === undefined ? "" : `msgctxt ${quote(entry.msgctxt)}\n`}msgid ${quote(entry.msgid)}\nmsgstr ${quote(entry.msgstr)}\n`).join("\n");
  return `msgid ""\nmsgstr ""\n"Language: ${language}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n${body}`;
}

const TOML = `# The demo book.
[book]
title = "Small Book"
description = "A book about small things."
language = "en"

[preprocessor.gettext]
after = ["links"]

[preprocessor.gettext.publish]
untranslated-note = { default = "🌐 {language}", ar = "🌐 {language} ({code})" }

[output.html]
# Our own scripts come first.
additional-js = ["theme/extra.js"]

[output.xgettext]
pot-file = "messages.pot"
`;

function smallBook(): string {
  return makeTree({
    "book.toml": TOML,
    "theme/extra.js": "// extra\n",
    "src/SUMMARY.md": "# Summary\n\n- [Intro](intro.md)\n  - [Details](part/details.md)\n",
    "src/intro.md": "# Intro\n\nHello.\n",
    "src/part/details.md": "# Details\n\nSmall details.\n\nMore details.\n",
    "po/fr.po": catalog("fr", [
      { msgctxt: "book.toml:title", msgid: "Small Book", msgstr: "Petit livre" },
      { msgctxt: "book.toml:description", msgid: "A book about small things.", msgstr: "Un livre sur les petites choses." },
      // Without the msgctxt this entry would not translate the title; as a Markdown message it translates nothing here.
      { msgid: "Intro", msgstr: "Introduction" },
      { msgid: "Hello.", msgstr: "Bonjour." },
      { msgid: "Details", msgstr: "Détails" },
      { msgid: "Small details.", msgstr: "Petits détails." },
      { msgid: "More details.", msgstr: "Plus de détails." },
    ]),
    "po/ar.po": catalog("ar", [
      { msgid: "Intro", msgstr: "مقدمة" },
      { msgid: "Hello.", msgstr: "مرحبا." },
      { msgid: "Details", msgstr: "تفاصيل" },
    ]),
  });
}

describe("translate: trees for plain mdbook build", () => {
  it("drops the catalogs and gettext tables, keeps every other line, translates title and description", async () => {
    const book = smallBook();
    const result = await runInProcess(["translate", book, "--all", "-o", join(book, "book", "site")]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const fr = join(book, "book", "site", "fr");
    expect(existsSync(join(fr, "po"))).toBe(false);
    expect(readFileSync(join(fr, "book.toml"), "utf8")).toBe(`# The demo book.
[book]
title = "Petit livre"
description = "Un livre sur les petites choses."
language = "fr"

[output.html]
# Our own scripts come first.
additional-js = ["theme/extra.js", "pobook-languages.js"]
additional-css = ["pobook-languages.css"]
`);
    // The source language's book gets the same picker: translate --all says what to add.
    expect(result.stdout).toMatch(/^en: for the same language picker in the source book, copy .*pobook-languages\.js and .*pobook-languages\.css next to its book\.toml and add additional-js = \["pobook-languages\.js"\] and additional-css = \["pobook-languages\.css"\] to its \[output\.html\]$/m);
    // Once the book has this run's files, there is nothing to add.
    for (const name of ["pobook-languages.js", "pobook-languages.css"]) cpSync(join(fr, name), join(book, name));
    const again = await runInProcess(["translate", book, "--all", "-o", join(book, "book", "site")]);
    expect(again.status).toBe(0);
    expect(again.stdout).not.toMatch(/source book/);
  });

  it("gives right-to-left languages text-direction = rtl, and notes chapters left in the source language", async () => {
    const book = smallBook();
    expect((await runInProcess(["translate", book, "--all", "--threshold", "60", "-o", join(book, "book", "site")])).status).toBe(0);
    const ar = join(book, "book", "site", "ar");
    expect(sub(tomlOf(ar).book)["text-direction"]).toBe("rtl");
    expect(sub(tomlOf(ar).book).title).toBe("Small Book"); // the Arabic catalog has no title: it stays the source's
    expect(sub(tomlOf(join(book, "book", "site", "fr")).book)["text-direction"]).toBeUndefined();
    // part/details.md: 1 of 3 messages translated, below 60%: in English, with the note in Arabic.
    expect(readFileSync(join(ar, "src", "part", "details.md"), "utf8")).toBe(
      '<div class="pobook-untranslated" role="note" lang="ar" dir="rtl">🌐 الإنجليزية (en)</div>\n\n# Details\n\nSmall details.\n\nMore details.\n',
    );
    expect(readFileSync(join(ar, "src", "intro.md"), "utf8")).toBe("# مقدمة {#intro}\n\nمرحبا.\n");
  });

  it("refuses a language it cannot name: one line, exit 2, nothing written", async () => {
    const book = smallBook();
    writeFileSync(join(book, "po", "xx.po"), catalog("xx", []));
    for (const args of [["-l", "fr"], ["-l", "xx"], ["--all"]]) {
      const result = await runInProcess(["translate", book, ...args]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^pobook: \S*po\/xx\.po: no name known for language "xx": give one in book\.toml \(\[preprocessor\.gettext\.publish\.names\] "xx" = "\.\.\."\)\n$/);
      expect(existsSync(join(book, "book"))).toBe(false);
    }
    // A name in book.toml makes it publishable.
    writeFileSync(join(book, "book.toml"), `${TOML}\n[preprocessor.gettext.publish.names]\nxx = "Xish"\n`);
    const named = await runInProcess(["translate", book, "-l", "xx"]);
    expect(named.stderr).toBe("");
    expect(named.status).toBe(0);
    expect(readFileSync(join(book, "book", "xx-src", "pobook-languages.js"), "utf8")).toContain('{"code":"xx","name":"Xish","dir":"ltr","path":"xx/"}');
    // Not a language tag at all.
    const bad = makeTree({ "book.toml": "[book]\n", "src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": "A.\n", "po/en_US@x.po": catalog("en", []) });
    const refused = await runInProcess(["translate", bad, "-l", "en_US@x"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^pobook: \S*en_US@x\.po: "en_US@x" is not a language code pobook can name/);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(join(bad, "book"))).toBe(false);
  });

  it("refuses a bad site layout in book.toml before writing anything", async () => {
    const book = smallBook();
    writeFileSync(join(book, "book.toml"), TOML.replace("[preprocessor.gettext.publish]\n", '[preprocessor.gettext.publish]\npath = "translations/"\n'));
    const result = await runInProcess(["translate", book, "-l", "fr"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/book\.toml: preprocessor\.gettext\.publish\.path must contain \{lang\}/);
    expect(existsSync(join(book, "book"))).toBe(false);
  });
});

describe.skipIf(!hasCorpus)(hasCorpus ? "translate: the corpus book for plain mdbook build" : NO_CORPUS, () => {
  it("has no po/, no gettext tables, a translated title, and every other table of book.toml", async () => {
    const work = mkdtempSync(join(tmpdir(), "pobook-publish-corpus-"));
    try {
      const po = join(work, "pt-BR.po");
      // The 2024 catalog with a title entry, as `pobook update` would add it and a translator fill it.
      writeFileSync(po, `${readFileSync(join(PT_BOOK, "po", "pt-BR.po"), "utf8")}\nmsgctxt "book.toml:title"\nmsgid "Comprehensive Rust 🦀"\nmsgstr "Rust Abrangente 🦀"\n`);
      const out = join(work, "pt-BR");
      const result = await runInProcess(["translate", PT_BOOK, "--po", po, "-l", "pt-BR", "--legacy-inline-html", "-o", out]);
      expect(result.status).toBe(0);
      expect(existsSync(join(out, "po"))).toBe(false);
      const source = parseToml(readFileSync(join(PT_BOOK, "book.toml"), "utf8")) as Table;
      const text = readFileSync(join(out, "book.toml"), "utf8");
      const copy = parseToml(text) as Table;
      expect(sub(copy.preprocessor).gettext).toBeUndefined();
      expect(sub(copy.output).xgettext).toBeUndefined();
      expect(sub(copy.book)).toEqual({ ...sub(source.book), language: "pt-BR", title: "Rust Abrangente 🦀" });
      // The other tables as they were; the picker appended to the HTML renderer's lists.
      const html = sub(sub(copy.output).html);
      const sourceHtml = sub(sub(source.output).html);
      expect(html["additional-js"]).toEqual([...(sourceHtml["additional-js"] as string[]), "pobook-languages.js"]);
      expect(html["additional-css"]).toEqual([...(sourceHtml["additional-css"] as string[]), "pobook-languages.css"]);
      expect(html["site-url"]).toBe(`${String(sourceHtml["site-url"])}pt-BR/`);
      expect(html.redirect).toEqual(sourceHtml.redirect);
      expect(sub(copy.preprocessor).svgbob).toEqual(sub(source.preprocessor).svgbob);
      expect(sub(copy.output).pandoc).toEqual(sub(source.output).pandoc);
      // Comments stay.
      expect(text).toContain("# Redirects in the form of \"old-path\" = \"new-path\"");
      expect(text).toContain("verbose = false # Report timing information.");
      expect(existsSync(join(out, "pobook-languages.js"))).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

/**
 * A page shaped like mdBook's HTML output (index.hbs of mdBook 0.4/0.5): `<html lang dir>`, the
 * menu bar with its left and right buttons, `path_to_root`, additional CSS in the head and
 * additional JS at the end of the body, linked from the book root.
 */
function mdbookPage(toml: Table, chapterPath: string, body: string): string {
  const book = sub(toml.book);
  const html = sub(sub(toml.output ?? {}).html ?? {});
  const depth = chapterPath.split("/").length - 1;
  const up = "../".repeat(depth);
  const css = ((html["additional-css"] as string[] | undefined) ?? []).map((file) => `<link rel="stylesheet" href="${up}${file}">`).join("\n");
  const js = ((html["additional-js"] as string[] | undefined) ?? []).map((file) => `<script src="${up}${file}"></script>`).join("\n");
  const dir = (book["text-direction"] as string | undefined) ?? "ltr";
  return `<!DOCTYPE HTML>
<html lang="${String(book.language)}" class="light sidebar-visible" dir="${dir}">
<head><meta charset="UTF-8"><title>${String(book.title)}</title>
<script>const path_to_root = "${up}";</script>
${css}
</head>
<body>
<div id="body-container"><div id="page-wrapper" class="page-wrapper"><div class="page">
<div id="menu-bar" class="menu-bar sticky">
<div class="left-buttons"><label id="sidebar-toggle" class="icon-button" for="sidebar-toggle-anchor" title="Toggle Table of Contents">≡</label></div>
<h1 class="menu-title">${String(book.title)}</h1>
<div class="right-buttons"><a href="${up}print.html" title="Print this book" aria-label="Print this book">⎙</a></div>
</div>
<div id="content" class="content"><main>${body}</main></div>
</div></div></div>
${js}
</body>
</html>
`;
}

/** "Builds" a tree into `out` the way mdBook lays its output out: src/x.md → x.html, additional files copied. */
function buildShaped(tree: string, out: string): string[] {
  const toml = tomlOf(tree);
  const src = join(tree, String(sub(toml.book).src ?? "src"));
  const pages: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".md") && name !== "SUMMARY.md") {
        const page = relative(src, path).split("\\").join("/").replace(/\.md$/, ".html");
        mkdirSync(dirname(join(out, page)), { recursive: true });
        writeFileSync(join(out, page), mdbookPage(toml, page, `<pre>${readFileSync(path, "utf8").replace(/&/g, "&amp;").replace(/</g, "&lt;")}</pre>`));
        pages.push(page);
      }
    }
  };
  walk(src);
  const html = sub(sub(toml.output ?? {}).html ?? {});
  for (const file of [...((html["additional-js"] as string[]) ?? []), ...((html["additional-css"] as string[]) ?? [])]) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    cpSync(join(tree, file), join(out, file));
  }
  return pages.sort();
}

describe.skipIf(!HAS_CHROMIUM)("the language picker in headless chromium", () => {
  const work = mkdtempSync(join(tmpdir(), "pobook-picker-"));
  const site = join(work, "site");
  let server: Server;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let pages: string[];

  beforeAll(async () => {
    const book = smallBook();
    const trees = join(work, "trees");
    expect((await runInProcess(["translate", book, "--all", "-o", trees])).status).toBe(0);
    // The source book with the picker's files added as translate --all says.
    for (const name of ["pobook-languages.js", "pobook-languages.css"]) cpSync(join(trees, "fr", name), join(book, name));
    writeFileSync(join(book, "book.toml"), TOML.replace('additional-js = ["theme/extra.js"]', 'additional-js = ["theme/extra.js", "pobook-languages.js"]\nadditional-css = ["pobook-languages.css"]'));
    pages = buildShaped(book, site);
    for (const language of ["fr", "ar"]) expect(buildShaped(join(trees, language), join(site, language))).toEqual(pages);
    server = createServer((request, response) => {
      const path = join(site, decodeURIComponent(new URL(request.url!, "http://x").pathname));
      if (!existsSync(path) || statSync(path).isDirectory()) {
        response.writeHead(404).end("not found");
        return;
      }
      const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };
      response.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
    context = await chromium.launchPersistentContext(join(work, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((done) => server?.close(done));
    rmSync(work, { recursive: true, force: true });
  });

  it("on every page of every language: the picker in the menu bar and hreflang links, all to pages that exist", async () => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    for (const folder of ["", "fr/", "ar/"]) {
      for (const chapter of pages) {
        await page.goto(`${base}${folder}${chapter}`);
        const picker = await page.evaluate(() => {
          const button = document.querySelector("#menu-bar .right-buttons #pobook-language-toggle");
          const links = [...document.querySelectorAll<HTMLAnchorElement>("#pobook-language-list a")];
          const alternates = [...document.querySelectorAll<HTMLLinkElement>('link[rel="alternate"][hreflang]')];
          return {
            inMenuBar: button !== null,
            label: button?.getAttribute("aria-label"),
            names: links.map((link) => link.textContent),
            hrefs: links.map((link) => link.href),
            current: links.filter((link) => link.getAttribute("aria-current") === "page").map((link) => link.hreflang),
            alternates: alternates.map((link) => [link.hreflang, link.href]),
          };
        });
        expect(picker.inMenuBar).toBe(true);
        expect(picker.names).toEqual(["English", "العربية", "Français"]);
        const expected = ["", "ar/", "fr/"].map((other) => `${base}${other}${chapter}`);
        expect(picker.hrefs).toEqual(expected);
        expect(picker.alternates).toEqual([["en", expected[0]], ["ar", expected[1]], ["fr", expected[2]], ["x-default", expected[0]]]);
        expect(picker.current).toEqual([folder === "" ? "en" : folder.slice(0, -1)]);
        expect(picker.label).toBe({ "": "English", "fr/": "Français", "ar/": "العربية" }[folder]);
        for (const href of picker.hrefs) expect(existsSync(join(site, new URL(href).pathname))).toBe(true);
      }
    }
    expect(errors).toEqual([]);
  });

  it("is keyboard accessible: Enter opens it on the current language, arrows move, Escape closes, Enter follows", async () => {
    await page.goto(`${base}fr/part/details.html`);
    await page.focus("#pobook-language-toggle");
    await page.keyboard.press("Enter");
    expect(await page.getAttribute("#pobook-language-toggle", "aria-expanded")).toBe("true");
    expect(await page.isVisible("#pobook-language-list")).toBe(true);
    const focused = (): Promise<string | null> => page.evaluate(() => document.activeElement?.getAttribute("hreflang") ?? document.activeElement?.id ?? null);
    expect(await focused()).toBe("fr");
    await page.keyboard.press("ArrowDown");
    expect(await focused()).toBe("en"); // wraps around
    await page.keyboard.press("ArrowDown");
    expect(await focused()).toBe("ar");
    await page.keyboard.press("Escape");
    expect(await page.isVisible("#pobook-language-list")).toBe(false);
    expect(await focused()).toBe("pobook-language-toggle");
    await page.keyboard.press("ArrowDown");
    expect(await focused()).toBe("en");
    await page.keyboard.press("End");
    expect(await focused()).toBe("fr");
    await page.keyboard.press("ArrowUp");
    expect(await focused()).toBe("ar");
    await Promise.all([page.waitForURL(`${base}ar/part/details.html`), page.keyboard.press("Enter")]);
    // The Arabic page: right to left, and the picker still in the menu bar.
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    expect(await page.isVisible("#menu-bar #pobook-language-toggle")).toBe(true);
    expect(await page.locator(".pobook-untranslated").count()).toBe(0); // no --threshold in this build
  });
});
