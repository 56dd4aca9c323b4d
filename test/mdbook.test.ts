// `pobook mdbook gettext` / `pobook mdbook xgettext` fed recorded mdBook protocol JSON
// (fixtures/mdbook/*.json follow mdBook 0.4's documented preprocessor and renderer formats;
// their `root` "/home/user/protocol-book" is replaced by the fixture book's real path).
import { describe, expect, test } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse as parseToml } from "smol-toml";
import { expandLinks } from "../src/book/links.js";
import { parseSummary, type SummaryItem } from "../src/book/summary.js";
import type { MdbookBook, MdbookChapter, MdbookItem } from "../src/mdbook/protocol.js";
import { chapters } from "../src/mdbook/protocol.js";
import { stripFormatting } from "../src/mdbook/gettext.js";
import { CLI, runInProcess, type CliResult } from "./helpers/cli.js";
import { translatedPtBook } from "./helpers/shared-corpus.js";
import { CORPUS, HAS_CORPUS } from "./helpers/gnu.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures/mdbook");
const BOOK = join(FIXTURES, "book");
const RECORDED_ROOT = "/home/user/protocol-book";

function fixture(name: string, destination?: string): string {
  let text = readFileSync(join(FIXTURES, name), "utf8");
  if (destination) text = text.replaceAll(`${RECORDED_ROOT}/book/xgettext`, destination);
  return text.replaceAll(RECORDED_ROOT, BOOK);
}

/** The preprocessor or renderer fed `input` on stdin, in-process (the corpus test below pipes into a real process). */
function runWithInput(args: string[], input: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runInProcess(args, { input, env });
}

function find(items: readonly MdbookItem[], path: string): MdbookChapter {
  const found = [...chapters(items)].find((chapter) => chapter.path === path);
  if (!found) throw new Error(`no chapter ${path}`);
  return found;
}

