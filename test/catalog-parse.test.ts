import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import gettextParser from "gettext-parser";
import { parsePo, readPoFile } from "../src/catalog/parse.js";
import { PobookError } from "../src/errors.js";
import { getHeader } from "../src/catalog/types.js";
import { corpusCatalogs, gnu, gnuStatus, HAS_CORPUS } from "./helpers/gnu.js";
import { serializePo } from "../src/catalog/serialize.js";

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

  it("splits references and flags at any whitespace (tabs, runs of spaces, Unicode spaces), as GNU's reader does", () => {
    const text = HEADER + '#:  src/a.md:1\tsrc/b.md  src/c.md\u00a0src/d.md \n#: src/a.md:1\n#, fuzzy,c-format\t, no-wrap  ,\u2003python-format\nmsgid "a"\nmsgstr ""\n';
    const [entry] = parsePo(text, "x.po").entries;
    expect(entry!.references).toEqual(["src/a.md:1", "src/b.md", "src/c.md", "src/d.md"]);
    expect(entry!.flags).toEqual(["fuzzy", "c-format", "no-wrap", "python-format"]);
  });

  it("tells keyword lines apart: msgid_plural and msgstr[N] after the common msgid and msgstr", () => {
    const catalog = parsePo(HEADER + 'msgid"a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1]"y"\n\nmsgid\t"b"\nmsgstr ""\n', "x.po");
    expect(catalog.entries.map(({ msgid, msgidPlural, msgstr }) => ({ msgid, msgidPlural, msgstr }))).toEqual([
      { msgid: "a", msgidPlural: "as", msgstr: ["x", "y"] },
      { msgid: "b", msgidPlural: undefined, msgstr: [""] },
    ]);
    expect(errorOf(HEADER + 'msgidx "a"\nmsgstr ""\n').message).toMatch(/syntax error: unexpected 'msgidx'/);
    expect(errorOf(HEADER + 'msgid "a"\nmsgstr[0] "x"\n').message).toMatch(/msgstr\[N\] without msgid_plural/);
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
    ["missing msgstr", HEADER + 'msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 4, /^missing 'msgstr' section$/],
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

  // Issue 10 §5: msgfmt's message and line (the msgid's) whatever follows the msgid.
  const missingMsgstr: Array<[string, string]> = [
    ["another msgid", 'msgid "a"\n\nmsgid "b"\nmsgstr "B"\n'],
    ["the end of the file", 'msgid "b"\nmsgstr "B"\n\nmsgid "a"\n"continued"\n'],
    ["a comment", '#: x\nmsgid "a"\n#: y\nmsgid "b"\nmsgstr "B"\n'],
    ["a msgctxt", 'msgctxt "c"\nmsgid "a"\nmsgctxt "d"\nmsgid "b"\nmsgstr "B"\n'],
    ["an obsolete entry", 'msgid "a"\n#~ msgid "b"\n#~ msgstr "B"\n'],
    ["a plural msgid (msgstr[])", 'msgid "a"\nmsgid_plural "as"\n\nmsgid "b"\nmsgstr "B"\n'],
  ];
  for (const [name, body] of missingMsgstr) {
    it(`names a msgid without msgstr followed by ${name} like msgfmt`, () => {
      const text = HEADER + body;
      const file = join(tmp, "missing.po");
      writeFileSync(file, text);
      const gnuFirstLine = gnuStatus("msgfmt", ["-o", "/dev/null", file]).stderr.split("\n")[0]!;
      expect(gnuFirstLine).toMatch(/missing 'msgstr(\[\])?' section$/);
      const error = errorOf(text);
      expect(`${error.format().replace(/^bad\.po/, file)}`).toBe(gnuFirstLine);
    });
  }

  it("reads \\ooo and \\xhh escapes as bytes of UTF-8, as msgcat does", () => {
    // Split across escapes, strings and lines; greedy hex digits keep the low byte; an octal escape takes three digits at most.
    const text =
      HEADER +
      'msgid "caf\\303\\251"\nmsgstr "\\xc3\\xa9t\\xc3" "\\xa9 \\303"\n"\\251 \\x00c3\\xa9 \\1234 \\xe2\\x82\\xac \\360\\237\\230\\200"\n\n' +
      'msgid "plain é"\nmsgstr "\\x41\\102"\n';
    const file = join(tmp, "escapes.po");
    writeFileSync(file, text);
    const catalog = readPoFile(file);
    expect(catalog.entries[0]!.msgid).toBe("café");
    expect(catalog.entries[0]!.msgstr).toEqual(["été é é S4 € 😀"]);
    expect(catalog.entries[1]!.msgstr).toEqual(["AB"]);
    expect(serializePo(catalog)).toBe(gnu("msgcat", [file]));
  });

  it("knows an escaped é and a literal é are the same msgid (duplicate, as for msgfmt)", () => {
    const text = HEADER + 'msgid "é"\nmsgstr ""\n\nmsgid "\\303\\251"\nmsgstr ""\n';
    expect(errorOf(text).format()).toMatch(/^bad\.po:7: duplicate message definition \(first defined at line 4\)/);
    expect(gnuRejects(text)).toBe(true);
  });

  const badBytes: Array<[string, string, number, RegExp]> = [
    ["a lone lead byte", 'msgid "a"\nmsgstr "ok"\n"\\303"\n', 6, /^incomplete multibyte sequence/],
    ["a lead byte before ASCII", 'msgid "a"\nmsgstr ""\n"fine"\n"\\303A"\n', 7, /^invalid multibyte sequence/],
    ["greedy hex digits (\\x41BC is byte 0xBC)", 'msgid "x\\x41BC"\nmsgstr ""\n', 4, /^invalid multibyte sequence/],
    ["a Latin-1 byte", '#| msgid "caf\\xe9"\nmsgid "a"\nmsgstr ""\n', 4, /^incomplete multibyte sequence/],
  ];
  for (const [name, body, line, message] of badBytes) {
    it(`rejects escapes that are not UTF-8 (${name}) with the line of the bad byte`, () => {
      const error = errorOf(HEADER + body);
      expect(error.format()).toMatch(new RegExp(`^bad\\.po:${line}: `));
      expect(error.message).toMatch(message);
      expect(error.exitCode).toBe(2);
      // msgfmt compiles such bytes unchecked; msgcat, which reads them as text, rejects them (naming the msgstr's line; pobook names the bad byte's).
      const file = join(tmp, "bytes.po");
      writeFileSync(file, HEADER + body);
      const gnuResult = gnuStatus("msgcat", ["-o", "/dev/null", file]);
      expect(gnuResult.status).not.toBe(0);
      expect(gnuResult.stderr).toMatch(new RegExp(`bytes\\.po:\\d+: ${message.source.slice(1)}`));
    });
  }

  it("refuses a \\0 escape instead of cutting the string there as GNU does", () => {
    const text = HEADER + 'msgid "a"\nmsgstr "before\\0after"\n';
    expect(errorOf(text).format()).toBe("bad.po:5: '\\0' is a NUL byte, which GNU gettext cuts the string at; remove it");
    // msgcat keeps only "before": the reason for refusing.
    const file = join(tmp, "nul.po");
    writeFileSync(file, text);
    expect(gnu("msgcat", [file])).toContain('msgstr "before"\n');
  });

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
