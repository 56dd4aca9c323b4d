import { describe, expect, test } from "vitest";
import { newEntry } from "../src/catalog/types.js";
import { checkEntryMarkup, compareMarkup, summarizeMarkup } from "../src/check/markup.js";

const rules = (msgid: string, msgstr: string): string[] => compareMarkup(msgid, msgstr).map((finding) => finding.rule);

describe("summarizeMarkup", () => {
  test("collects the markup a translation must keep", () => {
    const summary = summarizeMarkup(
      "offer ABI stability[^1], `Vec<T>` and **strong** <kbd>Ctrl</kbd> [docs](https://doc.rust-lang.org/) <https://x.org> ![logo](img/logo.png)",
    );
    expect(summary.codeSpans).toEqual(["Vec<T>"]);
    expect(summary.linkTargets).toEqual(["https://doc.rust-lang.org/", "https://x.org"]);
    expect(summary.imageTargets).toEqual(["img/logo.png"]);
    expect(summary.footnoteRefs).toEqual(["1"]);
    expect(summary.htmlTags).toEqual(["kbd", "/kbd"]);
    expect(summary.blocks).toEqual([]);
    expect(summary.strayDelimiters).toEqual([]);
  });

  test("bare URLs are text, as in pulldown-cmark (no autolink literals)", () => {
    expect(summarizeMarkup("see https://example.com").linkTargets).toEqual([]);
  });

  test("block constructs of a message", () => {
    expect(summarizeMarkup("# Title").blocks).toEqual(["heading"]);
    expect(summarizeMarkup("- item").blocks).toEqual(["list"]);
    expect(summarizeMarkup("```\ncode\n```").blocks).toEqual(["code"]);
    expect(summarizeMarkup("a\n\n---").blocks).toEqual(["thematicBreak"]);
    // A heading text that looks like a list item is a list when parsed alone.
    expect(summarizeMarkup("2024. A year").blocks).toEqual(["list"]);
    expect(summarizeMarkup("> quote").blocks).toEqual(["blockquote"]);
    expect(summarizeMarkup("one\n\ntwo").blocks).toEqual(["paragraphBreak"]);
  });

  test("stray delimiters: broken emphasis, not snake_case, escapes or arithmetic", () => {
    expect(summarizeMarkup("**bold* text").strayDelimiters).toEqual(["*"]);
    expect(summarizeMarkup("a **broken text").strayDelimiters).toEqual(["**"]);
    expect(summarizeMarkup("_half emphasis").strayDelimiters).toEqual(["_"]);
    expect(summarizeMarkup("snake_case_name and 2 * 3 and \\*literal\\*").strayDelimiters).toEqual([]);
  });
});

