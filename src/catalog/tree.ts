/**
 * Catalog trees: one language's catalog kept as several PO files
 * (`po/LANG/**.po`, one per chapter or per SUMMARY part, as Weblate and
 * Crowdin projects hold them). Splitting and joining are pure functions over
 * catalogs; which file a message belongs to is the layout's business
 * (src/book/catalog-tree-layout.ts).
 *
 * Every msgid lives in exactly one file: the file of its first use (its
 * first `#:` reference), so joining the files in book order gives back the
 * single catalog's order. An entry without a placeable reference (obsolete
 * `#~` entries) stays in the file it came from, else goes to `messages.po`.
 */
import { PobookError } from "../errors.js";
import { entryKey, isFuzzy, type Catalog, type PoEntry } from "./types.js";

export type SplitMode = "chapter" | "part";
export const SPLIT_MODES: readonly SplitMode[] = ["chapter", "part"];

/** The file of a tree that takes what no chapter claims. */
export const UNPLACED_FILE = "messages.po";

export interface TreeLayout {
  mode: SplitMode;
  /** The tree file (relative, `/`-separated) a `#:` reference's file belongs to, if any. */
  place(referenceFile: string): string | undefined;
  /** The files the book gives, in book order (SUMMARY first). */
  order: readonly string[];
}

/** One file of a tree as read: its path in the tree and the path to name in messages. */
export interface TreeFile {
  path: string;
  shown: string;
  catalog: Catalog;
}

/** `src/a.md:12` → `src/a.md` (a reference without a line is all file). */
export function referenceFile(reference: string): string {
  const match = /^(.*):\d+$/.exec(reference);
  return match ? match[1]! : reference;
}

/** Where an entry goes: its first placeable reference's file. */
export function placeOf(entry: PoEntry, layout: TreeLayout): string | undefined {
  for (const reference of entry.references) {
    const file = layout.place(referenceFile(reference));
    if (file !== undefined) return file;
  }
  return undefined;
}

function withEntries(catalog: Catalog, entries: PoEntry[]): Catalog {
  return { headerComments: [...catalog.headerComments], headers: catalog.headers.map(([name, value]) => [name, value]), headerFlags: [...catalog.headerFlags], entries };
}

/**
 * The tree files of a catalog, each with the catalog's header and its
 * entries in catalog order. `origin` names the file an entry was read from,
 * for entries no reference places.
 */
export function splitCatalog(catalog: Catalog, layout: TreeLayout, origin: (entry: PoEntry) => string | undefined = () => undefined): Map<string, Catalog> {
  const files = new Map<string, PoEntry[]>();
  for (const path of layout.order) files.set(path, []);
  for (const entry of catalog.entries) {
    const path = (entry.obsolete ? undefined : placeOf(entry, layout)) ?? origin(entry) ?? placeOf(entry, layout) ?? UNPLACED_FILE;
    let list = files.get(path);
    if (!list) files.set(path, (list = []));
    list.push(entry);
  }
  const result = new Map<string, Catalog>();
  for (const [path, entries] of files) if (entries.length > 0) result.set(path, withEntries(catalog, entries));
  return result;
}

const sameTranslation = (a: PoEntry, b: PoEntry): boolean =>
  a.msgidPlural === b.msgidPlural && isFuzzy(a) === isFuzzy(b) && a.msgstr.length === b.msgstr.length && a.msgstr.every((value, index) => value === b.msgstr[index]);

export interface JoinedTree {
  catalog: Catalog;
  /** The tree file each entry (by entryKey) was read from. */
  origin: Map<string, string>;
  /** The file and line each entry was read from (for messages naming the tree file). */
  where: Map<string, { shown: string; line?: number }>;
}

/**
 * One catalog from a tree's files: files in book order (`layout.order`,
 * then the others by path), the first file's header. The same message in
 * two files is kept once when both say the same; two different translations
 * of it are refused (which one the translator meant is not pobook's guess).
 */
export function joinTree(files: readonly TreeFile[], order: readonly string[] = []): JoinedTree {
  const rank = new Map(order.map((path, index) => [path, index]));
  const sorted = [...files].sort((a, b) => (rank.get(a.path) ?? Infinity) - (rank.get(b.path) ?? Infinity) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const entries: PoEntry[] = [];
  const seen = new Map<string, { entry: PoEntry; file: TreeFile }>();
  const origin = new Map<string, string>();
  const where = new Map<string, { shown: string; line?: number }>();
  for (const file of sorted) {
    for (const entry of file.catalog.entries) {
      const key = entryKey(entry);
      const earlier = seen.get(key);
      if (earlier) {
        if (!sameTranslation(earlier.entry, entry)) {
          throw new PobookError(
            `msgid ${JSON.stringify(entry.msgid.length > 60 ? `${entry.msgid.slice(0, 57)}...` : entry.msgid)} is also in ${earlier.file.shown}:${earlier.entry.line ?? "?"} with a different translation; keep one of them`,
            { file: file.shown, line: entry.line },
          );
        }
        // The same message twice: an active copy wins over an obsolete one.
        if (earlier.entry.obsolete && !entry.obsolete) {
          entries[entries.indexOf(earlier.entry)] = entry;
          seen.set(key, { entry, file });
          origin.set(key, file.path);
          where.set(key, { shown: file.shown, line: entry.line });
        }
        continue;
      }
      seen.set(key, { entry, file });
      origin.set(key, file.path);
      where.set(key, { shown: file.shown, line: entry.line });
      entries.push(entry);
    }
  }
  const first = sorted[0]?.catalog ?? { headerComments: [], headers: [], headerFlags: [], entries: [] };
  return { catalog: withEntries(first, entries), origin, where };
}
