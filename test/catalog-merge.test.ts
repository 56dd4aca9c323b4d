import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePo } from "../src/catalog/parse.js";
import { serializePo } from "../src/catalog/serialize.js";
import { mergeCatalog } from "../src/catalog/merge.js";
import { fstrcmp, FuzzyIndex } from "../src/catalog/fuzzy-match.js";
import { getHeader } from "../src/catalog/types.js";
import { corpusCatalogs, gnu, HAS_CORPUS } from "./helpers/gnu.js";

const tmp = mkdtempSync(join(tmpdir(), "pobook-merge-"));

// Header fields in the order msgmerge writes them, so whole files can be compared.
const OLD_HEADER = `# Portuguese translation.
msgid ""
msgstr ""
"Project-Id-Version: Demo\\n"
"POT-Creation-Date: 2024-01-01 10:00+0000\\n"
"PO-Revision-Date: 2024-02-01 10:00+0000\\n"
"Last-Translator: Ana <ana@example.com>\\n"
"Language-Team: Portuguese\\n"
"Language: pt_BR\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
`;
const POT_HEADER = `msgid ""
msgstr ""
"Project-Id-Version: Demo\\n"
"POT-Creation-Date: 2025-05-05T05:05:05+00:00\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
`;

const OLD = `${OLD_HEADER}
# Keep this wording.
#. old extracted comment
#: src/old.md:1
msgid "Welcome to the course"
msgstr "Bem-vindo ao curso"

#: src/a.md:3
msgid "The borrow checker rejects this program because the reference outlives the value."
msgstr "O verificador de empréstimos rejeita este programa porque a referência vive mais que o valor."

#: src/a.md:9
#, fuzzy
#| msgid "Closures capture variables"
msgid "Closures capture their environment"
msgstr "Closures capturam variáveis"

msgid "Gone for good"
msgstr "Foi embora"

msgid "Never translated"
msgstr ""

msgctxt "menu"
msgid "Open"
msgstr "Abrir"

msgid "one file"
msgid_plural "%d files"
msgstr[0] "um arquivo"
msgstr[1] "%d arquivos"

#~ msgid "Revived from the dead"
#~ msgstr "Revivido dos mortos"
`;

const TEMPLATE = `${POT_HEADER}
#. new extracted comment
#: src/index.md:1 src/intro.md:4
msgid "Welcome to the course"
msgstr ""

#: src/a.md:3
msgid "The borrow checker rejects this program because the reference outlives its value."
msgstr ""

#: src/a.md:9
msgid "Closures capture their environment"
msgstr ""

#: src/b.md:1
msgid "Revived from the dead"
msgstr ""

#: src/c.md:2
msgid "Something completely different"
msgstr ""

msgctxt "menu"
msgid "Open"
msgstr ""

msgid "one file"
msgid_plural "%d files"
msgstr[0] ""
msgstr[1] ""

msgid "one new plural"
msgid_plural "many new plurals"
msgstr[0] ""
msgstr[1] ""
`;

function gnuMerge(oldText: string, templateText: string, extra: string[] = []): string {
  const oldFile = join(tmp, "old.po");
  const potFile = join(tmp, "messages.pot");
  writeFileSync(oldFile, oldText);
  writeFileSync(potFile, templateText);
  return gnu("msgmerge", ["--quiet", "--previous", ...extra, oldFile, potFile, "-o", "-"]);
}

function ourMerge(oldText: string, templateText: string, options = {}) {
  return mergeCatalog(parsePo(oldText, "old.po"), parsePo(templateText, "messages.pot"), options);
}

