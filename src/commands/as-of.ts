/**
 * `translate --as-of pot-date`: each language built from the sources as they
 * were when its catalog's template was made. The commit is the one
 * `git rev-list -n 1 --before=POT-Creation-Date HEAD` names, as Comprehensive
 * Rust's publish workflow picks it; the book is read from that commit's
 * objects (src/runtime/git-book-reader.ts), never checked out.
 */
import { withCreatedChapters } from "../book/created-chapters.js";
import { realpathSync } from "node:fs";
import { relative, sep } from "node:path";
import { parseBookConfig, withCompat, type BookConfig } from "../book/config.js";
import type { Catalog } from "../catalog/types.js";
import { potCreationDate } from "../catalog/pot-date.js";
import { PobookError } from "../errors.js";
import { gitBookReader, openGitBook, type GitBook } from "../runtime/git-book-reader.js";
import { commitBefore, firstCommit, gitTopLevel, type GitCommit } from "../runtime/git-tree.js";
import type { ReadBookFile } from "../book/links.js";
import { decodeUtf8File } from "../fs.js";

const AS_OF_VALUES = ["pot-date"];

/** Checks the flag's value (only `pot-date` so far). */
export function parseAsOf(value: string | undefined): "pot-date" | undefined {
  if (value === undefined) return undefined;
  if (!AS_OF_VALUES.includes(value)) throw new PobookError(`--as-of takes pot-date, got ${value}`);
  return "pot-date";
}

export interface AsOfPlan {
  /** The repository's top (real path). */
  top: string;
  /** One commit per catalog, in the catalogs' order. */
  commits: GitCommit[];
}

/** Every catalog's commit, decided before anything is read from a commit or written. */
export function planAsOf(bookRoot: string, catalogs: readonly Catalog[], shown: readonly string[]): AsOfPlan {
  const found = gitTopLevel(bookRoot);
  if (found === undefined) throw new PobookError("--as-of pot-date reads the sources from git, but the book is not in a git repository (or git is not installed)", { file: bookRoot });
  const top = realpathSync(found);
  const commits = catalogs.map((catalog, index) => {
    const date = potCreationDate(catalog, shown[index]!);
    const commit = commitBefore(top, date);
    if (commit !== undefined) return commit;
    const first = firstCommit(top);
    if (first === undefined) throw new PobookError(`--as-of pot-date: the book's repository ${top} has no commit yet`, { file: shown[index] });
    throw new PobookError(`POT-Creation-Date ${date.toISOString()} is older than every commit of the book's repository (the first commit, ${first.sha.slice(0, 12)}, is of ${first.date})`, { file: shown[index] });
  });
  return { top, commits };
}

export interface CommitBook {
  git: GitBook;
  /** The commit's book.toml. */
  tomlText: string;
  config: BookConfig;
  read: ReadBookFile;
}

const posixRelative = (from: string, to: string): string => relative(from, to).split(sep).join("/");

/** The book as `commit` has it; `readRoot` (real path) confines reads as on disk. */
export function openCommitBook(plan: AsOfPlan, commit: GitCommit, bookRoot: string, readRoot: string, shownRoot: string, compat: string | undefined): CommitBook {
  const bookPath = posixRelative(plan.top, realpathSync(bookRoot));
  const readRootPath = posixRelative(plan.top, readRoot);
  if (readRootPath.startsWith("..")) throw new PobookError(`the read root ${readRoot} is outside the git repository ${plan.top}`, { file: bookRoot });
  const git = openGitBook(plan.top, commit, bookPath, readRootPath);
  const tomlRepositoryPath = bookPath === "" ? "book.toml" : `${bookPath}/book.toml`;
  const shownToml = `${commit.sha.slice(0, 12)}:${tomlRepositoryPath}`;
  const toml = git.bytes(tomlRepositoryPath);
  if (toml === undefined) throw new PobookError(`commit ${commit.sha.slice(0, 12)} (${commit.date}) has no book.toml for the book`, { file: shownToml });
  const tomlText = decodeUtf8File(toml, shownToml);
  const config = withCompat(parseBookConfig(tomlText, shownToml), compat);
  return { git, tomlText, config, read: withCreatedChapters(config, gitBookReader(git, shownRoot)) };
}

/** ` (sources as of commit 0123456789ab, 2024-07-09T12:00:00-07:00)`, for the summary line. */
export function asOfNote(commit: GitCommit): string {
  return ` (sources as of commit ${commit.sha.slice(0, 12)} of ${commit.date})`;
}
