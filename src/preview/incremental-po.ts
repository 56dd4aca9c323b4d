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
  catalog: Catalog;
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
  let start = 0;
  let startLine = 1;
  let line = 1;
  let position = 0;
  let previous = "";
  while (position < text.length) {
    let end = text.indexOf("\n", position);
    if (end === -1) end = text.length;
    const current = text.slice(position, end);
    const blank = current.trim() === "";
    if (blank && endsEntry(previous) && position > start) {
      runs.push({ text: text.slice(start, end), line: startLine });
      start = end + 1;
      startLine = line + 1;
      previous = "";
    } else if (!blank) previous = current;
    position = end + 1;
    line++;
  }
  if (start < text.length) runs.push({ text: text.slice(start), line: startLine });
  return runs;
}

/**
 * Parses `text` as `parsePo(text, file)` would, reusing the runs of `cache`
 * (from the previous call) and returning the cache for the next one.
 */
export function parsePoIncrementally(text: string, file: string, cache: RunCache = new Map()): { catalog: Catalog; cache: RunCache } {
  const next: RunCache = new Map();
  const catalog: Catalog = { headerComments: [], headers: [], headerFlags: [], entries: [] };
  const seen = new Map<string, number>();
  let header = false;
  try {
    for (const run of splitRuns(text)) {
      let parsed = cache.get(run.text) ?? next.get(run.text);
      parsed ??= { catalog: parsePo(run.text, file) };
      next.set(run.text, parsed);
      const shift = run.line - 1;
      if (parsed.catalog.headers.length > 0 || parsed.catalog.headerComments.length > 0 || parsed.catalog.headerFlags.length > 0) {
        // A header in a later run, or two: let the full parser judge.
        if (header || catalog.entries.length > 0) throw new Error("header out of place");
        header = true;
        catalog.headers = parsed.catalog.headers;
        catalog.headerComments = parsed.catalog.headerComments;
        catalog.headerFlags = parsed.catalog.headerFlags;
      }
      for (const entry of parsed.catalog.entries) {
        const shifted: PoEntry = entry.line === undefined ? entry : { ...entry, line: entry.line + shift };
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
    return { catalog: parsePo(text, file), cache: new Map() };
  }
  return { catalog, cache: next };
}