describe("pobook mdbook gettext (preprocessor protocol)", () => {
  test("supports handshake: every renderer but xgettext", async () => {
    expect((await runInProcess(["mdbook", "gettext", "supports", "html"])).status).toBe(0);
    expect((await runInProcess(["mdbook", "gettext", "supports", "pandoc"])).status).toBe(0);
    expect((await runInProcess(["mdbook", "gettext", "supports", "xgettext"])).status).toBe(1);
  });

  test("book.language = de: chapters, chapter names and part titles translated with po/de.po", async () => {
    const input = fixture("gettext-de.json");
    const result = await runWithInput(["mdbook", "gettext"], input);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const book = JSON.parse(result.stdout) as MdbookBook;
    const source = (JSON.parse(input) as [unknown, MdbookBook])[1];
    expect(book.__non_exhaustive).toBeNull();
    expect(book.sections.map((item) => (typeof item === "string" ? item : "PartTitle" in item ? `part:${item.PartTitle}` : item.Chapter.name))).toEqual([
      "Willkommen",
      "part:Erste Schritte",
      // mdBook sends "Variables and Types" (formatting stripped); the catalog has "Variables and _Types_".
      "Variablen und Typen",
      "Demnächst",
      "Separator",
      "Glossar",
    ]);
    const welcome = find(book.sections, "welcome.md");
    // The heading keeps the source's anchor (stable anchors, as translate writes them).
    expect(welcome.content).toBe(
      "# Willkommen {#welcome}\n\nDieses Buch zeigt, wie sich _pobook_ in mdBook einfügt.\n\nA sentence nobody translated yet.\n\nA sentence whose translation is fuzzy.\n",
    );
    // The include was expanded by mdBook's links preprocessor: the code's comment and string are translated in place.
    const variables = find(book.sections, "basics/variables.md");
    expect(variables.content).toContain("    // Einen Wert binden.\n");
    expect(variables.content).toContain('println!("Die Antwort ist {answer}");');
    expect(variables.content.startsWith("# Variablen {#variables}\n\nVariablen werden mit `let` deklariert:\n\n```rust,editable\n")).toBe(true);
    const loops = find(book.sections, "basics/loops.md");
    expect(loops.name).toBe("Schleifen");
    expect(loops.content).toBe("# Schleifen {#loops}\n\n- `loop` läuft endlos,\n- `while` läuft, solange eine Bedingung gilt.\n");
    // Fields the preprocessor does not own pass through unchanged.
    expect(loops.number).toEqual([1, 1]);
    expect(loops.parent_names).toEqual(find(source.sections, "basics/loops.md").parent_names);
    expect(find(book.sections, "glossary.md").content).toContain("| Begriff | Bedeutung |");
  });

  test("book chapters equal `pobook translate` of the same catalog, includes expanded", async () => {
    const result = await runWithInput(["mdbook", "gettext"], fixture("gettext-de.json"));
    const book = JSON.parse(result.stdout) as MdbookBook;
    const out = mkdtempSync(join(tmpdir(), "pobook-mdbook-"));
    expect((await runInProcess(["translate", BOOK, "-l", "de", "-o", out])).status).toBe(0);
    const read = (path: string): string => readFileSync(join(out, path), "utf8");
    for (const chapter of chapters(book.sections)) {
      if (chapter.path === null) continue;
      const path = `src/${chapter.path}`;
      expect(chapter.content, path).toBe(expandLinks(read(path), { path, read }));
    }
  });

  test("no catalog for book.language (en here) or no language: the book comes back unchanged", async () => {
    const input = fixture("gettext-en.json");
    const result = await runWithInput(["mdbook", "gettext"], input);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual((JSON.parse(input) as unknown[])[1]);
    const [context, book] = JSON.parse(fixture("gettext-de.json")) as [{ config: { book: Record<string, unknown> } }, unknown];
    delete context.config.book.language;
    const unset = await runWithInput(["mdbook", "gettext"], JSON.stringify([context, book]));
    expect(JSON.parse(unset.stdout)).toEqual(book);
  });

  test("bad input: one line naming stdin, exit 2, nothing on stdout", async () => {
    for (const input of ["{not json", JSON.stringify({ root: "/" }), JSON.stringify([{ root: "/", config: {} }, { sections: [{ Chapter: { name: 1 } }] }])]) {
      const result = await runWithInput(["mdbook", "gettext"], input);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^pobook: <stdin>: .+\n$/);
    }
  });

  test("stripFormatting gives mdBook's chapter names", () => {
    expect(stripFormatting("Variables and _Types_")).toBe("Variables and Types");
    expect(stripFormatting("`Box<T>` and **more**")).toBe("Box<T> and more");
  });
});

