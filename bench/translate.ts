/**
 * translate-all benchmark: parses the corpus book once, then applies several
 * catalogs (the real bn and pt-BR catalogs, and copies standing for more
 * languages), timing the parse and each language's apply + serialization.
 * Run: npm run build && node dist/bench/translate.js
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseBookConfig } from "../src/book/config.js";
import { parsePo } from "../src/catalog/parse.js";
import { applyCatalog, prepareBook } from "../src/translate/book.js";
import { catalogLookup } from "../src/translate/lookup.js";

const CORPUS = join(import.meta.dirname, "..", "..", "..", "shared", "corpus");

export function benchTranslateAll(): string[] {
  if (!existsSync(CORPUS)) return ["translate-all: skipped, ../shared/corpus is absent"];
  const root = join(CORPUS, "comprehensive-rust");
  const config = parseBookConfig(readFileSync(join(root, "book.toml"), "utf8"), "book.toml");
  const catalogs = [
    join(root, "po", "bn.po"),
    join(CORPUS, "comprehensive-rust-pt-BR", "po", "pt-BR.po"),
    join(root, "po", "bn.po"),
    join(CORPUS, "comprehensive-rust-pt-BR", "po", "pt-BR.po"),
  ];
  const lines: string[] = [];
  const t0 = performance.now();
  const book = prepareBook(config, (path) => readFileSync(join(root, path), "utf8"));
  const t1 = performance.now();
  lines.push(`translate-all: parse ${book.documents.length} documents once: ${(t1 - t0).toFixed(0)} ms`);
  catalogs.forEach((path, index) => {
    const start = performance.now();
    const files = applyCatalog(book, catalogLookup(parsePo(readFileSync(path, "utf8"), path)));
    const applied = files.reduce((sum, file) => sum + file.applied, 0);
    lines.push(`translate-all: language ${index + 1} (${path.split("/").pop()}): ${(performance.now() - start).toFixed(0)} ms, ${applied} applied`);
  });
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of benchTranslateAll()) console.log(line);
