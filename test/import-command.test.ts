/**
 * `pobook import` on a small hand-translated book (fixtures/import-book:
 * `book/` and its German copy `de/`, which lags the book: the book gained a
 * paragraph and a sentence, and dropped a paragraph the copy still has),
 * its refusals, and the alignment's parts.
 */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readPoFile } from "../src/catalog/parse.js";
import { getHeader, isFuzzy, type Catalog } from "../src/catalog/types.js";
import { alignSequences } from "../src/import/align.js";
import { importTranslations } from "../src/import/import-book.js";
import { parseBookConfig } from "../src/book/config.js";
import { anchorsOf } from "../src/import/anchors.js";
import { sentenceCount, finalPunctuation } from "../src/import/sentences.js";
import { runInProcess } from "./helpers/cli.js";

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "import-book");

let work = "";
let book = "";
let copy = "";

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "pobook-import-cmd-"));
  book = join(work, "book");
  copy = join(work, "de");
  cpSync(join(FIXTURE, "book"), book, { recursive: true });
  cpSync(join(FIXTURE, "de"), copy, { recursive: true });
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

const msgstr = (catalog: Catalog, msgid: string) => catalog.entries.find((entry) => entry.msgid === msgid);

describe("pobook import on a lagging hand translation", () => {
  test("aligned blocks are translated, the changed one fuzzy, unmatched ones reported with file:line", async () => {
    const result = await runInProcess(["import", "book", "--translated", "de", "-l", "de"], { cwd: work });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe("wrote book/po/de.po: 22 messages: 13 translated, 2 fuzzy, 7 untranslated; 2 blocks unmatched\n");
    const catalog = readPoFile(join(book, "po", "de.po"));
    expect(getHeader(catalog, "Language")).toBe("de");
    expect(getHeader(catalog, "Project-Id-Version")).toBe("Import Demo");
    // The template's messages, in its order, with its references.
    const template = await runInProcess(["extract", "book", "-o", "-"], { cwd: work });
    expect(catalog.entries.map((entry) => entry.msgid)).toEqual(readPoFileText(template.stdout).entries.map((entry) => entry.msgid));
    const translated = (msgid: string, expected: string) => {
      const entry = msgstr(catalog, msgid)!;
      expect(entry.msgstr, msgid).toEqual([expected]);
      expect(isFuzzy(entry), msgid).toBe(false);
    };
    translated("Summary", "Inhalt");
    translated("Getting Started", "Erste Schritte");
    translated("This book shows how `pobook import` reads a translation made by hand.", "Dieses Buch zeigt, wie `pobook import` eine von Hand gemachte Übersetzung liest.");
    // Past the paragraph the book gained: aligned by structure, not by position.
    translated("What you need", "Was Sie brauchen");
    translated("About 20 minutes.", "Etwa 20 Minuten.");
    translated("Tool", "Werkzeug");
    translated("// Print a friendly greeting.\n", "// Einen freundlichen Gruß ausgeben.\n");
    translated('"Hello, world!"', '"Hallo, Welt!"');
    // A sentence was added to the source since: the old translation is only a suggestion.
    const changed = msgstr(catalog, "See [the Rust book](https://doc.rust-lang.org/book/) for more. It is free to read online.")!;
    expect(isFuzzy(changed)).toBe(true);
    expect(changed.msgstr).toEqual(["Mehr dazu im [Rust-Buch](https://doc.rust-lang.org/book/)."]);
    // Text the copy kept as it is (numbers, names) is left untranslated, as is the new paragraph.
    expect(msgstr(catalog, "Version")!.msgstr).toEqual([""]);
    expect(msgstr(catalog, "A paragraph that was added after the translation was made.")!.msgstr).toEqual([""]);
    expect(result.stderr).toContain('pobook: src/intro.md:7: no block of the translated copy matches "A paragraph that was added after the translation was made."\n');
    expect(result.stderr).toContain('pobook: de/src/start.md:14: translated block matches no message of the book: "Ein Absatz, den es im englischen Text nicht mehr gibt."\n');
  });

  test("--verbose says why each fuzzy message is fuzzy; --json gives the counts and places; -o - writes the catalog to standard output", async () => {
    const verbose = await runInProcess(["import", "book", "--translated", "de", "-l", "de", "-v", "-o", "-"], { cwd: work });
    expect(verbose.status, verbose.stderr).toBe(0);
    expect(verbose.stdout).toMatch(/^msgid ""\nmsgstr ""\n/);
    expect(verbose.stderr).toContain("pobook: src/start.md:12: fuzzy (sentences), translated at de/src/start.md:12:");
    expect(verbose.stderr).toContain("pobook: 22 messages: 13 translated, 2 fuzzy, 7 untranslated; 2 blocks unmatched\n");
    expect(existsSync(join(book, "po"))).toBe(false);
    const json = await runInProcess(["import", "book", "--translated", "de", "--json", "-o", "de.po"], { cwd: work });
    expect(json.status, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { language: string; translated: number; fuzzy: number; unmatched: Array<{ side: string; place: { file: string; line: number } }> };
    // No -l: the copy's book.toml says de.
    expect(report.language).toBe("de");
    expect([report.translated, report.fuzzy]).toEqual([13, 2]);
    expect(report.unmatched).toEqual([
      { side: "source", place: { file: "src/intro.md", line: 7 }, msgid: "A paragraph that was added after the translation was made." },
      { side: "translated", place: { file: "de/src/start.md", line: 14 }, msgid: "Ein Absatz, den es im englischen Text nicht mehr gibt." },
    ]);
  });

  test("an existing catalog is replaced only with --force", async () => {
    const existing = join(work, "de.po");
    writeFileSync(existing, 'msgid "x"\nmsgstr "y"\n');
    const refused = await runInProcess(["import", "book", "--translated", "de", "-l", "de", "-o", "de.po"], { cwd: work });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe("pobook: de.po: exists; import writes a new catalog: use --force to replace it, or -o another file (and merge with msgcat or pobook update)\n");
    expect(readFileSync(existing, "utf8")).toBe('msgid "x"\nmsgstr "y"\n');
    const forced = await runInProcess(["import", "book", "--translated", "de", "-l", "de", "-o", "de.po", "--force"], { cwd: work });
    expect(forced.status, forced.stderr).toBe(0);
    expect(readPoFile(existing).entries.length).toBe(22); // 21 of the Markdown and the book's title
    // Neither the book's sources nor the translated copy, even with --force.
    for (const source of ["book/src/intro.md", "de/src/intro.md"]) {
      const before = readFileSync(join(work, source), "utf8");
      const result = await runInProcess(["import", "book", "--translated", "de", "-l", "de", "-o", source, "--force"], { cwd: work });
      expect(result.stderr).toBe(`pobook: ${source}: is a book source file; choose another file name\n`);
      expect(result.status).toBe(2);
      expect(readFileSync(join(work, source), "utf8")).toBe(before);
    }
  });
});

describe("bad input: one line, exit 2, nothing written", () => {
  const refuse = async (args: string[], expected: string) => {
    const result = await runInProcess(["import", "book", ...args, "-o", "out.po"], { cwd: work });
    expect(result.stderr).toBe(`pobook: ${expected}\n`);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(existsSync(join(work, "out.po"))).toBe(false);
  };

  test("a missing translated directory", () => refuse(["--translated", "nowhere", "-l", "de"], "nowhere: no such directory (--translated names the translated copy of the book)"));

  test("a translated tree with another structure", async () => {
    writeFileSync(join(copy, "src", "intro.md"), "- eins\n- zwei\n");
    writeFileSync(join(copy, "src", "start.md"), "| a |\n|---|\n| b |\n");
    await refuse(["--translated", "de", "-l", "de"], "de: only 5 of the book's 23 messages line up with a block of the translated copy: its structure is not the book's");
  });

  test("a tree without the book's chapters, or without SUMMARY.md, or its src/ given instead of its root", async () => {
    await refuse(["--translated", join(import.meta.dirname, "..", "fixtures", "demo-book"), "-l", "de"], `${join(import.meta.dirname, "..", "fixtures", "demo-book")}: the translated copy has none of the book's chapters (src/intro.md, ...): give the root of a translated copy of the book`);
    await refuse(["--translated", "de/src", "-l", "de"], "de/src: has SUMMARY.md at its top: give the directory that holds the copy's src/ (laid out like the book)");
    rmSync(join(copy, "src", "SUMMARY.md"));
    await refuse(["--translated", "de", "-l", "de"], "de/src/SUMMARY.md: the translated copy has no SUMMARY.md: give the root of a translated copy of the book");
  });

  test("no language, and a bad one", async () => {
    rmSync(join(copy, "book.toml"));
    await refuse(["--translated", "de"], "give the translated copy's language with -l LANG");
    await refuse(["--translated", "de", "-l", "de/../x"], "'de/../x' is not a language tag (like ja, pt-BR, zh-CN)");
  });
});

describe("the import core, over files in memory", () => {
  const config = parseBookConfig('[book]\ntitle = "T"\n', "book.toml");
  const reader = (files: Record<string, string>) => (path: string) => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
    return text;
  };
  const sources = {
    "src/SUMMARY.md": "- [One](one.md)\n- [Two](two.md)\n",
    "src/one.md": "# One\n\nRun it twice.\n\nThe end.\n",
    "src/two.md": "# Two\n\nRun it twice.\n",
  };

  test("a message translated differently in two places is fuzzy; a chapter missing from the copy is reported", () => {
    const copy = {
      "src/SUMMARY.md": "- [Eins](one.md)\n- [Zwei](two.md)\n",
      "src/one.md": "# Eins\n\nZweimal ausführen.\n\nDas Ende.\n",
      "src/two.md": "# Zwei\n\nFühren Sie es zweimal aus.\n",
    };
    const result = importTranslations(config, reader(sources), reader(copy), { language: "de", now: new Date(0) });
    const twice = result.catalog.entries.find((entry) => entry.msgid === "Run it twice.")!;
    expect(twice.msgstr).toEqual(["Zweimal ausführen."]);
    expect(isFuzzy(twice)).toBe(true);
    expect(result.fuzzy).toEqual([{ source: { file: "src/one.md", line: 3 }, translated: { file: "src/one.md", line: 3 }, msgid: "Run it twice.", reason: "conflict" }]);
    expect(result.counts).toEqual({ messages: 5, translated: 3, fuzzy: 1, untranslated: 1 }); // the book's title (book.toml) is the untranslated one

    const partial = importTranslations(config, reader(sources), reader({ ...copy, "src/two.md": undefined as unknown as string }), { language: "de", now: new Date(0) });
    expect(partial.missingChapters).toEqual([{ file: "src/two.md", line: 2 }]);
    expect(partial.catalog.entries.find((entry) => entry.msgid === "Run it twice.")!.msgstr).toEqual(["Zweimal ausführen."]);
    expect(isFuzzy(partial.catalog.entries.find((entry) => entry.msgid === "Run it twice.")!)).toBe(false);
  });
});