describe("pobook mdbook xgettext (renderer protocol)", () => {
  const epoch = { SOURCE_DATE_EPOCH: "1700000000" };

  test("writes <destination>/messages.pot identical to `pobook extract`", async () => {
    const destination = mkdtempSync(join(tmpdir(), "pobook-xgettext-"));
    const result = await runWithInput(["mdbook", "xgettext"], fixture("xgettext.json", destination), epoch);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readdirSync(destination)).toEqual(["messages.pot"]);
    const extracted = join(destination, "extract.pot");
    expect((await runInProcess(["extract", BOOK, "-o", extracted], { env: epoch })).status).toBe(0);
    expect(readFileSync(join(destination, "messages.pot"), "utf8")).toBe(readFileSync(extracted, "utf8"));
    // The chapter text is the one in the JSON (after preprocessors): the included code's strings are messages.
    expect(readFileSync(extracted, "utf8")).toContain('#: src/basics/variables.md:9\nmsgid "\\"The answer is {answer}\\""');
  });

  test("honours granularity, depth and pot-file from [output.xgettext]", async () => {
    const destination = mkdtempSync(join(tmpdir(), "pobook-xgettext-"));
    expect((await runWithInput(["mdbook", "xgettext"], fixture("xgettext-depth1.json", destination), epoch)).status).toBe(0);
    expect(readdirSync(destination).sort()).toEqual(["getting-started.pot", "summary.pot"]);
    const summary = readFileSync(join(destination, "summary.pot"), "utf8");
    const part = readFileSync(join(destination, "getting-started.pot"), "utf8");
    // granularity = 0: file names only.
    expect(summary).toContain('#: src/SUMMARY.md src/welcome.md\nmsgid "Welcome"');
    expect(part).toContain('#: src/basics/loops.md\nmsgid "`loop` runs forever,"');
    expect(part).not.toContain('msgid "Welcome"');

    const context = JSON.parse(fixture("xgettext.json", destination)) as { config: { output: { xgettext: Record<string, unknown> } } };
    context.config.output.xgettext["pot-file"] = "book.pot";
    context.config.output.xgettext.granularity = 10;
    expect((await runWithInput(["mdbook", "xgettext"], JSON.stringify(context), epoch)).status).toBe(0);
    expect(readFileSync(join(destination, "book.pot"), "utf8")).toContain('#: src/SUMMARY.md:10 src/glossary.md:1\nmsgid "Glossary"');
  });

  test("a bad granularity is an input error and writes nothing", async () => {
    const destination = join(mkdtempSync(join(tmpdir(), "pobook-xgettext-")), "out");
    const context = JSON.parse(fixture("xgettext.json", destination)) as { config: { output: { xgettext: Record<string, unknown> } } };
    context.config.output.xgettext.granularity = -1;
    const result = await runWithInput(["mdbook", "xgettext"], JSON.stringify(context));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/granularity/);
    expect(existsSync(destination)).toBe(false);
  });
});

/** The book JSON mdBook would send for a book on disk: SUMMARY.md structure, chapter text after the links preprocessor. */
function bookJson(root: string, src: string): MdbookBook {
  const read = (path: string): string => readFileSync(join(root, path), "utf8");
  const item = (entry: SummaryItem): MdbookItem => {
    if (entry.kind === "separator") return "Separator";
    if (entry.kind === "part") return { PartTitle: entry.name };
    const path = entry.path ?? null;
    const content = path === null ? "" : expandLinks(read(`${src}/${path}`), { path: `${src}/${path}`, read });
    return { Chapter: { name: stripFormatting(entry.name), content, number: null, sub_items: entry.children.map(item), path, source_path: path, parent_names: [] } };
  };
  return { sections: parseSummary(read(`${src}/SUMMARY.md`), "SUMMARY.md").map(item), __non_exhaustive: null };
}

