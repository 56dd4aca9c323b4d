import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { advancedCreationDate, isPlainText, normalizeCatalog, type NormalizeOptions } from "../src/catalog/normalize.js";
import { parsePo, readPoFile } from "../src/catalog/parse.js";
import { serializePo } from "../src/catalog/serialize.js";
import { entryKey, isFuzzy, newEntry, type Catalog } from "../src/catalog/types.js";
import { segmentMarkdown } from "../src/markdown/segment.js";
import { BN_BOOK, hasCorpus, NO_CORPUS, PT_BOOK } from "./helpers/corpus.js";
import { gnu, gnuStatus } from "./helpers/gnu.js";
import { joinedCorpusLists, sourceReader } from "./helpers/joined-lists.js";

const HEADER = `msgid ""
msgstr ""
"Project-Id-Version: Demo\\n"
"POT-Creation-Date: 2008-02-06 16:25+0000\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

`;

function po(body: string): Catalog {
  return parsePo(HEADER + body, "test.po");
}

/** A catalog of `[msgid, msgstr]` pairs, the i-th referenced as foo.md:i+1. */
function pairs(...messages: Array<[string, string]>): Catalog {
  return {
    headerComments: [],
    headers: [["Content-Type", "text/plain; charset=UTF-8"]],
    headerFlags: [],
    entries: messages.map(([msgid, msgstr], index) => newEntry(msgid, { msgstr: [msgstr], references: [`foo.md:${index + 1}`] })),
  };
}

type Row = [fuzzy: boolean, msgid: string, msgstr: string];

function rows(catalog: Catalog, options?: NormalizeOptions): Row[] {
  return normalizeCatalog(catalog, options)
    .catalog.entries.filter((entry) => !entry.obsolete)
    .map((entry) => [isFuzzy(entry), entry.msgid, entry.msgstr[0]!]);
}

const exact = (msgid: string, msgstr: string): Row => [false, msgid, msgstr];
const fuzzy = (msgid: string, msgstr: string): Row => [true, msgid, msgstr];

