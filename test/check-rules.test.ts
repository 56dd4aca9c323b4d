// Catalog-level rules over hand-built catalogs: header, charset, plural
// forms, c-format, duplicates, msgid changes, severities.
import { describe, expect, test } from "vitest";
import { pluralCount, pluralFormsFor } from "../src/catalog/plural-forms.js";
import { newEntry, type Catalog, type PoEntry } from "../src/catalog/types.js";
import { checkCFormat, printfArguments } from "../src/check/c-format.js";
import { checkDuplicates, entryStartLine } from "../src/check/duplicates.js";
import { checkCharset, checkHeaderFields } from "../src/check/header.js";
import { checkCatalog, hasErrors } from "../src/check/index.js";
import { checkMsgidChanges } from "../src/check/msgid-changes.js";
import { checkPluralForms, parsePluralForms } from "../src/check/plural-forms.js";
import { formatFinding } from "../src/check/report.js";

const GOOD_HEADERS: Catalog["headers"] = [
  ["Project-Id-Version", "Comprehensive Rust 🦀"],
  ["POT-Creation-Date", "2024-07-09T12:20:23-07:00"],
  ["PO-Revision-Date", "2023-08-25 09:32-0700"],
  ["Last-Translator", ""],
  ["Language-Team", ""],
  ["Language", "pt_BR"],
  ["MIME-Version", "1.0"],
  ["Content-Type", "text/plain; charset=UTF-8"],
  ["Content-Transfer-Encoding", "8bit"],
  ["Plural-Forms", "nplurals=2; plural=(n > 1);"],
];

function catalog(entries: PoEntry[], headers = GOOD_HEADERS): Catalog {
  return { headerComments: [], headers: headers.map(([name, value]) => [name, value]), headerFlags: [], entries };
}

function withHeader(name: string, value: string | undefined): Catalog["headers"] {
  const headers = GOOD_HEADERS.filter(([key]) => key !== name);
  return value === undefined ? headers : [...headers, [name, value]];
}

describe("header fields", () => {
  test("a complete header passes (empty Last-Translator is not a template value)", () => {
    expect(checkHeaderFields(catalog([]))).toEqual([]);
  });
  test("missing fields, template values, no header", () => {
    expect(checkHeaderFields(catalog([], withHeader("Language", undefined))).map((f) => f.message)).toEqual(["header field 'Language' is missing"]);
    expect(checkHeaderFields(catalog([], withHeader("Last-Translator", "FULL NAME <EMAIL@ADDRESS>")))[0]!.message).toContain("template value");
    expect(checkHeaderFields(catalog([], []))).toEqual([{ line: 1, rule: "header-field", message: 'catalog has no header entry (msgid "")' }]);
  });
});

describe("charset", () => {
  test("UTF-8 in any spelling passes", () => {
    expect(checkCharset(catalog([], withHeader("Content-Type", "text/plain; charset=utf8")))).toEqual([]);
  });
  test("template, missing and foreign charsets", () => {
    expect(checkCharset(catalog([], withHeader("Content-Type", "text/plain; charset=CHARSET")))[0]!.message).toContain("'CHARSET' is not UTF-8");
    expect(checkCharset(catalog([], withHeader("Content-Type", "text/plain")))[0]!.message).toContain("names no charset");
    expect(checkCharset(catalog([], withHeader("Content-Type", undefined)))[0]!.rule).toBe("charset");
  });
});

describe("plural forms", () => {
  test("parses and evaluates real Plural-Forms", () => {
    const polish = parsePluralForms("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);");
    expect(typeof polish === "string" ? polish : [1, 2, 5, 22, 112].map((n) => polish.select(n))).toEqual([0, 1, 2, 1, 2]);
    const one = parsePluralForms("nplurals=1; plural=0;");
    expect(typeof one === "string" ? one : one.nplurals).toBe(1);
  });
  test("accepts every Plural-Forms that pobook init writes", () => {
    for (const language of ["ja", "en", "pt-BR", "fr", "ru", "cs", "pl", "ro", "lt", "lv", "sl", "ga", "ar", "cy", "is", "mk"]) {
      const value = pluralFormsFor(language)!;
      const forms = parsePluralForms(value);
      expect(typeof forms === "string" ? forms : forms.nplurals, language).toBe(pluralCount(value));
    }
  });
  test("rejects broken expressions", () => {
    expect(parsePluralForms("nplurals=2; plural=n > 1 ? 2 : 0;")).toContain("gives form 2 for n=2");
    expect(parsePluralForms("nplurals=2; plural=alert(1);")).toContain("is not a C expression over n");
    expect(parsePluralForms("nplurals=2; plural=(n > 1;")).toContain("does not parse");
    expect(parsePluralForms("plural=n != 1;")).toContain("no nplurals");
  });
  test("plural entries must have nplurals forms", () => {
    const entries = [
      newEntry("file", { msgidPlural: "files", msgstr: ["arquivo", "arquivos"], line: 10 }),
      newEntry("dir", { msgidPlural: "dirs", msgstr: ["pasta"], line: 14 }),
    ];
    expect(checkPluralForms(catalog(entries))).toEqual([
      { line: 14, rule: "plural-forms", message: "entry has 1 msgstr forms, Plural-Forms says nplurals=2" },
    ]);
    expect(checkPluralForms(catalog(entries, withHeader("Plural-Forms", undefined)))[0]!.message).toBe(
      "catalog has 2 plural entries but no Plural-Forms header",
    );
    expect(checkPluralForms(catalog([], withHeader("Plural-Forms", undefined)))).toEqual([]);
  });
});

