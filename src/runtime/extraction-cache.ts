/**
 * A cache of extraction results, each keyed by a hash of the content of every
 * file it was made from (a chapter and its includes; SUMMARY.md for the
 * outline), so unchanged chapters are not parsed again. One JSON file per
 * book, settings and pobook build; results of other code are never reused.
 * The file's name holds no absolute path (callers name the book by its place
 * in its repository), so a cache restored into another checkout (CI) is used.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../fs.js";
interface CachedResult {
  files: string[];
  hash: string;
  value: unknown;
}

let codeVersion: string | undefined;

/** Hash of the extractor's own compiled code. */
function extractorVersion(): string {
  if (codeVersion) return codeVersion;
  const hash = createHash("sha256");
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  for (const dir of ["markdown", "code", "book"]) {
    for (const file of readdirSync(join(root, dir)).sort()) {
      if (file.endsWith(".js")) hash.update(readFileSync(join(root, dir, file)));
    }
  }
  return (codeVersion = hash.digest("hex"));
}

/** Reads a file of the book (relative to its root) as bytes. */
export type ReadBookBytes = (path: string) => Buffer;

function contentHash(read: ReadBookBytes, files: readonly string[]): string | undefined {
  const hash = createHash("sha256");
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = read(file);
    } catch {
      // Gone, or no longer readable (a symlink now out of the read root): extract again.
      return undefined;
    }
    hash.update(file).update("\0").update(bytes).update("\0");
  }
  return hash.digest("hex");
}

export class ExtractionCache {
  private readonly stored: Map<string, CachedResult>;
  private readonly kept = new Map<string, CachedResult>();
  private readonly path: string;

  /**
   * `settings` is everything besides the files that changes results (the book, book.toml settings,
   * options); `read` reads the book's files as extraction does (confined to its read root).
   * `dir` holds the cache files (default `$XDG_CACHE_HOME/pobook`).
   */
  constructor(
    settings: unknown,
    private readonly read: ReadBookBytes,
    dir = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pobook"),
  ) {
    const id = createHash("sha256").update(extractorVersion()).update(JSON.stringify(settings)).digest("hex");
    this.path = join(dir, `chapters-${id.slice(0, 24)}.json`);
    let entries: Record<string, CachedResult> = {};
    try {
      entries = JSON.parse(readFileSync(this.path, "utf8")) as Record<string, CachedResult>;
    } catch {
      // No cache yet, or an unreadable one: start afresh.
    }
    this.stored = new Map(Object.entries(entries));
  }

  /** The result stored under `key`, if none of the files it was made from changed. */
  lookup<T>(key: string): T | undefined {
    const entry = this.stored.get(key);
    if (!entry || contentHash(this.read, entry.files) !== entry.hash) return undefined;
    this.kept.set(key, entry);
    return entry.value as T;
  }

  /** Stores `value`, made from `files` (paths relative to the book root), under `key`. */
  store(key: string, files: readonly string[], value: unknown): void {
    const hash = contentHash(this.read, files);
    if (hash) this.kept.set(key, { files: [...files], hash, value });
  }

  /**
   * A value computed from other results rather than from files (the POT text
   * rendered from the template's entries), stored under `key` with the
   * `fingerprint` of its input: returns the stored value when the fingerprint is the same.
   */
  derived(key: string, fingerprint: string, compute: () => string): string {
    const entry = this.stored.get(key);
    if (entry && entry.files.length === 0 && entry.hash === fingerprint && typeof entry.value === "string") {
      this.kept.set(key, entry);
      return entry.value;
    }
    const value = compute();
    this.kept.set(key, { files: [], hash: fingerprint, value });
    return value;
  }

  /**
   * Writes the entries of this run (entries no longer used, like removed
   * chapters, are dropped; with `keepOthers`, by a run that used only some of
   * them, such as the preview's outline, they stay).
   */
  save(options: { keepOthers?: boolean } = {}): void {
    const entries = options.keepOthers ? new Map([...this.stored, ...this.kept]) : this.kept;
    const unchanged = entries.size === this.stored.size && [...entries].every(([path, entry]) => this.stored.get(path) === entry);
    if (unchanged) return;
    try {
      writeFileAtomic(this.path, JSON.stringify(Object.fromEntries(entries)));
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
}
