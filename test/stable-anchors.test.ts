import { describe, expect, test } from "vitest";
import { parseBookConfig } from "../src/book/config.js";
import { parseMarkdown } from "../src/markdown/parse.js";
import { headingAnchors } from "../src/markdown/heading-ids.js";
import { prepareBook, translateBook } from "../src/translate/book.js";
import { mapLookup } from "../src/translate/lookup.js";

const CHAPTER = [
  "# Welcome",
  "",
  "See [below](#details).",
  "",
  "## Details",
  "",
  "## Details",
  "",
  "### Closing ###",
  "",
  "## Styled {.note}",
  "",
  "## Kept {#kept-id}",
  "",
  "Setext",
  "------",
  "",
  "> ## Quoted",
  "",
  "## Same",
  "",
].join("\n");

function translate(chapter: string, translations: Record<string, string>, toml = "[book]\n"): { text: string; applied: number; total: number; warnings: number } {
  const files: Record<string, string> = { "src/SUMMARY.md": "- [Chapter](chapter.md)\n", "src/chapter.md": chapter };
  const read = (path: string): string => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error("missing"), { code: "ENOENT" });
    return text;
  };
  const book = prepareBook(parseBookConfig(toml, "book.toml"), read);
  const result = translateBook(book, mapLookup(new Map(Object.entries(translations))));
  return { text: result.output.get("src/chapter.md") ?? chapter, applied: result.tally.applied, total: result.tally.total, warnings: result.warnings.length };
}

const idsOf = (text: string): Array<string | undefined> => headingAnchors(parseMarkdown(text), text).map((anchor) => anchor.id);

describe("stable anchors", () => {
  test("translated headings keep the source's ids, written only where they would change", () => {
    const result = translate(CHAPTER, {
      Welcome: "Bem-vindo",
      Details: "Detalhes",
      Closing: "Fechamento",
      Styled: "Estilizado",
      Kept: "Mantido",
      Setext: "Sublinhado",
      Quoted: "Citado",
      "See [below](#details).": "Veja [abaixo](#details).",
    });
    expect(result.text).toContain("# Bem-vindo {#welcome}\n");
    expect(result.text).toContain("## Detalhes {#details}\n\n## Detalhes {#details-1}\n");
    expect(result.text).toContain("### Fechamento ### {#closing}\n");
    expect(result.text).toContain("## Estilizado {#styled .note}\n");
    expect(result.text).toContain("## Mantido {#kept-id}\n");
    expect(result.text).toContain("Sublinhado {#setext}\n------");
    expect(result.text).toContain("> ## Citado {#quoted}\n");
    // Untranslated, and its id unchanged: left as it is.
    expect(result.text).toContain("\n## Same\n");
    expect(idsOf(result.text)).toEqual(idsOf(CHAPTER));
    // Every translation comes back on re-extraction: the id blocks are not part of the msgids.
    expect(result.warnings).toBe(0);
    expect(result.applied).toBe(9);
  });

  test("an untranslated repeat after a translated one gets its id written (the counter no longer sees the first)", () => {
    const source = "# Intro\n\n# Intro\n";
    const result = translate(source, {});
    expect(result.text).toBe(source);
    const partly = "# Intro\n\n# Intro-x\n\n# Intro\n";
    const changed = translate(partly, { "Intro-x": "Intro" });
    expect(idsOf(changed.text)).toEqual(["intro", "intro-x", "intro-1"]);
    expect(changed.text).toBe("# Intro\n\n# Intro {#intro-x}\n\n# Intro\n");
  });

  test("smart punctuation in book.toml changes the ids the source has, and the copy keeps those", () => {
    const result = translate("# a -- b\n", { "a -- b": "c" }, "[output.html]\nsmart-punctuation = true\n");
    expect(result.text).toBe("# c {#a--b}\n");
  });
});
