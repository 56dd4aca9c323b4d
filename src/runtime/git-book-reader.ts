/**
 * The book as one commit has it: the same reader contract as
 * book-reader.ts (paths relative to the book root, strict UTF-8, ENOENT for
 * a missing file, nothing outside the read root), over a git tree instead of
 * the disk. Symlinks stored in the commit are followed inside the tree.
 */
import { posix } from "node:path";
import { ReadRefusal } from "../book/include-path.js";
import type { ReadBookFile } from "../book/links.js";
import { decodeUtf8File } from "../fs.js";
import { listTree, readBlobs, type GitCommit, type GitEntry } from "./git-tree.js";

export interface GitBook {
  commit: GitCommit;
  /** Every entry of the commit under the read root, by repository path. */
  entries: Map<string, GitEntry>;
  /** The book root and read root as repository paths ("" for the top). */
  bookPath: string;
  readRootPath: string;
  /** A file's bytes by repository path (symlinks followed), or undefined when the commit has no such file. */
  bytes(repositoryPath: string): Buffer | undefined;
  /** A symlink entry's target, as stored. */
  linkTarget(entry: GitEntry): string;
  /** Reads blobs ahead in one batch (the tree copy reads every file). */
  prefetch(repositoryPaths: readonly string[]): void;
}

const within = (parent: string, path: string): boolean => parent === "" || path === parent || path.startsWith(`${parent}/`);

export function openGitBook(top: string, commit: GitCommit, bookPath: string, readRootPath: string): GitBook {
  const entries = listTree(top, commit.sha, readRootPath);
  const cache = new Map<string, Buffer>();
  const load = (shas: string[]): void => {
    for (const [sha, data] of readBlobs(top, shas.filter((sha) => !cache.has(sha)))) cache.set(sha, data);
  };
  const resolve = (path: string, depth = 0): GitEntry | undefined => {
    const entry = entries.get(path);
    if (entry?.mode !== "120000") return entry;
    if (depth > 40) return undefined;
    load([entry.sha]);
    const target = posix.normalize(posix.join(posix.dirname(path), cache.get(entry.sha)!.toString("utf8")));
    return within(readRootPath, target) ? resolve(target, depth + 1) : undefined;
  };
  return {
    commit,
    entries,
    bookPath,
    readRootPath,
    bytes(path) {
      const entry = resolve(path);
      if (entry === undefined || !/^100/.test(entry.mode)) return undefined;
      load([entry.sha]);
      return cache.get(entry.sha);
    },
    linkTarget(entry) {
      load([entry.sha]);
      return cache.get(entry.sha)!.toString("utf8");
    },
    prefetch(paths) {
      load(paths.map((path) => resolve(path)?.sha).filter((sha): sha is string => sha !== undefined));
    },
  };
}

/** The commit's file at `path` (relative to the book root), confined to the read root like the disk reader. */
export function gitBookReader(book: GitBook, shownRoot: string): ReadBookFile {
  return (path) => {
    const repositoryPath = posix.normalize(posix.join(book.bookPath, path));
    if (repositoryPath.startsWith("../") || repositoryPath === ".." || !within(book.readRootPath, repositoryPath)) {
      throw new ReadRefusal(path, `${book.commit.sha.slice(0, 12)}:${repositoryPath}`, book.readRootPath === "" ? "the repository" : book.readRootPath);
    }
    const bytes = book.bytes(repositoryPath);
    if (bytes === undefined) throw Object.assign(new Error(`${path} is not in commit ${book.commit.sha.slice(0, 12)}`), { code: "ENOENT" });
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return (bom ? "\uFEFF" : "") + decodeUtf8File(bytes, `${book.commit.sha.slice(0, 12)}:${posix.join(shownRoot, path)}`);
  };
}
