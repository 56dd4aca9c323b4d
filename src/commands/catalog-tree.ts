/**
 * Catalog trees on disk (`<po-dir>/LANG/**.po`, src/catalog/tree.ts): which
 * catalog a language has, reading a tree for a book, writing one. Written
 * through src/catalog-file.ts: every file checked writable before any is
 * written, each replaced atomically.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { PobookError } from "../errors.js";
import { readPoFileWithText } from "../catalog/parse.js";
import { serializePo } from "../catalog/serialize.js";
import { checkCatalogWritable, writeCatalogFile } from "../catalog-file.js";
import { joinTree, SPLIT_MODES, UNPLACED_FILE, type JoinedTree, type SplitMode, type TreeFile, type TreeLayout } from "../catalog/tree.js";
import type { Catalog } from "../catalog/types.js";
import type { BookConfig } from "../book/config.js";
import type { BookOutline } from "../book/template.js";
import { recogniseLayout, treeLayout } from "../book/catalog-tree-layout.js";
import { catalogNames } from "./po-files.js";

export function parseSplit(value: string | undefined): SplitMode | undefined {
  if (value === undefined) return undefined;
  if (!(SPLIT_MODES as readonly string[]).includes(value)) throw new PobookError(`--split must be chapter or part, got "${value}"`);
  return value as SplitMode;
}

/** The `*.po` files below `dir`, relative with `/`, sorted (hidden names skipped, as catalogNames does). */
export function treePaths(dir: string): string[] {
  const found: string[] = [];
  const visit = (relative: string): void => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) visit(path);
      else if (catalogNames([entry.name]).length === 1) found.push(path);
    }
  };
  visit("");
  return found.sort();
}

/** A directory of the catalog directory holding at least one `.po`: a language's tree. */
export function isTree(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory() && treePaths(dir).length > 0;
}

/** Languages with a tree in `poDir` (directories holding `.po` files). */
export function treeLanguages(poDir: string): string[] {
  if (!existsSync(poDir)) return [];
  return readdirSync(poDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && isTree(join(poDir, entry.name)))
    .map((entry) => entry.name)
    .sort();
}

export type LanguageCatalog = { kind: "file"; path: string } | { kind: "tree"; dir: string };

/**
 * The catalog of `language`: `<po-dir>/LANG.po` or the tree `<po-dir>/LANG/`.
 * Both present is ambiguous unless `--split` says the tree is meant.
 */
export function languageCatalog(poDir: string, language: string, split: SplitMode | undefined, choose?: string): LanguageCatalog | undefined {
  const file = join(poDir, `${language}.po`);
  const dir = join(poDir, language);
  const hasTree = isTree(dir);
  if (split !== undefined) return hasTree ? { kind: "tree", dir } : undefined;
  if (hasTree && existsSync(file)) {
    throw new PobookError(`${language} has both this catalog and the tree ${dir}/: ${choose ?? `give --split chapter|part to use the tree, or --po ${file} for this file`}`, { file });
  }
  if (hasTree) return { kind: "tree", dir };
  return existsSync(file) ? { kind: "file", path: file } : undefined;
}

/** The book's SUMMARY.md outline (titles, parts, chapters), which gives a tree its layout. */
export async function readBookOutline(root: string, config: BookConfig): Promise<BookOutline> {
  // Loaded here, not with this module: the reader pulls in the Markdown parser, which merging catalogs without a book never needs.
  const [{ readOutline }, { bookReader, findReadRoot }] = await Promise.all([import("../book/extract-book.js"), import("../runtime/book-reader.js")]);
  return readOutline(config, bookReader(root, findReadRoot(root, config), config));
}

export interface LoadedTree extends JoinedTree {
  dir: string;
  layout: TreeLayout;
  files: TreeFile[];
  /** Each file's text as read (to rewrite only what changed). */
  texts: Map<string, string>;
  /** `file:line` of the tree file an entry of the joined catalog came from, by the joined catalog's line. */
  locate(line: number | undefined): string;
  /** The same as parts; a line of no entry (the header's) is in the first file. */
  place(line: number): { file: string; line: number };
}

/** Lines of a joined tree's entries start here, far from any header line, so either can be told apart. */
const TREE_LINE_BASE = 1_000_000_000;

/**
 * A language's tree as one catalog. `strict` (every command but update,
 * which is how such files are repaired) refuses a file that holds messages
 * of no chapter of the book: they would be translated nowhere.
 */
