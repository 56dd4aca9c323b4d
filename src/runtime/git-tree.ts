/**
 * A commit's tree read straight from git's object store (`git ls-tree`,
 * `git cat-file --batch`): no checkout, the work tree and index untouched.
 * Used by `translate --as-of pot-date` to build a language from the sources
 * as they were when its catalog was made. The git CLI is used rather than a
 * library: it is what the book's repository already needs, and it reads every
 * object format (packs, alternates, partial clones) the repository may use.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { PobookError } from "../errors.js";

export interface GitEntry {
  /** `100644`, `100755`, `120000` (symlink), `160000` (submodule). */
  mode: string;
  sha: string;
}

export interface GitCommit {
  sha: string;
  /** Committer date, ISO 8601 with its offset. */
  date: string;
  subject: string;
}

function git(top: string, args: string[], input?: string): Buffer {
  return execFileSync("git", args, { cwd: top, input, maxBuffer: 1 << 30, stdio: ["pipe", "pipe", "pipe"] });
}

/** The top of the git work tree holding `dir`, or undefined (no git, or not a repository). */
export function gitTopLevel(dir: string): string | undefined {
  const result = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8" });
  if (result.error !== undefined || result.status !== 0) return undefined;
  return result.stdout.trim();
}

/** The commit `git rev-list -n 1 --before=DATE HEAD` names (as Comprehensive Rust freezes translations), or undefined. */
export function commitBefore(top: string, date: Date): GitCommit | undefined {
  if (!hasCommits(top)) return undefined;
  const sha = git(top, ["rev-list", "-n", "1", `--before=${date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " +0000")}`, "HEAD"]).toString("utf8").trim();
  return sha === "" ? undefined : describeCommit(top, sha);
}

/** The repository's first commit on HEAD's history (the oldest by committer date). */
export function firstCommit(top: string): GitCommit | undefined {
  if (!hasCommits(top)) return undefined;
  const shas = git(top, ["rev-list", "--max-parents=0", "HEAD"]).toString("utf8").trim().split("\n").filter(Boolean);
  const commits = shas.map((sha) => describeCommit(top, sha));
  return commits.sort((a, b) => Date.parse(a.date) - Date.parse(b.date))[0];
}

/** HEAD names a commit (a fresh `git init` has none). */
function hasCommits(top: string): boolean {
  return spawnSync("git", ["rev-parse", "--verify", "-q", "HEAD"], { cwd: top }).status === 0;
}

function describeCommit(top: string, sha: string): GitCommit {
  const [full, date, ...subject] = git(top, ["show", "-s", "--format=%H%n%cI%n%s", sha]).toString("utf8").replace(/\n$/, "").split("\n");
  return { sha: full!, date: date!, subject: subject.join("\n") };
}

/** Every blob, symlink and submodule of `commit` under `prefix` (a POSIX directory path in the repository, "" for all), by path. */
export function listTree(top: string, commit: string, prefix: string): Map<string, GitEntry> {
  const args = ["ls-tree", "-r", "-z", "--full-tree", commit];
  if (prefix !== "") args.push("--", prefix);
  const entries = new Map<string, GitEntry>();
  for (const record of git(top, args).toString("utf8").split("\0")) {
    if (record === "") continue;
    const tab = record.indexOf("\t");
    const [mode, , sha] = record.slice(0, tab).split(" ");
    entries.set(record.slice(tab + 1), { mode: mode!, sha: sha! });
  }
  return entries;
}

/** The contents of `shas` (blobs), read with one `git cat-file --batch`. */
export function readBlobs(top: string, shas: readonly string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  const unique = [...new Set(shas)];
  if (unique.length === 0) return blobs;
  const output = git(top, ["cat-file", "--batch"], `${unique.join("\n")}\n`);
  let position = 0;
  while (position < output.length) {
    const newline = output.indexOf(10, position);
    const [sha, type, size] = output.subarray(position, newline).toString("utf8").split(" ");
    if (type === "missing" || size === undefined) throw new PobookError(`git object ${sha} is missing from the repository`);
    const start = newline + 1;
    const end = start + Number(size);
    blobs.set(sha!, output.subarray(start, end));
    position = end + 1;
  }
  return blobs;
}
