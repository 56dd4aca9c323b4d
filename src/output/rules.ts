/**
 * Where pobook may write, decided over a description of the target and of
 * the book (no file system access here; src/output/inspect.ts describes the
 * real disk). Every path is absolute and already resolved through symlinks,
 * so `-o ..`, `-o ~/book/src` or a symlinked directory compare as what they
 * really are.
 *
 * The rules (README "Where pobook writes"):
 * - An output directory is never the file system root, the home directory,
 *   the book root, its sources or its po-dir, never contains any of them,
 *   and never lies inside the sources or the po-dir — not even with --force.
 * - Under the book root it may lie only inside an output area (the
 *   build-dir and `book/`, where the default `book/LANG-src` goes) unless it
 *   already is pobook's output; elsewhere in the book it needs --force.
 * - An existing directory must be empty or pobook's own output (it holds
 *   pobook's manifest); a non-empty directory pobook did not write needs
 *   --force, and even then only the files pobook writes are replaced.
 * - An output file never replaces a book source (book.toml, a file in the
 *   sources, the Markdown file being extracted); replacing an existing file
 *   that is not a gettext catalog — or, for a template, a translated
 *   catalog — needs --force.
 */
import { dirname, sep } from "node:path";

export type Decision =
  | { verdict: "allowed" }
  /** Never, whatever the flags. */
  | { verdict: "refused"; reason: string }
  /** Only with --force. */
  | { verdict: "needs-force"; reason: string };

const ALLOWED: Decision = { verdict: "allowed" };
const refused = (reason: string): Decision => ({ verdict: "refused", reason });
/** `reason` ends with what to do, --force included. */
const needsForce = (reason: string): Decision => ({ verdict: "needs-force", reason });

/** Whether the decision lets the command go on. */
export function permits(decision: Decision, force: boolean): boolean {
  return decision.verdict === "allowed" || (decision.verdict === "needs-force" && force);
}

/** `child` is `parent` or lies below it (both absolute, normalized). */
export function isInside(child: string, parent: string): boolean {
  if (child === parent) return true;
  const prefix = parent.endsWith(sep) ? parent : parent + sep;
  return child.startsWith(prefix);
}

/** The book's paths that outputs must keep away from, resolved. */
export interface BookPaths {
  root: string;
  sources: string;
  poDir: string;
  /** Directories under the root meant for generated output: build-dir and `book/`. */
  outputAreas: readonly string[];
}

export interface Environment {
  home?: string;
}

export type EntryKind = "missing" | "directory" | "file" | "other";

export interface DirTarget {
  path: string;
  kind: EntryKind;
  /** Holds nothing but (possibly) pobook's manifest. */
  empty: boolean;
  /** Holds a valid pobook manifest: an earlier run wrote it. */
  ownOutput: boolean;
}

/** Whether `target` may become (or be replaced as) an output directory. */
export function decideOutputDir(target: DirTarget, book: BookPaths | undefined, env: Environment = {}): Decision {
  const path = target.path;
  if (dirname(path) === path) return refused("is the file system root; choose a new or empty directory");
  if (env.home !== undefined && path === env.home) return refused("is your home directory; choose a new or empty directory");
  if (target.kind === "file" || target.kind === "other") return refused("exists and is not a directory; choose a directory");
  if (book) {
    if (path === book.root) return refused("is the book itself; choose another directory, e.g. book/LANG-src");
    if (isInside(book.root, path)) return refused("contains the book; choose another directory, e.g. book/LANG-src");
    const protectedPaths: Array<[string, string]> = [
      [book.sources, "the book's sources"],
      [book.poDir, "the book's po-dir"],
    ].filter(([protectedPath]) => protectedPath !== book.root) as Array<[string, string]>;
    for (const [protectedPath, name] of protectedPaths) {
      if (path === protectedPath) return refused(`is ${name}; choose another directory, e.g. book/LANG-src`);
      if (isInside(protectedPath, path)) return refused(`contains ${name}; choose another directory, e.g. book/LANG-src`);
      if (isInside(path, protectedPath)) return refused(`lies inside ${name}; choose another directory, e.g. book/LANG-src`);
    }
    const inArea = book.outputAreas.some((area) => isInside(path, area) && !isInside(book.root, area) && !isInside(book.sources, area) && !isInside(book.poDir, area));
    if (isInside(path, book.root) && !inArea && !target.ownOutput) {
      return needsForce("lies inside the book outside its build directory; choose book/NAME or a directory outside the book, or use --force");
    }
  }
  if (target.kind === "directory" && !target.empty && !target.ownOutput) {
    return needsForce("is not empty and was not written by pobook; choose a new or empty directory, or use --force to write into it (only files pobook writes are replaced)");
  }
  return ALLOWED;
}

