/**
 * The last `pobook translate` of a language, kept with every book file it
 * read and the catalog's bytes: translating an unchanged book with an
 * unchanged catalog again (a site build) reads and hashes those files
 * instead of parsing the book and checking the copy. One cache file per
 * book, language, settings and pobook build (runtime/extraction-cache.ts).
 */
import { createHash } from "node:crypto";
import type { ChapterProblem } from "../book/chapter-problems.js";
import type { ReadBookFile } from "../book/links.js";
import type { BookTally } from "../translate/verify.js";
import type { BookWarning } from "../translate/book.js";
import type { BookMessageTranslation } from "../publish/book-messages.js";
import { EXTRACTOR_CODE, ExtractionCache, type ReadBookBytes } from "./extraction-cache.js";

/** What the command uses of a book's translation (translate/book.ts's BookTranslation, trimmed). */
export interface TranslationOutcome {
  output: Map<string, string>;
  relocated: Map<string, string>;
  /** Chapters above the book root that are not written (outside-book.ts). */
  withheld: Array<{ path: string; applied: number; total: number }>;
  tally: BookTally;
  warnings: BookWarning[];
  /** Chapters written in the source language, below the threshold. */
  belowThreshold: string[];
  /** How the catalog translates book.toml's title and description. */
  bookMessages: BookMessageTranslation[];
  /** Includes of the book that cannot be expanded (missing files, cycles), kept as written in the copy. */
  includeProblems: ChapterProblem[];
}

interface StoredTranslation {
  output: Array<[string, string]>;
  relocated: Array<[string, string]>;
  withheld: TranslationOutcome["withheld"];
  tally: BookTally;
  warnings: BookWarning[];
  belowThreshold: string[];
  bookMessages: BookMessageTranslation[];
  includeProblems: ChapterProblem[];
  /** Files the run tried to read and could not (a missing include): one that appears changes the result. */
  absent: string[];
}

/** A reader that notes every file read through it, and every file it could not read. */
export function recordingReader(read: ReadBookFile): { read: ReadBookFile; files: Set<string>; absent: Set<string> } {
  const files = new Set<string>();
  const absent = new Set<string>();
  return {
    files,
    absent,
    read: (path) => {
      try {
        const text = read(path);
        files.add(path);
        return text;
      } catch (error) {
        absent.add(path);
        throw error;
      }
    },
  };
}

/** The code a translation depends on: the extractor's, the translator's, the catalog reader's and book.toml's messages' (publish/book-messages.ts). */
const TRANSLATOR_CODE = [...EXTRACTOR_CODE, "translate", "catalog", "publish"];

export class TranslationCache {
  private readonly cache: ExtractionCache;
  private readonly key: string;

  /** `settings`: everything besides the files and the catalog that changes the result (the book, its config, options, language). */
  constructor(settings: unknown, private readonly read: ReadBookBytes, catalogBytes: Buffer, dir?: string) {
    this.cache = new ExtractionCache(settings, read, dir, { prefix: "translation", code: TRANSLATOR_CODE });
    this.key = `#catalog:${createHash("sha256").update(catalogBytes).digest("hex")}`;
  }

  lookup(): TranslationOutcome | undefined {
    const stored = this.cache.lookup<StoredTranslation>(this.key);
    if (!stored || stored.absent.some((path) => this.readable(path))) return undefined;
    return {
      output: new Map(stored.output),
      relocated: new Map(stored.relocated),
      withheld: stored.withheld,
      tally: stored.tally,
      warnings: stored.warnings,
      belowThreshold: stored.belowThreshold,
      bookMessages: stored.bookMessages,
      includeProblems: stored.includeProblems,
    };
  }

  private readable(path: string): boolean {
    try {
      this.read(path);
      return true;
    } catch {
      return false;
    }
  }

  /** Keeps `outcome`, made from `files` (and not finding `absent`), and writes the cache file. */
  store(outcome: TranslationOutcome, files: ReadonlySet<string>, absent: ReadonlySet<string>): void {
    const stored: StoredTranslation = {
      output: [...outcome.output],
      relocated: [...outcome.relocated],
      withheld: outcome.withheld,
      tally: outcome.tally,
      warnings: outcome.warnings,
      belowThreshold: outcome.belowThreshold,
      bookMessages: outcome.bookMessages,
      includeProblems: outcome.includeProblems,
      absent: [...absent].filter((path) => !files.has(path)),
    };
    this.cache.store(this.key, [...files].sort(), stored);
    this.cache.save();
  }
}