describe("normalizeCatalog: re-segmenting", () => {
  it("joins soft line breaks in msgid and msgstr", () => {
    expect(rows(pairs(["foo\nbar", "FOO\nBAR\nBAZ"]))).toEqual([exact("foo bar", "FOO BAR BAZ")]);
  });

  it("respells emphasis and strong emphasis as today's extractor writes them", () => {
    expect(rows(pairs(["Some *emphasis*\nand __strong__ text", "Algum *ênfase*\ne __forte__ texto"]))).toEqual([
      exact("Some _emphasis_ and **strong** text", "Algum _ênfase_ e **forte** texto"),
    ]);
  });

  it("splits paragraphs and keeps each translation", () => {
    expect(rows(pairs(["foo\n\nbar", "FOO\n\nBAR"]))).toEqual([exact("foo", "FOO"), exact("bar", "BAR")]);
  });

  it("splits a whole list into its items (0.1 catalogs)", () => {
    expect(rows(pairs(["* foo\n* bar", "* FOO\n* BAR"]))).toEqual([exact("foo", "FOO"), exact("bar", "BAR")]);
    expect(rows(pairs(["1. one\n2. two\n   more", "1. UM\n2. DOIS\n   MAIS"]))).toEqual([
      exact("one", "UM"),
      exact("two more", "DOIS MAIS"),
    ]);
  });

  it("joins surplus translation parts into the last message, marked fuzzy (upstream's rule)", () => {
    expect(rows(pairs(["foo\n\nbar", "FOO\n\nBAR\n\nBAZ"]))).toEqual([fuzzy("foo", "FOO"), fuzzy("bar", "BAR\n\nBAZ")]);
    expect(rows(pairs(["* foo\n* bar", "* FOO\n* BAR\n* BAZ"]))).toEqual([fuzzy("foo", "FOO"), fuzzy("bar", "BAR\n\nBAZ")]);
  });

  it("leaves messages without a translation part untranslated, the others fuzzy", () => {
    expect(rows(pairs(["foo\n\nbar\n\nbaz", "FOO\n\nBAR"]))).toEqual([
      fuzzy("foo", "FOO"),
      fuzzy("bar", "BAR"),
      exact("baz", ""),
    ]);
  });

  it("keeps an old fuzzy flag on every part", () => {
    const catalog = po(`#, fuzzy\nmsgid "foo\\n\\nbar"\nmsgstr "FOO\\n\\nBAR"\n`);
    expect(rows(catalog)).toEqual([fuzzy("foo", "FOO"), fuzzy("bar", "BAR")]);
  });

  it("splits block quotes, tables and block HTML", () => {
    expect(rows(pairs(["> * foo bar\n>   baz\n> * quux", "> * FOO BAR\n>   BAZ\n> * QUUX"]))).toEqual([
      exact("foo bar baz", "FOO BAR BAZ"),
      exact("quux", "QUUX"),
    ]);
    expect(
      rows(pairs(["|        | Types     |\n|--------|-----------|\n| Arrays | `[T; N]`  |", "|   | TIPOS |\n|---|---|\n| MATRIZES | `[T; N]` |"])),
    ).toEqual([exact("Types", "TIPOS"), exact("Arrays", "MATRIZES"), exact("`[T; N]`", "`[T; N]`")]);
    expect(rows(pairs(['<div class="warning">\n\nfoo\n\n</div>', '<div class="warning">\n\nFOO\n\n</div>']))).toEqual([
      exact("foo", "FOO"),
    ]);
  });

  it("turns a whole code block (before 0.3) into its comment and string messages", () => {
    expect(
      rows(pairs(["```rust,editable\n// Example\nfoo\n\n* bar\n```", "```rust,editable\n// Beispiel\nFOO\n\n* BAR\n```"])),
    ).toEqual([exact("// Example\n", "// Beispiel\n")]);
  });

  it("keeps a translated message that no longer yields any as obsolete, drops an untranslated one", () => {
    const result = normalizeCatalog(pairs(["<b>", "<b>"], ["<i>", ""], ["foo", "FOO"]));
    expect(result.catalog.entries.map((e) => [e.msgid, e.obsolete])).toEqual([
      ["<b>", true],
      ["foo", false],
    ]);
    expect(serializePo(result.catalog)).toBe(`msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n#: foo.md:3\nmsgid "foo"\nmsgstr "FOO"\n\n#: foo.md:1\n#~ msgid "<b>"\n#~ msgstr "<b>"\n`);
    expect(result.stats.obsoleted).toBe(1);
  });

  it("drops an obsolete entry an active one now duplicates, after filling an empty translation from it", () => {
    const catalog = po(`msgid "* a\\n* b"\nmsgstr ""\n\nmsgid "c\\n\\nd"\nmsgstr "C\\n\\nD"\n\n#~ msgid "a"\n#~ msgstr "A"\n\n#~ msgid "c"\n#~ msgstr "C old"\n\n#~ msgid "e"\n#~ msgstr "E"\n`);
    const result = normalizeCatalog(catalog);
    expect(result.catalog.entries.map((e) => [e.obsolete, e.msgid, e.msgstr[0]])).toEqual([
      [false, "a", "A"],
      [false, "b", ""],
      [false, "c", "C"],
      [false, "d", "D"],
      [true, "e", "E"],
    ]);
    expect(result.stats.superseded).toBe(2);
  });

  it("moves line references to each part's line", () => {
    const catalog = po(`#: src/a.md:10 src/b.md:3 src/c.md\nmsgid "foo\\n\\n\\nbar\\nbaz\\n\\nquux"\nmsgstr ""\n`);
    expect(normalizeCatalog(catalog).catalog.entries.map((e) => [e.msgid, e.references])).toEqual([
      ["foo", ["src/a.md:10", "src/b.md:3", "src/c.md"]],
      ["bar baz", ["src/a.md:13", "src/b.md:6", "src/c.md"]],
      ["quux", ["src/a.md:16", "src/b.md:9", "src/c.md"]],
    ]);
  });

  it("resolves a reference link with a definition in another message of the same file", () => {
    expect(
      rows(
        pairs(
          ["Before.", "ANTES."],
          ["foo [bar][ref] baz", "FOO [BAR][ref] BAZ"],
          ["[ref]: http://example.net/\n[other]: http://example.com/", "[ref]: HTTP://EXAMPLE.NET/\n[other]: HTTP://EXAMPLE.COM/"],
        ),
      ),
    ).toEqual([exact("Before.", "ANTES."), exact("foo [bar](http://example.net/) baz", "FOO [BAR](HTTP://EXAMPLE.NET/) BAZ")]);
  });

  it("resolves a reference link with a definition only in the source file (0.1 to 0.2 catalogs)", () => {
    const catalog = po(`#: src/a.md:1\nmsgid "See [the docs][docs]\\nfor more."\nmsgstr "Veja [a documentação][docs]\\npara mais."\n`);
    const source = "See [the docs][docs]\nfor more.\n\n[docs]: https://doc.rust-lang.org/\n";
    const readSource = (path: string): string | undefined => (path === "src/a.md" ? source : undefined);
    expect(rows(catalog, { readSource })).toEqual([
      exact("See [the docs](https://doc.rust-lang.org/) for more.", "Veja [a documentação](https://doc.rust-lang.org/) para mais."),
    ]);
  });
});

