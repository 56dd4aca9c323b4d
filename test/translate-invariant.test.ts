import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseBookConfig } from "../src/book/config.js";
import { readPoFile } from "../src/catalog/parse.js";
import { bookReader, findReadRoot } from "../src/runtime/book-reader.js";
import { translateMdbook } from "../src/mdbook/gettext.js";
import type { MdbookBook } from "../src/mdbook/protocol.js";
import { catalogLookup } from "../src/translate/lookup.js";
import { catalogOf, checkTranslationInvariant, memoryBook } from "./helpers/translation-invariant.js";

/** A one-chapter book: `chapter` is src/ch.md, `extra` more files under src/. */
function book(chapter: string, extra: Record<string, string> = {}, summary = "# Summary\n\n- [Chapter](ch.md)\n") {
  const files: Record<string, string> = { "src/SUMMARY.md": summary, "src/ch.md": chapter };
  for (const [path, text] of Object.entries(extra)) files[`src/${path}`] = text;
  return memoryBook(files);
}

function run(chapter: string, translations: Array<[string, string]>, extra: Record<string, string> = {}, summary?: string) {
  const { config, read } = book(chapter, extra, summary);
  const report = checkTranslationInvariant(config, read, catalogOf(translations));
  const { tally } = report.translation;
  expect(tally.applied + tally.fuzzy + tally.untranslated + tally.notApplied.length).toBe(tally.total);
  expect(report.silent).toEqual([]);
  return { ...report, chapter: report.output.get("src/ch.md")!, tally };
}