describe("alignment parts", () => {
  test("Needleman–Wunsch pairs items in order, skipping what has no partner", () => {
    const source = ["a", "b", "x", "c", "d"];
    const target = ["A", "B", "C", "y", "D"];
    const steps = alignSequences(source.length, target.length, (i, j) => (source[i]!.toUpperCase() === target[j] ? 2 : -Infinity), 1);
    expect(steps).toEqual([{ source: 0, target: 0 }, { source: 1, target: 1 }, { source: 2 }, { source: 3, target: 2 }, { target: 3 }, { source: 4, target: 4 }]);
    expect(alignSequences(0, 2, () => 0, 1)).toEqual([{ target: 0 }, { target: 1 }]);
  });

  test("anchors: inline code, link targets, URLs, HTML tags, placeholders and numbers", () => {
    expect(anchorsOf("Use `x` and [docs](https://a.example/b) with <kbd>C</kbd>, {name:?} in 3 steps")).toEqual(["#3", "`x`", "https://a.example/b", "https://a.example/b", "kbd", "kbd", "{name:?}"]);
    // Digits inside inline code count with the code span, not on their own.
    expect(anchorsOf("`[f64;3]`")).toEqual(["`[f64;3]`"]);
  });

  test("sentences: stops, closing brackets, abbreviations, a line of badges", () => {
    expect(sentenceCount("One. Two! Three?")).toBe(3);
    expect(sentenceCount("One (e.g. `a.b`). Two")).toBe(2);
    expect(sentenceCount("(It won't run in the Playground.)")).toBe(1);
    expect(sentenceCount("[![build](https://img/x.svg)](https://ci/x)")).toBe(0);
    expect(sentenceCount("For example:")).toBe(1);
    expect(finalPunctuation("For example:")).toBe(":");
    expect(finalPunctuation("Done.)")).toBe(".");
    expect(finalPunctuation("A title")).toBe("");
  });
});

function readPoFileText(text: string): Catalog {
  const path = join(work, "template.pot");
  writeFileSync(path, text);
  return readPoFile(path);
}
