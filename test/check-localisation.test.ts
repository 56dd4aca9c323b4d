// `pobook check` tells localisation from breakage, and reads its settings
// (po-dir, source language, rule severities) from the book's book.toml.
import { describe, expect, test } from "vitest";
import { join } from "node:path";
import { parsePo } from "../src/catalog/parse.js";
import { compareMarkup } from "../src/check/markup.js";
import { isLocalisedCode, isLocalisedUrl, localisationContext } from "../src/check/localisation.js";
import { makeTree, runInProcess } from "./helpers/cli.js";

function po(language: string, pairs: Array<[string, string]>): string {
  const header = [
    'msgid ""',
    'msgstr ""',
    '"Project-Id-Version: T\\n"',
    '"PO-Revision-Date: 2024-01-02 00:00+0000\\n"',
    '"Last-Translator: Test Translator <test@example.com>\\n"',
    '"Language-Team: Portuguese <pt@example.com>\\n"',
    `"Language: ${language}\\n"`,
    '"MIME-Version: 1.0\\n"',
    '"Content-Type: text/plain; charset=UTF-8\\n"',
    '"Content-Transfer-Encoding: 8bit\\n"',
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"',
    "",
  ].join("\n");
  return header + pairs.map(([msgid, msgstr]) => `\n#: src/a.md\nmsgid ${JSON.stringify(msgid)}\nmsgstr ${JSON.stringify(msgstr)}\n`).join("");
}

const context = (language: string, pairs: Array<[string, string]> = []) => localisationContext(parsePo(po(language, pairs), "pt-BR.po"));

describe("links to the same page in the catalog's language", () => {
  const ptBR = context("pt_BR");
  test.each([
    ["https://en.wikipedia.org/wiki/ROT13", "https://pt.wikipedia.org/wiki/ROT13"],
    ["https://developer.mozilla.org/en-US/docs/Web", "https://developer.mozilla.org/pt-BR/docs/Web"],
    ["https://example.org/en/guide.html#intro", "https://example.org/pt-br/guide.html#intro"],
    ["../en/intro.md", "../pt/intro.md"],
  ])("%s -> %s is localisation", (source, target) => {
    expect(isLocalisedUrl(source, target, ptBR)).toBe(true);
  });

  test.each([
    // Another language than the catalog's, or a source label that is no language.
    ["https://en.wikipedia.org/wiki/ROT13", "https://de.wikipedia.org/wiki/ROT13"],
    ["https://go.dev/doc", "https://pt.dev/doc"],
    // The page changed too, or something besides the language.
    ["https://en.wikipedia.org/wiki/Collatz_conjecture", "https://pt.wikipedia.org/wiki/Conjectura_de_Collatz"],
    ["https://en.wikipedia.org/wiki/ROT13", "https://pt.wikipedia.org/wiki/ROT13?x=1"],
    ["https://en.example.org/en/a", "https://pt.example.org/pt/a"],
    ["https://example.org/a", "https://example.org/a"],
  ])("%s -> %s is not", (source, target) => {
    expect(isLocalisedUrl(source, target, ptBR)).toBe(false);
  });

  test("without a Language header any language but the source's counts", () => {
    const unknown = localisationContext(parsePo(po("", []), "x.po"));
    expect(isLocalisedUrl("https://en.wikipedia.org/wiki/A", "https://fr.wikipedia.org/wiki/A", unknown)).toBe(true);
    expect(isLocalisedUrl("https://en.wikipedia.org/wiki/A", "https://en-gb.wikipedia.org/wiki/A", unknown)).toBe(false);
  });

  test("in compareMarkup: no finding for the localised link, one for a broken one", () => {
    expect(compareMarkup("See [ROT13](https://en.wikipedia.org/wiki/ROT13).", "Veja [ROT13](https://pt.wikipedia.org/wiki/ROT13).", ptBR)).toEqual([]);
    expect(compareMarkup("See [ROT13](https://en.wikipedia.org/wiki/ROT13).", "Veja [ROT13](https://pt.wikipedia.org/wiki/Cifra).", ptBR)).toEqual([
      {
        rule: "link-target",
        message: "link targets differ: msgid's (https://en.wikipedia.org/wiki/ROT13) missing; msgstr adds (https://pt.wikipedia.org/wiki/Cifra)",
      },
    ]);
  });
});