describe("every translation reaches the translated book or is reported", () => {
  test("the fixture book", () => {
    const root = join(import.meta.dirname, "..", "fixtures", "translate-book");
    const config = parseBookConfig(readFileSync(join(root, "book.toml"), "utf8"), "book.toml");
    const report = checkTranslationInvariant(config, bookReader(root, findReadRoot(root, config)), readPoFile(join(root, "po", "de.po")));
    expect(report.silent).toEqual([]);
    expect(report.held).toBe(5);
    expect(report.warned).toBe(1);
  });

  test("rustdoc_include inside a rust fence: the included file is translated", () => {
    const main = "fn main() {\n    // Say hello.\n    println!(\"Hello\");\n}\n";
    const result = run("# Code\n\n```rust\n{{#rustdoc_include main.rs}}\n```\n", [["// Say hello.\n", "// Diga olá.\n"], ['"Hello"', '"Olá"']], { "main.rs": main });
    expect(result.output.get("src/main.rs")).toBe("fn main() {\n    // Diga olá.\n    println!(\"Olá\");\n}\n");
    expect(result.held).toBe(2);
  });

  test("rustdoc_include by anchor: hidden `# ` lines and the visible part are both written back", () => {
    const main = "// Setup.\nuse std::io;\n// ANCHOR: main\nfn main() {\n    // Say hello.\n    println!(\"Hello\");\n}\n// ANCHOR_END: main\n";
    const result = run("```rust\n{{#rustdoc_include main.rs:main}}\n```\n", [["// Setup.\n", "// Preparo.\n"], ["// Say hello.\n", "// Diga olá.\n"]], { "main.rs": main });
    expect(result.output.get("src/main.rs")).toBe(main.replace("Setup.", "Preparo.").replace("Say hello.", "Diga olá."));
    expect(result.held).toBe(2);
  });

  test("an anchored region inside a /* */ comment gives the region's own messages", () => {
    const file = "/*\n// ANCHOR: part\nlet s = \"text\";\n// ANCHOR_END: part\n*/\n";
    const result = run("```rust\n{{#include lib.rs:part}}\n```\n", [['"text"', '"texto"']], { "lib.rs": file });
    expect(result.output.get("src/lib.rs")).toBe(file.replace('"text"', '"texto"'));
    expect(result.held).toBe(1);
  });

  test("a message spanning a stripped ANCHOR line is written back around it", () => {
    const file = "// ANCHOR: all\n// first\n// ANCHOR: part\n// second\n// ANCHOR_END: part\nfn f() {}\n// ANCHOR_END: all\n";
    const result = run("```rust\n{{#include lib.rs:all}}\n```\n", [["// first\n// second\n", "// primeiro\n// segundo\n"]], { "lib.rs": file });
    expect(result.output.get("src/lib.rs")).toBe(file.replace("first", "primeiro").replace("second", "segundo"));
    expect(result.held).toBe(1);
  });

  test("a comment of an anchored include translated with fewer lines", () => {
    const file = "// ANCHOR: part\nfn f() {\n    // one\n    // two\n}\n// ANCHOR_END: part\n";
    const result = run("```rust\n{{#include lib.rs:part}}\n```\n", [["// one\n    // two\n", "// um e dois\n"]], { "lib.rs": file });
    expect(result.output.get("src/lib.rs")).toBe("// ANCHOR: part\nfn f() {\n    // um e dois\n}\n// ANCHOR_END: part\n");
    expect(result.held).toBe(1);
  });

  test("the same file included two ways with clashing translations: one warning, counted not applied", () => {
    const file = "// one\n// ANCHOR: b\n// two\n// ANCHOR_END: b\n";
    const chapter = "```rust\n{{#include lib.rs}}\n```\n\n```rust\n{{#include lib.rs:b}}\n```\n";
    const result = run(chapter, [["// two\n", "// dois\n"], ["// one\n// ANCHOR: b\n// two\n// ANCHOR_END: b\n", "// um\n// ANCHOR: b\n// DOIS\n// ANCHOR_END: b\n"]], { "lib.rs": file });
    expect(result.tally.notApplied.length).toBeGreaterThan(0);
    expect(result.translation.warnings).toEqual([
      expect.objectContaining({ file: "src/lib.rs", poLine: expect.any(Number), message: expect.stringMatching(/included in several places.*\(included by src\/ch\.md\)/) }),
    ]);
  });

  test("a code block without a grammar whose body is an include: not applied, with a warning", () => {
    const result = run("```toml\n{{#include Cargo.toml}}\n```\n", [['```toml\n[package]\nname = "x"\n```', '```toml\n[package]\nname = "y"\n```']], { "Cargo.toml": '[package]\nname = "x"\n' });
    expect(result.tally.notApplied).toHaveLength(1);
    expect(result.tally.applied).toBe(0);
    expect(result.translation.warnings).toHaveLength(1);
    expect(result.translation.warnings[0]).toMatchObject({ file: "src/ch.md", poLine: 5 });
  });

  test("text on the line of an include is translated as mdbook-gettext translates it (the include's text inlined)", () => {
    const result = run("See {{#include name.txt}} here.\n\n- Item {{#include name.txt:1}}\n", [["See Pobook here.", "Veja Pobook aqui."], ["Item Pobook", "Item o Pobook"]], { "name.txt": "Pobook\n" });
    expect(result.chapter).toBe("Veja Pobook aqui.\n\n- Item o Pobook\n");
    expect(result.tally.applied).toBe(2);
    expect(result.held).toBe(2);
  });

  test("text on the line of an include, untranslated: the directive stays", () => {
    const result = run("See {{#include name.txt}} here.\n", [], { "name.txt": "Pobook\n" });
    expect(result.chapter).toBe("See {{#include name.txt}} here.\n");
    expect(result.tally.applied).toBe(0);
  });

  test("an include on a line of its own is not inlined", () => {
    const result = run("Intro.\n\n{{#include part.md}}\n", [["Intro.", "Introdução."], ["Part text.", "Texto da parte."]], { "part.md": "Part text.\n" });
    expect(result.chapter).toBe("Introdução.\n\n{{#include part.md}}\n");
    expect(result.output.get("src/part.md")).toBe("Texto da parte.\n");
  });

  test("an inline include that brings a blank line: reported, not silently left", () => {
    const result = run("See {{#include two.md}} here.\n", [["See One", "Veja Um"], ["Two here.", "Dois aqui."]], { "two.md": "One\n\nTwo\n" });
    expect(result.tally.applied + result.tally.notApplied.length + result.tally.untranslated).toBe(result.tally.total);
  });

  test("a chapter including SUMMARY.md: SUMMARY.md's own titles are still translated", () => {
    const summary = "# Summary\n\n[Intro](ch.md)\n\n# Part\n\n- [Other](other.md)\n";
    const result = run("# Contents\n\n{{#include SUMMARY.md}}\n", [["Intro", "Introdução"], ["Part", "Parte"], ["Other", "Outro"], ["[Other](other.md)", "[Outro](other.md)"]], { "other.md": "# Other\n" }, summary);
    expect(result.output.get("src/SUMMARY.md")).toBe("# Summary\n\n[Introdução](ch.md)\n\n# Parte\n\n- [Outro](other.md)\n");
  });

  test("an escaped include in inline code: the msgid has no backslash, the output keeps it", () => {
    const result = run("Use `\\{{#include file.rs}}` to include.\n", [["Use `{{#include file.rs}}` to include.", "Use `{{#include file.rs}}` para incluir."]]);
    expect(result.chapter).toBe("Use `\\{{#include file.rs}}` para incluir.\n");
    expect(result.held).toBe(1);
  });

  test("an escaped directive in text: the msgid has no backslash, the output keeps it", () => {
    // mdBook guide, format/mdbook.md: the source's escape is a Markdown escape, so the parsed msgid has no backslash either.
    const result = run("Write \\{{#playground example.rs}} to embed a file.\n", [["Write {{#playground example.rs}} to embed a file.", "Escreva {{#playground example.rs}} para embutir um arquivo."]]);
    expect(result.chapter).toBe("Escreva \\{{#playground example.rs}} para embutir um arquivo.\n");
    expect(result.held).toBe(1);
  });

  test("escaped directives in list items, in text and in a code span", () => {
    const chapter = "- Custom helpers like `\\{{#include /path/to/file.md}}`\n- Write \\{{#include other.md}} here.\n";
    const result = run(chapter, [
      ["Custom helpers like `{{#include /path/to/file.md}}`", "Ajudantes como `{{#include /path/to/file.md}}`"],
      ["Write {{#include other.md}} here.", "Escreva {{#include other.md}} aqui."],
    ]);
    expect(result.chapter).toBe("- Ajudantes como `\\{{#include /path/to/file.md}}`\n- Escreva \\{{#include other.md}} aqui.\n");
    expect(result.held).toBe(2);
  });

  test("an escape covers the rest of its line, as in mdBook: an include after it there is text, not a file to translate", () => {
    const result = run("See \\{{#include a.md}} or {{#include b.md}}.\n", [["See {{#include a.md}} or {{#include b.md}}.", "Veja {{#include a.md}} ou {{#include b.md}}."], ["B", "Bê"]], { "b.md": "# B\n" });
    expect(result.chapter).toBe("Veja \\{{#include a.md}} ou {{#include b.md}}.\n");
    expect(result.output.has("src/b.md")).toBe(false);
    expect(result.held).toBe(1);
  });

  test("a msgstr adding a directive the source does not have is written escaped, never live", () => {
    const result = run("Read the notes.\n\nSee `the file`.\n", [
      ["Read the notes.", "Leia {{#include notes.md}} e {{#title Segredo}}."],
      ["See `the file`.", "Veja `{{#rustdoc_include main.rs}}`."],
    ], { "notes.md": "Secret notes.\n" });
    expect(result.chapter).toBe("Leia \\{{#include notes.md}} e {{#title Segredo}}.\n\nVeja `\\{{#rustdoc_include main.rs}}`.\n");
    expect(result.held).toBe(2);
  });

  test("an included code file's translation adding a directive is written escaped in the file", () => {
    // mdBook expands directives in included text too, so the file gets the backslash.
    const main = "fn main() {\n    // Say hello.\n}\n";
    const result = run("```rust\n{{#include main.rs}}\n```\n", [["// Say hello.\n", "// Veja {{#include notes.md}}.\n"]], { "main.rs": main, "notes.md": "Notes.\n" });
    expect(result.output.get("src/main.rs")).toBe("fn main() {\n    // Veja \\{{#include notes.md}}.\n}\n");
    expect(result.held).toBe(1);
  });

  test("a msgstr adding a directive no backslash can escape is refused with a warning naming its PO line", () => {
    const result = run("Read the notes.\n", [["Read the notes.", "Leia {{ #include notes.md}}."]], { "notes.md": "Secret notes.\n" });
    expect(result.chapter).toBe("Read the notes.\n");
    expect(result.translation.warnings).toEqual([expect.objectContaining({ file: "src/ch.md", poLine: 5, message: expect.stringMatching(/adds the mdBook directive `\{\{ #include notes\.md\}\}`/) })]);
    expect(result.warned).toBe(1);
  });

  test("a hard break after a space (`syntax \\`) is written with a backslash, keeping the space", () => {
    // cargo book, reference/build-scripts.md: the msgid writes the space and the break as three spaces.
    const chapter = "It takes any syntax \\\nthe flag takes.\n\n> Quoted \\\n> text.\n";
    const result = run(chapter, [
      ["It takes any syntax   \nthe flag takes.", "Aceita qualquer sintaxe   \nque a flag aceita."],
      ["Quoted   \ntext.", "Citado   \ntexto."],
    ]);
    expect(result.chapter).toBe("Aceita qualquer sintaxe \\\nque a flag aceita.\n\n> Citado \\\n> texto.\n");
    expect(result.held).toBe(2);
  });

  test("a hard break after a space in a setext heading keeps the space too", () => {
    const result = run("First \\\nsecond\n======\n", [["First   \nsecond", "Primeiro   \nsegundo"]]);
    expect(result.chapter).toBe("Primeiro \\\nsegundo\n======\n");
    expect(result.held).toBe(1);
  });

  test("escaped braces at the end of a heading stay escaped (not heading attributes)", () => {
    const result = run("### Copying stage0 \\{std,rustc\\}\n", [["Copying stage0 {std,rustc}", "Copiando stage0 {std,rustc}"]]);
    // The heading keeps its source id (stable anchors), after the escaped braces.
    expect(result.chapter).toBe("### Copiando stage0 \\{std,rustc\\} {#copying-stage0-stdrustc}\n");
    expect(result.held).toBe(1);
  });

  test("a setext heading with a hard break can be translated", () => {
    const result = run("First\\\nsecond\n======\n", [["First  \nsecond", "Primeiro  \nsegundo"]]);
    expect(result.chapter).toBe("Primeiro  \nsegundo\n======\n");
    expect(result.held).toBe(1);
  });

  test("an unclosed ~~~ fence with a backtick in its info string keeps its fence", () => {
    const result = run('~~~text `x`\nsay "hi"\n', [['```text `x`\nsay "hi"\n```', '```text `x`\nsay "oi"\n```']]);
    expect(result.chapter).toBe('~~~text `x`\nsay "oi"\n');
    expect(result.held).toBe(1);
  });
});

