// book.toml of a translated tree: minimal line edits, checked against the data they should give.
import { describe, expect, it } from "vitest";
import { parse as parseToml } from "smol-toml";
import { publishedBookToml, type PublishedToml } from "../src/publish/published-toml.js";
import { direction, languageInfo } from "../src/publish/languages.js";
import { PobookError } from "../src/errors.js";

const FR: PublishedToml = { language: "fr", dir: "ltr", folder: "fr/", sourceFolder: "", js: ["pobook-languages.js"], css: ["pobook-languages.css"] };
const publish = (text: string, options: Partial<PublishedToml> = {}): string => publishedBookToml(text, "book.toml", { ...FR, ...options });

describe("publishedBookToml", () => {
  it("edits the language line in place, the rest byte-identical (another table's `language` untouched)", () => {
    const plain: PublishedToml = { language: "pt-BR", dir: "ltr", folder: "", sourceFolder: "", js: [], css: [] };
    expect(publishedBookToml('[book]\ntitle = "T"\nlanguage = "en" # src\n\n[x]\nlanguage = "y"\n', "book.toml", plain)).toBe('[book]\ntitle = "T"\nlanguage = "pt-BR" # src\n\n[x]\nlanguage = "y"\n');
    expect(publishedBookToml('[book]\ntitle = "T"\n', "book.toml", { ...plain, language: "bn" })).toBe('[book]\ntitle = "T"\nlanguage = "bn"\n');
  });

  it("appends to multi-line arrays in their layout, and keeps comments after values", () => {
    const text = '[book]\nlanguage = "en" # the source\n\n[output.html]\nadditional-js = [\n  "a.js", # first\n  "b.js" # no comma\n]\nadditional-css = ["x.css"]  # styles\n';
    expect(publish(text)).toBe(
      '[book]\nlanguage = "fr" # the source\n\n[output.html]\nadditional-js = [\n  "a.js", # first\n  "b.js", # no comma\n  "pobook-languages.js",\n]\nadditional-css = ["x.css", "pobook-languages.css"]  # styles\n',
    );
  });

  it("replaces a multi-line description, adds a missing title and [book], and drops dotted gettext keys", () => {
    const text = 'preprocessor.gettext.after = ["links"]\n\n[output.xgettext]\n\n[output.html]\n';
    expect(publish(text, { title: "Titre" })).toBe('[book]\nlanguage = "fr"\ntitle = "Titre"\n\n\n[output.html]\nadditional-js = ["pobook-languages.js"]\nadditional-css = ["pobook-languages.css"]\n');
    const multi = '[book]\ndescription = """\nTwo\nlines"""\n';
    expect(parseToml(publish(multi, { description: 'Deux\nlignes "citées"' }))).toEqual({
      book: { description: 'Deux\nlignes "citées"', language: "fr" },
      output: { html: { "additional-js": ["pobook-languages.js"], "additional-css": ["pobook-languages.css"] } },
    });
  });

  it("adds no picker to a book without an HTML renderer, and names a listed picker once", () => {
    expect(publish('[book]\n\n[output.pdf]\n')).toBe('[book]\nlanguage = "fr"\n\n[output.pdf]\n');
    expect(publish('[output.html]\nadditional-js = ["pobook-languages.js"]\n')).toBe('[book]\nlanguage = "fr"\n\n[output.html]\nadditional-js = ["pobook-languages.js"]\nadditional-css = ["pobook-languages.css"]\n');
  });

  it("sets the direction for a right-to-left language, and ltr where the book set one", () => {
    expect(parseToml(publish("[book]\n", { language: "he", dir: "rtl" }))).toMatchObject({ book: { "text-direction": "rtl" } });
    expect(parseToml(publish('[book]\ntext-direction = "rtl"\nlanguage = "ar"\n'))).toMatchObject({ book: { "text-direction": "ltr", language: "fr" } });
  });

  it("refuses an edit the line scanner would get wrong instead of writing it", () => {
    // A header-looking line inside a multi-line string of another table.
    const text = '[book]\ntitle = "T"\n\n[output.html]\nnote = """\n[preprocessor.gettext]\n"""\n';
    expect(() => publish(text)).not.toThrow();
    expect(parseToml(publish(text))).toMatchObject({ output: { html: { note: "[preprocessor.gettext]\n" } } });
    // An escaped quote run the scanner takes for the string's end: the check catches the broken result.
    const tricky = '[output.html]\nnote = """\na \\""" b\n[preprocessor.gettext]\n"""\n';
    expect(() => publish(tricky)).toThrow(PobookError);
  });
});

describe("languages", () => {
  it("names languages by their own names and knows their direction", () => {
    expect(languageInfo("pt-BR").name).toBe("Português (Brasil)");
    expect(languageInfo("pt_BR").name).toBe("Português (Brasil)");
    expect(languageInfo("ja").name).toBe("日本語");
    expect(["ar", "fa", "he", "ur", "ckb", "dv", "yi"].map(direction)).toEqual(Array(7).fill("rtl"));
    expect(["en", "zh-Hant", "ru", "hi"].map(direction)).toEqual(Array(4).fill("ltr"));
    expect(() => languageInfo("xx", {}, { file: "po/xx.po" })).toThrow(/no name known for language "xx"/);
    expect(languageInfo("xx", { xx: "Xish" }).name).toBe("Xish");
  });
});
