/**
 * A catalog being edited: read again when the file changes (mtime and size),
 * parsed incrementally, and kept at its last good version while the file
 * does not parse, with the error to show (banner and terminal).
 */
import { isUtf8 } from "node:buffer";
import { readFileSync, statSync } from "node:fs";
import { decodeUtf8, parsePo } from "../catalog/parse.js";
import type { CatalogCache } from "../runtime/catalog-cache.js";
import type { Catalog } from "../catalog/types.js";
import { PobookError } from "../errors.js";
import { catalogLookup, type Lookup } from "../translate/lookup.js";
import { fileRuns, parsePoIncrementally, type RunCache } from "./incremental-po.js";
import { summaryTitleLookup } from "./titles.js";

export interface CatalogVersion {
  /** Changes whenever the catalog's content does. */
  stamp: string;
  catalog: Catalog;
  lookup: Lookup;
  /** For SUMMARY.md titles (mdBook's stripped chapter names too). */
  titles: Lookup;
  /** A catalog tree's file and line of an entry's line (a single file's lines are its own). */
  place?: (line: number) => { file: string; line: number };
}

export interface CatalogState {
  /** The last version that parsed (undefined: none yet). */
  good?: CatalogVersion;
  /** Why the file as it is now cannot be used (`po/de.po:12: …`). */
  error?: string;
}

export class LiveCatalog {
  private stamp?: string;
  private runs: RunCache = new Map();
  /** The first reading's runs, filed when the process has time (or at the next change). */
  private pendingRuns?: () => RunCache;
  private state: CatalogState = {};
  private versions = 0;

  /** `report` is told each new error once, and when the file reads again after one. */
  constructor(
    readonly path: string,
    private readonly shownName: string,
    private readonly report: (line: string) => void,
    /** Parsed catalogs of earlier runs: the first reading of an unchanged catalog is not parsed again. */
    private readonly stored?: CatalogCache,
  ) {}

  /** The whole parse of a first reading: from the cache, else parsed and stored once the page is out. */
  private readonly parseAll = (text: string, file: string): Catalog => {
    const cached = this.stored?.lookup(text);
    if (cached) return cached;
    const catalog = parsePo(text, file);
    if (this.stored) {
      const stored = this.stored;
      setTimeout(() => stored.store(text, catalog), 500).unref();
    }
    return catalog;
  };

  current(): CatalogState {
    let stamp: string;
    try {
      const stat = statSync(this.path);
      stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch (error) {
      return this.fail(new PobookError(`cannot read: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`, { file: this.shownName }), "missing");
    }
    if (stamp === this.stamp) return this.state;
    try {
      const bytes = readFileSync(this.path);
      // isUtf8 is a fast check; the decoder names the line of a bad byte.
      const text = isUtf8(bytes) ? bytes.toString("utf8").replace(/^\uFEFF/, "") : decodeUtf8(bytes, this.shownName);
      const catalog = this.versions === 0 && this.runs.size === 0 ? this.firstReading(text) : this.reread(text);
      const lookup = catalogLookup(catalog);
      if (this.state.error !== undefined) this.report(`${this.shownName} reads again: showing it`);
      this.state = { good: { stamp: `${++this.versions}`, catalog, lookup, titles: summaryTitleLookup(catalog, lookup) } };
      this.stamp = stamp;
      return this.state;
    } catch (error) {
      if (!(error instanceof PobookError)) throw error;
      return this.fail(error, stamp);
    }
  }

  /** The first good reading: a whole parse (or the cache's), its runs filed later, off the first page's path. */
  private firstReading(text: string): Catalog {
    const catalog = this.parseAll(text, this.shownName);
    let runs: RunCache | undefined;
    const pending = (): RunCache => (runs ??= fileRuns(text, catalog));
    this.pendingRuns = pending;
    setTimeout(() => {
      if (this.pendingRuns !== pending) return;
      this.runs = pending();
      this.pendingRuns = undefined;
    }, 1_000).unref();
    return catalog;
  }

  private reread(text: string): Catalog {
    const runs = this.pendingRuns?.() ?? this.runs;
    this.pendingRuns = undefined;
    const { catalog, cache } = parsePoIncrementally(text, this.shownName, runs);
    this.runs = cache;
    return catalog;
  }

  private fail(error: PobookError, stamp: string): CatalogState {
    const message = error.format();
    if (message !== this.state.error) {
      this.report(`${message}${this.state.good ? " (showing the last good version of the catalog)" : ""}`);
    }
    this.state = { good: this.state.good, error: message };
    this.stamp = stamp;
    return this.state;
  }
}