export function loadTree(
  dir: string,
  config: BookConfig,
  outline: BookOutline,
  split: SplitMode | undefined,
  strict: boolean,
  /** Reads one file of the tree (the preview's reuses the files that did not change). */
  read: (path: string) => { text: string; catalog: Catalog } = readPoFileWithText,
): LoadedTree {
  const paths = treePaths(dir);
  const texts = new Map<string, string>();
  const files = paths.map((path): TreeFile => {
    const shown = join(dir, path);
    const { text, catalog } = read(shown);
    texts.set(path, text);
    return { path, shown, catalog };
  });
  const layout = split === undefined ? recogniseLayout(paths, config, outline) : treeLayout(split, config, outline);
  if (strict) {
    const known = new Set(layout.order);
    for (const file of files) {
      if (known.has(file.path) || file.path === UNPLACED_FILE) continue;
      const active = file.catalog.entries.find((entry) => !entry.obsolete);
      if (active) {
        throw new PobookError(
          `${file.path} is no ${layout.mode} file of the book (SUMMARY.md), so its messages would be used nowhere; run \`pobook update\` to move them where they are used, or remove the file`,
          { file: file.shown, line: active.line },
        );
      }
    }
  }
  const joined = joinTree(files, layout.order);
  // Lines of the joined catalog are made unique so a message can name its tree file.
  const places: Array<{ file: string; line?: number }> = [];
  joined.catalog.entries = joined.catalog.entries.map((entry) => {
    const from = joined.where.get(`${entry.msgctxt === undefined ? "" : `${entry.msgctxt}\u0004`}${entry.msgid}`);
    places.push({ file: from?.shown ?? dir, line: from?.line });
    return { ...entry, line: TREE_LINE_BASE + places.length - 1 };
  });
  const firstFile = files.find((file) => file.path === layout.order.find((path) => texts.has(path)))?.shown ?? files[0]?.shown ?? dir;
  const place = (line: number): { file: string; line: number } => {
    const found = places[line - TREE_LINE_BASE];
    return found ? { file: found.file, line: found.line ?? 1 } : { file: firstFile, line };
  };
  const locate = (line: number | undefined): string => {
    if (line === undefined) return `${dir}/`;
    const found = place(line);
    return `${found.file}:${found.line}`;
  };
  return { ...joined, dir, layout, files, texts, locate, place };
}

/**
 * Writes the tree files of `split` under `dir` (only those whose text
 * changes). A file of the tree on disk that no longer holds any message is
 * kept with its header only: pobook does not delete translators' files.
 */
export function planTreeWrite(dir: string, split: Map<string, Catalog>, texts: ReadonlyMap<string, string>, header: Catalog): Array<{ path: string; text: string }> {
  const writes: Array<{ path: string; text: string }> = [];
  for (const [path, catalog] of split) {
    const text = serializePo(catalog);
    if (texts.get(path) !== text) writes.push({ path: join(dir, path), text });
  }
  for (const [path, before] of texts) {
    if (split.has(path)) continue;
    const text = serializePo({ ...header, entries: [] });
    if (before !== text) writes.push({ path: join(dir, path), text });
  }
  return writes;
}

/** Writes files planned by planTreeWrite (and others) once every one is known to be writable. */
export function writeCatalogs(writes: ReadonlyArray<{ path: string; text: string }>): void {
  const targets = writes.map(({ path, text }) => ({ target: checkCatalogWritable(path), text }));
  for (const { target, text } of targets) {
    mkdirSync(dirname(target.realPath), { recursive: true });
    writeCatalogFile(target, text);
  }
}

/**
 * The catalogs `stats` and `check` read by default: the book's `*.po` files
 * and its trees (as directories), or those named (a directory is a tree).
 */
export function catalogsAndTrees(named: string[], poDir: string): Array<{ path: string; tree: boolean }> {
  if (named.length > 0) return named.map((path) => ({ path, tree: existsSync(path) && statSync(path).isDirectory() }));
  const files = existsSync(poDir) ? catalogNames(readdirSync(poDir)).map((name) => ({ path: join(poDir, name), tree: false })) : [];
  const trees = treeLanguages(poDir).map((language) => ({ path: join(poDir, language), tree: true }));
  if (files.length + trees.length === 0) throw new PobookError(`no PO file given and no ${join(poDir, "*.po")}`);
  return [...files, ...trees];
}

/** A tree read without a book (no layout to check against): its files joined by path. */
export function loadTreeWithoutBook(dir: string): LoadedTree {
  if (treePaths(dir).length === 0) throw new PobookError("no .po files in this directory", { file: dir });
  const noBook: BookOutline = { summaryPath: "", summaryText: "", summary: [], summaryMessages: [], chapters: [] };
  return loadTree(dir, { src: "src" } as BookConfig, noBook, "chapter", false);
}

/** A language's catalog as translate, preview and the mdBook preprocessor read it: its file, or its tree joined. */
export interface ReadCatalog {
  catalog: Catalog;
  /** How messages name it: the file, or the tree's directory. */
  shown: string;
  /** The tree it was joined from (its `place` names the tree file and line of an entry's line). */
  tree?: LoadedTree;
}

/**
 * Reads `language`'s catalog of the po-dir `poDir` (as messages name it:
 * relative to the working directory, or absolute): `LANG.po`, or the tree `LANG/` (laid out as its file names say, or
 * as `split` says; both present needs `split`, see languageCatalog).
 * Undefined when the language has neither.
 */
export async function readLanguageCatalog(
  root: string,
  config: BookConfig,
  poDir: string,
  language: string,
  split?: SplitMode,
  /** How to choose when both exist, for the refusal (default: translate's options). */
  choose?: string,
): Promise<ReadCatalog | undefined> {
  const found = languageCatalog(poDir, language, split, choose);
  if (found === undefined) return undefined;
  if (found.kind === "file") return { catalog: readPoFileWithText(found.path).catalog, shown: found.path };
  const tree = loadTree(found.dir, config, await readBookOutline(root, config), split, true);
  return { catalog: tree.catalog, shown: tree.dir, tree };
}
