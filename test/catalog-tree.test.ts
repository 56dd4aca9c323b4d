// Catalog trees (po/LANG/**.po): split, join, translate, update, stats and check on a tree.
import { describe, expect, test } from "vitest";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readPoFile } from "../src/catalog/parse.js";
import { entryKey, type Catalog } from "../src/catalog/types.js";
import { spawnSync } from "node:child_process";
import { CLI, runInProcess } from "./helpers/cli.js";
import { hasCorpus, NO_CORPUS, PT_BOOK } from "./helpers/corpus.js";

const HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n';

function makeBook(): string {
  const root = mkdtempSync(join(tmpdir(), "pobook-tree-"));
  mkdirSync(join(root, "src", "basics"), { recursive: true });
  writeFileSync(join(root, "book.toml"), '[book]\ntitle = "Tree"\nsrc = "src"\n');
  writeFileSync(join(root, "src", "SUMMARY.md"), "# Summary\n\n[Welcome](index.md)\n\n# Basics\n\n- [Variables](basics/variables.md)\n- [Types](basics/types.md)\n");
  writeFileSync(join(root, "src", "index.md"), "# Welcome\n\nShared sentence.\n");
  writeFileSync(join(root, "src", "basics", "variables.md"), "# Variables\n\nShared sentence.\n\nLet binds a name.\n");
  writeFileSync(join(root, "src", "basics", "types.md"), "# Types\n\nEvery value has a type.\n");
  mkdirSync(join(root, "po"));
  writeFileSync(
    join(root, "po", "fr.po"),
    HEADER +
      ["Welcome|Bienvenue", "Variables|Variables", "Types|Types", "Basics|Bases", "Shared sentence.|Phrase partagée.", "Let binds a name.|Let lie un nom.", "Every value has a type.|Chaque valeur a un type."]
        .map((pair) => { const [id, str] = pair.split("|"); return `msgid "${id}"\nmsgstr "${str}"\n`; })
        .join("\n") + '\n#~ msgid "Gone"\n#~ msgstr "Parti"\n',
  );
  return root;
}

const pairs = (catalog: Catalog): string[] => catalog.entries.map((entry) => `${entry.obsolete ? "#~" : ""}${entryKey(entry)}=${entry.msgstr.join("|")}`).sort();

function listTree(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listTree(dir, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]).sort();
}

async function pobook(args: string[], cwd: string) {
  return runInProcess(args, cwd);
}

