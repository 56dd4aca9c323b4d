// Plain Markdown without mdBook: a folder of .md files, or a glob, is a book (files in path order).
import { describe, expect, test } from "vitest";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readPoFile } from "../src/catalog/parse.js";
import { comparePaths } from "../src/book/plain-book.js";
import { startPreview } from "../src/preview/server.js";
import { plainBookAt } from "../src/commands/plain-book.js";
import { runInProcess } from "./helpers/cli.js";

// Reduced from MkDocs' own docs folder (see its NOTICE).
const FIXTURE = resolve(import.meta.dirname, "../fixtures/plain-docs/mkdocs-docs");

/** A copy of the fixture; returns the directory holding docs/. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "pobook-plain-"));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** The files each POT entry's references name, in order of first appearance. */
function referencedFiles(potPath: string): string[] {
  const seen: string[] = [];
  for (const entry of readPoFile(potPath).entries) {
    for (const reference of entry.references) {
      const file = reference.replace(/:\d+$/, "");
      if (!seen.includes(file)) seen.push(file);
    }
  }
  return seen;
}

function fetchText(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    get({ host: "127.0.0.1", port, path }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => done({ status: response.statusCode ?? 0, body }));
    }).on("error", fail);
  });
}

describe("plain Markdown folder as a book", () => {
  test("path order: segment by segment", () => {
    expect(["b.md", "a/z.md", "a.md", "a/b/c.md", "A.md"].sort(comparePaths)).toEqual(["A.md", "a/b/c.md", "a/z.md", "a.md", "b.md"]);
  });

  test("extract: every .md file in path order, dot files left out, no SUMMARY.md messages", async () => {
    const dir = project();
    const result = await runInProcess(["extract", "docs"], dir);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^wrote docs\/po\/messages\.pot: \d+ messages\n$/);
    const pot = join(dir, "docs/po/messages.pot");
    expect(referencedFiles(pot)).toEqual(["about/license.md", "getting-started.md", "index.md", "user-guide/README.md", "user-guide/writing-your-docs.md"]);
    const msgids = readPoFile(pot).entries.map((entry) => entry.msgid);
    expect(msgids.slice(0, 4)).toEqual(["License", "The fine print.", "Sitegen is shared under a two-clause BSD license.", "Getting started"]);
    // The code policy of mdbook-xgettext holds: console gives its text only if it has " or //, yaml its keys and values.
    expect(msgids).toContain("site_name");
    expect(msgids).not.toContain("Draft");
    // Entities are decoded as mdbook-xgettext decodes them.
    expect(msgids).toContain("Docs from plain\u00a0Markdown.");
  });

  test("a glob: only the files it matches, the POT beside them", async () => {
    const dir = project();
    const result = await runInProcess(["extract", "docs/user-guide/*.md", "-o", "guide.pot"], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(referencedFiles(join(dir, "guide.pot"))).toEqual(["README.md", "writing-your-docs.md"]);
  });

  test("translate writes the folder's translated copy: no SUMMARY.md or book.toml of pobook's, assets copied", async () => {
    const dir = project();
    expect((await runInProcess(["extract", "docs"], dir)).status).toBe(0);
    expect((await runInProcess(["init", "-l", "fr", "-b", "docs"], dir)).status).toBe(0);
    const po = join(dir, "docs/po/fr.po");
    writeFileSync(
      po,
      readFileSync(po, "utf8")
        .replace('msgid "The fine print."\nmsgstr ""', 'msgid "The fine print."\nmsgstr "Les petites lignes."')
        .replace('msgid "Layout"\nmsgstr ""', 'msgid "Layout"\nmsgstr "Disposition"'),
    );
    const result = await runInProcess(["translate", "docs", "-l", "fr"], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^fr: 2 applied, 0 fuzzy skipped, \d+ untranslated, 0 not applied, 0 warnings -> docs\/book\/fr-src\n$/);
    const out = join(dir, "docs/book/fr-src");
    expect(files(out).filter((file) => !file.startsWith("po/"))).toEqual([".draft.md", ".pobook-output.json", "about/license.md", "css/extra.css", "getting-started.md", "index.md", "user-guide/README.md", "user-guide/writing-your-docs.md"]);
    expect(readFileSync(join(out, "about/license.md"), "utf8")).toBe(readFileSync(join(dir, "docs/about/license.md"), "utf8").replace("The fine print.", "Les petites lignes."));
    expect(readFileSync(join(out, "user-guide/writing-your-docs.md"), "utf8")).toContain("## Disposition\n");
    expect(readFileSync(join(out, "index.md"), "utf8")).toBe(readFileSync(join(dir, "docs/index.md"), "utf8"));
    // The sources are untouched.
    expect(readFileSync(join(dir, "docs/about/license.md"), "utf8")).toBe(readFileSync(join(FIXTURE, "docs/about/license.md"), "utf8"));
  });

  test("update, stats --against-sources, check and explain read the folder as the book", async () => {
    const dir = project();
    expect((await runInProcess(["extract", "docs"], dir)).status).toBe(0);
    expect((await runInProcess(["init", "-l", "fr", "-b", "docs"], dir)).status).toBe(0);
    const po = join(dir, "docs/po/fr.po");
    const sentence = 'msgid "Sitegen is shared under a two-clause BSD license."\nmsgstr ""';
    writeFileSync(po, readFileSync(po, "utf8").replace(sentence, sentence.replace('msgstr ""', 'msgstr "Sitegen est sous licence BSD."')));
    writeFileSync(join(dir, "docs/about/license.md"), "# License\n\nThe fine print.\n\nA new paragraph.\n");
    const stats = await runInProcess(["stats", "-b", "docs", "--against-sources", "--json"], dir);
    expect(stats.status, stats.stderr).toBe(0);
    const before = readPoFile(po).entries.length;
    expect(JSON.parse(stats.stdout)[0].messages).toEqual({ translated: 0, fuzzy: 0, untranslated: before, obsolete: 1 });
    // update merges the POT in the po-dir, as for a book: extract it again first.
    expect((await runInProcess(["extract", "docs"], dir)).status).toBe(0);
    const update = await runInProcess(["update", "-b", "docs", "fr"], dir);
    expect(update.status, update.stderr).toBe(0);
    expect(readPoFile(po).entries.some((entry) => entry.msgid === "A new paragraph." && !entry.obsolete)).toBe(true);
    const check = await runInProcess(["check", "-b", "docs"], dir);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const explain = await runInProcess(["explain", "docs/about/license.md:5", "-b", "docs", "-l", "fr"], dir);
    expect(explain.status, explain.stderr).toBe(0);
    expect(explain.stdout).toMatch(/^docs\/about\/license\.md:5: paragraph: a paragraph is one message\n {4}line 5: "A new paragraph\." -> untranslated at docs\/po\/fr\.po:\d+\n/);
  });

  test("preview serves the folder's pages translated", async () => {
    const dir = project();
    expect((await runInProcess(["extract", "docs"], dir)).status).toBe(0);
    expect((await runInProcess(["init", "-l", "fr", "-b", "docs"], dir)).status).toBe(0);
    const po = join(dir, "docs/po/fr.po");
    writeFileSync(po, readFileSync(po, "utf8").replace('msgid "The fine print."\nmsgstr ""', 'msgid "The fine print."\nmsgstr "Les petites lignes."'));
    const root = join(dir, "docs");
    const server = await startPreview({ root, language: "fr", port: 0, loadConfig: () => plainBookAt(root)! });
    try {
      const page = await fetchText(server.port, "/about/license.html");
      expect(page.status).toBe(200);
      expect(page.body).toContain("Les petites lignes.");
      expect(page.body).toContain("user-guide/writing-your-docs.html");
    } finally {
      await server.close();
    }
  });

  test("bad input: an empty glob is one line, exit 2, nothing written", async () => {
    const dir = project();
    const before = files(dir);
    for (const args of [["extract", "docs/*.rst"], ["translate", "docs/nothing/**/*.md", "-l", "fr"], ["stats", "-b", "docs/*.txt", "--against-sources"], ["update", "-b", "docs/x*.md"], ["explain", "docs/index.md", "-b", "docs/*.rst"]]) {
      const result = await runInProcess(args, dir);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/^pobook: docs\/[^:]+: no Markdown files match this glob\n$/);
    }
    expect(files(dir)).toEqual(before);
    expect(existsSync(join(dir, "docs/po"))).toBe(false);
  });

  test("a folder without book.toml or Markdown files is still not a book", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-plain-"));
    writeFileSync(join(dir, "notes.txt"), "x\n");
    const result = await runInProcess(["extract", "."], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("no book.toml");
    // An mdBook layout whose book.toml is missing is that, not plain Markdown.
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src/SUMMARY.md"), "- [A](a.md)\n");
    writeFileSync(join(dir, "src/a.md"), "A\n");
    for (const book of [".", "src"]) {
      const again = await runInProcess(["extract", book], dir);
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/book\.toml: no book\.toml/);
    }
    expect(existsSync(join(dir, "po"))).toBe(false);
  });
});