describe("mergeCatalog", () => {
  it("writes exactly what msgmerge --previous writes", () => {
    const { catalog, stats } = ourMerge(OLD, TEMPLATE);
    expect(serializePo(catalog)).toBe(gnuMerge(OLD, TEMPLATE));
    expect(stats).toEqual({ kept: 5, fuzzy: 1, new: 2, obsolete: 1, autoCleared: 0, refusedCrossKind: 0 });
  });

  it("keeps translations, translator comments and fuzzy state; takes references and #. from the template", () => {
    const { catalog } = ourMerge(OLD, TEMPLATE);
    const welcome = catalog.entries.find((e) => e.msgid === "Welcome to the course")!;
    expect(welcome).toMatchObject({
      msgstr: ["Bem-vindo ao curso"],
      translatorComments: ["Keep this wording."],
      extractedComments: ["new extracted comment"],
      references: ["src/index.md:1", "src/intro.md:4"],
      flags: [],
    });
    expect(welcome.previous).toBeUndefined();
    const closures = catalog.entries.find((e) => e.msgid === "Closures capture their environment")!;
    expect(closures.flags).toEqual(["fuzzy"]);
    expect(closures.previous).toEqual({ msgid: "Closures capture variables" });
    const revived = catalog.entries.find((e) => e.msgid === "Revived from the dead")!;
    expect(revived).toMatchObject({ obsolete: false, msgstr: ["Revivido dos mortos"], flags: [] });
  });

  it("marks a similar old translation fuzzy with the old msgid as #| msgid", () => {
    const { catalog } = ourMerge(OLD, TEMPLATE);
    const changed = catalog.entries.find((e) => e.msgid.endsWith("outlives its value."))!;
    expect(changed.flags).toEqual(["fuzzy"]);
    expect(changed.msgstr[0]).toMatch(/^O verificador/);
    expect(changed.previous?.msgid).toMatch(/outlives the value\.$/);
    const different = catalog.entries.find((e) => e.msgid === "Something completely different")!;
    expect(different.msgstr).toEqual([""]);
  });

  it("makes vanished translated messages obsolete at the end, or drops them with keepObsolete: false", () => {
    const { catalog } = ourMerge(OLD, TEMPLATE);
    const obsolete = catalog.entries.filter((e) => e.obsolete);
    // "Never translated" vanishes too, but GNU keeps no untranslated obsolete entry.
    expect(obsolete.map((e) => e.msgid)).toEqual(["Gone for good"]);
    const dropped = ourMerge(OLD, TEMPLATE, { keepObsolete: false }).catalog;
    expect(dropped.entries.some((e) => e.obsolete)).toBe(false);
  });

  it("updates only POT-Creation-Date in the header", () => {
    const old = parsePo(OLD, "old.po");
    const { catalog } = ourMerge(OLD, TEMPLATE);
    expect(getHeader(catalog, "POT-Creation-Date")).toBe("2025-05-05T05:05:05+00:00");
    expect(catalog.headers.filter(([n]) => n !== "POT-Creation-Date")).toEqual(
      old.headers.filter(([n]) => n !== "POT-Creation-Date"),
    );
    expect(catalog.headerComments).toEqual(["Portuguese translation."]);
  });

  it("without fuzzy matching, like msgmerge --no-fuzzy-matching", () => {
    const { catalog, stats } = ourMerge(OLD, TEMPLATE, { fuzzyMatching: false });
    expect(serializePo(catalog)).toBe(gnuMerge(OLD, TEMPLATE, ["--no-fuzzy-matching"]));
    expect(stats.fuzzy).toBe(0);
  });

  it("is idempotent: merging the result again changes nothing", () => {
    const once = serializePo(ourMerge(OLD, TEMPLATE).catalog);
    const twice = serializePo(ourMerge(once, TEMPLATE).catalog);
    expect(twice).toBe(once);
  });

  it.skipIf(!HAS_CORPUS)("is idempotent on a real catalog and its own template", () => {
    const file = corpusCatalogs().find((f) => f.endsWith("pt-BR.po"))!;
    const text = readFileSync(file, "utf8");
    const catalog = parsePo(text, file);
    const template = { ...catalog, entries: catalog.entries.filter((e) => !e.obsolete).map((e) => ({ ...e, msgstr: [""] })) };
    const merged = serializePo(mergeCatalog(catalog, template).catalog);
    expect(merged === text).toBe(true);
  });
});

describe("fuzzy matching", () => {
  it("fstrcmp is GNU's similarity: 2 x common subsequence / total bytes", () => {
    expect(fstrcmp("close", "close")).toBe(1);
    expect(fstrcmp("", "")).toBe(1);
    expect(fstrcmp("abc", "")).toBe(0);
    expect(fstrcmp("close", "losers")).toBeCloseTo((2 * 4) / 11, 12);
    expect(fstrcmp("ação", "acao")).toBeCloseTo((2 * 2) / 10, 12); // bytes, not characters
    const long = "x".repeat(70) + "y".repeat(70);
    expect(fstrcmp(long, "y".repeat(70) + "x".repeat(70))).toBeCloseTo(140 / 280, 12);
  });

  it("picks the most similar translated message above 0.6, or none", () => {
    const index = new FuzzyIndex([
      { msgid: "Rust has no garbage collector." },
      { msgid: "Rust has a garbage collector?" },
      { msgid: "Completely unrelated sentence here." },
    ]);
    expect(index.search(undefined, "Rust has no garbage collector!")).toBe(0);
    expect(index.search(undefined, "Something else entirely, nothing alike at all")).toBe(-1);
  });
});
