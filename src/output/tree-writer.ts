/**
 * Writes a generated tree (the translated book) into an output directory
 * that the rules in ./rules.ts allowed, replacing only what pobook wrote
 * there before (its manifest says what) and keeping every other file.
 *
 * What a failure leaves:
 * 1. Every new file is first written in full into a staging directory
 *    inside the output directory. A failure there (disk full, unreadable
 *    source) removes the staging directory: the previous output is as it
 *    was.
 * 2. Then the manifest lists the old and the new files, and the commit only
 *    removes pobook's stale files and renames staged entries into place.
 *    A crash during the commit leaves some files old and some new, never a
 *    truncated one, and the manifest still names every file pobook wrote, so
 *    the next run replaces them all (and removes the staging directory).
 * 3. The final manifest lists exactly the new files.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PobookError } from "../errors.js";
import { listTree, realPath } from "./inspect.js";
import { readManifest, writeManifest, MANIFEST } from "./manifest.js";
import { planTreeUpdate } from "./rules.js";

export type ProducedEntry =
  | { path: string; kind: "file"; data: string | Uint8Array; mode: number }
  | { path: string; kind: "file"; copyFrom: string; mode: number }
  | { path: string; kind: "symlink"; target: string }
  | { path: string; kind: "directory"; mode: number };

export interface WriteTreeOptions {
  force: boolean;
  /** The output directory as the user gave it, for messages. */
  shown: string;
}

export function writeTree(outDir: string, entries: readonly ProducedEntry[], options: WriteTreeOptions): void {
  const out = realPath(outDir);
  const created = mkdirSync(out, { recursive: true });
  const previous = readManifest(out);
  const owned = new Set(previous?.files ?? []);
  if (previous?.staging !== undefined) rmSync(join(out, previous.staging), { recursive: true, force: true });
  const produced = new Map<string, "file" | "symlink">();
  for (const entry of entries) if (entry.kind !== "directory") produced.set(entry.path, entry.kind);
  produced.delete(MANIFEST);
  const plan = planTreeUpdate(listTree(out), owned, produced, options.force);
  if (plan.conflicts.length > 0) {
    const [first] = plan.conflicts;
    const more = plan.conflicts.length > 1 ? ` (and ${plan.conflicts.length - 1} more)` : "";
    throw new PobookError(`${first!.reason}${more}`, { file: join(options.shown, first!.path) });
  }
  const staging = `.pobook-staging-${randomBytes(6).toString("hex")}`;
  const stagingDir = join(out, staging);
  let staged: Map<string, string>;
  try {
    writeManifest(out, { files: [...owned], staging });
    staged = stage(stagingDir, entries);
  } catch (error) {
    rmSync(stagingDir, { recursive: true, force: true });
    if (created !== undefined) rmSync(created, { recursive: true, force: true });
    else if (previous) writeManifest(out, { files: previous.files });
    else rmSync(join(out, MANIFEST), { force: true });
    throw error;
  }
  writeManifest(out, { files: [...owned, ...produced.keys()], staging });
  for (const path of plan.remove) {
    rmSync(join(out, path), { force: true });
    removeEmptyParents(out, path);
  }
  for (const dir of plan.removeDirectories) removeEmptyTree(join(out, dir));
  const directories = entries.filter((entry) => entry.kind === "directory").sort((a, b) => (a.path < b.path ? -1 : 1));
  const made = new Set<string>();
  const makeDirectory = (dir: string): void => {
    if (made.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  };
  for (const dir of directories) makeDirectory(join(out, dir.path));
  for (const path of produced.keys()) {
    makeDirectory(dirname(join(out, path)));
    renameSync(join(stagingDir, staged.get(path)!), join(out, path));
  }
  // A directory keeps its mode with the owner's rwx added: pobook must be
  // able to replace its files on the next run (a read-only book gives a
  // writable copy of its directories; files keep their modes exactly).
  for (const dir of directories) chmodSync(join(out, dir.path), (dir.mode & 0o7777) | 0o700);
  rmSync(stagingDir, { recursive: true, force: true });
  writeManifest(out, { files: [...produced.keys()] });
}

/**
 * Writes each file and symlink of `entries` into `dir`, flat (named by
 * number: the commit renames them into their directories, which it makes
 * anyway); returns each one's name there by its path.
 */
function stage(dir: string, entries: readonly ProducedEntry[]): Map<string, string> {
  mkdirSync(dir);
  const names = new Map<string, string>();
  for (const entry of entries) {
    if (entry.kind === "directory") continue;
    const name = String(names.size);
    names.set(entry.path, name);
    const target = join(dir, name);
    if (entry.kind === "symlink") symlinkSync(entry.target, target);
    else {
      if ("data" in entry) writeFileSync(target, entry.data);
      else copyFileSync(entry.copyFrom, target);
      // Explicit chmod: the umask must not drop a script's executable bits.
      chmodSync(target, entry.mode & 0o7777);
    }
  }
  return names;
}

/** Removes the directories `path` left empty, up to (not including) `root`. */
function removeEmptyParents(root: string, path: string): void {
  for (let dir = dirname(path); dir !== "." && dir !== ""; dir = dirname(dir)) {
    const absolute = join(root, dir);
    try {
      if (readdirSync(absolute).length > 0) return;
      rmdirSync(absolute);
    } catch {
      return;
    }
  }
}

/** Removes a tree of empty directories; anything else in it stops with an error (rmdir never removes a file). */
function removeEmptyTree(dir: string): void {
  // Already gone when removing stale files emptied it.
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.isSymbolicLink()) removeEmptyTree(join(dir, entry.name));
  }
  rmdirSync(dir);
}
