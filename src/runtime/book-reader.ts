/**
 * Reads a book's files from disk for the pure book core: paths relative to
 * the book root, strict UTF-8, a missing file reported as ENOENT, and
 * nothing whose real path (symlinks followed) leaves the book's read root.
 *
 * The read root is the git work tree holding the book (real books include
 * examples and configs from their repository, above book.toml), else the
 * book's own directory; `read-root` under `[preprocessor.gettext]` or
 * `[output.xgettext]` in book.toml names another one (mdBook ignores those
 * keys; a table of its own would make it run a preprocessor or renderer).
 */
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { BookConfig } from "../book/config.js";
import { withCreatedChapters } from "../book/created-chapters.js";
import { ReadRefusal } from "../book/include-path.js";
import type { ReadBookFile } from "../book/links.js";
import { PobookError } from "../errors.js";
import { decodeUtf8File } from "../fs.js";

/** `child` is `parent` or inside it (both absolute and real). */
export function isWithin(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  // Across Windows drives, relative() returns an absolute path.
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The enclosing git work tree of `dir` (a `.git` directory or file), if any. */
function gitWorkTree(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, ".git"))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * The directory the book's files may be read from (real path): book.toml's
 * `read-root` (relative to the book root, and holding it), else the git work
 * tree holding the book, else the book directory.
 */
export function findReadRoot(root: string, config?: Pick<BookConfig, "readRoot">): string {
  const book = realpathSync(root);
  if (config?.readRoot !== undefined) {
    const tomlPath = join(root, "book.toml");
    const configured = resolve(root, config.readRoot);
    if (!existsSync(configured) || !statSync(configured).isDirectory()) throw new PobookError(`read-root ${config.readRoot} is not a directory`, { file: tomlPath });
    const real = realpathSync(configured);
    if (!isWithin(real, book)) throw new PobookError(`read-root ${config.readRoot} must hold the book directory`, { file: tomlPath });
    return real;
  }
  return gitWorkTree(book) ?? book;
}

export interface ReaderOptions {
  /**
   * The reader serves a long-running process (the preview), where a
   * directory may become a symlink between two reads: every path is
   * resolved afresh. A command's run resolves each directory once.
   */
  live?: boolean;
}

/** Reads `path` (relative to `root`) as bytes, if its real path stays in `readRoot`. */
export function confinedBytes(root: string, readRoot: string, options: ReaderOptions = {}): (path: string) => Buffer {
  const realRoot = realpathSync(root);
  // Each directory's real path, found once: a book's hundreds of files share a few dozen directories.
  const realDirs = new Map<string, string>();
  const realPathOf = (lexical: string): string => {
    if (options.live) return realpathSync.native(lexical);
    const dir = dirname(lexical);
    let realDir = realDirs.get(dir);
    if (realDir === undefined) realDirs.set(dir, (realDir = realpathSync.native(dir)));
    // The file itself a symlink (or gone: realpath says which error): resolve it whole.
    if (!lstatSync(lexical, { throwIfNoEntry: false })?.isFile()) return realpathSync.native(lexical);
    return join(realDir, basename(lexical));
  };
  return (path) => {
    // A path that leaves the read root as written is refused without looking at the disk.
    const lexical = resolve(realRoot, path);
    if (!isWithin(readRoot, lexical)) throw new ReadRefusal(path, lexical, readRoot);
    // realpath(3) once per directory instead of per file (its readlink per path component was a tenth of a cold extract's system time).
    const real = realPathOf(lexical);
    if (!isWithin(readRoot, real)) throw new ReadRefusal(path, real, readRoot);
    return readFileSync(real);
  };
}

/** The settings that decide which missing chapters mdBook creates (`undefined`: a tree that is no book, read as it is). */
export type CreatedChapters = Pick<BookConfig, "src" | "createMissing" | "plain"> | undefined;

/**
 * Reads `path` (relative to `root`) as strict UTF-8, inside `readRoot` (see `findReadRoot`); a
 * chapter the book lists but lacks reads as the file mdBook creates (src/book/created-chapters.ts).
 */
export function bookReader(root: string, readRoot: string, config: CreatedChapters, options: ReaderOptions = {}): ReadBookFile {
  const bytes = confinedBytes(root, readRoot, options);
  const read: ReadBookFile = (path) => decodeUtf8File(bytes(path), join(root, path));
  return config ? withCreatedChapters(config, read) : read;
}

/** Like `bookReader`, with a file's byte-order mark kept as `\uFEFF` (translate writes it back). */
export function bookReaderKeepingBom(root: string, readRoot: string, config: CreatedChapters): ReadBookFile {
  const bytes = confinedBytes(root, readRoot);
  const read: ReadBookFile = (path) => {
    const content = bytes(path);
    const bom = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf;
    return (bom ? "\uFEFF" : "") + decodeUtf8File(content, join(root, path));
  };
  return config ? withCreatedChapters(config, read) : read;
}
