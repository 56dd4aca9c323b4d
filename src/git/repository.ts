/**
 * Reading a book's git history without touching its work tree: revisions,
 * files at a revision and what changed since one, all from git objects
 * (`git rev-parse`, `git show`, `git log`, `git diff --numstat`); nothing
 * is checked out. Every failure is a one-line PobookError naming the option
 * that asked for git (`--against`, `--since`, ...).
 */
import { execFileSync } from "node:child_process";
import { PobookError } from "../errors.js";

/** A git repository as seen from one directory (the book's, or a catalog's). */
export interface GitDir {
  /** Where git runs: paths are taken relative to it. */
  cwd: string;
  /** The option the user gave, for messages. */
  option: string;
}

function git(dir: GitDir, args: string[]): string {
  return execFileSync("git", args, { cwd: dir.cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
}

/** Refuses a directory outside any git work tree. */
export function requireRepository(dir: GitDir, file = dir.cwd): void {
  try {
    git(dir, ["rev-parse", "--git-dir"]);
  } catch {
    throw new PobookError(`${dir.option}: not in a git repository`, { file });
  }
}

/** The commit `revision` names (full hash); an unknown revision is a usage error. */
export function resolveCommit(dir: GitDir, revision: string, file = dir.cwd): string {
  requireRepository(dir, file);
  try {
    return git(dir, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${revision}^{commit}`]).trim();
  } catch {
    throw new PobookError(`${dir.option}: '${revision}' is not a git revision here`, { file });
  }
}

/** `path` (relative to dir.cwd) as it is in `commit`, or undefined when the commit has no such file. */
export function fileAtCommit(dir: GitDir, commit: string, path: string): string | undefined {
  try {
    return git(dir, ["show", `${commit}:./${path}`]);
  } catch {
    return undefined;
  }
}

/**
 * The last first-parent commit of HEAD at or before `date` (the commit a
 * template dated `date` was extracted from), or undefined when HEAD's
 * history starts later.
 */
export function commitAtDate(dir: GitDir, date: Date): string | undefined {
  requireRepository(dir);
  let out: string;
  try {
    out = git(dir, ["rev-list", "-1", "--first-parent", `--before=${date.toISOString().replace(/\.\d+Z$/, "Z")}`, "HEAD"]);
  } catch {
    // No HEAD yet (a repository without commits).
    return undefined;
  }
  return out.trim() || undefined;
}

export interface Commit {
  hash: string;
  short: string;
  /** Committer date, ISO 8601. */
  date: string;
  author: string;
  subject: string;
}

/** Commits since `base` (exclusive) up to HEAD, newest first, and the changes of the work tree against `base`, per file. */
export interface SourceChanges {
  base: Commit;
  /** Files (relative to dir.cwd) → the commits that touched them. */
  commits: Map<string, Commit[]>;
  /** Files (relative to dir.cwd) → lines added and removed between `base` and the work tree (binary files count 0). */
  lines: Map<string, { added: number; removed: number }>;
}

const FIELD = "\x1f";
const COMMIT_FORMAT = ["%H", "%h", "%cI", "%an", "%s"].join("%x1f");

function parseCommit(line: string): Commit {
  const [hash = "", short = "", date = "", author = "", subject = ""] = line.split(FIELD);
  return { hash, short, date, author, subject };
}

/** What changed under `pathspec` (relative to dir.cwd) since `base`: commits and line counts per file. */
export function changesSince(dir: GitDir, base: string, pathspec: string): SourceChanges {
  const baseCommit = parseCommit(git(dir, ["log", "-1", `--format=${COMMIT_FORMAT}`, base]).trim());
  const commits = new Map<string, Commit[]>();
  // One `git log` for the whole tree: a record per commit, `\x1e` first, then its files.
  const log = git(dir, ["log", "--no-renames", "--relative", "--name-only", `--format=%x1e${COMMIT_FORMAT}`, `${base}..HEAD`, "--", pathspec]);
  for (const record of log.split("\x1e").slice(1)) {
    const [head = "", ...files] = record.split("\n");
    const commit = parseCommit(head);
    for (const file of files) {
      if (file === "") continue;
      const list = commits.get(file) ?? [];
      list.push(commit);
      commits.set(file, list);
    }
  }
  const lines = new Map<string, { added: number; removed: number }>();
  for (const row of git(dir, ["diff", "--no-renames", "--relative", "--numstat", "-z", base, "--", pathspec]).split("\0")) {
    const match = /^(-|\d+)\t(-|\d+)\t(.+)$/s.exec(row);
    if (!match) continue;
    lines.set(match[3]!, { added: match[1] === "-" ? 0 : Number(match[1]), removed: match[2] === "-" ? 0 : Number(match[2]) });
  }
  return { base: baseCommit, commits, lines };
}