describe("emphasis as the msgid writes it renders as the translator meant", () => {
  test("intraword emphasis `*n*th` (msgid `_n_th`) is written with `*`", () => {
    // `_n_-` closes before punctuation: it works as written and stays; so does a literal snake_case.
    const result = run("The *n*th time, snake_case.\n", [["The _n_th time, snake_case.", "A _n_-ésima vez, snake_case."]]);
    expect(result.chapter).toBe("A _n_-ésima vez, snake_case.\n");
    const again = run("The *n*th time.\n", [["The _n_th time.", "Das _n_te Mal."]]);
    expect(again.chapter).toBe("Das *n*te Mal.\n");
    expect(again.held).toBe(1);
  });

  test("a literal `_` inside emphasised words (`*get_response()*`, msgid `_get_response()_`) is not taken for its end", () => {
    // wasm-bindgen's guide: the `_` in get_response cannot close, the last `_` does.
    const result = run("Add your key in *get_response()* first.\n", [["Add your key in _get_response()_ first.", "Mettez votre clé dans _get_response()_ d'abord."]]);
    expect(result.chapter).toBe("Mettez votre clé dans _get_response()_ d'abord.\n");
    expect(result.translation.warnings).toEqual([]);
    // `_n_th` before a later emphasis still closes inside the word.
    const later = run("The *n*th and *last* time.\n", [["The _n_th and _last_ time.", "Das _n_te und _letzte_ Mal."]]);
    expect(later.chapter).toBe("Das *n*te und _letzte_ Mal.\n");
  });

  test("emphasis opening inside a word (`x*n*th`, msgid `x_n_th`) cannot be written with `_`: warned, `*` accepted", () => {
    const warned = run("The x*n*th one.\n", [["The x_n_th one.", "O x_n_te."]]);
    expect(warned.chapter).toBe("The x*n*th one.\n");
    expect(warned.translation.warnings).toEqual([expect.objectContaining({ poLine: 5, message: expect.stringMatching(/write it with `\*`/) })]);
    const written = run("The x*n*th one.\n", [["The x_n_th one.", "O x*n*te."]]);
    expect(written.chapter).toBe("O x*n*te.\n");
    expect(written.translation.warnings).toEqual([]);
  });

  test("emphasis inside emphasis `*_h_*` (msgid `__h__`) does not turn bold", () => {
    const result = run("Say *_h_* now.\n", [["Say __h__ now.", "Diga __h__ agora."]]);
    expect(result.chapter).toBe("Diga *_h_* agora.\n");
    expect(result.held).toBe(1);
  });
});

