// The preview's first reading of a catalog: parsed once, then read back from
// the cache on the next start (src/runtime/catalog-cache.ts); its runs for
// incremental parsing are filed later, and a save still parses as the full
// parser does.
import { describe, expect, test } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePo } from "../src/catalog/parse.js";
import { CatalogCache } from "../src/runtime/catalog-cache.js";
import { ExtractionCache } from "../src/runtime/extraction-cache.js";
import { LiveCatalog } from "../src/preview/live-catalog.js";

const HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n';
const TEXT = `${HEADER}#: a.md:1\nmsgid "One"\nmsgstr "Un"\n\n#, fuzzy\nmsgid "Two"\nmsgstr "Deux"\n\nmsgctxt "menu"\nmsgid "Open"\nmsgstr "Ouvrir"\n\n#~ msgid "Old"\n#~ msgstr "Vieux"\n`;

describe("CatalogCache", () => {
  test("gives back exactly the parse of the same text, nothing for any other text", () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-catalog-cache-"));
    const cache = new CatalogCache("/book/po/fr.po", dir);
    expect(cache.lookup(TEXT)).toBeUndefined();
    cache.store(TEXT, parsePo(TEXT, "po/fr.po"));
    expect(new CatalogCache("/book/po/fr.po", dir).lookup(TEXT)).toEqual(parsePo(TEXT, "po/fr.po"));
    expect(new CatalogCache("/book/po/fr.po", dir).lookup(TEXT.replace("Un", "Une"))).toBeUndefined();
    // Another catalog has a file of its own.
    expect(new CatalogCache("/book/po/de.po", dir).lookup(TEXT)).toBeUndefined();
    expect(readdirSync(dir)).toHaveLength(1);
  });

  test("a damaged cache file is a miss, not an error", () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-catalog-cache-"));
    const cache = new CatalogCache("/book/po/fr.po", dir);
    cache.store(TEXT, parsePo(TEXT, "po/fr.po"));
    writeFileSync(join(dir, readdirSync(dir)[0]!), "not v8");
    expect(cache.lookup(TEXT)).toBeUndefined();
  });
});

describe("LiveCatalog's first reading", () => {
  test("uses the stored parse, and the next save parses incrementally to the full parser's result", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-live-catalog-"));
    const po = join(dir, "fr.po");
    writeFileSync(po, TEXT);
    const cache = new CatalogCache(po, join(dir, "cache"));
    // A stored parse with a mark only the cache could have given.
    const marked = parsePo(TEXT, "fr.po");
    marked.entries[0]!.msgstr = ["Un (from the cache)"];
    cache.store(TEXT, marked);
    const live = new LiveCatalog(po, "fr.po", () => {}, cache);
    expect(live.current().good!.lookup("One")).toMatchObject({ status: "translated", msgstr: "Un (from the cache)" });
    const edited = TEXT.replace('msgstr "Ouvrir"', 'msgstr "Ouvrir (verbe)"');
    writeFileSync(po, edited);
    utimesSync(po, new Date(), new Date(Date.now() + 5_000));
    const after = live.current().good!;
    expect(after.lookup("Open")).toEqual({ status: "untranslated" });
    expect(after.catalog.entries.find((entry) => entry.msgctxt === "menu")!.msgstr).toEqual(["Ouvrir (verbe)"]);
    // Runs unchanged since the cached reading keep its entries; the edited run is parsed.
    expect(after.catalog.entries.filter((entry) => entry.msgctxt === undefined)).toEqual(marked.entries.filter((entry) => entry.msgctxt === undefined));
    expect(after.catalog.entries.map((entry) => entry.line)).toEqual(parsePo(edited, "fr.po").entries.map((entry) => entry.line));
  });

  test("without a stored parse, the catalog is parsed and stored for the next start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-live-catalog-"));
    const po = join(dir, "fr.po");
    writeFileSync(po, TEXT);
    const cache = new CatalogCache(po, join(dir, "cache"));
    expect(new LiveCatalog(po, "fr.po", () => {}, cache).current().good!.catalog).toEqual(parsePo(TEXT, "fr.po"));
    // Stored off the first page's path.
    await new Promise((done) => setTimeout(done, 700));
    expect(cache.lookup(TEXT)).toEqual(parsePo(TEXT, "fr.po"));
  });
});

describe("ExtractionCache.save({ keepOthers })", () => {
  test("a run that used one entry (the preview's outline) keeps the others (extract's chapters)", () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-extraction-cache-"));
    const files: Record<string, string> = { "src/SUMMARY.md": "# Summary\n", "src/a.md": "# A\n" };
    const read = (path: string): Buffer => Buffer.from(files[path]!);
    const extract = new ExtractionCache({ book: "x" }, read, dir);
    extract.store("#outline", ["src/SUMMARY.md"], "outline 1");
    extract.store("src/a.md", ["src/a.md"], "chapter a");
    extract.save();
    files["src/SUMMARY.md"] = "# Summary\n\n- [A](a.md)\n";
    const preview = new ExtractionCache({ book: "x" }, read, dir);
    expect(preview.lookup("#outline")).toBeUndefined();
    preview.store("#outline", ["src/SUMMARY.md"], "outline 2");
    preview.save({ keepOthers: true });
    const next = new ExtractionCache({ book: "x" }, read, dir);
    expect(next.lookup("#outline")).toBe("outline 2");
    expect(next.lookup("src/a.md")).toBe("chapter a");
    expect(JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]!), "utf8"))).toHaveProperty(["src/a.md"]);
  });
});