describe("catalog trees on a small book", () => {
  test("extract --split writes a template tree laid out like the catalog trees; not with --depth", async () => {
    const root = makeBook();
    const result = await pobook(["extract", "--split", "chapter"], root);
    expect(result.status, result.stderr).toBe(0);
    expect(listTree(join(root, "po", "messages"))).toEqual(["SUMMARY.pot", "basics/types.pot", "basics/variables.pot", "index.pot", "messages.pot"]); // messages.pot: the book's title (book.toml)
    expect(readPoFile(join(root, "po", "messages", "basics", "variables.pot")).entries.map((entry) => entry.msgid)).toEqual(["Let binds a name."]);
    const both = await pobook(["extract", "--split", "part", "--depth", "1", "-o", join(root, "out")], root);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--split and --depth both split the template/);
    expect(existsSync(join(root, "out"))).toBe(false);
  });

  test("init --split chapter names files after the sources; a shared message goes where it is first used; joining loses nothing", async () => {
    const root = makeBook();
    // References come from the template: bring the catalog in step first.
    expect((await pobook(["update"], root)).status).toBe(0);
    const single = readPoFile(join(root, "po", "fr.po"));
    const init = await pobook(["init", "-l", "fr", "--split", "chapter"], root);
    expect(init.status, init.stderr).toBe(0);
    expect(listTree(join(root, "po", "fr"))).toEqual(["SUMMARY.po", "basics/types.po", "basics/variables.po", "index.po", "messages.po"]);
    const summary = readPoFile(join(root, "po", "fr", "SUMMARY.po"));
    expect(summary.entries.map((entry) => entry.msgid)).toContain("Welcome");
    // "Shared sentence." is used by index.md first, then variables.md: one file holds it.
    expect(readPoFile(join(root, "po", "fr", "index.po")).entries.map((entry) => entry.msgid)).toContain("Shared sentence.");
    expect(readPoFile(join(root, "po", "fr", "basics", "variables.po")).entries.map((entry) => entry.msgid)).not.toContain("Shared sentence.");
    // The book's title (book.toml) and the obsolete entry go to messages.po: no chapter claims them.
    expect(readPoFile(join(root, "po", "fr", "messages.po")).entries.map((entry) => entry.msgid)).toEqual(["Tree", "Gone"]);
    // Back to one file: every entry, the single catalog's order.
    rmSync(join(root, "po", "fr.po"));
    const join_ = await pobook(["init", "-l", "fr"], root);
    expect(join_.status, join_.stderr).toBe(0);
    const joined = readPoFile(join(root, "po", "fr.po"));
    expect(pairs(joined)).toEqual(pairs(single));
    expect(joined.entries.map((entry) => entry.msgid)).toEqual(single.entries.map((entry) => entry.msgid));
  });

  test("--split part: one file per SUMMARY part, named as mdbook-xgettext names depth-1 templates", async () => {
    const root = makeBook();
    expect((await pobook(["update"], root)).status).toBe(0);
    expect((await pobook(["init", "-l", "fr", "--split", "part"], root)).status).toBe(0);
    expect(listTree(join(root, "po", "fr"))).toEqual(["basics.po", "messages.po", "summary.po"]);
    // Chapter titles are first used in SUMMARY.md, so they are in summary.po.
    expect(readPoFile(join(root, "po", "fr", "summary.po")).entries.map((entry) => entry.msgid)).toEqual(["Summary", "Welcome", "Basics", "Variables", "Types", "Shared sentence."]);
    expect(readPoFile(join(root, "po", "fr", "basics.po")).entries.map((entry) => entry.msgid)).toEqual(["Let binds a name.", "Every value has a type."]);
  });

  test("translate reads the tree; update keeps the tree and a single file of another language in step", async () => {
    const root = makeBook();
    expect((await pobook(["update"], root)).status).toBe(0);
    expect((await pobook(["init", "-l", "fr", "--split", "chapter"], root)).status).toBe(0);
    cpSync(join(root, "po", "fr.po"), join(root, "po", "de.po"));
    rmSync(join(root, "po", "fr.po"));
    const translated = await pobook(["translate", "-l", "fr"], root);
    expect(translated.status, translated.stderr).toBe(0);
    expect(readFileSync(join(root, "book", "fr-src", "src", "basics", "variables.md"), "utf8")).toBe("# Variables\n\nPhrase partagée.\n\nLet lie un nom.\n");
    // A new chapter: update gives it its own file in the tree and an entry in de.po.
    writeFileSync(join(root, "src", "SUMMARY.md"), `${readFileSync(join(root, "src", "SUMMARY.md"), "utf8")}- [Loops](basics/loops.md)\n`);
    writeFileSync(join(root, "src", "basics", "loops.md"), "# Loops\n\nLoop forever.\n");
    const update = await pobook(["update"], root);
    expect(update.status, update.stderr).toBe(0);
    expect(update.stdout).toMatch(/po\/de\.po: kept 9, fuzzy 0, new 2/);
    expect(update.stdout).toMatch(/po\/fr\/: kept 9, fuzzy 0, new 2/);
    expect(readPoFile(join(root, "po", "fr", "basics", "loops.po")).entries.map((entry) => entry.msgid)).toEqual(["Loop forever."]);
    const again = await pobook(["update"], root);
    expect(again.stdout).toMatch(/po\/fr\/: .*\(unchanged\)/);
  });

  test("conflicting translations of one msgid in two tree files: one line naming file:line, exit 2, nothing written", async () => {
    const root = makeBook();
    expect((await pobook(["update"], root)).status).toBe(0);
    expect((await pobook(["init", "-l", "fr", "--split", "chapter"], root)).status).toBe(0);
    rmSync(join(root, "po", "fr.po"));
    const types = join(root, "po", "fr", "basics", "types.po");
    writeFileSync(types, `${readFileSync(types, "utf8")}\nmsgid "Let binds a name."\nmsgstr "Autre traduction."\n`);
    for (const args of [["translate", "-l", "fr"], ["stats"], ["check"], ["update"]]) {
      const before = readFileSync(types, "utf8");
      const result = await pobook(args, root);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/po\/fr\/basics\/types\.po:\d+: msgid "Let binds a name\." is also in .*po\/fr\/basics\/variables\.po:\d+ with a different translation/);
      expect(readFileSync(types, "utf8")).toBe(before);
    }
    expect(existsSync(join(root, "book"))).toBe(false);
  });

  test("a tree file of no chapter is refused (update moves its messages)", async () => {
    const root = makeBook();
    expect((await pobook(["update"], root)).status).toBe(0);
    expect((await pobook(["init", "-l", "fr", "--split", "chapter"], root)).status).toBe(0);
    rmSync(join(root, "po", "fr.po"));
    const orphan = join(root, "po", "fr", "removed.po");
    writeFileSync(orphan, `${HEADER}#: src/removed.md:3\nmsgid "Every value has a type."\nmsgstr "Chaque valeur a un type."\n`);
    rmSync(join(root, "po", "fr", "basics", "types.po"));
    const result = await pobook(["translate", "-l", "fr"], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/po\/fr\/removed\.po:7: removed\.po is no chapter file of the book/);
    expect(existsSync(join(root, "book"))).toBe(false);
    // update is the repair: the message goes back to its chapter's file, removed.po keeps only its header.
    const update = await pobook(["update"], root);
    expect(update.status, update.stderr).toBe(0);
    expect(readPoFile(join(root, "po", "fr", "basics", "types.po")).entries.find((entry) => entry.msgid === "Every value has a type.")?.msgstr).toEqual(["Chaque valeur a un type."]);
    expect(readPoFile(orphan).entries).toEqual([]);
    expect((await pobook(["translate", "-l", "fr"], root)).status).toBe(0);
  });

  test("a file and a tree for the same language without --split: ambiguous, exit 2, nothing written", async () => {
    const root = makeBook();
    expect((await pobook(["update"], root)).status).toBe(0);
    expect((await pobook(["init", "-l", "fr", "--split", "chapter"], root)).status).toBe(0);
    const result = await pobook(["translate", "-l", "fr"], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/po\/fr\.po: fr has both this catalog and the tree .*po\/fr\/: give --split chapter\|part/);
    expect(existsSync(join(root, "book"))).toBe(false);
    expect((await pobook(["translate", "-l", "fr", "--split", "chapter"], root)).status).toBe(0);
  });
});