/** What an existing output file holds. */
export type FileContent = "empty" | "template" | "translated-catalog" | "pobook-report" | "other";

export interface FileTarget {
  path: string;
  kind: EntryKind;
  /** For an existing file. */
  content?: FileContent;
}

/** Files and directories whose contents are the book's sources. */
export interface SourcePaths {
  /** Directories every file of which is a source (the book's src/). */
  directories: readonly string[];
  /** Single source files (book.toml, the Markdown file being extracted). */
  files: readonly string[];
}

/**
 * Whether `target` may be written with a catalog (`writes: "template"` for
 * a POT, which must not replace translations; `"catalog"` for a PO file)
 * or a `"report"` (stats --html, which replaces only an earlier report).
 */
export function decideOutputFile(target: FileTarget, sources: SourcePaths, writes: "template" | "catalog" | "report"): Decision {
  if (target.kind === "directory") return refused("is a directory; give a file name");
  if (target.kind === "other") return refused("is not a regular file; give a file name");
  if (sources.files.includes(target.path)) return refused("is a book source file; choose another file name");
  const inSources = sources.directories.some((dir) => isInside(target.path, dir));
  if (target.kind === "missing") return inSources ? needsForce("lies inside the book's sources; choose a file outside them, e.g. in po/, or use --force") : ALLOWED;
  const content = target.content ?? "other";
  if (writes === "report") {
    if (content === "empty" || content === "pobook-report") return ALLOWED;
    if (inSources) return refused("is a book source file; choose another file name");
    return needsForce("exists and is not a report pobook wrote; use --force to overwrite it");
  }
  if (content === "pobook-report") return needsForce("exists and is not a gettext catalog; use --force to overwrite it");
  if (content === "other") {
    if (inSources) return refused("is a book source file; choose another file name");
    return needsForce("exists and is not a gettext catalog; use --force to overwrite it");
  }
  if (content === "translated-catalog" && writes === "template") return needsForce("is a translated catalog and the template would replace its translations; use --force to overwrite it");
  return ALLOWED;
}

/** An entry of a tree on disk, by `lstat` (a symlink is never followed). */
export type TreeEntryKind = "file" | "symlink" | "directory";

export interface TreePlan {
  /** Files and symlinks pobook wrote earlier and no longer writes (or that stand where a directory goes). */
  remove: string[];
  /** Directories holding only pobook's stale files, standing where a file now goes: removed, deepest first. */
  removeDirectories: string[];
  /** Paths that cannot be written without losing a file pobook did not write. */
  conflicts: Array<{ path: string; reason: string }>;
}

/**
 * How to turn an output directory holding `existing` (relative POSIX paths,
 * the manifest excluded) into one holding `produced`, given the files an
 * earlier run `owned`. Nothing outside `owned` is removed; a file outside
 * `owned` is replaced only with `force` and only by a produced file of the
 * same path (never by a directory).
 */
export function planTreeUpdate(
  existing: ReadonlyMap<string, TreeEntryKind>,
  owned: ReadonlySet<string>,
  produced: ReadonlyMap<string, "file" | "symlink">,
  force: boolean,
): TreePlan {
  const producedDirs = new Set<string>();
  for (const path of produced.keys()) {
    for (let dir = parentOf(path); dir !== ""; dir = parentOf(dir)) producedDirs.add(dir);
  }
  const isOwnedFile = (path: string): boolean => owned.has(path) && existing.get(path) !== "directory";
  const remove = [...existing.keys()].filter((path) => isOwnedFile(path) && (!produced.has(path) || producedDirs.has(path))).sort();
  const removed = new Set(remove);
  const conflicts: TreePlan["conflicts"] = [];
  const removeDirectories: string[] = [];
  // Directories under `dir` hold nothing that survives the removals.
  const onlyStale = (dir: string): boolean => {
    const prefix = `${dir}/`;
    for (const [path, kind] of existing) {
      if (path.startsWith(prefix) && kind !== "directory" && !removed.has(path)) return false;
    }
    return true;
  };
  for (const [path] of [...produced].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const kind = existing.get(path);
    if (kind === "directory") {
      if (onlyStale(path)) removeDirectories.push(path);
      else conflicts.push({ path, reason: "a directory holding files pobook did not write is in the way" });
    } else if (kind !== undefined && !owned.has(path) && !force) {
      conflicts.push({ path, reason: "was not written by pobook; move it away or use --force to replace it" });
    }
  }
  for (const dir of [...producedDirs].sort()) {
    const kind = existing.get(dir);
    if (kind !== undefined && kind !== "directory" && !removed.has(dir)) {
      conflicts.push({ path: dir, reason: "a file pobook did not write stands where a directory goes; move it away" });
    }
  }
  removeDirectories.sort((a, b) => b.length - a.length);
  return { remove, removeDirectories, conflicts };
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}