describe("a chapter starting with a byte-order mark", () => {
  test("translate segments it like extract and writes the mark back", () => {
    const result = run("\uFEFF# Title\n\nSome text.\n", [["Title", "Título"], ["Some text.", "Algum texto."]]);
    expect(result.chapter).toBe("\uFEFF# Título {#title}\n\nAlgum texto.\n");
    expect(result.held).toBe(2);
  });

  test("the mdBook preprocessor (and the preview, same preparation) segment it right", () => {
    const { config } = book("");
    const chapter = { name: "Chapter", content: "\uFEFF# Title\n\nSome text.\n", number: null, sub_items: [], path: "ch.md", source_path: "ch.md", parent_names: [] };
    const lookup = catalogLookup(catalogOf([["Title", "Título"], ["Some text.", "Algum texto."]]));
    const { book: translated, warnings } = translateMdbook({ sections: [{ Chapter: chapter }], __non_exhaustive: null } as unknown as MdbookBook, config, lookup);
    expect(warnings).toEqual([]);
    expect((translated.sections[0] as { Chapter: { content: string } }).Chapter.content).toBe("\uFEFF# Título {#title}\n\nAlgum texto.\n");
  });
});

describe("translations that would change their block's type are refused", () => {
  for (const [name, chapter, msgid, msgstr] of [
    ["an escaped ordered-list marker", "1\\. x\n", "1. x", "1. X"],
    ["an escaped plus", "\\+ x\n", "+ x", "+ X"],
    ["a paragraph translated as a list", "Just text.\n", "Just text.", "- Just text."],
    ["a paragraph translated with a setext underline", "Just text.\n", "Just text.", "Just\n---"],
    ["a paragraph translated as a quote", "Just text.\n", "Just text.", "> Just text."],
  ] as const) {
    test(`${name}: warning with the PO line, source kept`, () => {
      const result = run(chapter, [[msgid, msgstr]]);
      expect(result.chapter).toBe(chapter);
      expect(result.translation.warnings).toHaveLength(1);
      expect(result.translation.warnings[0]).toMatchObject({ poLine: 5, message: expect.stringMatching(/would/) });
      expect(result.tally.notApplied).toHaveLength(1);
    });
  }
});

describe("a chapter SUMMARY.md lists twice (audit of issue 10)", () => {
  test("a translation that cannot be written back there is one warning, not one per listing", () => {
    const summary = "# Summary\n\n[Intro](ch.md)\n\n- [Again](ch.md)\n";
    const result = run("```toml\n{{#include Cargo.toml}}\n```\n", [['```toml\n[package]\nname = "x"\n```', '```toml\n[package]\nname = "y"\n```']], { "Cargo.toml": '[package]\nname = "x"\n' }, summary);
    expect(result.tally.notApplied.length).toBeGreaterThan(0);
    expect(result.translation.warnings).toEqual([expect.objectContaining({ file: "src/ch.md", line: 1 })]);
  });
});