if (!hasCorpus) console.warn(NO_CORPUS);
describe.skipIf(!hasCorpus)("catalog trees on the pt-BR corpus", () => {
  test("split (by chapter and by part) and single-file catalogs give byte-identical books; stats and check give the same totals", async () => {
    const root = mkdtempSync(join(tmpdir(), "pobook-tree-corpus-"));
    const book = join(root, "book");
    cpSync(PT_BOOK, book, { recursive: true });
    const check = async (target: string) => (await pobook(["check", target], book)).stderr.trim();
    // The single file is the same for both modes: checked once (a check of the corpus catalog takes seconds).
    let singleCheck: string | undefined;
    const singleText = readFileSync(join(book, "po", "pt-BR.po"), "utf8");
    for (const mode of ["chapter", "part"]) {
      const tree = join(book, "po", `pt-BR`);
      rmSync(tree, { recursive: true, force: true });
      const init = await pobook(["init", "-l", "pt-BR", "--split", mode], book);
      expect(init.status, init.stderr).toBe(0);
      const fromTree = await pobook(["translate", "-l", "pt-BR", "--split", mode, "-o", join(root, `out-${mode}`)], book);
      expect(fromTree.status, fromTree.stderr).toBe(0);
      if (mode === "chapter") {
        const fromFile = await pobook(["translate", "-l", "pt-BR", "--po", join(book, "po", "pt-BR.po"), "-o", join(root, "out-file")], book);
        expect(fromFile.status).toBe(0);
        expect(fromTree.stdout.replace(/->.*/, "")).toBe(fromFile.stdout.replace(/->.*/, ""));
      }
      // The translated book (the copies also hold po/, where the trees differ by mode).
      const files = listTree(join(root, "out-file", "src")).map((file) => `src/${file}`).concat("book.toml");
      expect(listTree(join(root, `out-${mode}`, "src")).map((file) => `src/${file}`).concat("book.toml")).toEqual(files);
      expect(files.length).toBeGreaterThan(400);
      for (const file of files) {
        const [fromTreeBytes, fromFileBytes] = [readFileSync(join(root, `out-${mode}`, file)), readFileSync(join(root, "out-file", file))];
        // Buffer.equals first: toEqual walks a Buffer byte by byte (~7 s per MB); it runs only to report a difference.
        if (!fromTreeBytes.equals(fromFileBytes)) expect(fromTreeBytes, file).toEqual(fromFileBytes);
      }
      const stats = JSON.parse((await pobook(["stats", "--json", join(book, "po", "pt-BR.po"), tree], book)).stdout) as Array<Record<string, unknown>>;
      const { file: _a, ...single } = stats[0]!;
      const { file: _b, ...split } = stats[1]!;
      expect(split).toEqual(single);
      expect(readFileSync(join(book, "po", "pt-BR.po"), "utf8") === singleText).toBe(true); // init --split leaves the single file as it was
      singleCheck ??= await check(join(book, "po", "pt-BR.po"));
      expect(await check(tree)).toBe(singleCheck);
    }
  }, 300_000);
});