describe("normalizeCatalog: merging duplicates", () => {
  it("keeps the first translation and combines references", () => {
    const result = normalizeCatalog(pairs(["foo", "FOO 1"], ["# foo", "# FOO 2"]));
    expect(result.catalog.entries.map((e) => [e.msgid, e.msgstr[0], e.references])).toEqual([
      ["foo", "FOO 1", ["foo.md:1", "foo.md:2"]],
    ]);
  });

  it("fills an empty translation from a later duplicate, with its fuzzy flag", () => {
    expect(rows(pairs(["foo", ""], ["# foo", "# FOO 2"]))).toEqual([exact("foo", "FOO 2")]);
    const catalog = po(`msgid "foo"\nmsgstr ""\n\n#, fuzzy\nmsgid "# foo"\nmsgstr "# FOO 2"\n`);
    expect(rows(catalog)).toEqual([fuzzy("foo", "FOO 2")]);
  });
});

describe("normalizeCatalog: what it leaves alone", () => {
  const MIXED = `# Translator's note
#. extracted comment
#: src/a.md:1
msgid "Line one\\nline two"
msgstr "Linha um\\nlinha dois"

#: src/a.md:5
msgid "// A comment run keeps its newline\\n// across lines.\\n"
msgstr "// Um comentário\\n// em linhas.\\n"

#: src/a.md:9
msgid "\\"A string *literal*\\""
msgstr "\\"Uma *literal*\\""

#: src/a.md:11
msgid "You can use "
msgstr "Você pode usar "

#: src/a.md:12
msgid "<stdio.h>"
msgstr "<stdio.h>"

msgid "One file"
msgid_plural "%d files"
msgstr[0] "Um arquivo"
msgstr[1] "%d arquivos"

#~ msgid "Old\\nmessage"
#~ msgstr "Mensagem\\nantiga"
`;

  it("keeps translator comments on the first part, and code, fragments, plurals and obsolete entries as they are", () => {
    const before = po(MIXED);
    const snapshot = JSON.stringify(before);
    const { catalog } = normalizeCatalog(before);
    expect(JSON.stringify(before)).toBe(snapshot); // the input is not modified
    expect(catalog.entries[0]).toMatchObject({
      msgid: "Line one line two",
      msgstr: ["Linha um linha dois"],
      translatorComments: ["Translator's note"],
      extractedComments: ["extracted comment"],
    });
    expect(catalog.entries.slice(1)).toEqual(before.entries.slice(1));
    expect(catalog.headers).toEqual([
      ["Project-Id-Version", "Demo"],
      ["POT-Creation-Date", "2008-02-06 16:26+0000"],
      ["Content-Type", "text/plain; charset=UTF-8"],
      ["Plural-Forms", "nplurals=2; plural=(n != 1);"],
    ]);
  });

  it("is idempotent: a normalized catalog comes back byte-identical, date included", () => {
    const once = serializePo(normalizeCatalog(po(MIXED + `\nmsgid "* a\\n* b\\n\\n> c"\nmsgstr "* A\\n* B\\n\\n> C"\n`)).catalog);
    const again = normalizeCatalog(parsePo(once, "once.po"));
    expect(again.changed).toBe(false);
    expect(serializePo(again.catalog)).toBe(once);
  });

  it.skipIf(!hasCorpus)("changes nothing in the real catalogs (pt-BR with and without its sources, bn)", () => {
    const text = readFileSync(join(PT_BOOK, "po", "pt-BR.po"), "utf8");
    for (const readSource of [undefined, sourceReader(PT_BOOK)]) {
      const result = normalizeCatalog(parsePo(text, "pt-BR.po"), { readSource });
      expect(result.stats.resegmented).toBe(0);
      expect(serializePo(result.catalog)).toBe(text);
    }
    const bn = readFileSync(join(BN_BOOK, "po", "bn.po"), "utf8");
    expect(serializePo(normalizeCatalog(parsePo(bn, "bn.po")).catalog)).toBe(bn);
  });
});

