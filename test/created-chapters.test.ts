// mdBook's `[build] create-missing` (default true): a chapter SUMMARY.md lists without a file is
// created by mdBook as `# {name}` before anything reads the book (mdBook's load.rs), so every
// command reads it as that text and nothing is written into the book; `create-missing = false`
// keeps the error (mdBook's "failed to read chapter").
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createdChapterText, withCreatedChapters } from "../src/book/created-chapters.js";
import { parseBookConfig } from "../src/book/config.js";
import { renderTemplates } from "../src/mdbook/xgettext.js";
import { startPreview } from "../src/preview/server.js";
import { runInProcess } from "./helpers/cli.js";

const FIXTURE = resolve(import.meta.dirname, "../fixtures/real-books/dojo-book-missing-chapter");
const CREATED = ["src/README.md", "src/later/soon.md", "src/draft/child.md", "src/fish.md"];

function missing(path: string): Error {
  return Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
}

/** A reader of `files` (path → text) that fails as the disk does for the others. */
function readerOf(files: Record<string, string>, failure = missing) {
  return (path: string): string => {
    if (path in files) return files[path]!;
    throw failure(path);
  };
}

const config = (toml = "") => parseBookConfig(`[book]\ntitle = "T"\n${toml}`, "book.toml");

/** A fresh copy of the fixture book (its missing chapters missing). */
function bookCopy(toml?: string): string {
  const book = join(mkdtempSync(join(tmpdir(), "pobook-created-")), "book");
  cpSync(FIXTURE, book, { recursive: true });
  if (toml !== undefined) writeFileSync(join(book, "book.toml"), `${readFileSync(join(book, "book.toml"), "utf8")}${toml}`);
  return book;
}

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

describe("withCreatedChapters", () => {
  const summary = "# Summary\n\n[Intro](./README.md)\n\n- [A & <b>B</b> \\<c\\>](a.md)\n    - [Nested](deep/n.md)\n- [Draft]()\n    - [Child of a draft](d/c.md)\n";

  it("reads a listed chapter without a file as mdBook creates it, HTML escaped", () => {
    const read = withCreatedChapters(config(), readerOf({ "src/SUMMARY.md": summary }));
    expect(read("src/README.md")).toBe("# Intro\n");
    expect(read("src/./README.md")).toBe("# Intro\n");
    // mdBook's name leaves inline HTML out; its load.rs escapes <, > and &.
    expect(read("src/a.md")).toBe("# A &amp; B &lt;c&gt;\n");
    expect(read("src/deep/n.md")).toBe("# Nested\n");
    expect(read("src/d/c.md")).toBe("# Child of a draft\n");
    expect(createdChapterText("x < y")).toBe("# x &lt; y\n");
  });

  it("leaves a file that exists, an unlisted missing file and other read errors alone", () => {
    const read = withCreatedChapters(config(), readerOf({ "src/SUMMARY.md": summary, "src/a.md": "# Real\n" }));
    expect(read("src/a.md")).toBe("# Real\n");
    expect(() => read("src/include.rs")).toThrow("ENOENT: src/include.rs");
    const denied = withCreatedChapters(config(), readerOf({ "src/SUMMARY.md": summary }, (path) => Object.assign(new Error(`EACCES: ${path}`), { code: "EACCES" })));
    expect(() => denied("src/README.md")).toThrow("EACCES: src/README.md");
  });

  it("creates nothing with create-missing = false, or when SUMMARY.md itself is missing", () => {
    expect(() => withCreatedChapters(config("[build]\ncreate-missing = false\n"), readerOf({ "src/SUMMARY.md": summary }))("src/README.md")).toThrow("ENOENT");
    expect(() => withCreatedChapters(config(), readerOf({}))("src/README.md")).toThrow("ENOENT: src/README.md");
  });

  it("names a chapter listed twice as mdBook's walk from the end of SUMMARY.md meets it first", () => {
    const read = withCreatedChapters(config(), readerOf({ "src/SUMMARY.md": "- [First](x.md)\n- [Second](x.md)\n" }));
    expect(read("src/x.md")).toBe("# Second\n");
  });

  it("refuses a create-missing that is not a boolean, as mdBook does", () => {
    expect(() => config('[build]\ncreate-missing = "no"\n')).toThrow("build.create-missing must be true or false");
  });
});

