import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { segmentMarkdown } from "../src/markdown/segment.js";
import { translateDocument } from "../src/translate/document.js";
import { mapLookup, type Lookup } from "../src/translate/lookup.js";

const translate = (source: string, pairs: Record<string, string>, options = {}) =>
  translateDocument(source, mapLookup(new Map(Object.entries(pairs))), options);

describe("context rules", () => {
  test("a CRLF document keeps CRLF line ends, in paragraphs and code", () => {
    const source = "Some *text*\r\nwrapped.\r\n\r\n```rust\r\n// comment\r\nlet s = 1;\r\n```\r\n\r\n- ```rust\r\n  // in list\r\n  ```\r\n";
    const result = translate(source, {
      "Some _text_ wrapped.": "Du _texte_  \nsur deux lignes.",
      // In a CRLF document a line comment's msgid ends before its newline (test/crlf-code-blocks.test.ts).
      "// comment": "// commentaire",
      "// in list": "// dans la liste",
    });
    expect(result.warnings).toEqual([]);
    expect(result.text).toBe(
      "Du _texte_  \r\nsur deux lignes.\r\n\r\n```rust\r\n// commentaire\r\nlet s = 1;\r\n```\r\n\r\n- ```rust\r\n  // dans la liste\r\n  ```\r\n",
    );
  });

  test("a multi-line msgstr in a block quote gets its > prefix back", () => {
    const source = "> Hello\n> world.\n\nAfter.\n";
    const result = translate(source, { "Hello world.": "Olá  \nmundo." });
    expect(result.text).toBe("> Olá  \n> mundo.\n\nAfter.\n");
    expect(segmentMarkdown(result.text).map((m) => m.msgid)).toEqual(["Olá  \nmundo.", "After."]);
  });

  test("a list item paragraph keeps its indentation, nested lists stay nested", () => {
    const source = "- First item\n  continues\n  - Nested\n1. Ordered\n";
    const result = translate(source, { "First item continues": "Primeiro  \nitem", Nested: "Aninhado", Ordered: "Ordenado  \nsegunda" });
    expect(result.text).toBe("- Primeiro  \n  item\n  - Aninhado\n1. Ordenado  \n   segunda\n");
  });

  test("a heading keeps its level and {#id}; a multi-line heading msgstr is refused", () => {
    const source = "## Glossary { #glossary }\n\nText.\n";
    expect(translate(source, { Glossary: "Glossário" }).text).toBe("## Glossário { #glossary }\n\nText.\n");
    const bad = translate(source, { Glossary: "Glos\nsário" });
    expect(bad.text).toBe(source);
    expect(bad.warnings).toEqual([{ line: 1, poLine: undefined, message: "a heading translation must be one line" }]);
  });

  test("a table cell stays one cell: newlines and unescaped | are refused, escaped | accepted", () => {
    const source = "| Type | Value |\n|------|-------|\n| `i8` | small |\n";
    expect(translate(source, { Type: "Tipo", small: "pequeno" }).text).toBe("| Tipo | Value |\n|------|-------|\n| `i8` | pequeno |\n");
    const pipe = translate(source, { small: "a | b" });
    expect(pipe.text).toBe(source);
    expect(pipe.warnings[0]!.message).toMatch(/escape `\|`/);
    expect(translate(source, { small: "a \\| b" }).text).toContain("| a \\| b |");
    expect(translate(source, { small: "a\nb" }).warnings[0]!.message).toMatch(/one line/);
  });

  test("code strings and comments are replaced in place, the code around them untouched", () => {
    const source = '```rust\nfn main() {\n    // Say hello\n    println!("Hello");\n}\n```\n';
    const result = translate(source, { "// Say hello\n": "// Diga olá", '"Hello"': '"Olá"' });
    expect(result.text).toBe('```rust\nfn main() {\n    // Diga olá\n    println!("Olá");\n}\n```\n');
  });

  test("a multi-line comment run inside a list item gets the item's indentation after each newline", () => {
    const source = "- Item\n\n  ```rust\n  // one\n  // two\n  let x = 1;\n  ```\n";
    const messages = segmentMarkdown(source).map((m) => m.msgid);
    expect(messages).toContain("// one\n");
    const result = translate(source, { "// one\n": "// um\n// uno\n" });
    expect(result.text).toBe("- Item\n\n  ```rust\n  // um\n  // uno\n  // two\n  let x = 1;\n  ```\n");
  });

  test("a code translation that would close the fence is refused", () => {
    const source = '```rust\nlet s = "x";\n```\n';
    const result = translate(source, { '"x"': '"y\n```"' });
    expect(result.text).toBe(source);
    expect(result.warnings[0]!.message).toMatch(/close the code block/);
  });

  test("a whole-block message must keep its fences", () => {
    const source = '> ```text\n> say "hi"\n> ```\n';
    const [message] = segmentMarkdown(source);
    expect(message!.msgid).toBe('```text\nsay "hi"\n```');
    expect(translate(source, { [message!.msgid]: '```text\ndiga "oi"\n```' }).text).toBe('> ```text\n> diga "oi"\n> ```\n');
    const broken = translate(source, { [message!.msgid]: '```text\ndiga "oi"' });
    expect(broken.text).toBe(source);
    expect(broken.warnings[0]!.message).toMatch(/unbalanced fence/);
  });

  test("fuzzy and untranslated entries keep the source; counts say so", () => {
    const lookup: Lookup = (msgid) =>
      msgid === "One." ? { status: "fuzzy", line: 7 } : msgid === "Two." ? { status: "translated", msgstr: "Dois.", line: 9 } : { status: "untranslated" };
    const result = translateDocument("One.\n\nTwo.\n\nThree.\n", lookup);
    expect(result).toMatchObject({ text: "One.\n\nDois.\n\nThree.\n", applied: 1, fuzzy: 1, untranslated: 1, total: 3 });
  });

  test("a paragraph msgstr with a blank line is refused (it would split the paragraph)", () => {
    const result = translate("Para.\n", { "Para.": "A\n\nB" });
    expect(result.text).toBe("Para.\n");
    expect(result.warnings).toHaveLength(1);
  });

  test("SUMMARY.md: link text translated, link target kept; part titles translated", () => {
    const source = "# Summary\n\n[Welcome](welcome.md)\n\n# Day 1\n\n- [`Pin` and Drop](pin.md)\n  - [Nested](a/b.md)\n";
    const result = translate(source, { Welcome: "Bem-vindo", "Day 1": "Dia 1", "`Pin` and Drop": "`Pin` e Drop", Nested: "Aninhado" }, { summary: true });
    expect(result.text).toBe("# Summary\n\n[Bem-vindo](welcome.md)\n\n# Dia 1\n\n- [`Pin` e Drop](pin.md)\n  - [Aninhado](a/b.md)\n");
  });

  test("front matter, HTML and link definitions are untouched", () => {
    const source = "---\nminutes: 5\n---\n\n<details>\n\nSee [docs][1].\n\n</details>\n\n[1]: https://example.com\n";
    const result = translate(source, { "See [docs](https://example.com).": "Veja [docs](https://example.com)." }, { frontMatter: true });
    expect(result.text).toBe("---\nminutes: 5\n---\n\n<details>\n\nVeja [docs](https://example.com).\n\n</details>\n\n[1]: https://example.com\n");
  });
});

