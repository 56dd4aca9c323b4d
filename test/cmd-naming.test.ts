// Small things a new user hits: one way to name the book in every command,
// a --po catalog's language from its header, paths shown as they were given.
import { describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInProcess } from "./helpers/cli.js";

const DEMO = join(import.meta.dirname, "..", "fixtures", "demo-book");
const LOCALES = join(import.meta.dirname, "..", "locales");

/** A copy of the demo book with its catalogs in po/, under a fresh directory: returns [parent, book]. */
function demoBook(): [string, string] {
  const parent = mkdtempSync(join(tmpdir(), "pobook-naming-"));
  const book = join(parent, "book");
  cpSync(join(DEMO, "src"), join(book, "src"), { recursive: true });
  writeFileSync(join(book, "book.toml"), readFileSync(join(DEMO, "book.toml"), "utf8").replace('po-dir = "../../locales"', 'po-dir = "po"'));
  mkdirSync(join(book, "po"));
  for (const language of ["fr", "de"]) cpSync(join(LOCALES, `${language}.po`), join(book, "po", `${language}.po`));
  return [parent, book];
}

describe("translate --po FILE: the language is the catalog's", () => {
  it("takes the Language header when -l is not given", async () => {
    const [parent] = demoBook();
    cpSync(join(parent, "book", "po", "fr.po"), join(parent, "catalog.po"));
    const result = await runInProcess(["translate", "book", "--po", "catalog.po"], parent);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^fr: \d+ applied, .* -> book\/book\/fr-src\n$/);
    expect(readFileSync(join(parent, "book", "book", "fr-src", "book.toml"), "utf8")).toContain('language = "fr"');
  });

  it("refuses an -l that contradicts the header, writing nothing", async () => {
    const [parent] = demoBook();
    const result = await runInProcess(["translate", "book", "--po", "book/po/fr.po", "-l", "de"], parent);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("pobook: book/po/fr.po: the catalog's Language is fr, not de (-l de): drop -l, or give the de catalog\n");
    expect(existsSync(join(parent, "book", "book"))).toBe(false);
    // Agreeing is fine, in any spelling of the tag.
    expect((await runInProcess(["translate", "book", "--po", "book/po/fr.po", "-l", "FR"], parent)).status).toBe(0);
  });

  it("preview refuses the same contradiction before serving anything", async () => {
    const [parent] = demoBook();
    const result = await runInProcess(["preview", "book", "--po", "book/po/fr.po", "-l", "de", "--port", "0"], parent);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("pobook: book/po/fr.po: the catalog's Language is fr, not de (-l de): drop -l, or give the de catalog\n");
  });

  it("a catalog still saying the source language (copied from the POT, no msginit) takes -l", async () => {
    const [parent] = demoBook();
    writeFileSync(join(parent, "copied.po"), readFileSync(join(parent, "book", "po", "fr.po"), "utf8").replace('"Language: fr\\n"', '"Language: en\\n"'));
    expect(readFileSync(join(parent, "copied.po"), "utf8")).toContain('"Language: en\\n"');
    const result = await runInProcess(["translate", "book", "--po", "copied.po", "-l", "fr"], parent);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^fr: \d+ applied, /);
    expect(readFileSync(join(parent, "book", "book", "fr-src", "book.toml"), "utf8")).toContain('language = "fr"');
  });

  it("asks for -l when the header names no language", async () => {
    const [parent] = demoBook();
    writeFileSync(join(parent, "x.po"), readFileSync(join(parent, "book", "po", "fr.po"), "utf8").replace('"Language: fr\\n"\n', ""));
    const result = await runInProcess(["translate", "book", "--po", "x.po"], parent);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("pobook: x.po: the catalog's header has no Language: give it with -l LANG\n");
    expect((await runInProcess(["translate", "book", "--po", "x.po", "-l", "fr"], parent)).stdout).toMatch(/^fr: /);
  });
});

describe("translate and stats count the same messages", () => {
  it("a msgid used in several places counts once, as in the catalog", async () => {
    const [parent] = demoBook();
    const stats = JSON.parse((await runInProcess(["stats", "--json", "-b", "book"], parent)).stdout) as Array<{ language: string; messages: { translated: number; fuzzy: number; untranslated: number } }>;
    const translate = JSON.parse((await runInProcess(["translate", "book", "--all", "--json"], parent)).stdout) as Array<{ language: string; applied: number; fuzzy: number; untranslated: number; notApplied: number; places: { total: number } }>;
    expect(translate.map((t) => t.language)).toEqual(["de", "fr"]);
    for (const report of translate) {
      const figures = stats.find((s) => s.language === report.language)!.messages;
      expect([report.applied + report.notApplied, report.fuzzy, report.untranslated]).toEqual([figures.translated, figures.fuzzy, figures.untranslated]);
    }
    // The demo book uses some messages twice: places are more than messages.
    expect(translate[1]!.places.total).toBeGreaterThan(translate[1]!.applied + translate[1]!.untranslated);
  });
});

