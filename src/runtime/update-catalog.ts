/**
 * Updating one catalog file against a template: read, merge, serialize, as
 * `pobook update` does for each LANG.po. Shared by the command's own thread
 * and the update workers (update-pool.ts), so both write the same bytes.
 */
import type { FailureReply } from "./worker-failure.js";
import { readPoFileWithText } from "../catalog/parse.js";
import { getHeader, setHeader, type Catalog } from "../catalog/types.js";
import { serializePo } from "../catalog/serialize.js";
import { mergeCatalog, UPDATE_MERGE_OPTIONS, type MergeStats } from "../catalog/merge.js";
import { catalogStats, type Counts } from "../stats/compute.js";

export interface FileUpdateOptions {
  keepObsolete: boolean;
  fuzzyMatching: boolean;
  autoClear: boolean;
  /** The template was extracted from the sources in this run (its date is today's). */
  fromSources: boolean;
}

export interface FileUpdate {
  path: string;
  /** The catalog as update writes it. */
  text: string;
  /** Whether `text` differs from the file's bytes. */
  changed: boolean;
  stats: MergeStats;
  /** What the catalog now holds, counted as `pobook stats` counts (the merge figures count changes). */
  totals: Counts;
}

/** The update of `path`; with `old`, the catalog it was read into (the legacy check needs it). */
export function updateCatalogFile(path: string, template: Catalog, options: FileUpdateOptions): { update: FileUpdate; old: Catalog } {
  const { text: before, catalog: old } = readPoFileWithText(path);
  const { catalog, stats } = mergeCatalog(old, template, {
    keepObsolete: options.keepObsolete,
    fuzzyMatching: options.fuzzyMatching,
    ...UPDATE_MERGE_OPTIONS,
    autoClear: options.autoClear,
  });
  let text = serializePo(catalog);
  if (options.fromSources) {
    // A template extracted just now carries this run's date: when nothing
    // else changed, the catalog keeps its date and stays byte-identical.
    const date = getHeader(old, "POT-Creation-Date");
    if (date !== undefined) {
      setHeader(catalog, "POT-Creation-Date", date);
      const undated = serializePo(catalog);
      if (undated === before) text = undated;
    }
  }
  return { update: { path, text, changed: text !== before, stats, totals: catalogStats(catalog, path).messages }, old };
}

export type UpdateOutcome = { update: FileUpdate } | { failure: FailureReply };