/** Markdown made of the constructs the books use, with random words. */
const word = fc.stringMatching(/^[A-Za-z][a-z]{0,6}$/);
const inline = fc.oneof(word, word.map((w) => `_${w}_`), word.map((w) => `\`${w}\``), word.map((w) => `[${w}](u.md)`), word.map((w) => `<kbd>${w}</kbd>`));
const line = fc.array(inline, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(" "));
const lines = fc.array(line, { minLength: 1, maxLength: 3 });
const block = fc.oneof(
  lines.map((ls) => ls.join("\n")),
  line.map((l) => `## ${l}`),
  lines.map((ls) => ls.map((l) => `> ${l}`).join("\n")),
  fc.array(lines, { minLength: 1, maxLength: 3 }).map((items) => items.map((ls) => `- ${ls.join("\n  ")}`).join("\n")),
  fc.array(lines, { minLength: 1, maxLength: 3 }).map((items) => items.map((ls, i) => `${i + 1}. ${ls.join("\n   ")}`).join("\n")),
  fc.tuple(word, word, word, word).map(([a, b, c, d]) => `| ${a} | ${b} |\n|---|---|\n| ${c} | ${d} |`),
  fc.tuple(word, word).map(([a, b]) => `\`\`\`rust\n// ${a}\nlet x = "${b}";\n\`\`\``),
  fc.tuple(word, word).map(([a, b]) => `- item\n\n  \`\`\`rust\n  // ${a}\n  // ${b}\n  \`\`\``),
  word.map((a) => `\`\`\`text\nsay "${a}"\n\`\`\``),
  word.map((a) => `<!-- ${a} -->`),
);
const documents = fc.array(block, { minLength: 1, maxLength: 6 }).map((blocks) => `${blocks.join("\n\n")}\n`);

describe("properties", () => {
  test("segmenting never throws and the identity translation is byte-identical", () => {
    fc.assert(
      fc.property(documents, (source) => {
        const messages = segmentMarkdown(source);
        const identity = new Map(messages.map((m) => [m.msgid, m.msgid]));
        expect(translateDocument(source, mapLookup(identity)).text).toBe(source);
      }),
      { numRuns: 300 },
    );
  });

  test("arbitrary msgstrs never change bytes outside the translated message ranges", () => {
    const msgstr = fc.string({ minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(documents, fc.array(msgstr, { minLength: 1, maxLength: 30 }), (source, translations) => {
        const messages = segmentMarkdown(source);
        const pairs = new Map(messages.map((m, i) => [m.msgid, translations[i % translations.length]!]));
        const result = translateDocument(source, mapLookup(pairs));
        // The source between message ranges must appear in the output in order:
        // the first stretch as a prefix, the last as a suffix, the rest between them.
        const ranges = [...messages].sort((a, b) => a.start - b.start);
        const gaps: string[] = [];
        let sourcePosition = 0;
        for (const range of ranges) {
          gaps.push(source.slice(sourcePosition, range.start));
          sourcePosition = range.end;
        }
        const last = source.slice(sourcePosition);
        if (gaps.length === 0) {
          expect(result.text).toBe(source);
          return;
        }
        expect(result.text.startsWith(gaps[0]!)).toBe(true);
        expect(result.text.endsWith(last)).toBe(true);
        let outPosition = gaps[0]!.length;
        for (const gap of gaps.slice(1)) {
          const found = result.text.indexOf(gap, outPosition);
          expect(found, `source text ${JSON.stringify(gap)} kept`).toBeGreaterThanOrEqual(0);
          outPosition = found + gap.length;
        }
        expect(outPosition).toBeLessThanOrEqual(result.text.length - last.length);
        expect(result.applied + result.fuzzy + result.untranslated + result.warnings.length).toBe(messages.length);
      }),
      { numRuns: 300 },
    );
  });
});