describe("-b/--book names the book in every command", () => {
  it("extract, init, update, translate, stats, check and normalize all take it", async () => {
    const [parent] = demoBook();
    const run = async (args: string[]) => {
      const result = await runInProcess(args, parent);
      expect(result.stderr, args.join(" ")).not.toMatch(/unknown option|error:/);
      expect(result.status, `${args.join(" ")}: ${result.stderr}`).toBeLessThan(2);
      return result;
    };
    expect((await run(["extract", "-b", "book"])).stdout).toMatch(/^wrote book\/po\/messages\.pot: \d+ messages\n$/);
    expect((await run(["init", "-b", "book", "-l", "ja"])).stdout).toMatch(/^created book\/po\/ja\.po \(\d+ messages\)\n$/);
    expect((await run(["update", "-b", "book"])).stdout).toMatch(/^book\/po\/de\.po: kept /);
    expect((await run(["translate", "-b", "book", "-l", "fr"])).stdout).toMatch(/^fr: .* -> book\/book\/fr-src\n$/);
    // stats and check read the book's po-dir (here po/, in the book).
    expect((await run(["stats", "-b", "book", "--json"])).stdout).toContain('"file": "book/po/de.po"');
    expect((await run(["check", "-b", "book"])).stdout).toMatch(/^(book\/po\/\w+\.po:\d+: .*\n)*$/);
    expect((await run(["normalize", "-b", "book", "book/po/fr.po"])).stdout).toMatch(/^book\/po\/fr\.po: messages /);
  });

  it("the older spellings still work; two different books are refused", async () => {
    const [parent] = demoBook();
    expect((await runInProcess(["translate", "book", "-l", "fr"], parent)).status).toBe(0);
    expect((await runInProcess(["stats", "--book", "book"], parent)).status).toBe(0);
    expect((await runInProcess(["translate", "book", "--book", "book", "-l", "fr"], parent)).status).toBe(0);
    const both = await runInProcess(["translate", "book", "--book", "other", "-l", "fr"], parent);
    expect(both.status).toBe(2);
    expect(both.stderr).toBe("pobook: two books given: book and --book other; give one\n");
  });
});

describe("paths in messages are the ones the user gave", () => {
  it("a book outside the current directory given absolute stays absolute (no ../../.. chain)", async () => {
    const [, book] = demoBook();
    const elsewhere = mkdtempSync(join(tmpdir(), "pobook-cwd-"));
    const result = await runInProcess(["translate", book, "-l", "fr"], elsewhere);
    expect(result.stdout).toMatch(new RegExp(`^fr: .* -> ${join(book, "book", "fr-src").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n$`));
    const missing = await runInProcess(["translate", "nope", "-l", "fr"], elsewhere);
    expect(missing.stderr).toBe("pobook: nope/book.toml: no book.toml here\n");
  });
});

describe("translate and stats count book.toml's messages alike", () => {
  it("the title and description entries are in translate's counts, line and --json, as in stats", async () => {
    const [, book] = demoBook();
    writeFileSync(join(book, "book.toml"), readFileSync(join(book, "book.toml"), "utf8").replace("[book]\n", '[book]\ndescription = "A demo"\n'));
    const po = join(book, "po", "fr.po");
    const header = readFileSync(po, "utf8");
    writeFileSync(po, `${header}\nmsgctxt "book.toml:title"\nmsgid "The pobook Demo Book"\nmsgstr "Le livre de démonstration"\n\n#, fuzzy\nmsgctxt "book.toml:description"\nmsgid "A demo"\nmsgstr "Une démo"\n`);
    const stats = JSON.parse((await runInProcess(["stats", "--json", "-b", book, po])).stdout) as Array<{ messages: { translated: number; fuzzy: number; untranslated: number } }>;
    const figures = stats[0]!.messages;
    const json = await runInProcess(["translate", book, "-l", "fr", "--json"]);
    const [report] = JSON.parse(json.stdout) as Array<{ messages: number; applied: number; fuzzy: number; untranslated: number; notApplied: number }>;
    expect([report!.applied + report!.notApplied, report!.fuzzy, report!.untranslated]).toEqual([figures.translated, figures.fuzzy, figures.untranslated]);
    expect(report!.applied + report!.fuzzy + report!.untranslated + report!.notApplied).toBe(report!.messages);
    const line = await runInProcess(["translate", book, "-l", "fr", "-o", join(book, "book", "fr2")]);
    expect(line.stdout).toMatch(new RegExp(`^fr: ${figures.translated} applied, ${figures.fuzzy} fuzzy skipped, ${figures.untranslated} untranslated, 0 not applied`));
  });
});
