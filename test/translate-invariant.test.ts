import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseBookConfig } from "../src/book/config.js";
import { readPoFile } from "../src/catalog/parse.js";
import { bookReader } from "../src/runtime/book-reader.js";
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
    const report = checkTranslationInvariant(config, bookReader(root), readPoFile(join(root, "po", "de.po")));
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
});