describe("commands on a book whose chapters mdBook creates", () => {
  it("extract: each created chapter's heading is a message, with the chapter as a place; the book is untouched", async () => {
    const book = bookCopy();
    const before = listing(book);
    const result = await runInProcess(["extract", book, "-o", "-", "--no-cache"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('#: src/SUMMARY.md:3 src/README.md:1\nmsgid "Foreword"');
    expect(result.stdout).toContain('#: src/SUMMARY.md:5 src/later/soon.md:1\nmsgid "Not written yet"');
    expect(result.stdout).toContain('#: src/SUMMARY.md:10 src/draft/child.md:1\nmsgid "Under a draft"');
    expect(result.stdout).toContain('#: src/SUMMARY.md:11 src/fish.md:1\nmsgid "Fish & chips"');
    expect(result.stdout).toContain('#: src/SUMMARY.md:9\nmsgid "Drafted"');
    expect(listing(book)).toEqual(before);
  });

  it("extract with create-missing = false: the error mdBook gives too, one line per chapter, exit 2", async () => {
    const book = bookCopy("\n[build]\ncreate-missing = false\n");
    const result = await runInProcess(["extract", book, "-o", join(book, "..", "m.pot"), "--no-cache"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("src/SUMMARY.md:3: chapter src/README.md is listed but cannot be read (ENOENT)");
    expect(result.stderr).toContain("src/SUMMARY.md:11: chapter src/fish.md is listed but cannot be read (ENOENT)");
    expect(existsSync(join(book, "..", "m.pot"))).toBe(false);
  });

  it("translate writes each created chapter into the copy, translated, and nothing into the book", async () => {
    const book = bookCopy();
    const before = listing(book);
    const po = join(book, "..", "fr.po");
    writeFileSync(po, 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Foreword"\nmsgstr "Avant-propos"\n\nmsgid "Not written yet"\nmsgstr "Pas encore écrit"\n');
    const out = join(book, "..", "fr");
    const result = await runInProcess(["translate", book, "-l", "fr", "--po", po, "-o", out, "--json"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)[0].warnings).toEqual([]);
    // A translated heading keeps the source heading's id (src/translate/stable-anchors.ts).
    expect(readFileSync(join(out, "src/README.md"), "utf8")).toBe("# Avant-propos {#foreword}\n");
    expect(readFileSync(join(out, "src/later/soon.md"), "utf8")).toBe("# Pas encore écrit {#not-written-yet}\n");
    expect(readFileSync(join(out, "src/fish.md"), "utf8")).toBe("# Fish &amp; chips\n");
    expect(readFileSync(join(out, "src/SUMMARY.md"), "utf8")).toContain("- [Avant-propos](./README.md)");
    // pobook owns them: a re-run replaces them without --force.
    expect(JSON.parse(readFileSync(join(out, ".pobook-output.json"), "utf8")).files).toEqual(expect.arrayContaining(CREATED));
    expect((await runInProcess(["translate", book, "-l", "fr", "--po", po, "-o", out])).status).toBe(0);
    expect(listing(book)).toEqual(before);
  });

  it("stats and check count the created chapters' messages and pass", async () => {
    const book = bookCopy();
    const pot = join(book, "..", "messages.pot");
    expect((await runInProcess(["extract", book, "-o", pot, "--no-cache"])).status).toBe(0);
    const stats = await runInProcess(["stats", "-b", book, pot, "--against-sources", "--by-chapter", "--json"]);
    expect(stats.stderr).toBe("");
    expect(stats.status).toBe(0);
    const [figures] = JSON.parse(stats.stdout);
    expect(figures.messages.untranslated).toBe(11);
    expect(figures.chapters.map((chapter: { chapter: string }) => chapter.chapter)).toEqual(expect.arrayContaining(CREATED));
    const check = await runInProcess(["check", "-b", book, pot]);
    expect([check.status, check.stdout, check.stderr]).toEqual([0, "", "1 catalog checked: 0 errors, 0 warnings\n"]);
  });

  it("preview serves a created chapter as its heading", async () => {
    const book = bookCopy();
    writeFileSync(join(book, "fr.po"), 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Foreword"\nmsgstr "Avant-propos"\n');
    const server = await startPreview({ root: book, language: "fr", port: 0, poPath: join(book, "fr.po"), report: () => {} });
    try {
      const page = await new Promise<{ status: number; body: string }>((done, fail) => {
        get({ host: "127.0.0.1", port: server.port, path: "/README.html" }, (response) => {
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (body += chunk));
          response.on("end", () => done({ status: response.statusCode ?? 0, body }));
        }).on("error", fail);
      });
      expect(page.status).toBe(200);
      expect(page.body).toMatch(/<h1 id="avant-propos"[^>]*><a class="header" href="#avant-propos">Avant-propos<\/a><\/h1>/);
    } finally {
      await server.close();
    }
    expect(existsSync(join(book, "src/README.md"))).toBe(false);
  });

  it("the mdbook renderer, given the chapter mdBook created, makes the template extract makes", async () => {
    const book = bookCopy();
    const extracted = await runInProcess(["extract", book, "-o", "-", "--no-cache"], { env: { SOURCE_DATE_EPOCH: "0" } });
    const chapter = (name: string, path: string, content: string, number: number[] | null, subItems: unknown[] = []) => ({ Chapter: { name, content, number, sub_items: subItems, path, source_path: path, parent_names: [] } });
    const what = readFileSync(join(book, "src/theory/what.md"), "utf8");
    const sections = [
      chapter("Foreword", "README.md", "# Foreword\n", [1], [chapter("What is it?", "theory/what.md", what, [1, 1]), chapter("Not written yet", "later/soon.md", "# Not written yet\n", [1, 2])]),
      { PartTitle: "Parts" },
      { Chapter: { name: "Drafted", content: "", number: [2], sub_items: [chapter("Under a draft", "draft/child.md", "# Under a draft\n", [2, 1])], path: null, source_path: null, parent_names: [] } },
      chapter("Fish & chips", "fish.md", "# Fish &amp; chips\n", [3]),
    ];
    const context = { version: "0.4.40", root: book, book: { sections, __non_exhaustive: null }, config: { book: { title: "Missing chapters", language: "en", src: "src" } }, destination: join(book, "book", "xgettext") };
    const { templates } = renderTemplates(context as never, readFileSync(join(book, "src/SUMMARY.md"), "utf8"));
    // Entries without msgctxt: book.toml's title is one with it, made apart from mdBook's protocol.
    const msgids = (text: string) => [...text.matchAll(/^(#: .*)\nmsgid (".*")$/gm)].map((match) => `${match[1]} ${match[2]}`);
    expect(templates).toHaveLength(1);
    const fromExtract = msgids(extracted.stdout);
    expect(fromExtract.length).toBeGreaterThan(8);
    expect(templates[0]!.entries.filter((entry) => entry.msgctxt === undefined).map((entry) => `#: ${entry.references.join(" ")} ${JSON.stringify(entry.msgid)}`)).toEqual(fromExtract);
  });
});
