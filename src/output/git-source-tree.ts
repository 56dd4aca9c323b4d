/**
 * The translated copy of a book as a commit has it (`translate --as-of`):
 * the commit's files under the book root, translated ones replaced, like
 * source-tree.ts does for the disk. Directories come from the files' paths;
 * modes are git's (644 or 755); a symlink pointing inside the copied tree is
 * kept, one pointing elsewhere in the read root is replaced by its target's
 * content, others are skipped with a warning; submodules are not copied.
 */
import { posix } from "node:path";
import type { GitBook } from "../runtime/git-book-reader.js";
import type { ProducedEntry } from "./tree-writer.js";

const fileMode = (gitMode: string): number => (gitMode === "100755" ? 0o755 : 0o644);

export interface GitTreeOptions {
  /** Book-relative directories left out with everything in them (build-dir, output directories). */
  skip: readonly string[];
  warn: (line: string) => void;
}

/** The copy's entries: `translated` and `relocated` as translateBook gives them (paths in the copy). */
export function gitTranslatedTree(book: GitBook, translated: ReadonlyMap<string, string>, relocated: ReadonlyMap<string, string>, options: GitTreeOptions): ProducedEntry[] {
  const prefix = book.bookPath === "" ? "" : `${book.bookPath}/`;
  const skipped = (path: string): boolean => path.split("/")[0] === ".git" || options.skip.some((dir) => path === dir || path.startsWith(`${dir}/`));
  const inBook = [...book.entries].filter(([path]) => path.startsWith(prefix)).map(([path, entry]) => ({ path: path.slice(prefix.length), repositoryPath: path, entry })).filter(({ path }) => !skipped(path));
  book.prefetch(inBook.filter(({ path, entry }) => entry.mode !== "160000" && !translated.has(path)).map(({ repositoryPath }) => repositoryPath));
  const produced: ProducedEntry[] = [];
  const directories = new Set<string>();
  const addDirectories = (path: string): void => {
    for (let dir = posix.dirname(path); dir !== "." && !directories.has(dir); dir = posix.dirname(dir)) directories.add(dir);
  };
  const copied = new Set(inBook.map(({ path }) => path));
  for (const { path, repositoryPath, entry } of inBook) {
    if (entry.mode === "160000") {
      options.warn(`pobook: ${path}: a git submodule, not copied`);
      continue;
    }
    addDirectories(path);
    const text = translated.get(path);
    if (entry.mode === "120000") {
      const link = book.linkTarget(entry);
      const target = posix.normalize(posix.join(posix.dirname(path), link));
      if (text === undefined && !link.startsWith("/") && copied.has(target)) {
        produced.push({ path, kind: "symlink", target: link });
        continue;
      }
      const data = text ?? book.bytes(repositoryPath);
      if (data === undefined) {
        options.warn(`pobook: ${path}: a symlink to nothing the commit has in the read root, skipped`);
        continue;
      }
      produced.push({ path, kind: "file", data, mode: 0o644 });
      continue;
    }
    produced.push({ path, kind: "file", data: text ?? book.bytes(repositoryPath)!, mode: fileMode(entry.mode) });
  }
  // Files from above the book root, under .pobook-outside/ (src/translate/outside-book.ts).
  for (const [source, copy] of relocated) {
    const repositoryPath = posix.normalize(posix.join(book.bookPath, source));
    addDirectories(copy);
    produced.push({ path: copy, kind: "file", data: translated.get(copy)!, mode: fileMode(book.entries.get(repositoryPath)?.mode ?? "100644") });
  }
  const copies = new Set(relocated.values());
  for (const path of translated.keys()) {
    if (!copied.has(path) && !copies.has(path)) options.warn(`pobook: ${path}: reached through a symlinked directory, which the copy does not follow; its translation is not written`);
  }
  const dirs: ProducedEntry[] = [...directories].sort().map((path) => ({ path, kind: "directory", mode: 0o755 }));
  return [...dirs, ...produced];
}
