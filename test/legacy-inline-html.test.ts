// Catalogs made before inline HTML stayed in messages: recognised from the
// book's sources, refused by `update`, noted by `stats`, migrated by `normalize`.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseBookConfig } from "../src/book/config.js";
import { legacyInlineHtmlVerdict, migrateLegacyInlineHtml, segmentBookBothWays } from "../src/book/legacy-inline-html.js";
import { parsePo, readPoFile } from "../src/catalog/parse.js";
import { isFuzzy, type Catalog } from "../src/catalog/types.js";
import { applyCatalog, prepareBook } from "../src/translate/book.js";
import { catalogLookup } from "../src/translate/lookup.js";
import { bookTemplate, catalogAgainstTemplate } from "../src/stats/against-sources.js";
import { catalogStats } from "../src/stats/compute.js";
import { hasCorpus, NO_CORPUS, PT_BOOK } from "./helpers/corpus.js";
import { gnuStatus } from "./helpers/gnu.js";
import { makeTree, runInProcess } from "./helpers/cli.js";

const HEADER = `msgid ""
msgstr ""
"Project-Id-Version: T\\n"
"POT-Creation-Date: 2024-07-09T12:20:23-07:00\\n"
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

`;

function entries(pairs: Array<[string, string, string?]>): string {
  return pairs.map(([msgid, msgstr, flag]) => `${flag ? `#, ${flag}\n` : ""}#: src/keys.md\nmsgid ${JSON.stringify(msgid)}\nmsgstr ${JSON.stringify(msgstr)}\n`).join("\n");
}

/** The fragments mdbook-xgettext 0.3.3 gave for keys.md, translated. */
const LEGACY = HEADER + entries([
  ["Summary", "Sommaire"],
  ["Keys", "Touches"],
  ["Press ", "Appuyez sur "],
  ["Ctrl", "Ctrl"],
  [" to copy.", " pour copier."],
  ["Plain text here.", "Du texte simple."],
]);

/** The same book's catalog with today's messages. */
const CURRENT = HEADER + entries([
  ["Summary", "Sommaire"],
  ["Keys", "Touches"],
  ["Press <kbd>Ctrl</kbd> to copy.", "Appuyez sur <kbd>Ctrl</kbd> pour copier."],
  ["Plain text here.", "Du texte simple."],
]);

function book(po: string): string {
  return makeTree({
    // No title: book.toml's messages (src/publish/book-messages.ts) are not what these tests count.
    "book.toml": '[book]\n\n[output.xgettext]\ngranularity = 0\n',
    "src/SUMMARY.md": "# Summary\n\n- [Keys](keys.md)\n",
    "src/keys.md": "# Keys\n\nPress <kbd>Ctrl</kbd> to copy.\n\nPlain text here.\n",
    "po/fr.po": po,
  });
}

function both(root: string) {
  const config = parseBookConfig(readFileSync(join(root, "book.toml"), "utf8"), "book.toml");
  return segmentBookBothWays(config, (path) => readFileSync(join(root, path), "utf8"));
}

const active = (catalog: Catalog): Array<[string, string, boolean]> =>
  catalog.entries.filter((entry) => !entry.obsolete).map((entry) => [entry.msgid, entry.msgstr[0]!, isFuzzy(entry)]);

describe("recognising a legacy catalog from the book's sources", () => {
  it("counts fragments only the legacy split gives against messages only today's gives", () => {
    const root = book(LEGACY);
    expect(legacyInlineHtmlVerdict(parsePo(LEGACY, "fr.po"), both(root))).toEqual({ legacy: true, legacyMatches: 3, currentMatches: 0 });
    expect(legacyInlineHtmlVerdict(parsePo(CURRENT, "fr.po"), both(root))).toEqual({ legacy: false, legacyMatches: 0, currentMatches: 1 });
    // A catalog of a book without inline HTML says nothing either way.
    expect(legacyInlineHtmlVerdict(parsePo(HEADER + entries([["Keys", "Touches"]]), "fr.po"), both(root)).legacy).toBe(false);
  });
});

describe("migrating a legacy catalog", () => {
  it("splices each fragment's translation around the HTML, as the old book read", () => {
    const root = book(LEGACY);
    const result = migrateLegacyInlineHtml(parsePo(LEGACY, "fr.po"), both(root));
    expect(active(result.catalog)).toEqual([
      ["Summary", "Sommaire", false],
      ["Keys", "Touches", false],
      ["Press <kbd>Ctrl</kbd> to copy.", "Appuyez sur <kbd>Ctrl</kbd> pour copier.", false],
      ["Plain text here.", "Du texte simple.", false],
    ]);
    // No translation is lost: the fragments stay as obsolete entries.
    expect(result.catalog.entries.filter((entry) => entry.obsolete).map((entry) => [entry.msgid, entry.msgstr[0]])).toEqual([
      ["Press ", "Appuyez sur "],
      ["Ctrl", "Ctrl"],
      [" to copy.", " pour copier."],
    ]);
    expect(result).toMatchObject({ migrated: 1, fuzzy: 0, fragments: 3, obsoleted: 3, failed: 0 });
    expect(result.catalog.entries.find((entry) => entry.msgid.startsWith("Press"))!.references).toEqual(["src/keys.md"]);
  });

  it("marks the message fuzzy where a fragment was fuzzy or untranslated (its source text stays)", () => {
    const po = HEADER + entries([["Press ", "Appuyez sur "], ["Ctrl", ""], [" to copy.", " pour copier.", "fuzzy"]]);
    const result = migrateLegacyInlineHtml(parsePo(po, "fr.po"), both(book(po)));
    expect(active(result.catalog)).toEqual([["Press <kbd>Ctrl</kbd> to copy.", "Appuyez sur <kbd>Ctrl</kbd> to copy.", true]]);
    expect(result.fuzzy).toBe(1);
  });
});

describe("the commands on a legacy catalog", () => {
  it("update refuses, naming the catalog and both ways out; nothing is written", async () => {
    const root = book(LEGACY);
    const result = await runInProcess(["update", "--book", root]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `pobook: ${join(root, "po", "fr.po")}: made before inline HTML stayed in messages (3 of its msgids are text between inline HTML tags, 0 are today's messages with inline HTML); ` +
        `merging would make good translations fuzzy or obsolete: \`pobook normalize --book ${root} ${join(root, "po", "fr.po")}\` migrates it to today's messages keeping every translation, or update with --legacy-inline-html\n`,
    );
    expect(readFileSync(join(root, "po", "fr.po"), "utf8")).toBe(LEGACY);
  });

  it("update --legacy-inline-html merges the old messages: every translation kept", async () => {
    const root = book(LEGACY);
    const result = await runInProcess(["update", "--legacy-inline-html"], root);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("po/fr.po: kept 6, fuzzy 0, new 0, obsolete 0; now 6 translated, 0 fuzzy, 0 untranslated, 0 obsolete\n");
  });

  it("stats --against-sources says so; with --legacy-inline-html it counts the old messages", async () => {
    const root = book(LEGACY);
    const today = await runInProcess(["stats", "--against-sources", "--json"], root);
    expect(today.status).toBe(0);
    expect(today.stderr).toMatch(/^pobook: po\/fr\.po: made before inline HTML stayed in messages \(3 of its msgids .*`pobook normalize po\/fr\.po` migrates it\n$/);
    const legacy = await runInProcess(["stats", "--against-sources", "--legacy-inline-html", "--json"], root);
    expect(legacy.stderr).toBe("");
    expect(JSON.parse(legacy.stdout)[0].messages).toMatchObject({ translated: 6, fuzzy: 0, untranslated: 0 });
    const refused = await runInProcess(["stats", "--legacy-inline-html"], root);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe("pobook: --legacy-inline-html counts against the sources: give --against-sources too\n");
  });

  it("normalize migrates it; then update and stats find nothing to do", async () => {
    const root = book(LEGACY);
    const result = await runInProcess(["normalize", "po/fr.po"], root);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      "po/fr.po: messages 6 -> 4, kept 4, fuzzy 0; made before inline HTML stayed in messages: 1 messages rebuilt from 3 fragments (1 translated, 0 fuzzy), 3 fragments made obsolete\n",
    );
    const po = join(root, "po", "fr.po");
    expect(gnuStatus("msgfmt", ["--check", "-o", "/dev/null", po]).status).toBe(0);
    const migrated = readFileSync(po, "utf8");
    expect(migrated).toContain('msgid "Press <kbd>Ctrl</kbd> to copy."\nmsgstr "Appuyez sur <kbd>Ctrl</kbd> pour copier."\n');
    expect((await runInProcess(["normalize", "po/fr.po"], root)).stdout).toBe("po/fr.po: messages 4 -> 4, kept 4, fuzzy 0\n");
    expect(readFileSync(po, "utf8")).toBe(migrated);
    expect((await runInProcess(["update"], root)).stdout).toBe("po/fr.po: kept 4, fuzzy 0, new 0, obsolete 0; now 4 translated, 0 fuzzy, 0 untranslated, 3 obsolete\n");
    const stats = await runInProcess(["stats", "--against-sources", "--json"], root);
    expect(stats.stderr).toBe("");
    expect(JSON.parse(stats.stdout)[0].messages).toMatchObject({ translated: 4, fuzzy: 0, untranslated: 0 });
  });

  it("--root, normalize's older spelling of --book, still works", async () => {
    const root = book(LEGACY);
    const out = join(makeTree({}), "fr.po");
    expect((await runInProcess(["normalize", "--root", root, join(root, "po", "fr.po"), "-o", out])).status).toBe(0);
    expect(readFileSync(out, "utf8")).toContain('msgid "Press <kbd>Ctrl</kbd> to copy."');
  });
});

describe.skipIf(!hasCorpus)(hasCorpus ? "the pt-BR corpus catalog (2024)" : NO_CORPUS, () => {
  it("is recognised, and normalize migrates it: every translation kept, the translated book unchanged", async () => {
    const catalogPath = join(PT_BOOK, "po", "pt-BR.po");
    const original = readPoFile(catalogPath);
    const out = join(makeTree({}), "pt-BR.po");
    const result = await runInProcess(["normalize", "--book", PT_BOOK, catalogPath, "-o", out]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      `${catalogPath}: messages 3793 -> 3767, kept 3767, fuzzy 0; made before inline HTML stayed in messages: ` +
        "17 messages rebuilt from 47 fragments (17 translated, 0 fuzzy), 43 fragments made obsolete\n",
    );
    expect(gnuStatus("msgfmt", ["--check", "-o", "/dev/null", out]).status).toBe(0);
    const migrated = readPoFile(out);
    const find = (msgid: string) => migrated.entries.find((entry) => entry.msgid === msgid);
    expect(find("<kbd>Arrow-Left</kbd>: Navigate to the previous page.")?.msgstr).toEqual(["<kbd>Seta para a esquerda</kbd>: Vai para a página anterior."]);
    // Every old entry is still there with its translation (active, or obsolete where it is a fragment).
    const after = new Map(migrated.entries.map((entry) => [entry.msgid, entry]));
    for (const entry of original.entries) expect(after.get(entry.msgid)?.msgstr, entry.msgid).toEqual(entry.msgstr);

    const config = parseBookConfig(readFileSync(join(PT_BOOK, "book.toml"), "utf8"), "book.toml");
    const read = (path: string): string => readFileSync(join(PT_BOOK, path), "utf8");
    // Against today's sources the migrated catalog is complete (the old one: 3520 translated, 8 fuzzy, 9 untranslated).
    // The one untranslated entry is the book's title, new in the template (no heading's translation stands in for it).
    const merged = catalogAgainstTemplate(migrated, bookTemplate(config, read));
    expect(catalogStats(merged, out).messages).toMatchObject({ translated: 3537, fuzzy: 0, untranslated: 1 });
    expect(merged.entries.filter((entry) => !entry.obsolete && entry.msgstr.every((text) => text === "")).map((entry) => entry.msgctxt)).toEqual(["book.toml:title"]);
    // The book translated with the migrated catalog reads exactly as the old catalog rendered it.
    const today = applyCatalog(prepareBook(config, read), catalogLookup(migrated));
    const before = new Map(applyCatalog(prepareBook(config, read, { legacyInlineHtml: true }), catalogLookup(original)).map((file) => [file.path, file.text]));
    for (const file of today) expect(file.text, file.path).toBe(before.get(file.path));
  }, 300_000);
});
