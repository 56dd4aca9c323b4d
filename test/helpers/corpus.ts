// Locates ../shared/corpus; tests that need it skip with a message when it is absent.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const CORPUS_ROOT = resolve(import.meta.dirname, "../../../shared/corpus");
export const BN_BOOK = join(CORPUS_ROOT, "comprehensive-rust");
export const PT_BOOK = join(CORPUS_ROOT, "comprehensive-rust-pt-BR");
export const hasCorpus = existsSync(join(BN_BOOK, "book.toml")) && existsSync(join(PT_BOOK, "book.toml"));
export const NO_CORPUS = "../shared/corpus is absent: corpus conformance tests skipped";

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

/** The msgids upstream made from a corpus book's own text (its preprocessor's output left out). */
export function reproducibleMsgids(book: string): Set<string> {
  const expected = readJson<string[]>(join(book, "expected-msgids.json"));
  const preprocessor = new Set(readJson<string[]>(join(book, "preprocessor-msgids.json")));
  return new Set(expected.filter((msgid) => !preprocessor.has(msgid)));
}
