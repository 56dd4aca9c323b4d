/**
 * A per-chapter cache of extraction results, keyed by a hash of the content
 * of every file the chapter was made from (the chapter and its includes), so
 * unchanged chapters are not parsed again. One JSON file per book, options
 * and pobook build; results of other code are never reused.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../fs.js";
import type { ChapterRef, ChapterResult } from "../book/extract-book.js";
import type { Message } from "../markdown/segment.js";

interface CachedChapter {
  files: string[];
  hash: string;
  messages: Message[];
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

function contentHash(root: string, files: readonly string[]): string | undefined {
  const hash = createHash("sha256");
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, file));
    } catch {
      return undefined;
    }
    hash.update(file).update("\0").update(bytes).update("\0");
  }
  return hash.digest("hex");
}

export class ChapterCache {
  private readonly stored: Map<string, CachedChapter>;
  private readonly kept = new Map<string, CachedChapter>();
  private readonly path: string;

  /** `settings` is everything besides the files that changes results (book.toml settings, options). */
  constructor(
    private readonly root: string,
    settings: unknown,
    cacheDir = process.env.XDG_CACHE_HOME || join(homedir(), ".cache"),
  ) {
    const id = createHash("sha256").update(resolve(root)).update(extractorVersion()).update(JSON.stringify(settings)).digest("hex");
    this.path = join(cacheDir, "pobook", `chapters-${id.slice(0, 24)}.json`);
    let entries: Record<string, CachedChapter> = {};
    try {
      entries = JSON.parse(readFileSync(this.path, "utf8")) as Record<string, CachedChapter>;
    } catch {
      // No cache yet, or an unreadable one: start afresh.
    }
    this.stored = new Map(Object.entries(entries));
  }

  /** The cached messages of `chapter`, if none of its files changed. */
  lookup(chapter: ChapterRef): Message[] | undefined {
    const entry = this.stored.get(chapter.path);
    if (!entry || contentHash(this.root, entry.files) !== entry.hash) return undefined;
    this.kept.set(chapter.path, entry);
    return entry.messages;
  }

  store(chapter: ChapterRef, result: ChapterResult): void {
    const hash = contentHash(this.root, result.files);
    if (hash) this.kept.set(chapter.path, { files: result.files, hash, messages: result.messages });
  }

  /** Writes the entries of this run (entries of chapters no longer in the book are dropped). */
  save(): void {
    const unchanged = this.kept.size === this.stored.size && [...this.kept].every(([path, entry]) => this.stored.get(path) === entry);
    if (unchanged) return;
    try {
      writeFileAtomic(this.path, JSON.stringify(Object.fromEntries(this.kept)));
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
}