describe("compareMarkup", () => {
  test("a faithful translation has no finding", () => {
    expect(
      rules(
        "Use `Vec<T>` with **care**, see [the docs](https://doc.rust-lang.org/)[^2] and press <kbd>Enter</kbd>.",
        "Use `Vec<T>` com **cuidado**, veja [a documentação](https://doc.rust-lang.org/)[^2] e pressione <kbd>Enter</kbd>.",
      ),
    ).toEqual([]);
  });

  test("code spans are compared verbatim as a multiset, in any order", () => {
    expect(rules("`a` then `b`", "`b` antes `a`")).toEqual([]);
    expect(compareMarkup("`let x = 5;` here", "`let y = 5;` aqui")).toEqual([
      { rule: "code-span", message: "code spans differ: msgid's `let x = 5;` missing; msgstr adds `let y = 5;`" },
    ]);
    expect(rules("`a` and `a`", "`a` e b")).toEqual(["code-span"]);
  });

  test("the same text marked as code on one side only is style, not breakage", () => {
    expect(compareMarkup("`a` and `a`", "`a` e a")).toEqual([
      { rule: "code-span-style", message: "msgstr has `a` as plain text where the msgid has code" },
    ]);
    expect(compareMarkup("Traits are like interfaces", "`Traits` são como interfaces")).toEqual([
      { rule: "code-span-style", message: "msgstr marks `Traits` as code where the msgid has plain text" },
    ]);
    // Only the whole word: `trait` is not the plain word "traits".
    expect(rules("Rust has traits", "Rust tem `trait`")).toEqual(["code-span"]);
  });

  test("link, image and footnote targets", () => {
    expect(compareMarkup("[x](a.md)", "[x](b.md)")).toEqual([
      { rule: "link-target", message: "link targets differ: msgid's (a.md) missing; msgstr adds (b.md)" },
    ]);
    expect(rules("![alt](a.png)", "![texto](b.png)")).toEqual(["image-target"]);
    expect(rules("text[^note]", "texto")).toEqual(["footnote-ref"]);
    expect(rules("text[^note]", "texto[^note]")).toEqual([]);
  });

  test("HTML tags by name", () => {
    expect(rules("<kbd>Ctrl</kbd>", "<kbd>Ctrl</kbd>")).toEqual([]);
    expect(compareMarkup("<kbd>Ctrl</kbd>", "<kbd>Ctrl<kbd>")).toEqual([
      { rule: "html-tags", message: "HTML tags differ: msgid's </kbd> missing; msgstr adds <kbd>" },
    ]);
  });

  test("emphasis broken in the msgstr", () => {
    expect(rules("**bold** text", "texto **negrito*")).toEqual(["emphasis"]);
    expect(rules("**bold** text", "texto em negrito")).toEqual([]);
    expect(rules("_em_ text", "texto _em_")).toEqual([]);
  });

  test("block construct in the msgstr of an inline msgid", () => {
    expect(compareMarkup("Years", "- Anos")).toEqual([
      { rule: "block-structure", message: "msgid is inline text but the msgstr has a list" },
    ]);
    expect(rules("Heading text", "# Texto")).toEqual(["block-structure"]);
    expect(rules("One paragraph", "Um\n\nparágrafo")).toEqual(["block-structure"]);
    // A msgid that is itself a list may have a list translation.
    expect(rules("- one\n- two", "- um\n- dois")).toEqual([]);
  });

  test("single-line msgid stays single-line", () => {
    expect(rules("Table cell", "Célula\nda tabela")).toEqual(["single-line"]);
    expect(rules("line one  \nline two", "linha um  \nlinha dois")).toEqual([]);
  });

  test("leading and trailing newlines agree", () => {
    expect(compareMarkup("\nText", "Texto")).toEqual([{ rule: "newlines", message: "msgid starts with a newline, msgstr does not" }]);
    expect(rules("Text\n", "Texto")).toEqual(["newlines"]);
    expect(rules("\nText\n", "\nTexto\n")).toEqual([]);
  });
});

describe("checkEntryMarkup", () => {
  test("checks used translations only, at the entry's line", () => {
    const broken = { msgid: "`a`", msgstr: ["`b`"], line: 7 };
    expect(checkEntryMarkup(newEntry(broken.msgid, broken))).toEqual([
      { line: 7, rule: "code-span", message: "code spans differ: msgid's `a` missing; msgstr adds `b`" },
    ]);
    expect(checkEntryMarkup(newEntry("`a`", { msgstr: ["`b`"], flags: ["fuzzy"] }))).toEqual([]);
    expect(checkEntryMarkup(newEntry("`a`", { msgstr: ["`b`"], obsolete: true }))).toEqual([]);
    expect(checkEntryMarkup(newEntry("`a`", { msgstr: [""] }))).toEqual([]);
  });

  test("plural forms compare with msgid_plural", () => {
    const entry = newEntry("`1` file", { msgidPlural: "`n` files", msgstr: ["`1` arquivo", "`m` arquivos"], line: 3 });
    expect(checkEntryMarkup(entry)).toEqual([
      { line: 3, rule: "code-span", message: "msgstr[1]: code spans differ: msgid's `n` missing; msgstr adds `m`" },
    ]);
  });
});
