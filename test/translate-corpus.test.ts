import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseBookConfig } from "../src/book/config.js";
import { readPoFile } from "../src/catalog/parse.js";
import { isTranslated } from "../src/catalog/types.js";
import { parseMarkdown } from "../src/markdown/parse.js";
import type { Nodes } from "mdast";
import { prepareBook, applyCatalog, type PreparedBook } from "../src/translate/book.js";
import { catalogLookup, mapLookup } from "../src/translate/lookup.js";
import { CORPUS, HAS_CORPUS } from "./helpers/gnu.js";
import { checkTranslationInvariant } from "./helpers/translation-invariant.js";

const BOOKS = [
  { name: "comprehensive-rust", legacyInlineHtml: false },
  { name: "comprehensive-rust-pt-BR", legacyInlineHtml: true },
];

/** Prepared books by name and mode, shared by the tests (applyCatalog leaves a prepared book as it was). */
const loaded = new Map<string, { root: string; book: PreparedBook }>();

function load(name: string, legacyInlineHtml: boolean): { root: string; book: PreparedBook } {
  const key = `${name}:${legacyInlineHtml}`;
  if (!loaded.has(key)) loaded.set(key, loadUncached(name, legacyInlineHtml));
  return loaded.get(key)!;
}

function loadUncached(name: string, legacyInlineHtml: boolean): { root: string; book: PreparedBook } {
  const root = join(CORPUS, name);
  const config = parseBookConfig(readFileSync(join(root, "book.toml"), "utf8"), "book.toml");
  const book = prepareBook(config, (path) => readFileSync(join(root, path), "utf8"), { legacyInlineHtml });
  return { root, book };
}

const originalText = (root: string, path: string): string => readFileSync(join(root, path), "utf8");

describe.skipIf(!HAS_CORPUS)("round trip on the corpus books", () => {
  for (const { name, legacyInlineHtml } of BOOKS) {
    test(`${name}: empty and identity catalogs leave every file byte-identical`, () => {
      const { root, book } = load(name, legacyInlineHtml);
      expect(book.documents.length).toBeGreaterThan(300);
      const empty = applyCatalog(book, mapLookup(new Map()));
      const identity = new Map<string, string>();
      for (const document of book.documents) for (const message of document.messages) identity.set(message.msgid, message.msgid);
      const same = applyCatalog(book, mapLookup(identity));
      for (const files of [empty, same]) {
        for (const file of files) expect(file.text, file.path).toBe(originalText(root, file.path));
      }
      expect(same.reduce((sum, file) => sum + file.applied, 0)).toBe(same.reduce((sum, file) => sum + file.total, 0));
    });
  }
});

const STRUCTURE = ["heading", "listItem", "tableRow", "tableCell", "code", "blockquote", "table", "list"] as const;

function structure(text: string, frontMatter: boolean): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(STRUCTURE.map((type) => [type, 0]));
  const visit = (node: Nodes): void => {
    if (node.type in counts) counts[node.type]!++;
    if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(parseMarkdown(text, { frontMatter }));
  return counts;
}

describe.skipIf(!HAS_CORPUS)("the real pt-BR catalog on its own sources", () => {
  test("≥ 99% of the translated entries are applied, and every file keeps its structure", () => {
    const { root, book } = load("comprehensive-rust-pt-BR", true);
    const catalogPath = join(root, "po", "pt-BR.po");
    const catalog = readPoFile(catalogPath);
    const files = applyCatalog(book, catalogLookup(catalog));
    const produced = new Set(book.documents.flatMap((document) => document.messages.map((message) => message.msgid)));
    const candidates = catalog.entries.filter((entry) => isTranslated(entry) && entry.msgctxt === undefined && produced.has(entry.msgid));
    expect(candidates.length).toBeGreaterThan(3000);

    const output = new Map(files.map((file) => [file.path, file.text]));
    const config = parseBookConfig(readFileSync(join(root, "book.toml"), "utf8"), "book.toml");
    const again = prepareBook(config, (path) => output.get(path) ?? readFileSync(join(root, path), "utf8"), { legacyInlineHtml: true });
    const extracted = new Set(again.documents.flatMap((document) => document.messages.map((message) => message.msgid)));
    const applied = candidates.filter((entry) => extracted.has(entry.msgstr[0]!));
    const missing = candidates.filter((entry) => !extracted.has(entry.msgstr[0]!));
    const share = applied.length / candidates.length;
    const warnings = files.reduce((sum, file) => sum + file.warnings.length, 0);
    console.log(`pt-BR: ${applied.length}/${candidates.length} translated entries applied (${(share * 100).toFixed(2)}%), ${warnings} warnings`);
    for (const entry of missing.slice(0, 15)) console.log(`  not applied: po line ${entry.line}: ${JSON.stringify(entry.msgid).slice(0, 100)} -> ${JSON.stringify(entry.msgstr[0]).slice(0, 100)}`);
    expect(share).toBeGreaterThanOrEqual(0.99);

    let compared = 0;
    const differing: string[] = [];
    for (const file of files) {
      if (file.role === "include" && !file.path.endsWith(".md")) continue;
      const frontMatter = file.role === "chapter" && config.coursePreprocessor;
      const before = structure(readFileSync(join(root, file.path), "utf8"), frontMatter);
      const after = structure(file.text, frontMatter);
      compared++;
      if (JSON.stringify(before) !== JSON.stringify(after)) differing.push(`${file.path}: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
    }
    console.log(`pt-BR: structure identical in ${compared - differing.length}/${compared} Markdown files`);
    expect(differing).toEqual([]);
  });
});

describe.skipIf(!HAS_CORPUS)("the translate invariant on the pt-BR corpus book", () => {
  test("every translated entry comes back from the translated book, or a warning names its PO line", () => {
    const root = join(CORPUS, "comprehensive-rust-pt-BR");
    const config = parseBookConfig(readFileSync(join(root, "book.toml"), "utf8"), "book.toml");
    const report = checkTranslationInvariant(config, (path) => readFileSync(join(root, path), "utf8"), readPoFile(join(root, "po", "pt-BR.po")), { legacyInlineHtml: true });
    const { tally } = report.translation;
    console.log(`pt-BR invariant: ${report.held}/${report.candidates} entries held, ${report.warned} warned, ${report.silent.length} silent; occurrences: ${tally.applied} applied, ${tally.notApplied.length} not applied of ${tally.total}`);
    for (const entry of report.silent.slice(0, 10)) console.log(`  silent: po line ${entry.line}: ${JSON.stringify(entry.msgid).slice(0, 100)}`);
    expect(report.silent).toEqual([]);
    expect(tally.applied + tally.fuzzy + tally.untranslated + tally.notApplied.length).toBe(tally.total);
    expect(report.held / report.candidates).toBeGreaterThan(0.99);
  }, 300_000);
});
