/**
 * Re-reading a catalog the translator just saved, parsing only what changed.
 *
 * A 1 MB catalog takes a few hundred milliseconds to parse whole, and a save
 * usually changes one entry. The text is cut into runs of entries at blank
 * lines that follow a complete entry (a `msgstr` line or a string
 * continuation), each run is parsed by the catalog parser on its own and
 * remembered by its text, so the next save parses only the runs whose text is
 * new. Whenever a run does not parse alone, or the runs do not add up to a
 * valid catalog, the whole text is parsed instead: errors and results are
 * always the full parser's.
 */
import { parsePo } from "../catalog/parse.js";
import type { Catalog, PoEntry } from "../catalog/types.js";
import { entryKey } from "../catalog/types.js";
import { PobookError } from "../errors.js";

interface ParsedRun {
  /** Lines numbered from 1 within the run. */
  catalog: Catalog;
  /** Its entries numbered for where the run was last, reused while it stays there. */
  placed?: { line: number; entries: PoEntry[] };
}

/** Runs of the last texts parsed, by their text (lines numbered from 1 within the run). */
export type RunCache = Map<string, ParsedRun>;

/** Where a run ends: after a blank line that follows a line ending an entry. */
function endsEntry(line: string): boolean {
  let text = line.trimStart();
  if (text.startsWith("#~")) text = text.slice(2).trimStart();
  return text.startsWith("msgstr") || text.startsWith('"');
}

/** The text's runs, each with the line it starts on. */
export function splitRuns(text: string): Array<{ text: string; line: number }> {
  const runs: Array<{ text: string; line: number }> = [];
  const blank = /\n[ \t\r]*\n/g;
  let start = 0;
  let startLine = 1;
  let counted = 0;
  let line = 1;
  /** Line number at `offset`, counting on from the last call. */
  const lineAt = (offset: number): number => {
    for (let at = text.indexOf("\n", counted); at !== -1 && at < offset; at = text.indexOf("\n", at + 1)) line++, (counted = at + 1);
    return line;
  };
  for (let match = blank.exec(text); match; match = blank.exec(text)) {
    const lineStart = text.lastIndexOf("\n", match.index - 1) + 1;
    if (lineStart < start || !endsEntry(text.slice(lineStart, match.index))) {
      blank.lastIndex = match.index + 1;
      continue;
    }
    // The run ends with its last line's newline; the blank line starts the next run.
    const end = match.index + 1;
    runs.push({ text: text.slice(start, end), line: startLine });
    start = end;
    startLine = lineAt(end);
    blank.lastIndex = end;
  }
  if (start < text.length) runs.push({ text: text.slice(start), line: startLine });
  return runs;
}

/** Parses a whole catalog text as parsePo does (or gives what it gave before, from a cache). */
export type WholeParser = (text: string, file: string) => Catalog;

/**
 * Parses `text` as `parsePo(text, file)` would, reusing the runs of `cache`
 * (from the previous call) and returning the cache for the next one.
 * `parseAll` parses the whole text when there is nothing to reuse.
 */
export function parsePoIncrementally(text: string, file: string, cache: RunCache = new Map(), parseAll: WholeParser = parsePo): { catalog: Catalog; cache: RunCache } {
  if (cache.size === 0) return parseWhole(text, file, parseAll);
  const next: RunCache = new Map();
  const catalog: Catalog = { headerComments: [], headers: [], headerFlags: [], entries: [] };
  const seen = new Map<string, number>();
  let header = false;
  try {
    for (const run of splitRuns(text)) {
      let parsed = cache.get(run.text) ?? next.get(run.text);
      parsed ??= { catalog: parsePo(run.text, file) };
      next.set(run.text, parsed);
      if (parsed.placed?.line !== run.line) {
        const shift = run.line - 1;
        parsed.placed = { line: run.line, entries: parsed.catalog.entries.map((entry) => (entry.line === undefined ? entry : { ...entry, line: entry.line + shift })) };
      }
      if (parsed.catalog.headers.length > 0 || parsed.catalog.headerComments.length > 0 || parsed.catalog.headerFlags.length > 0) {
        // A header in a later run, or two: let the full parser judge.
        if (header || catalog.entries.length > 0) throw new Error("header out of place");
        header = true;
        catalog.headers = parsed.catalog.headers;
        catalog.headerComments = parsed.catalog.headerComments;
        catalog.headerFlags = parsed.catalog.headerFlags;
      }
      for (const shifted of parsed.placed.entries) {
        const key = entryKey(shifted);
        // Duplicates across runs: the full parser names both lines.
        if (seen.has(key)) throw new Error("duplicate");
        seen.set(key, shifted.line ?? 0);
        catalog.entries.push(shifted);
      }
    }
  } catch (error) {
    if (!(error instanceof PobookError) && !(error instanceof Error && /^(duplicate|header out of place)$/.test(error.message))) throw error;
    // The full parser's verdict: the real error with its real line, or the catalog after all.
    return parseWhole(text, file);
  }
  return { catalog, cache: next };
}

/**
 * The first reading: one parse of the whole text (faster than run by run),
 * its entries then filed under their runs (fileRuns).
 */
function parseWhole(text: string, file: string, parseAll: WholeParser = parsePo): { catalog: Catalog; cache: RunCache } {
  const catalog = parseAll(text, file);
  return { catalog, cache: fileRuns(text, catalog) };
}

/**
 * The run cache of `catalog`, the whole parse of `text`: its entries filed
 * under the run their first line is in. A run that would not parse alone
 * (an entry cut by a blank line) is never reused wrongly: when its text
 * changes, it is parsed alone, fails, and the whole text is parsed again.
 * (The preview files a first reading's runs after its first page is out.)
 */
export function fileRuns(text: string, catalog: Catalog): RunCache {
  const cache: RunCache = new Map();
  const runs = splitRuns(text);
  const hasHeader = catalog.headers.length > 0 || catalog.headerComments.length > 0 || catalog.headerFlags.length > 0;
  // The header is filed with the first run; anywhere else, nothing is filed (the next save parses all).
  if (runs.length === 0 || (hasHeader && !/^msgid ""/m.test(runs[0]!.text))) return cache;
  const filed: Catalog[] = runs.map(() => ({ headerComments: [], headers: [], headerFlags: [], entries: [] }));
  if (hasHeader) Object.assign(filed[0]!, { headers: catalog.headers, headerComments: catalog.headerComments, headerFlags: catalog.headerFlags });
  let run = 0;
  for (const entry of catalog.entries) {
    const line = entry.line ?? 0;
    while (run + 1 < runs.length && runs[run + 1]!.line <= line) run++;
    filed[run]!.entries.push({ ...entry, line: line - runs[run]!.line + 1 });
  }
  // Two runs of the same text hold the same entries (duplicates then fail the next parse).
  runs.forEach((item, index) => cache.set(item.text, { catalog: filed[index]! }));
  // The whole parse's own entries, placed where they are now, serve the next save's unchanged runs.
  let offset = 0;
  runs.forEach((item, index) => {
    const count = filed[index]!.entries.length;
    const parsed = cache.get(item.text)!;
    parsed.placed ??= { line: item.line, entries: catalog.entries.slice(offset, offset + count) };
    offset += count;
  });
  return cache;
}
