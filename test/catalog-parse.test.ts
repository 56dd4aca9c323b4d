import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import gettextParser from "gettext-parser";
import { parsePo, readPoFile } from "../src/catalog/parse.js";
import { PobookError } from "../src/errors.js";
import { getHeader } from "../src/catalog/types.js";
import { corpusCatalogs, gnuStatus, HAS_CORPUS } from "./helpers/gnu.js";

const tmp = mkdtempSync(join(tmpdir(), "pobook-parse-"));

function errorOf(text: string): PobookError {
  try {
    parsePo(text, "bad.po");
  } catch (error) {
    if (error instanceof PobookError) return error;
    throw error;
  }
  throw new Error("no error");
}

/** GNU msgfmt must reject the same input (so the error is about real PO syntax). */
function gnuRejects(text: string): boolean {
  const file = join(tmp, "bad.po");
  writeFileSync(file, text);
  return gnuStatus("msgfmt", ["-o", "/dev/null", file]).status !== 0;
}

const HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n';

describe("parsePo", () => {
  it.skipIf(!HAS_CORPUS)("reads the same messages as gettext-parser on the corpus catalogs", () => {
    for (const file of corpusCatalogs()) {
      const ours = readPoFile(file);
      const theirs = gettextParser.po.parse(readFileSync(file));
      const theirActive = Object.values(theirs.translations[""] ?? {}).filter((m) => m.msgid !== "");
      const ourActive = ours.entries.filter((e) => !e.obsolete);
      expect(ourActive.length).toBe(theirActive.length);
      const byId = new Map(theirActive.map((m) => [m.msgid, m]));
      for (const entry of ourActive) {
        const other = byId.get(entry.msgid);
        expect(other, entry.msgid).toBeDefined();
        expect(entry.msgstr).toEqual(other!.msgstr);
        expect(entry.references.join(" ")).toBe((other!.comments?.reference ?? "").split(/\s+/).filter(Boolean).join(" "));
      }
      const theirObsolete = Object.values(theirs.obsolete?.[""] ?? {}).filter((m) => m.msgid !== "");
      expect(ours.entries.filter((e) => e.obsolete).length).toBe(theirObsolete.length);
    }
  });

  it("keeps comments, flags, previous fields, plurals, contexts, obsolete entries and lines", () => {
    const text =
      "# header comment\n" +
      HEADER +
      "# translator\n#. extracted\n#: src/a.md:3 src/b.md\n#, fuzzy, c-format\n#| msgid \"old\"\nmsgctxt \"ctx\"\nmsgid \"\"\n\"new \"\n\"text\"\nmsgstr \"neu\"\n\n" +
      'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "eins"\nmsgstr[1] "viele"\n\n' +
      '# gone\n#, fuzzy\n#~| msgid "older"\n#~ msgid "gone"\n#~ msgstr "weg"\n';
    const catalog = parsePo(text, "x.po");
    expect(catalog.headerComments).toEqual(["header comment"]);
    expect(getHeader(catalog, "content-type")).toBe("text/plain; charset=UTF-8");
    const [first, plural, obsolete] = catalog.entries;
    expect(first).toMatchObject({
      msgctxt: "ctx",
      msgid: "new text",
      msgstr: ["neu"],
      translatorComments: ["translator"],
      extractedComments: ["extracted"],
      references: ["src/a.md:3", "src/b.md"],
      flags: ["fuzzy", "c-format"],
      previous: { msgid: "old" },
      obsolete: false,
      line: 5,
    });
    expect(plural).toMatchObject({ msgid: "one", msgidPlural: "many", msgstr: ["eins", "viele"], line: 16 });
    expect(obsolete).toMatchObject({
      msgid: "gone",
      msgstr: ["weg"],
      obsolete: true,
      translatorComments: ["gone"],
      previous: { msgid: "older" },
      line: 21,
    });
  });

  it("decodes C escapes", () => {
    const catalog = parsePo(HEADER + 'msgid "a\\tb\\n\\"q\\" \\\\ \\101\\x42"\nmsgstr ""\n', "x.po");
    expect(catalog.entries[0]!.msgid).toBe('a\tb\n"q" \\ AB');
  });

  const bad: Array<[string, string, number, RegExp]> = [
    ["unterminated string", HEADER + 'msgid "open\nmsgstr ""\n', 4, /unterminated string/],
    ["syntax error", HEADER + 'msgid "a"\nmsgstr "b"\nmsgfoo "c"\n', 6, /syntax error/],
    ["duplicate msgid", HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 7, /duplicate message definition \(first defined at line 4\)/],
    ["plural without msgstr[0]", HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\n', 4, /without msgstr\[0\]/],
    ["plural with plain msgstr", HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 4, /msgstr instead of msgstr\[0\]/],
    ["missing msgstr", HEADER + 'msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 6, /missing msgstr/],
    ["wrong charset", 'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n', 1, /unsupported charset 'ISO-8859-1'/],
    ["bad escape", HEADER + 'msgid "a\\qb"\nmsgstr ""\n', 4, /invalid escape/],
  ];
  for (const [name, text, line, message] of bad) {
    it(`rejects ${name} with file and line (GNU rejects it too)`, () => {
      const error = errorOf(text);
      expect(error.format()).toMatch(new RegExp(`^bad\\.po:${line}: `));
      expect(error.message).toMatch(message);
      expect(error.exitCode).toBe(2);
      if (name !== "wrong charset") expect(gnuRejects(text)).toBe(true);
    });
  }

  it("rejects bytes that are not UTF-8, naming the line", () => {
    const file = join(tmp, "latin1.po");
    writeFileSync(file, Buffer.concat([Buffer.from(HEADER + 'msgid "caf'), Buffer.from([0xe9]), Buffer.from('"\nmsgstr ""\n')]));
    expect(() => readPoFile(file)).toThrow(PobookError);
    try {
      readPoFile(file);
    } catch (error) {
      expect((error as PobookError).format()).toMatch(/latin1\.po:4: invalid UTF-8/);
    }
  });
});