function runAsync(args: string[], input?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("close", (status) => done({ status, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") }));
    child.stdin.end(input ?? "");
  });
}

describe.skipIf(!HAS_CORPUS)("the preprocessor on the pt-BR corpus book", () => {
  test("every chapter equals `pobook translate` of po/pt-BR.po (include-expanded)", async () => {
    const root = join(CORPUS, "comprehensive-rust-pt-BR");
    const config = parseToml(readFileSync(join(root, "book.toml"), "utf8")) as { book: Record<string, unknown>; preprocessor: Record<string, Record<string, unknown>> };
    config.book.language = "pt-BR"; // what MDBOOK_BOOK__LANGUAGE=pt-BR gives the preprocessor
    config.preprocessor.gettext!["legacy-inline-html"] = true; // the catalog predates inline HTML in messages
    const book = bookJson(root, "src");
    // The preprocessor in a process of its own, the book piped to it, beside the translation the run's corpus tests share.
    const [preprocessed, translated] = await Promise.all([
      runAsync(["mdbook", "gettext"], JSON.stringify([{ root, config, renderer: "html", mdbook_version: "0.4.40" }, book])),
      translatedPtBook(),
    ]);
    const out = translated.output;
    expect(preprocessed.status, preprocessed.stderr).toBe(0);
    expect(translated.status, translated.stderr).toBe(0);
    const result = JSON.parse(preprocessed.stdout) as MdbookBook;
    const read = (path: string): string => readFileSync(join(out, path), "utf8");
    let plain = 0;
    let withIncludes = 0;
    const differing: string[] = [];
    for (const chapter of chapters(result.sections)) {
      if (chapter.path === null) continue;
      const path = `src/${chapter.path}`;
      const hasIncludes = /\{\{\s*#/.test(readFileSync(join(root, path), "utf8"));
      const expected = expandLinks(read(path), { path, read });
      if (!hasIncludes) {
        // No includes: the preprocessor and translate see the same document.
        expect(chapter.content, path).toBe(expected);
        plain++;
        continue;
      }
      withIncludes++;
      if (chapter.content !== expected) differing.push(path);
    }
    console.log(`pt-BR: ${plain} chapters without includes identical; ${withIncludes - differing.length}/${withIncludes} with includes identical`);
    // translate writes included files on their own and keeps a whole-block translation that spans an
    // include in the source language (src/translate/book.ts); the preprocessor sees the expanded text.
    for (const path of differing) console.log(`  differs (include): ${path}`);
    expect(plain).toBeGreaterThan(200);
    expect(differing.length / withIncludes).toBeLessThan(0.2);
    // Chapter names come from SUMMARY.md titles, stripped like mdBook does.
    expect(find(result.sections, "welcome-day-1.md").name).not.toBe(find(book.sections, "welcome-day-1.md").name);
  }, 180_000); // translate also extracts the translated book again to check it (see src/translate/verify.ts)
});

// mdBook 0.5 renamed the book's `sections` to `items` and dropped `__non_exhaustive`
// (rust-lang/mdBook#2813; mdbook-i18n-helpers moved to 0.5 in October 2025). The same recorded
// books, in 0.5's shape, must give what 0.4's give.
describe("mdBook 0.5's protocol (book.items)", () => {
  const as05 = (book: MdbookBook): MdbookBook => ({ items: book.sections });
  const epoch = { SOURCE_DATE_EPOCH: "1700000000" };

  test("the preprocessor translates a 0.5 book and gives it back under items", async () => {
    const [context, book] = JSON.parse(fixture("gettext-de.json")) as [Record<string, unknown>, MdbookBook];
    const old = JSON.parse((await runWithInput(["mdbook", "gettext"], JSON.stringify([context, book]))).stdout) as MdbookBook;
    const result = await runWithInput(["mdbook", "gettext"], JSON.stringify([{ ...context, mdbook_version: "0.5.4" }, as05(book)]));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const translated = JSON.parse(result.stdout) as MdbookBook;
    expect(Object.keys(translated)).toEqual(["items"]);
    expect(translated.items).toEqual(old.sections);
    expect(find(translated.items!, "welcome.md").name).toBe("Willkommen");
  });

  test("the renderer writes the same POT from a 0.5 render context", async () => {
    const old = mkdtempSync(join(tmpdir(), "pobook-xgettext-"));
    const destination = mkdtempSync(join(tmpdir(), "pobook-xgettext-"));
    expect((await runWithInput(["mdbook", "xgettext"], fixture("xgettext.json", old), epoch)).status).toBe(0);
    const context = JSON.parse(fixture("xgettext.json", destination)) as { book: MdbookBook; version: string };
    const result = await runWithInput(["mdbook", "xgettext"], JSON.stringify({ ...context, version: "0.5.4", book: as05(context.book) }), epoch);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readFileSync(join(destination, "messages.pot"), "utf8")).toBe(readFileSync(join(old, "messages.pot"), "utf8"));
  });

  test("a book with neither key is refused on one line", async () => {
    const [context] = JSON.parse(fixture("gettext-de.json")) as [unknown];
    const result = await runWithInput(["mdbook", "gettext"], JSON.stringify([context, { chapters: [] }]));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("pobook: <stdin>: book must be an object with items (mdBook 0.5) or sections (mdBook 0.4)\n");
  });
});
