// Conformance with the catalogs upstream's mdbook-xgettext made from the corpus books.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBookConfig } from "../src/book/config.js";
import { extractBook } from "../src/book/extract-book.js";
import { parsePo } from "../src/catalog/parse.js";
import { BN_BOOK, PT_BOOK, hasCorpus, NO_CORPUS, reproducibleMsgids, readJson } from "./helpers/corpus.js";

const extracted = new Map<string, ReturnType<typeof extractUncached>>();
function extract(book: string, legacyInlineHtml = false) {
  const key = `${book}:${legacyInlineHtml}`;
  if (!extracted.has(key)) extracted.set(key, extractUncached(book, legacyInlineHtml));
  return extracted.get(key)!;
}

function extractUncached(book: string, legacyInlineHtml: boolean) {
  const config = parseBookConfig(readFileSync(join(book, "book.toml"), "utf8"), "book.toml");
  const [template] = extractBook(config, (path) => readFileSync(join(book, path), "utf8"), { legacyInlineHtml });
  return template!.entries;
}

function score(book: string, produced: Set<string>) {
  const reproducible = reproducibleMsgids(book);
  const expected = new Set(readJson<string[]>(join(book, "expected-msgids.json")));
  const matched = [...reproducible].filter((msgid) => produced.has(msgid)).length;
  const extra = [...produced].filter((msgid) => !expected.has(msgid)).length;
  return { match: matched / reproducible.size, extra: extra / reproducible.size, matched, total: reproducible.size, extraCount: extra };
}

describe.skipIf(!hasCorpus)(hasCorpus ? "corpus conformance" : NO_CORPUS, () => {
  it("reproduces >= 99.5% of the bn catalog's msgids (mdbook-i18n-helpers 0.3.6) with < 0.5% extra", () => {
    const entries = extract(BN_BOOK);
    const result = score(BN_BOOK, new Set(entries.map((entry) => entry.msgid)));
    console.log(`bn: ${result.matched}/${result.total} matched, ${result.extraCount} extra`);
    expect(result.match).toBeGreaterThanOrEqual(0.995);
    expect(result.extra).toBeLessThan(0.005);
  });

  it("keeps the catalog's order of first occurrence and its references", () => {
    const entries = extract(BN_BOOK);
    const reproducible = reproducibleMsgids(BN_BOOK);
    const expectedOrder = readJson<string[]>(join(BN_BOOK, "expected-msgids.json")).filter((id) => reproducible.has(id));
    expect(entries.map((entry) => entry.msgid).slice(0, 200)).toEqual(expectedOrder.slice(0, 200));
    // Upstream's references also name chapters whose outline the course preprocessor
    // generated; ours must be an in-order subsequence of them, for every entry.
    const catalog = parsePo(readFileSync(join(BN_BOOK, "po/bn.po"), "utf8"), "bn.po");
    const upstream = new Map(catalog.entries.map((entry) => [entry.msgid, entry.references]));
    const mismatched = entries.filter((entry) => {
      const theirs = upstream.get(entry.msgid);
      if (!theirs) return false;
      let position = 0;
      return !entry.references.every((reference) => (position = theirs.indexOf(reference, position) + 1) > 0);
    });
    expect(mismatched.map((entry) => entry.msgid)).toEqual([]);
    expect(upstream.get("Keyboard Shortcuts")).toEqual(entries.find((entry) => entry.msgid === "Keyboard Shortcuts")!.references);
  });

  it("reproduces >= 99% of the pt-BR catalog's msgids (older extractor, inline HTML ended messages)", () => {
    const result = score(PT_BOOK, new Set(extract(PT_BOOK, true).map((entry) => entry.msgid)));
    console.log(`pt-BR: ${result.matched}/${result.total} matched, ${result.extraCount} extra`);
    expect(result.match).toBeGreaterThanOrEqual(0.99);
    expect(result.extra).toBeLessThan(0.005);
  });
});