describe("isPlainText (the fast path that skips parsing)", () => {
  it("only accepts text that segments into exactly itself", () => {
    const alphabet = fc.constantFrom(..."ab 1.)-+:=!?'\"{}()/\t*_`[]<>#|\\&~\n".split(""));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }).map((chars) => chars.join("")), (text) => {
        if (isPlainText(text)) expect(segmentMarkdown(text).map((m) => m.msgid)).toEqual([text]);
      }),
      { numRuns: 5000 },
    );
    expect(["Hello, world!", "Rust 1.0 (2015)", "2. Sem marcador"].map(isPlainText)).toEqual([true, true, false]);
    expect(["---", "- - -", "+ item", "1) um", "a_b", " lead"].some(isPlainText)).toBe(false);
  });
});

describe("advancedCreationDate", () => {
  it("adds a minute, in UTC, as upstream marks a normalized catalog", () => {
    expect(advancedCreationDate("2008-02-06 16:25+0000")).toBe("2008-02-06 16:26+0000");
    expect(advancedCreationDate("2024-07-09T12:20:23-07:00")).toBe("2024-07-09 19:21+0000");
    expect(advancedCreationDate("2023-12-31 23:59+0000")).toBe("2024-01-01 00:00+0000");
    expect(advancedCreationDate("not a valid date")).toBeUndefined();
  });
});

describe.skipIf(!hasCorpus)(hasCorpus ? "the issue's acceptance: whole-list messages from the pt-BR corpus" : NO_CORPUS, () => {
  it("restores per-item messages with every translation kept exactly", () => {
    const original = readPoFile(join(PT_BOOK, "po", "pt-BR.po"));
    const { lists, old } = joinedCorpusLists(original);
    expect(lists.length).toBeGreaterThan(50);
    expect(old.entries.length).toBeLessThan(original.entries.length);

    const { catalog, stats } = normalizeCatalog(old, { readSource: sourceReader(PT_BOOK) });
    const result = new Map(catalog.entries.map((e) => [entryKey(e), e]));
    let restored = 0;
    let respelled = 0;
    const expected = new Map(original.entries.filter((e) => !e.obsolete).map((e) => [entryKey(e), e.msgstr.join("\0")]));
    for (const list of lists) {
      for (const item of list.items) {
        const entry = result.get(entryKey(item));
        expect(entry, item.msgid).toBeDefined();
        expect(isFuzzy(entry!)).toBe(false);
        // The translation comes back as the translator wrote it, unless the extractor spells the same
        // Markdown differently (`(_borrow)` is written `(\_borrow)`), as for every re-segmented text.
        const spelled = segmentMarkdown(item.msgstr[0]!)[0]!.msgid;
        expect(entry!.msgstr).toEqual([spelled]);
        if (spelled === item.msgstr[0]) restored++;
        else {
          respelled++;
          expected.set(entryKey(item), spelled);
        }
      }
    }
    expect(restored).toBeGreaterThan(150);
    expect(respelled).toBeLessThan(restored / 20);
    expect(stats.fuzzy).toBe(0);
    // Nothing else was lost or changed: the same messages with the same translations as the real catalog.
    const asMap = (c: Catalog): Map<string, string> => new Map(c.entries.filter((e) => !e.obsolete).map((e) => [entryKey(e), e.msgstr.join("\0")]));
    expect(asMap(catalog)).toEqual(expected);
    // GNU gettext accepts the result as it is.
    const path = join(mkdtempSync(join(tmpdir(), "pobook-normalize-")), "pt-BR.po");
    writeFileSync(path, serializePo(catalog));
    expect(gnuStatus("msgfmt", ["--check", "-o", "/dev/null", path])).toEqual({ status: 0, stderr: "" });
    expect(gnu("msgcat", [path])).toBe(readFileSync(path, "utf8"));
    console.log(`pt-BR: ${lists.length} lists joined, ${restored} item translations restored exactly, ${respelled} respelled`);
  });
});
