/**
 * Plain Markdown without mdBook: a directory of `.md` files (no book.toml)
 * or a glob (`'docs/**\/*.md'`) is a book whose chapters are the files in
 * path order. Commands pass the book around as a root directory, so a glob
 * given on the command line is turned into its base directory here and its
 * pattern kept for `readBookConfig` of that directory in this process.
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { plainBookConfig, type BookConfig } from "../book/config.js";
import { comparePaths } from "../book/plain-book.js";
import { PobookError } from "../errors.js";
import { realPath } from "../output/inspect.js";

/** Patterns given on this command line, by resolved base directory. */
const patterns = new Map<string, { pattern: string; relative: string }>();

/** What pobook writes into a plain book's folder, and what is never a chapter. */
const IGNORED = ["po/**", "book/**", "**/node_modules/**"];

/** The leading directories of a glob that hold no pattern characters. */
type Glob = typeof import("tinyglobby");
let glob: Glob | undefined;
/** tinyglobby, loaded on first use: a book named by its directory (every run but a glob's) never needs it. */
function tinyglobby(): Glob {
  return (glob ??= createRequire(import.meta.url)("tinyglobby") as Glob);
}
const isDynamicPattern = (pattern: string): boolean => tinyglobby().isDynamicPattern(pattern);

function staticBase(pattern: string): { base: string; rest: string } {
  const parts = pattern.split("/");
  let index = 0;
  while (index < parts.length - 1 && !isDynamicPattern(parts[index]!)) index++;
  return { base: parts.slice(0, index).join("/") || ".", rest: parts.slice(index).join("/") };
}

/**
 * The book directory an argument names: itself, or for a glob its base
 * directory (the glob is remembered for it). A glob matching no Markdown
 * file is an input error.
 */
export function bookRoot(argument: string): string {
  if (existsSync(argument) || !isDynamicPattern(argument)) return argument;
  const { base, rest } = staticBase(argument.replace(/\\/g, "/"));
  const key = resolve(base);
  patterns.set(key, { pattern: argument, relative: rest });
  if (plainFiles(key, rest).length === 0) throw new PobookError("no Markdown files match this glob", { file: argument });
  return base;
}

function plainFiles(root: string, pattern: string): string[] {
  return tinyglobby().globSync(pattern, { cwd: root, onlyFiles: true, dot: false, followSymbolicLinks: false, ignore: IGNORED, expandDirectories: false })
    .filter((path) => /\.(md|markdown)$/i.test(path))
    .sort(comparePaths);
}

/**
 * The plain Markdown book at `root` (a directory without book.toml): the
 * files of the glob given for it, else every `.md` file under it; undefined
 * when it holds none, or holds an mdBook's SUMMARY.md (so the usual "no
 * book.toml" error stays).
 */
export function plainBookAt(root: string): BookConfig | undefined {
  const resolved = resolve(root);
  if (!existsSync(resolved) || !statSync(resolved).isDirectory()) return undefined;
  const given = patterns.get(resolved);
  // A SUMMARY.md says this is an mdBook whose book.toml is missing (or its src/ given for the book): not plain Markdown.
  if (!given && (existsSync(join(resolved, "SUMMARY.md")) || existsSync(join(resolved, "src", "SUMMARY.md")))) return undefined;
  const files = plainFiles(resolved, given?.relative ?? "**/*.{md,markdown}");
  if (files.length === 0) return undefined;
  return plainBookConfig({ pattern: given?.pattern ?? root, files });
}

/** The files of a book that pobook must never write over: book.toml and the sources (a plain book's files). */
export function bookSources(root: string, config: BookConfig): { directories: string[]; files: string[] } {
  if (config.plain) return { directories: [], files: config.plain.files.map((file) => realPath(join(root, file))) };
  return { directories: [realPath(join(root, config.src))], files: [realPath(join(root, "book.toml"))] };
}
