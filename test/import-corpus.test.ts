/**
 * `pobook import` on the corpus: translate the pt-BR book with its real
 * catalog, import the translated copy against the sources and count what
 * comes back; then edit 5% of the source paragraphs (and insert and delete
 * a few) and import again: nothing unchanged may be lost, nothing changed
 * may come back as translated.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBookConfig } from "../src/book/config.js";
import { chapterSegmentOptions, prepareChapter, readOutline } from "../src/book/extract-book.js";
import { readPoFile } from "../src/catalog/parse.js";
import { isFuzzy, isTranslated, type Catalog } from "../src/catalog/types.js";
import { documentBlocks } from "../src/import/blocks.js";
import { PT_BOOK, hasCorpus, NO_CORPUS } from "./helpers/corpus.js";
import { runInProcess } from "./helpers/cli.js";
import { translatedPtBook } from "./helpers/shared-corpus.js";
import { gnu } from "./helpers/gnu.js";

if (!hasCorpus) console.log(`import-corpus: ${NO_CORPUS}`);

let work = "";
/** The translated copy: the pt-BR book translated with its catalog, shared with the run's other corpus tests (made once). */
let translatedCopy = () => "";

async function importCatalog(book: string, output: string): Promise<{ catalog: Catalog; seconds: number; stderr: string }> {
  const started = Date.now();
  const result = await runInProcess(["import", book, "--translated", translatedCopy(), "-l", "pt-BR", "--legacy-inline-html", "-o", output]);
  const seconds = (Date.now() - started) / 1000;
  expect(result.status, result.stderr).toBe(0);
  return { catalog: readPoFile(output), seconds, stderr: result.stderr };
}

/** The translations the translated copy holds exactly: the catalog's msgstrs that extracting the copy gives back. */
function appliedTranslations(catalog: Catalog, translatedMsgids: ReadonlySet<string>, bookMsgids: ReadonlySet<string>): Map<string, string> {
  const applied = new Map<string, string>();
  for (const entry of catalog.entries) {
    if (!isTranslated(entry) || entry.msgctxt !== undefined || !bookMsgids.has(entry.msgid)) continue;
    const msgstr = entry.msgstr[0]!;
    // A translation that is the source text changes nothing in the copy; import leaves it untranslated.
    if (msgstr === entry.msgid || !translatedMsgids.has(msgstr)) continue;
    applied.set(entry.msgid, msgstr);
  }
  return applied;
}

type Outcome = "recovered" | "wrong" | "fuzzy" | "untranslated";

function outcome(catalog: Catalog, msgid: string, expected: string | undefined): Outcome {
  const entry = catalog.entries.find((candidate) => candidate.msgid === msgid);
  if (!entry || entry.msgstr[0] === "") return "untranslated";
  if (isFuzzy(entry)) return "fuzzy";
  return entry.msgstr[0] === expected ? "recovered" : "wrong";
}

function tally(catalog: Catalog, expected: ReadonlyMap<string, string | undefined>): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { recovered: 0, wrong: 0, fuzzy: 0, untranslated: 0 };
  const byMsgid = new Map(catalog.entries.map((entry) => [entry.msgid, entry]));
  for (const [msgid, msgstr] of expected) {
    const entry = byMsgid.get(msgid);
    counts[!entry || entry.msgstr[0] === "" ? "untranslated" : isFuzzy(entry) ? "fuzzy" : entry.msgstr[0] === msgstr ? "recovered" : "wrong"]++;
  }
  return counts;
}

const ADDED_SENTENCE = " This sentence was added to the English text after the translation was made.";

/**
 * One deterministic edit of a paragraph's Markdown, by kind: a sentence
 * appended, the last sentence dropped, inline code and a URL inserted, a
 * number changed (the last three fall back to the first when the paragraph
 * has nothing to change).
 */
