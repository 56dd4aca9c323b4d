/**
 * The invariant of `pobook translate`, checked from outside: translate a
 * book, extract the translated copy with the extract core (as `pobook
 * extract` would), and for every translated catalog entry whose msgid the
 * source book yields, the translated book must yield its msgstr — or a
 * warning must name the entry's PO line.
 */
import { parseBookConfig, type BookConfig } from "../../src/book/config.js";
import { extractBook } from "../../src/book/extract-book.js";
import { parsePo } from "../../src/catalog/parse.js";
import { isTranslated, type Catalog } from "../../src/catalog/types.js";
import { prepareBook, translateBook, type BookTranslation } from "../../src/translate/book.js";
import { catalogLookup } from "../../src/translate/lookup.js";
import { writtenForm } from "../../src/translate/verify.js";

export interface InvariantReport {
  /** Translated entries whose msgid the source book yields. */
  candidates: number;
  /** ... whose msgstr the translated book yields. */
  held: number;
  /** ... whose msgstr is missing, with a warning naming their PO line. */
  warned: number;
  /** ... missing without a warning: each one is a bug. */
  silent: Array<{ line: number; msgid: string; msgstr: string }>;
  translation: BookTranslation;
  /** The translated copy's files that translate wrote. */
  output: Map<string, string>;
}

/** The msgids `pobook extract` makes of a book (its reader drops a byte-order mark). */
const msgidsOf = (config: BookConfig, read: (path: string) => string, legacyInlineHtml: boolean): Set<string> =>
  new Set(extractBook(config, (path) => read(path).replace(/^\uFEFF/, ""), { legacyInlineHtml }).flatMap((file) => file.entries.map((entry) => entry.msgid.trim())));

export function checkTranslationInvariant(
  config: BookConfig,
  read: (path: string) => string,
  catalog: Catalog,
  options: { legacyInlineHtml?: boolean; threshold?: number } = {},
): InvariantReport {
  const legacy = options.legacyInlineHtml ?? false;
  const book = prepareBook(config, read, { legacyInlineHtml: legacy });
  const translation = translateBook(book, catalogLookup(catalog), { threshold: options.threshold });
  const output = new Map(translation.files.map((file) => [file.path, file.text]));
  const source = msgidsOf(config, read, legacy);
  const translated = msgidsOf(config, (path) => output.get(path) ?? read(path), legacy);
  const warnedLines = new Set(translation.warnings.map((warning) => warning.poLine));
  const report: InvariantReport = { candidates: 0, held: 0, warned: 0, silent: [], translation, output };
  for (const entry of catalog.entries) {
    if (!isTranslated(entry) || entry.obsolete || entry.msgctxt !== undefined || !source.has(entry.msgid.trim())) continue;
    report.candidates++;
    const msgstr = entry.msgstr[0]!;
    // Whitespace at a message's ends is not part of it: extraction trims it.
    // A msgstr in another spelling of the same Markdown (`*n*` for `_n_`) comes back in the writer's spelling.
    if (translated.has(msgstr.trim()) || translated.has(writtenForm(msgstr) ?? "")) report.held++;
    else if (warnedLines.has(entry.line)) report.warned++;
    else report.silent.push({ line: entry.line ?? 0, msgid: entry.msgid, msgstr });
  }
  return report;
}

function poString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, "\\r")}"`;
}

/** A PO catalog (parsed from real PO text, so entries carry their lines) translating each msgid. */
export function catalogOf(translations: ReadonlyArray<readonly [string, string]>): Catalog {
  const text = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""];
  for (const [msgid, msgstr] of translations) text.push(`msgid ${poString(msgid)}`, `msgstr ${poString(msgstr)}`, "");
  return parsePo(text.join("\n"), "test.po");
}

/** An in-memory book: `files` maps paths relative to the book root to their text (book.toml optional). */
export function memoryBook(files: Record<string, string>): { config: BookConfig; read: (path: string) => string } {
  const toml = files["book.toml"] ?? '[book]\nlanguage = "en"\n';
  const config = parseBookConfig(toml, "book.toml");
  const read = (path: string): string => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
    return text;
  };
  return { config, read };
}