describe("code spans quoting code whose strings the catalog translates", () => {
  // The code block's string is a message of its own: `"small"` translated `"pequeno"`.
  const translated = context("pt_BR", [['"small"', '"pequeno"']]);

  test("the code with its string literal translated as in the code block is localisation", () => {
    expect(isLocalisedCode('let size = "small";', 'let size = "pequeno";', translated)).toBe(true);
    expect(compareMarkup('Returns `"small"` here.', 'Devolve `"pequeno"` aqui.', translated)).toEqual([]);
  });

  test("a string translated otherwise than in the block, or the code around it changed, is breakage", () => {
    expect(isLocalisedCode('let size = "small";', 'let size = "pequena";', translated)).toBe(false);
    expect(isLocalisedCode('let size = "small";', 'let tamanho = "pequeno";', translated)).toBe(false);
    expect(isLocalisedCode("size", "tamanho", translated)).toBe(false);
    expect(compareMarkup('Returns `"small"` here.', 'Devolve `"pequena"` aqui.', translated).map((finding) => finding.rule)).toEqual(["code-span"]);
    // Without the catalog's code-block translation there is nothing to be consistent with.
    expect(compareMarkup('Returns `"small"` here.', 'Devolve `"pequeno"` aqui.', context("pt_BR")).map((finding) => finding.rule)).toEqual(["code-span"]);
  });
});

describe("pobook check in a book", () => {
  const catalog = po("pt_BR", [
    ['"small"', '"pequeno"'],
    ['Returns `"small"`, see [ROT13](https://en.wikipedia.org/wiki/ROT13).', 'Devolve `"pequeno"`, veja [ROT13](https://pt.wikipedia.org/wiki/ROT13).'],
    ["Use if to branch.", "Use `if` para escolher."],
    ["Call `Vec::new()`.", "Chame `Vec::novo()`."],
  ]);

  test("reads the catalogs from book.toml's po-dir; only breakage is an error", async () => {
    const root = makeTree({ "book.toml": '[book]\ntitle = "T"\n\n[preprocessor.gettext]\npo-dir = "locales"\n', "locales/pt-BR.po": catalog });
    const result = await runInProcess(["check"], root);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      "locales/pt-BR.po:21: code-span-style: msgstr marks `if` as code where the msgid has plain text (warning)\n" +
        "locales/pt-BR.po:25: code-span: code spans differ: msgid's `Vec::new()` missing; msgstr adds `Vec::novo()`\n",
    );
    expect(result.stderr).toBe("1 catalog checked: 1 error, 1 warning\n");
    // The same from elsewhere, naming the book: paths as given.
    const elsewhere = await runInProcess(["check", "--book", root]);
    expect(elsewhere.stdout.split("\n")[0]).toBe(`${join(root, "locales", "pt-BR.po")}:21: code-span-style: msgstr marks \`if\` as code where the msgid has plain text (warning)`);
  });

  test("[preprocessor.gettext.check] sets rule severities; --warn/--error win", async () => {
    const toml = '[book]\ntitle = "T"\n\n[preprocessor.gettext.check]\ncode-span = "warning"\ncode-span-style = "off"\n';
    const root = makeTree({ "book.toml": toml, "po/pt-BR.po": catalog });
    const result = await runInProcess(["check"], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("po/pt-BR.po:25: code-span: code spans differ: msgid's `Vec::new()` missing; msgstr adds `Vec::novo()` (warning)\n");
    expect(result.stderr).toBe("1 catalog checked: 0 errors, 1 warning\n");
    expect((await runInProcess(["check", "--error", "code-span"], root)).status).toBe(1);
  });

  test("a bad severity or rule in book.toml: one line naming the file, exit 2", async () => {
    const root = makeTree({ "book.toml": '[preprocessor.gettext.check]\ncode-spam = "warning"\n', "po/pt-BR.po": catalog });
    const result = await runInProcess(["check"], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^pobook: book\.toml: preprocessor\.gettext\.check: unknown rule 'code-spam' \(rules: code-span, /);
    const severity = makeTree({ "book.toml": '[preprocessor.gettext.check]\ncode-span = "fatal"\n', "po/pt-BR.po": catalog });
    expect((await runInProcess(["check"], severity)).stderr).toBe('pobook: book.toml: preprocessor.gettext.check.code-span must be "error", "warning" or "off"\n');
  });
});