function editParagraph(raw: string, kind: number): string {
  if (kind === 1) {
    const ends = [...raw.matchAll(/[.!?] +(?=[A-Z])/g)];
    const last = ends[ends.length - 1];
    if (last && !raw.slice(last.index).includes("`")) return raw.slice(0, last.index + 1);
  }
  if (kind === 2) {
    const firstSpace = raw.indexOf(" ");
    if (firstSpace > 0) return `${raw.slice(0, firstSpace)} (with \`edited::Item\`, see <https://example.com/edited>)${raw.slice(firstSpace)}`;
  }
  if (kind === 3) {
    // A number in the prose: not in inline code, a link or a name.
    const number = [...raw.matchAll(/(?<![\w`/.#:-])\d+(?![\w`/:])/g)].find((match) => (raw.slice(0, match.index).match(/`/g)?.length ?? 0) % 2 === 0 && !/\]\([^)]*$/.test(raw.slice(0, match.index)));
    if (number) return `${raw.slice(0, number.index)}${Number(number[0]) + 7}${raw.slice(number.index! + number[0].length)}`;
  }
  return raw.replace(/\s*$/, "") + ADDED_SENTENCE;
}

describe.skipIf(!hasCorpus)("pobook import on the corpus (pt-BR)", () => {
  let original: Catalog;
  let applied: Map<string, string>;
  let roundTrip: Catalog;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "pobook-import-"));
    const translated = await translatedPtBook();
    expect(translated.status, translated.stderr).toBe(0);
    translatedCopy = () => translated.output;
    const extracted = await runInProcess(["extract", translatedCopy(), "--legacy-inline-html", "-o", join(work, "copy.pot")]);
    expect(extracted.status, extracted.stderr).toBe(0);
    const translatedMsgids = new Set(readPoFile(join(work, "copy.pot")).entries.map((entry) => entry.msgid));
    original = readPoFile(join(PT_BOOK, "po", "pt-BR.po"));
    const imported = await importCatalog(PT_BOOK, join(work, "round-trip.po"));
    roundTrip = imported.catalog;
    applied = appliedTranslations(original, translatedMsgids, new Set(roundTrip.entries.map((entry) => entry.msgid)));
    console.log(`import round trip: ${imported.seconds.toFixed(1)} s for ${roundTrip.entries.length} messages`);
  }, 600_000);

  afterAll(() => {
    if (work && !process.env.POBOOK_KEEP_TEST_DIR) rmSync(work, { recursive: true, force: true });
    else if (work) console.log(`kept ${work}`);
  });

  test("the translated copy gives back ≥ 99% of the applied translations exactly, none wrong", () => {
    expect(applied.size).toBeGreaterThan(2500);
    const counts = tally(roundTrip, applied);
    console.log(`round trip: ${applied.size} applied translations: ${counts.recovered} recovered exactly, ${counts.fuzzy} fuzzy, ${counts.untranslated} untranslated, ${counts.wrong} wrong`);
    expect(counts.recovered / applied.size).toBeGreaterThanOrEqual(0.99);
    expect(counts.wrong).toBe(0);
    // The catalog has the template's header with the language set.
    const header = roundTrip.headers.find(([name]) => name === "Language");
    expect(header?.[1]).toBe("pt_BR");
    // A valid catalog for GNU gettext, written as msgcat writes it.
    const written = join(work, "round-trip.po");
    expect(gnu("msgfmt", ["-c", "--statistics", "-o", "/dev/null", written])).toBe("");
    expect(gnu("msgcat", [written])).toBe(readFileSync(written, "utf8"));
  });

  test("after editing 5% of the source paragraphs, the unchanged ones are still recovered and the changed ones are fuzzy or reported, none wrong", async () => {
    const edited = join(work, "edited");
    for (const name of ["book.toml", "src", "third_party"]) cpSync(join(PT_BOOK, name), join(edited, name), { recursive: true });
    const config = parseBookConfig(readFileSync(join(edited, "book.toml"), "utf8"), "book.toml");
    const read = (path: string) => readFileSync(join(edited, path), "utf8");
    const outline = readOutline(config, read, { legacyInlineHtml: true });
    const options = chapterSegmentOptions(config, { legacyInlineHtml: true });
    // Top-level paragraphs of chapters without includes (so offsets are the file's), whose text is once in the book.
    const uses = new Map<string, number>();
    for (const entry of roundTrip.entries) uses.set(entry.msgid, entry.references.length);
    let paragraphs = 0;
    const candidates: Array<{ path: string; raw: string; msgid: string }> = [];
    for (const chapter of outline.chapters) {
      const text = read(chapter.path);
      const blocks = documentBlocks(prepareChapter(config, text), options).filter((block) => block.kind === "p");
      paragraphs += blocks.length;
      if (text.includes("{{#") || prepareChapter(config, text) !== text) continue;
      for (const block of blocks) {
        const raw = text.slice(block.start, block.end);
        if (uses.get(block.msgid) === 1 && applied.has(block.msgid) && text.indexOf(raw) === text.lastIndexOf(raw)) candidates.push({ path: chapter.path, raw, msgid: block.msgid });
      }
    }
    const wanted = Math.ceil(paragraphs * 0.05);
    const stride = Math.floor(candidates.length / wanted);
    expect(stride).toBeGreaterThanOrEqual(1);
    const chosen = Array.from({ length: wanted }, (_, index) => candidates[index * stride]!);
    const files = new Map<string, string>();
    const editedMsgids = new Set<string>();
    chosen.forEach((paragraph, index) => {
      const text = files.get(paragraph.path) ?? read(paragraph.path);
      files.set(paragraph.path, text.replace(paragraph.raw, () => editParagraph(paragraph.raw, index % 4)));
      editedMsgids.add(paragraph.msgid);
    });
    // A few paragraphs inserted and a few deleted, so blocks no longer line up by position.
    const others = candidates.filter((candidate) => !editedMsgids.has(candidate.msgid) && !files.has(candidate.path));
    // One per chapter, chapters far apart.
    const spread = others.filter((candidate, index) => index === 0 || others[index - 1]!.path !== candidate.path).filter((_, index) => index % 10 === 5);
    const inserted = spread.slice(0, 3);
    const deleted = spread.slice(3, 6);
    for (const paragraph of inserted) files.set(paragraph.path, read(paragraph.path).replace(paragraph.raw, () => `A new paragraph, written after the translation, about ${paragraph.path}.\n\n${paragraph.raw}`));
    for (const paragraph of deleted) files.set(paragraph.path, read(paragraph.path).replace(paragraph.raw, ""));
    expect(new Set([...inserted, ...deleted].map((paragraph) => paragraph.path)).size).toBe(6);
    for (const [path, text] of files) writeFileSync(join(edited, path), text);

    const { catalog, stderr } = await importCatalog(edited, join(work, "edited.po"));
    const before = new Set(roundTrip.entries.map((entry) => entry.msgid));
    const changed = catalog.entries.filter((entry) => !before.has(entry.msgid)).map((entry) => entry.msgid);
    // Each edit and insertion gives one new message.
    const stillThere = new Set(catalog.entries.map((entry) => entry.msgid));
    for (const msgid of editedMsgids) if (stillThere.has(msgid)) console.log(`edit left the message as it was: ${JSON.stringify(msgid).slice(0, 200)}`);
    expect(changed.length).toBe(chosen.length + inserted.length);
    const changedOutcomes: Record<Outcome, number> = { recovered: 0, wrong: 0, fuzzy: 0, untranslated: 0 };
    for (const msgid of changed) {
      const result = outcome(catalog, msgid, undefined);
      changedOutcomes[result]++;
      if (result === "wrong") console.log(`changed but translated: ${JSON.stringify(msgid)}\n  as ${JSON.stringify(catalog.entries.find((entry) => entry.msgid === msgid)!.msgstr[0])}`);
    }
    const removed = new Set([...editedMsgids, ...deleted.map((paragraph) => paragraph.msgid)]);
    const unchanged = new Map([...applied].filter(([msgid]) => !removed.has(msgid)));
    const counts = tally(catalog, unchanged);
    const reported = stderr.split("\n").filter((line) => line.includes("matches")).length;
    console.log(
      `edited ${chosen.length} of ${paragraphs} paragraphs (${((chosen.length / paragraphs) * 100).toFixed(1)}%), inserted ${inserted.length}, deleted ${deleted.length}: ` +
        `changed messages ${changed.length}: ${changedOutcomes.fuzzy} fuzzy, ${changedOutcomes.untranslated} untranslated, ${changedOutcomes.wrong} translated (wrong); ` +
        `unchanged applied ${unchanged.size}: ${counts.recovered} recovered, ${counts.fuzzy} fuzzy, ${counts.untranslated} untranslated, ${counts.wrong} wrong; ${reported} blocks reported unmatched`,
    );
    expect(changedOutcomes.wrong).toBe(0);
    expect(changedOutcomes.recovered).toBe(0);
    expect(counts.wrong).toBe(0);
    expect(counts.recovered / unchanged.size).toBeGreaterThanOrEqual(0.99);
    // Inserted paragraphs have no translation and deleted ones no source: both are reported with file:line.
    for (const paragraph of inserted) expect(stderr).toMatch(new RegExp(`pobook: ${paragraph.path.replace(/[.]/g, "\\.")}:\\d+: no block of the translated copy matches "A new paragraph`));
    expect(reported).toBeGreaterThanOrEqual(inserted.length + deleted.length);
  }, 600_000);
});
