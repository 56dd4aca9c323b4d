/**
 * Describes output targets and the book as they are on disk, for the pure
 * rules in ./rules.ts, and turns a refusal into the one-line error.
 */
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { PobookError } from "../errors.js";
import { classifyFileContent, DIFF_REPORT_GENERATOR, REPORT_GENERATOR } from "./file-content.js";
import { MANIFEST, isStagingName, readManifest } from "./manifest.js";
import { permits, type BookPaths, type Decision, type DirTarget, type EntryKind, type Environment, type FileTarget } from "./rules.js";

/**
 * `path` resolved through every symlink of its existing part; the missing
 * rest is appended as written. `-o link/new` compares as the real place.
 */
export function realPath(path: string): string {
  const absolute = resolve(path);
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return join(realpathSync(existing), ...missing.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return absolute;
      missing.push(basename(existing));
      existing = parent;
    }
  }
}

function kindOf(path: string): EntryKind {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? "directory" : stat.isFile() ? "file" : "other";
  } catch {
    return "missing";
  }
}

export function inspectDir(path: string): DirTarget {
  const real = realPath(path);
  const kind = kindOf(real);
  if (kind !== "directory") return { path: real, kind, empty: true, ownOutput: false };
  const names = readdirSync(real).filter((name) => name !== MANIFEST && !isStagingName(name));
  return { path: real, kind, empty: names.length === 0, ownOutput: readManifest(real) !== undefined };
}

/** `report`: the file is to receive a stats report, so an earlier report is recognised by its generator mark. */
export function inspectFile(path: string, report = false): FileTarget {
  const real = realPath(path);
  const kind = kindOf(real);
  if (kind !== "file") return { path: real, kind };
  if (report) {
    const text = readFileSync(real, "utf8");
    return { path: real, kind, content: text === "" ? "empty" : text.startsWith("<!DOCTYPE html>") && (text.includes(REPORT_GENERATOR) || text.includes(DIFF_REPORT_GENERATOR)) ? "pobook-report" : "other" };
  }
  return { path: real, kind, content: fileContent(real) };
}

const POT_SNIFF = 64 * 1024;

/** A `.pot` file is judged by its start (it is rewritten on every extract); anything else in full. */
function fileContent(path: string) {
  if (!path.endsWith(".pot")) return classifyFileContent(readFileSync(path));
  const buffer = Buffer.alloc(POT_SNIFF);
  const fd = openSync(path, "r");
  try {
    const length = readSync(fd, buffer, 0, POT_SNIFF, 0);
    return classifyFileContent(buffer.subarray(0, length), length === POT_SNIFF);
  } finally {
    closeSync(fd);
  }
}

/** The book's protected paths and output areas (build-dir, `book/`), resolved. */
export function bookPaths(root: string, src: string, poDir: string, buildDir: string | undefined): BookPaths {
  const realRoot = realPath(root);
  return {
    root: realRoot,
    sources: realPath(resolve(realRoot, src)),
    poDir: realPath(resolve(realRoot, poDir)),
    outputAreas: [...new Set([realPath(resolve(realRoot, buildDir ?? "book")), realPath(join(realRoot, "book"))])],
  };
}

export function environment(): Environment {
  try {
    return { home: realpathSync(homedir()) };
  } catch {
    return {};
  }
}

/** Throws the one-line refusal (exit 2) naming `shown`, the path as the user typed it. */
export function enforce(decision: Decision, force: boolean, shown: string): void {
  if (decision.verdict === "allowed" || permits(decision, force)) return;
  throw new PobookError(decision.reason, { file: shown });
}

/** The entries of `dir` by lstat, relative POSIX paths, without pobook's manifest and staging. */
export function listTree(dir: string): Map<string, "file" | "symlink" | "directory"> {
  const entries = new Map<string, "file" | "symlink" | "directory">();
  const walk = (absolute: string, relative: string): void => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (relative === "" && (entry.name === MANIFEST || isStagingName(entry.name))) continue;
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isSymbolicLink()) entries.set(path, "symlink");
      else if (entry.isDirectory()) {
        entries.set(path, "directory");
        walk(join(absolute, entry.name), path);
      } else entries.set(path, "file");
    }
  };
  if (lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) walk(dir, "");
  return entries;
}
