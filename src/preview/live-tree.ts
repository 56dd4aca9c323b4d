/**
 * A language's catalog tree (`po/LANG/**.po`) being edited, for the preview:
 * joined as translate joins it (src/commands/catalog-tree.ts), read again
 * when a file of it changes, a file whose stamp (mtime, size, inode) is the
 * same not parsed again; kept at its last good version while it does not
 * read, with the error to show.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import type { BookConfig } from "../book/config.js";
import type { BookOutline } from "../book/template.js";
import { readPoFileWithText } from "../catalog/parse.js";
import type { Catalog } from "../catalog/types.js";
import { loadTree, treePaths } from "../commands/catalog-tree.js";
import { PobookError } from "../errors.js";
import { catalogLookup } from "../translate/lookup.js";
import type { CatalogState } from "./live-catalog.js";
import { summaryTitleLookup } from "./titles.js";

export class LiveTree {
  private stamp?: string;
  private state: CatalogState = {};
  private versions = 0;
  private readonly files = new Map<string, { stamp: string; read: { text: string; catalog: Catalog } }>();

  /** `dir` is absolute; messages name files with `shown`. */
  constructor(
    readonly dir: string,
    private readonly shown: (path: string) => string,
    private readonly report: (line: string) => void,
    private readonly book: () => { config: BookConfig; outline: BookOutline },
  ) {}

  private fileStamp(path: string): string {
    const stat = statSync(path);
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  }

  current(): CatalogState {
    let stamp: string;
    let book: { config: BookConfig; outline: BookOutline };
    try {
      book = this.book();
      stamp = treePaths(this.dir).map((path) => `${path}\0${this.fileStamp(join(this.dir, path))}`).join("\n");
    } catch (error) {
      if (!(error instanceof PobookError) && !(error instanceof Error && "code" in error)) throw error;
      const failure = error instanceof PobookError ? error : new PobookError(`cannot read: ${(error as Error).message}`, { file: this.shown(this.dir) });
      return this.fail(failure, "unreadable");
    }
    if (stamp === this.stamp) return this.state;
    try {
      const read = (path: string): { text: string; catalog: Catalog } => {
        const fileStamp = this.fileStamp(path);
        const known = this.files.get(path);
        if (known?.stamp === fileStamp) return known.read;
        const fresh = readPoFileWithText(path);
        this.files.set(path, { stamp: fileStamp, read: fresh });
        return fresh;
      };
      const tree = loadTree(this.dir, book.config, book.outline, undefined, true, read);
      const lookup = catalogLookup(tree.catalog);
      if (this.state.error !== undefined) this.report(`${this.shown(this.dir)}/ reads again: showing it`);
      const place = (line: number): { file: string; line: number } => {
        const found = tree.place(line);
        return { file: this.shown(found.file), line: found.line };
      };
      this.state = { good: { stamp: `tree${++this.versions}`, catalog: tree.catalog, lookup, titles: summaryTitleLookup(tree.catalog, lookup), place } };
      this.stamp = stamp;
      return this.state;
    } catch (error) {
      if (!(error instanceof PobookError)) throw error;
      return this.fail(error, stamp);
    }
  }

  private fail(error: PobookError, stamp: string): CatalogState {
    const message = error.format().split(this.dir).join(this.shown(this.dir));
    if (message !== this.state.error) this.report(`${message}${this.state.good ? " (showing the last good version of the catalog)" : ""}`);
    this.state = { good: this.state.good, error: message };
    this.stamp = stamp;
    return this.state;
  }
}
