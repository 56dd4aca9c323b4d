/**
 * One thread's translation of languages (translate --all, translate-pool.ts):
 * the book is parsed on the first language, and each catalog is then read,
 * applied and checked against it. A worker thread gets the parsed book as
 * the first thread left it (V8's serialization: a tenth of a second, where
 * parsing and checking the source take seconds). The same code runs in every
 * thread, so that a language translated anywhere gives the same outcome.
 */
import { existsSync } from "node:fs";
import { deserialize, serialize } from "node:v8";
import { join } from "node:path";
import type { BookConfig } from "../book/config.js";
import { readPoFile } from "../catalog/parse.js";
import { translateBookMessages, type BookMessageTranslation } from "../publish/book-messages.js";
import { prepareBook, translateBook, type BookTranslation, type PreparedBook } from "../translate/book.js";
import { catalogLookup } from "../translate/lookup.js";
import { bookReaderKeepingBom } from "./book-reader.js";
import { recordingReader, type TranslationOutcome } from "./translation-cache.js";

export interface LanguageSetup {
  root: string;
  readRoot: string;
  config: BookConfig;
  legacyInlineHtml?: boolean;
  threshold?: number;
  bookInReadRoot: string;
  /** Paths of the book's tree as translate copies it (a chapter absent from it and from the disk is created). */
  treePaths: string[];
}

export interface LanguageResult {
  outcome: TranslationOutcome;
  /** Chapters mdBook would create, with their source text (written into the copy). */
  created: Array<[path: string, original: string]>;
  /** Book files this thread had read when the language was done, and those it could not read (for the translation cache). */
  files: string[];
  absent: string[];
}

/** What the command uses of a translation (what the translation cache keeps). */
export function outcomeOf(translation: BookTranslation, bookMessages: BookMessageTranslation[]): TranslationOutcome {
  const { output, relocated, withheld, tally, warnings, files, includeProblems } = translation;
  return {
    bookMessages,
    output,
    relocated,
    withheld: withheld.map(({ path, applied, total }) => ({ path, applied, total })),
    tally,
    warnings,
    belowThreshold: files.filter((file) => file.belowThreshold).map((file) => file.path),
    includeProblems,
  };
}

/**
 * The chapters of `book` that `exists` says have no file: mdBook creates them (`# Title`), and
 * the copy gets them written, translated, so that it is complete and pobook owns them (a file
 * mdBook created in pobook's output would be a file of the user's on the next run).
 */
export function createdChapters(book: PreparedBook, config: BookConfig, exists: (path: string) => boolean): Set<string> {
  if (!config.createMissing || config.plain) return new Set();
  return new Set(book.documents.filter((document) => document.role === "chapter" && !exists(document.path)).map((document) => document.path));
}

/** The parsed book as one thread hands it to the others, with the files reading it took. */
export interface SharedBook {
  book: Uint8Array;
  files: string[];
  absent: string[];
}

export class LanguageTranslator {
  private readonly reads: ReturnType<typeof recordingReader>;
  private readonly inTree: Set<string>;
  private book?: PreparedBook;

  /** `shared`: the book another thread parsed (`share()`), instead of parsing it here. */
  constructor(private readonly setup: LanguageSetup, shared?: SharedBook) {
    this.reads = recordingReader(bookReaderKeepingBom(setup.root, setup.readRoot, setup.config));
    this.inTree = new Set(setup.treePaths);
    if (shared) {
      for (const path of shared.files) this.reads.files.add(path);
      for (const path of shared.absent) this.reads.absent.add(path);
      const book = deserialize(shared.book) as PreparedBook;
      // The reader is the one function of a prepared book: this thread's own.
      book.check = { ...book.check!, read: this.reads.read };
      this.book = book;
    }
  }

  /** Translates the book with the catalog at `poPath` (the path as the user sees it, for messages). */
  translate(poPath: string): LanguageResult {
    const { config, root } = this.setup;
    const catalog = readPoFile(poPath);
    const book = (this.book ??= prepareBook(config, this.reads.read, { legacyInlineHtml: this.setup.legacyInlineHtml }));
    const translation = translateBook(book, catalogLookup(catalog), { threshold: this.setup.threshold, bookInReadRoot: this.setup.bookInReadRoot });
    const outcome = outcomeOf(translation, translateBookMessages(config.raw, catalog));
    const createdPaths = createdChapters(book, config, (path) => this.inTree.has(path) || existsSync(join(root, path)));
    const created = book.documents.filter((document) => createdPaths.has(document.path)).map((document): [string, string] => [document.path, document.original]);
    return { outcome, created, files: [...this.reads.files], absent: [...this.reads.absent] };
  }

  /** The book as translating one language left it (its source checked, anchors computed), for other threads. */
  share(): SharedBook {
    if (!this.book) throw new Error("share() before the first translate()");
    const { read: _read, ...check } = this.book.check!;
    return { book: serialize({ ...this.book, check }), files: [...this.reads.files], absent: [...this.reads.absent] };
  }
}