/** The [context, book] mdBook sends the preprocessor for makeBook()'s book in `language`. */
function preprocessorInput(root: string, language: string, gettext: Record<string, unknown> = {}): string {
  const chapter = (name: string, path: string) => ({ Chapter: { name, content: readFileSync(join(root, "src", path), "utf8"), number: null, sub_items: [], path, source_path: path, parent_names: [] } });
  const context = { root, config: { book: { title: "Tree", src: "src", language }, preprocessor: { gettext } }, renderer: "html", mdbook_version: "0.4.52" };
  const book = { sections: [chapter("Welcome", "index.md"), { PartTitle: "Basics" }, chapter("Variables", "basics/variables.md"), chapter("Types", "basics/types.md")], __non_exhaustive: null };
  return JSON.stringify([context, book]);
}

function preprocess(input: string, cwd: string) {
  const result = spawnSync(process.execPath, [CLI, "mdbook", "gettext"], { input, cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe("the mdBook preprocessor reads catalog trees as translate does", () => {
  test("po/fr/ (no po/fr.po): the same book as with the single catalog", async () => {
    const root = makeBook();
    expect((await pobook(["update"], root)).status).toBe(0);
    const single = preprocess(preprocessorInput(root, "fr"), root);
    expect(single.status, single.stderr).toBe(0);
    expect(single.stdout).toContain("Phrase partagée.");
    expect((await pobook(["init", "-l", "fr", "--split", "chapter"], root)).status).toBe(0);
    rmSync(join(root, "po", "fr.po"));
    const tree = preprocess(preprocessorInput(root, "fr"), root);
    expect(tree.status, tree.stderr).toBe(0);
    expect(tree.stdout).toBe(single.stdout);
  });

  test("a warning names the tree file and line the translation came from", async () => {
    const root = makeBook();
    expect((await pobook(["update"], root)).status).toBe(0);
    expect((await pobook(["init", "-l", "fr", "--split", "chapter"], root)).status).toBe(0);
    rmSync(join(root, "po", "fr.po"));
    const file = join(root, "po", "fr", "basics", "types.po");
    writeFileSync(file, readFileSync(file, "utf8").replace('msgstr "Chaque valeur a un type."', 'msgstr "- Chaque valeur a un type."'));
    const result = preprocess(preprocessorInput(root, "fr"), root);
    expect(result.status).toBe(0);
    // An entry's line is its first one (its `#:` reference), as translate names it.
    const lines = readFileSync(file, "utf8").split("\n");
    let line = lines.findIndex((text) => text.startsWith('msgid "Every value'));
    while (lines[line - 1]?.startsWith("#")) line--;
    line++;
    expect(result.stderr).toMatch(new RegExp(`^pobook: po/fr/basics/types\\.po:${line}: basics/types\\.md:3: `));
  });

  test("a file and a tree: refused with what to set, unless [preprocessor.gettext] split names the tree", async () => {
    const root = makeBook();
    expect((await pobook(["update"], root)).status).toBe(0);
    expect((await pobook(["init", "-l", "fr", "--split", "chapter"], root)).status).toBe(0);
    const file = join(root, "po", "fr", "index.po");
    writeFileSync(file, readFileSync(file, "utf8").replace('msgstr "Phrase partagée."', 'msgstr "Phrase de l’arbre."'));
    const both = preprocess(preprocessorInput(root, "fr"), root);
    expect(both.status).toBe(2);
    expect(both.stdout).toBe("");
    expect(both.stderr).toMatch(/fr has both this catalog and the tree .*: set split = "chapter" \(or "part"\) under \[preprocessor\.gettext\]/);
    const chosen = preprocess(preprocessorInput(root, "fr", { split: "chapter" }), root);
    expect(chosen.status, chosen.stderr).toBe(0);
    expect(chosen.stdout).toContain("Phrase de l’arbre.");
    expect(preprocess(preprocessorInput(root, "fr", { split: "pages" }), root).stderr).toMatch(/--split must be chapter or part/);
  });
});

describe("the preview reads catalog trees as translate does", () => {
  test("po/fr/ (no po/fr.po): the same translations, each mark naming its tree file and line; a save to a tree file reloads", async () => {
    const root = makeBook();
    expect((await pobook(["update"], root)).status).toBe(0);
    const { startPreview } = await import("../src/preview/server.js");
    const fetchPage = async (url: string): Promise<string> => (await fetch(new URL("/basics/types.html", url))).text();
    const single = await startPreview({ root, language: "fr", port: 0, report: () => {} });
    const fromFile = await fetchPage(single.url);
    await single.close();
    expect((await pobook(["init", "-l", "fr", "--split", "chapter"], root)).status).toBe(0);
    // Both: refused as translate refuses it, unless split says the tree.
    await expect(startPreview({ root, language: "fr", port: 0, report: () => {} })).rejects.toThrow(/fr has both this catalog and the tree/);
    rmSync(join(root, "po", "fr.po"));
    const server = await startPreview({ root, language: "fr", port: 0, report: () => {} });
    try {
      const fromTree = await fetchPage(server.url);
      expect(fromTree).toContain("Chaque valeur a un type.");
      const file = join(root, "po", "fr", "basics", "types.po");
      const lines = readFileSync(file, "utf8").split("\n");
      let line = lines.findIndex((text) => text.startsWith('msgid "Every value'));
      while (lines[line - 1]?.startsWith("#")) line--;
      expect(fromTree).toContain(`data-po-file="po/fr/basics/types.po" data-po-line="${line + 1}"`);
      // Apart from where each mark points, the page is the single catalog's.
      const unplaced = (html: string): string => html.replace(/ data-po-file="[^"]*"| data-po-line="\d+"| title="[^"]*"/g, "");
      expect(unplaced(fromTree)).toBe(unplaced(fromFile));
      writeFileSync(file, readFileSync(file, "utf8").replace('msgstr "Chaque valeur a un type."', 'msgstr "Toute valeur a un type."'));
      expect(await fetchPage(server.url)).toContain("Toute valeur a un type.");
    } finally {
      await server.close();
    }
  });
});
