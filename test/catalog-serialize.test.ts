import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePo, readPoFile } from "../src/catalog/parse.js";
import { createTemplate, formatReferences, serializePo, wrapString } from "../src/catalog/serialize.js";
import { newEntry, type Catalog } from "../src/catalog/types.js";
import { corpusCatalogs, gnu, gnuStatus, HAS_CORPUS } from "./helpers/gnu.js";

const tmp = mkdtempSync(join(tmpdir(), "pobook-serialize-"));

function msgcatOf(text: string): string {
  const file = join(tmp, "in.po");
  writeFileSync(file, text);
  return gnu("msgcat", ["--force-po", file]);
}

describe("round trip on the corpus catalogs", () => {
  it.skipIf(!HAS_CORPUS)("parse + serialize is byte-identical to the file and to msgcat's output", () => {
    const files = corpusCatalogs();
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const original = readFileSync(file, "utf8");
      const written = serializePo(readPoFile(file));
      expect(written === original, `${file} round trip`).toBe(true);
      expect(msgcatOf(written) === written, `${file} vs msgcat`).toBe(true);
    }
  });
});

describe("folding like GNU", () => {
  it("folds long strings after spaces and keeps the first line empty", () => {
    const text = "Rust is a modern systems programming language with a strong type system and no garbage collector.";
    expect(wrapString("", "msgid", text)).toBe(
      'msgid ""\n"Rust is a modern systems programming language with a strong type system and "\n"no garbage collector."\n',
    );
  });

  it("cuts after every \\n and escapes quotes, backslashes and tabs", () => {
    expect(wrapString("", "msgstr", 'a "b"\\\tc\nd')).toBe('msgstr ""\n"a \\"b\\"\\\\\\tc\\n"\n"d"\n');
  });

  it("writes short strings on one line, obsolete ones with #~ prefix", () => {
    expect(wrapString("#~ ", "msgid", "Hello")).toBe('#~ msgid "Hello"\n');
  });

  it("wraps #: references at 79 columns like msgcat", () => {
    const refs = Array.from({ length: 8 }, (_, i) => `src/chapter-${i}/some-long-file-name.md`);
    const out = formatReferences(refs);
    expect(out.split("\n").every((line) => line.length <= 79)).toBe(true);
    const catalog: Catalog = {
      headerComments: [],
      headers: [["Content-Type", "text/plain; charset=UTF-8"]],
      headerFlags: [],
      entries: [newEntry("x", { references: refs })],
    };
    const text = serializePo(catalog);
    expect(msgcatOf(text)).toBe(text);
  });

  it("agrees with msgcat on random text (CJK, Bengali, emoji, punctuation, escapes, flags, obsolete)", () => {
    const pieces = [
      "a", "word", "the ", "  ", " ", "-", "/", "(", ")", "[", "]", '"', "'", "\\", "\n", "\t", ",", ".", ":", "!",
      "?", "%", "$", "`", "<", ">", "42", "3.14", "漢字", "日本語の", "。", "「", "」", "한국어", "বাংলা", "।", "🦀",
      "👍🏽", "é", "—", "…", "«", "“", "\u00a0", "\u200b", "x".repeat(30), "https://example.com/a-b/c?d=1&e=2",
      "עברית", "‐", "🇧🇷", "\u200d", "\r",
    ];
    const text = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 50 }).map((parts) => parts.join(""));
    const entry = fc.record({
      msgid: text,
      msgstr: fc.oneof(text, fc.constant("")),
      fuzzy: fc.boolean(),
      previous: fc.option(text, { nil: undefined }),
      obsolete: fc.boolean(),
      // GNU's reader joins a line ending in a backslash with the next one, even in comments.
      comment: fc.option(text.map((t) => t.replace(/[\n\r]/g, " ").replace(/\\+$/, "")), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(entry, { minLength: 1, maxLength: 40, selector: (e) => e.msgid }), (raw) => {
        const catalog: Catalog = {
          headerComments: ["Test catalog."],
          headers: [["Content-Type", "text/plain; charset=UTF-8"]],
          headerFlags: [],
          entries: raw.map((e, i) =>
            newEntry(e.msgid, {
              msgstr: [e.msgstr],
              flags: e.fuzzy ? ["fuzzy"] : [],
              previous: e.previous === undefined ? undefined : { msgid: e.previous },
              obsolete: e.obsolete,
              translatorComments: e.comment === undefined ? [] : [e.comment],
              references: [`src/file-${i}.md:${i * 7}`, `src/other/path-${i}.md`],
            }),
          ),
        };
        const written = serializePo(catalog);
        expect(msgcatOf(written)).toBe(written);
        expect(serializePo(parsePo(written, "random.po"))).toBe(written);
      }),
      { numRuns: 25 },
    );
  });
});

describe("createTemplate", () => {
  it("builds a POT header like mdbook-xgettext that msgfmt --check accepts", () => {
    const pot = createTemplate(
      { projectIdVersion: "Comprehensive Rust 🦀", potCreationDate: "2024-07-09T12:20:23-07:00", language: "en" },
      [newEntry("Welcome", { references: ["src/index.md:1"] })],
    );
    const text = serializePo(pot);
    expect(text).toContain('"Content-Type: text/plain; charset=UTF-8\\n"');
    expect(text).toContain('"POT-Creation-Date: 2024-07-09T12:20:23-07:00\\n"');
    const file = join(tmp, "messages.pot");
    writeFileSync(file, text);
    const check = gnuStatus("msgfmt", ["--check", "-o", "/dev/null", file]);
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    expect(msgcatOf(text)).toBe(text);
  });
});
