import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePo } from "../src/catalog/parse.js";
import { createTemplate, serializePo } from "../src/catalog/serialize.js";
import { getHeader, newEntry } from "../src/catalog/types.js";
import { initCatalog, formatPoDate } from "../src/catalog/init.js";
import { pluralFormsFor, gettextLocale } from "../src/catalog/plural-forms.js";
import { gnu, gnuStatus } from "./helpers/gnu.js";
import { runInProcess } from "./helpers/cli.js";

function book(): string {
  const dir = mkdtempSync(join(tmpdir(), "pobook-init-"));
  mkdirSync(join(dir, "po"));
  const template = createTemplate({ projectIdVersion: "Demo Book", potCreationDate: "2025-01-02T03:04:05+00:00" }, [
    newEntry("Hello", { references: ["src/index.md:1"] }),
    newEntry("A much longer paragraph that certainly needs to be folded over more than one line in the PO file.", {
      references: ["src/index.md:3"],
      extractedComments: ["a note"],
    }),
  ]);
  writeFileSync(join(dir, "po", "messages.pot"), serializePo(template));
  return dir;
}

describe("pobook init", () => {
  it("creates po/LANG.po from po/messages.pot with a header msgfmt --check accepts", async () => {
    const dir = book();
    const result = await runInProcess(["init", "-l", "pt-BR"], dir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const file = join(dir, "po", "pt-BR.po");
    const text = readFileSync(file, "utf8");
    const catalog = parsePo(text, file);
    expect(getHeader(catalog, "Language")).toBe("pt_BR");
    expect(getHeader(catalog, "Plural-Forms")).toBe("nplurals=2; plural=(n > 1);");
    expect(getHeader(catalog, "Content-Type")).toBe("text/plain; charset=UTF-8");
    expect(getHeader(catalog, "Project-Id-Version")).toBe("Demo Book");
    expect(getHeader(catalog, "PO-Revision-Date")).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d[+-]\d{4}$/);
    expect(catalog.entries.map((e) => e.msgstr)).toEqual([[""], [""]]);
    expect(catalog.entries[1]!.extractedComments).toEqual(["a note"]);
    expect(gnuStatus("msgfmt", ["--check", "-o", "/dev/null", file]).status).toBe(0);
    expect(gnu("msgcat", [file])).toBe(text);
  });

  it("refuses to overwrite without --force, and overwrites with it", async () => {
    const dir = book();
    expect((await runInProcess(["init", "-l", "ja"], dir)).status).toBe(0);
    const file = join(dir, "po", "ja.po");
    writeFileSync(file, readFileSync(file, "utf8").replace('msgid "Hello"\nmsgstr ""', 'msgid "Hello"\nmsgstr "こんにちは"'));
    const before = readFileSync(file, "utf8");
    const refused = await runInProcess(["init", "-l", "ja"], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/po\/ja\.po: catalog already exists; use --force/);
    expect(readFileSync(file, "utf8")).toBe(before);
    expect((await runInProcess(["init", "-l", "ja", "--force"], dir)).status).toBe(0);
    expect(readFileSync(file, "utf8")).not.toContain("こんにちは");
  });

  it("takes --pot and --po-dir, and the book directory argument", async () => {
    const dir = book();
    const result = await runInProcess(["init", "-l", "fr", "--pot", join(dir, "po", "messages.pot"), "--po-dir", join(dir, "l10n")], dir);
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, "l10n", "fr.po"))).toBe(true);
    expect((await runInProcess(["init", "-l", "de", "."], dir)).status).toBe(0);
    expect(existsSync(join(dir, "po", "de.po"))).toBe(true);
  });

  it("explains what to do when there is no template, exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-init-"));
    const result = await runInProcess(["init", "-l", "ko"], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/po\/messages\.pot: no template: give --pot FILE/);
    expect(existsSync(join(dir, "po", "ko.po"))).toBe(false);
  });

  it("rejects a malformed language tag", async () => {
    const dir = book();
    const result = await runInProcess(["init", "-l", "../evil"], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/not a language tag/);
  });
});

describe("plural forms and header helpers", () => {
  it("has Plural-Forms that msgfmt --check accepts for common languages", () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-plural-"));
    const template = createTemplate({ projectIdVersion: "X", potCreationDate: "2025-01-01T00:00:00+00:00" }, [
      newEntry("one file", { msgidPlural: "%d files", msgstr: ["", ""] }),
    ]);
    const languages = ["pt-BR", "bn", "fr", "de", "ja", "zh-CN", "ko", "ru", "pl", "ar", "uk", "es", "it", "tr", "fa", "el", "ro", "cs", "sk", "sl", "ga", "lt", "lv"];
    for (const language of languages) {
      expect(pluralFormsFor(language), language).toBeDefined();
      const { catalog } = initCatalog(template, { language, now: new Date(0) });
      const nplurals = Number(/nplurals=(\d)/.exec(getHeader(catalog, "Plural-Forms")!)![1]);
      catalog.entries[0]!.msgstr = Array.from({ length: nplurals }, (_, i) => `form ${i}`);
      const file = join(dir, `${language}.po`);
      writeFileSync(file, serializePo(catalog));
      const check = gnuStatus("msgfmt", ["--check", "-o", "/dev/null", file]);
      expect(check.stderr, language).toBe("");
    }
  });

  it("spells locales and dates like msginit", () => {
    expect(gettextLocale("pt-BR")).toBe("pt_BR");
    expect(gettextLocale("zh_cn")).toBe("zh_CN");
    expect(gettextLocale("ja")).toBe("ja");
    expect(pluralFormsFor("zh-TW")).toBe("nplurals=1; plural=0;");
    expect(pluralFormsFor("pt-PT")).toBe("nplurals=2; plural=(n != 1);");
    expect(formatPoDate(new Date(2024, 6, 9, 12, 20))).toMatch(/^2024-07-09 12:20[+-]\d{4}$/);
  });
});
