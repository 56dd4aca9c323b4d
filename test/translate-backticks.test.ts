// A literal run of backticks in the source ("``" that pairs with nothing) is written by the msgid
// writer as "\``" (upstream's form, kept for identical msgids). Copied into a translation, the
// second backtick pairs with a later one and the words between render as code: the helix editor's
// book (book/src/editor.md, MPL-2.0), reduced here to its shape.
import { describe, expect, test } from "vitest";
import { parseBookConfig } from "../src/book/config.js";
import { parsePo } from "../src/catalog/parse.js";
import type { Nodes } from "mdast";
import { parseMarkdown } from "../src/markdown/parse.js";
import { segmentMarkdown } from "../src/markdown/segment.js";
import { backticksForSource } from "../src/translate/backticks.js";
import { translateDocument } from "../src/translate/document.js";
import { mapLookup } from "../src/translate/lookup.js";
import { checkTranslationInvariant } from "./helpers/translation-invariant.js";

const HELIX = "The default pairs are <code>(){}[]''\"\"``</code>, but these can be customized by\nsetting `auto-pairs` to a TOML table:\n";
const translate = (source: string, pairs: Record<string, string>) => translateDocument(source, mapLookup(new Map(Object.entries(pairs))));
/** The code spans a Markdown paragraph renders. */
const codeSpans = (text: string): string[] => {
  const spans: string[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "inlineCode") spans.push(node.value);
    if ("children" in node) for (const child of node.children) visit(child);
  };
  visit(parseMarkdown(text));
  return spans;
};

describe("literal backtick runs in translations", () => {
  test("the msgid is upstream's partly escaped form, which reads as another code span", () => {
    const [message] = segmentMarkdown(HELIX);
    expect(message!.msgid).toBe("The default pairs are <code>(){}\\[\\]''\"\"\\``</code>, but these can be customized by setting `auto-pairs` to a TOML table:");
  });

  test("a translation copying the msgid's markup gets the source's literal run back and re-extracts to itself", () => {
    const [message] = segmentMarkdown(HELIX);
    const msgstr = "Les paires par défaut sont <code>(){}\\[\\]''\"\"\\``</code>, on les change avec `auto-pairs` en table TOML :";
    const result = translate(HELIX, { [message!.msgid]: msgstr });
    expect(result.warnings).toEqual([]);
    expect(result.text).toBe("Les paires par défaut sont <code>(){}\\[\\]''\"\"``</code>, on les change avec `auto-pairs` en table TOML :\n");
    expect(segmentMarkdown(result.text).map((m) => m.msgid)).toEqual([msgstr]);
  });

  test("written as is, the same msgstr would have rendered '</code>, avec ' as code", () => {
    const msgstr = "Paires <code>x\\``</code>, avec `auto-pairs` en table.";
    expect(codeSpans(msgstr)).toEqual(["</code>, avec "]);
    const fixed = backticksForSource("Pairs <code>x``</code>, with `auto-pairs` as a table.", "Pairs <code>x\\``</code>, with `auto-pairs` as a table.", msgstr);
    expect(fixed).toBe("Paires <code>x``</code>, avec `auto-pairs` en table.");
    expect(codeSpans(fixed)).toEqual(["auto-pairs"]);
  });

  test("where a bare run would pair with a later run of its length, the run is escaped whole", () => {
    const source = "C `` d `e`.\n";
    const [message] = segmentMarkdown(source);
    expect(message!.msgid).toBe("C \\`` d `e`.");
    // The translator wrote the code span with two backticks: a bare "``" before it would open at " D ".
    const msgstr = "CC \\`` D ``e``.";
    const fixed = backticksForSource(source, message!.msgid, msgstr);
    expect(fixed).toBe("CC \\`\\` D ``e``.");
    expect(codeSpans(fixed)).toEqual(["e"]);
    // What the bare form would have read as.
    expect(codeSpans("CC `` D ``e``.")).toEqual(["D"]);
  });

  test("backticks the source escaped itself, and msgids that read as the source does, are left alone", () => {
    expect(backticksForSource("A ``` b and `x`.", "A \\``` b and `x`.", "UN \\``` B ET `x`.")).toBe("UN \\``` B ET `x`.");
    expect(backticksForSource("Plain `code`.", "Plain `code`.", "Simple \\`` `code`.")).toBe("Simple \\`` `code`.");
  });

  test("in a book: applied, counted, no warning, and the invariant holds", () => {
    const files: Record<string, string> = {
      "book.toml": '[book]\ntitle = "T"\n',
      "src/SUMMARY.md": "# Summary\n\n- [Editor](editor.md)\n",
      "src/editor.md": `# Editor\n\n${HELIX}\nC \`\` d \`e\`.\n`,
    };
    const config = parseBookConfig(files["book.toml"]!, "book.toml");
    const catalog = parsePo(
      [
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n',
        `msgid "${segmentMarkdown(HELIX)[0]!.msgid.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"\nmsgstr "LES PAIRES <code>(){}\\\\[\\\\]''\\"\\"\\\\\`\`</code>, AVEC \`auto-pairs\` :"\n`,
        'msgid "C \\\\`` d `e`."\nmsgstr "CC \\\\`` D `e`."\n',
      ].join("\n"),
      "fr.po",
    );
    const report = checkTranslationInvariant(config, (path) => files[path] ?? "", catalog);
    expect(report.translation.warnings).toEqual([]);
    expect(report.silent).toEqual([]);
    expect(report.held).toBe(2);
    expect(report.output.get("src/editor.md")).toContain("CC `` D `e`.");
  });
});
