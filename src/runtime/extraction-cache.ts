/**
 * A cache of extraction results, each keyed by a hash of the content of every
 * file it was made from (a chapter and its includes; SUMMARY.md for the
 * outline), so unchanged chapters are not parsed again. One JSON file per
 * book, settings and pobook build; results of other code are never reused.
 * The file's name holds no absolute path (callers name the book by its place
 * in its repository), so a cache restored into another checkout (CI) is used.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../fs.js";
import { codeVersion } from "./code-version.js";
interface CachedResult {
  files: string[];
  hash: string;
  value: unknown;
}

/** The extractor's own code: the folders of compiled code results depend on. */
export const EXTRACTOR_CODE = ["markdown", "code", "book"];

export interface CacheKind {
  /** Start of the cache file's name (default `chapters`). */
  prefix?: string;
  /** Folders of src/ whose compiled code the results depend on (default EXTRACTOR_CODE). */
  code?: readonly string[];
}

/** Reads a file of the book (relative to its root) as bytes. */
export type ReadBookBytes = (path: string) => Buffer;

/** A file's hash, or undefined when it is gone or no longer readable (a symlink now out of the read root). */
function fileHash(read: ReadBookBytes, file: string): string | undefined {
  try {
    return createHash("sha256").update(read(file)).digest("hex");
  } catch {
    return undefined;
  }
}

/** Whole-output results (the rendered templates) and what they were made from; see `lookupOutput`. */
interface StoredOutput {
  key: string;
  files: string[];
  hash: string;
  value: unknown;
}

export class ExtractionCache {
  private loaded: Map<string, CachedResult> | undefined;
  private readonly kept = new Map<string, CachedResult>();
  private readonly path: string;
  private readonly outputPath: string;
  /** Each file's hash, read once a run (includes are shared by many chapters). */
  private readonly hashes = new Map<string, string | undefined>();
  private output: StoredOutput | undefined;
  private outputChanged = false;

  /**
   * `settings` is everything besides the files that changes results (the book, book.toml settings,
   * options); `read` reads the book's files as extraction does (confined to its read root).
   * `dir` holds the cache files (default `$XDG_CACHE_HOME/pobook`).
   */
  constructor(
    settings: unknown,
    private readonly read: ReadBookBytes,
    dir: string = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pobook"),
    kind: CacheKind = {},
  ) {
    const id = createHash("sha256").update(codeVersion(kind.code ?? EXTRACTOR_CODE)).update(JSON.stringify(settings)).digest("hex");
    this.path = join(dir, `${kind.prefix ?? "chapters"}-${id.slice(0, 24)}.json`);
    this.outputPath = join(dir, `output-${id.slice(0, 24)}.json`);
  }

  /** The per-chapter results, read when first needed: a run served by `lookupOutput` never parses them. */
  private get stored(): Map<string, CachedResult> {
    if (this.loaded) return this.loaded;
    let entries: Record<string, CachedResult> = {};
    try {
      entries = JSON.parse(readFileSync(this.path, "utf8")) as Record<string, CachedResult>;
    } catch {
      // No cache yet, or an unreadable one: start afresh.
    }
    return (this.loaded = new Map(Object.entries(entries)));
  }

  private contentHash(files: readonly string[]): string | undefined {
    const hash = createHash("sha256");
    for (const file of files) {
      let fileDigest = this.hashes.get(file);
      if (fileDigest === undefined && !this.hashes.has(file)) this.hashes.set(file, (fileDigest = fileHash(this.read, file)));
      // Gone or unreadable: extract again.
      if (fileDigest === undefined) return undefined;
      hash.update(file).update("\0").update(fileDigest).update("\0");
    }
    return hash.digest("hex");
  }

  /** The result stored under `key`, if none of the files it was made from changed. */
  lookup<T>(key: string): T | undefined {
    const entry = this.stored.get(key);
    if (!entry || this.contentHash(entry.files) !== entry.hash) return undefined;
    this.kept.set(key, entry);
    return entry.value as T;
  }

  /** Stores `value`, made from `files` (paths relative to the book root), under `key`. */
  store(key: string, files: readonly string[], value: unknown): void {
    const hash = this.contentHash(files);
    if (hash) this.kept.set(key, { files: [...files], hash, value });
  }

  /**
   * The whole output of the last run (a small file of its own), if it was
   * made under the same `key` (what besides the files changes it) and none
   * of the files any result of that run was made from changed: a warm run
   * reads and hashes the files and nothing else.
   */
  lookupOutput<T>(key: string): T | undefined {
    if (this.output === undefined) {
      try {
        // What it was made from on the first line, the output after it: a changed file costs parsing one line.
        const text = readFileSync(this.outputPath, "utf8");
        const newline = text.indexOf("\n");
        const meta = JSON.parse(text.slice(0, newline)) as Omit<StoredOutput, "value">;
        if (meta.key !== key || !Array.isArray(meta.files) || this.contentHash(meta.files) !== meta.hash) return undefined;
        this.output = { ...meta, value: JSON.parse(text.slice(newline + 1)) };
      } catch {
        return undefined;
      }
    }
    return this.output.value as T;
  }

  /** Stores this run's whole output under `key`, made from every file the results of this run were made from. */
  storeOutput(key: string, value: unknown): void {
    const files = [...new Set([...this.kept.values()].flatMap((entry) => entry.files))].sort();
    const hash = this.contentHash(files);
    if (hash === undefined) return;
    this.output = { key, files, hash, value };
    this.outputChanged = true;
  }

  /** A value computed from other results rather than from files (the folded msgids of a template), kept from the last run. */
  remembered<T>(key: string): T | undefined {
    const entry = this.stored.get(key);
    return entry && entry.files.length === 0 ? (entry.value as T) : undefined;
  }

  /** Keeps `value` (see `remembered`) for the next run (a run that remembers something has changed results to write anyway). */
  remember(key: string, value: unknown): void {
    this.kept.set(key, { files: [], hash: "", value });
  }

  /**
   * Writes the entries of this run (entries no longer used, like removed
   * chapters, are dropped; with `keepOthers`, by a run that used only some of
   * them, such as the preview's outline, they stay).
   */
  save(options: { keepOthers?: boolean } = {}): void {
    // A cache that cannot be written only costs time.
    if (this.outputChanged) {
      try {
        const { value, ...meta } = this.output!;
        writeFileAtomic(this.outputPath, `${JSON.stringify(meta)}\n${JSON.stringify(value)}`);
      } catch {}
      this.outputChanged = false;
    }
    // Not read this run and nothing stored: served whole by lookupOutput, nothing to write.
    if (this.loaded === undefined && this.kept.size === 0) return;
    const entries = options.keepOthers ? new Map([...this.stored, ...this.kept]) : this.kept;
    const unchanged = entries.size === this.stored.size && [...entries].every(([path, entry]) => this.stored.get(path) === entry);
    if (unchanged) return;
    try {
      writeFileAtomic(this.path, JSON.stringify(Object.fromEntries(entries)));
    } catch {}
  }
}