describe("c-format", () => {
  test("printf arguments by position", () => {
    expect(printfArguments("%s has %5.2f%% of %ld")).toEqual(new Map([[1, "s"], [2, "f"], [3, "d"]]));
    expect(printfArguments("%2$d and %1$s")).toEqual(new Map([[1, "s"], [2, "d"]]));
  });
  test("only flagged entries, reordering allowed, types must agree", () => {
    const entry = (msgstr: string, flags = ["c-format"]): PoEntry => newEntry("%s has %d items", { msgstr: [msgstr], flags, line: 5 });
    expect(checkCFormat(entry("%2$d itens em %1$s"))).toEqual([]);
    expect(checkCFormat(entry("%d itens em %s"))).toEqual([
      { line: 5, rule: "c-format", message: "msgstr takes 1:%d 2:%s, msgid takes 1:%s 2:%d" },
    ]);
    expect(checkCFormat(entry("%d itens em %s", []))).toEqual([]);
    expect(checkCFormat(entry("%d itens em %s", ["c-format", "no-c-format"]))).toEqual([]);
    expect(checkCFormat(entry(""))).toEqual([]);
  });
});

describe("duplicates", () => {
  test("same msgctxt + msgid twice among active entries", () => {
    const entries = [
      newEntry("Ownership", { msgstr: ["Posse"], line: 3 }),
      newEntry("Ownership", { msgctxt: "legal", msgstr: ["Propriedade"], line: 7 }),
      newEntry("Ownership", { msgstr: ["Posse"], obsolete: true, line: 11 }),
      newEntry("Ownership", { msgstr: ["Propriedade"], line: 15 }),
    ];
    expect(checkDuplicates(catalog(entries))).toEqual([{ line: 15, rule: "duplicate-msgid", message: "duplicate of the entry at line 3" }]);
  });
});

describe("msgid changes", () => {
  const before = catalog([newEntry("Hello", { line: 14 }), newEntry("Old", { line: 18, obsolete: true })]);
  test("edited msgid with the same POT-Creation-Date", () => {
    const after = catalog([newEntry("Hello!", { line: 14 })]);
    expect(checkMsgidChanges(before, after, "HEAD~1")).toEqual([
      {
        line: 14,
        rule: "msgid-changes",
        message:
          "msgids changed since HEAD~1 (1 added, 1 removed, first new msgid \"Hello!\") but POT-Creation-Date is still 2024-07-09T12:20:23-07:00: msgids must come from the sources via 'pobook update', not be edited",
      },
    ]);
  });
  test("no finding when msgids are the same or the date moved", () => {
    expect(checkMsgidChanges(before, catalog([newEntry("Hello", { msgstr: ["Olá"], line: 14 })]), "main")).toEqual([]);
    const updated = catalog([newEntry("Hello!", { line: 14 })], withHeader("POT-Creation-Date", "2024-08-01T00:00:00Z"));
    expect(checkMsgidChanges(before, updated, "main")).toEqual([]);
  });
});

describe("checkCatalog and severities", () => {
  const broken = catalog([newEntry("Call `f()`", { msgstr: ["Chame `g()`"], line: 20 }), newEntry("Cell", { msgstr: ["Cé\nlula"], line: 24 })]);
  test("findings carry file, severity, and print as FILE:LINE: rule: message", () => {
    const findings = checkCatalog(broken, "po/pt-BR.po");
    expect(findings.map(formatFinding)).toEqual([
      "po/pt-BR.po:20: code-span: code spans differ: msgid's `f()` missing; msgstr adds `g()`",
      "po/pt-BR.po:24: single-line: msgid is a single line (a heading or table cell keeps it so) but the msgstr spans several lines (warning)",
    ]);
    expect(hasErrors(findings)).toBe(true);
  });
  test("--warn and --error overrides", () => {
    const findings = checkCatalog(broken, "po/pt-BR.po", { "code-span": "warning", "single-line": "error" });
    expect(findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ["code-span", "warning"],
      ["single-line", "error"],
    ]);
  });
});

describe("entryStartLine", () => {
  test("comments and msgctxt above a msgid belong to its entry", () => {
    const text = [
      'msgid "a"', // 1
      'msgstr ""', // 2
      '"continued"', // 3
      "# translator", // 4
      "#: src/a.md", // 5
      'msgctxt ""', // 6
      '"menu"', // 7
      'msgid "b"', // 8
      'msgstr "c"', // 9
      '"more"', // 10
      'msgid "d"', // 11
    ].join("\n");
    expect(entryStartLine(text, 8)).toBe(4);
    expect(entryStartLine(text, 11)).toBe(11);
    expect(entryStartLine(text, 1)).toBe(1);
  });
});
