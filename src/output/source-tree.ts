/**
 * The book's tree as translate copies it: every file with its mode, every
 * directory, and symlinks kept as symlinks when they point inside the
 * copied tree. A symlink pointing elsewhere in the book's repository is
 * replaced by its target's content (with a note); one pointing outside the
 * repository is skipped with a warning, since pobook reads nothing there.
 */
import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { MANIFEST } from "./manifest.js";
import { isInside } from "./rules.js";

export type SourceEntry =
  | { path: string; kind: "file"; source: string; mode: number }
  | { path: string; kind: "symlink"; target: string; resolvesTo?: string }
  | { path: string; kind: "directory"; mode: number };

export interface SourceTreeOptions {
  /** Directories left out with everything in them (build-dir, output directories), resolved. */
  skip: ReadonlySet<string>;
  /** Notes and warnings, one line each. */
  warn: (line: string) => void;
  /** What pobook may read (`findReadRoot`: the book's git work tree or book.toml's read-root), real path. */
  readRoot: string;
}

const toPosix = (path: string): string => path.split(sep).join("/");

/** Every entry of the book root `root` (a real path), relative POSIX paths, sorted. */
export function readSourceTree(root: string, options: SourceTreeOptions): SourceEntry[] {
  const repository = options.readRoot;
  const entries: SourceEntry[] = [];
  // Left out: VCS data, build output, pobook's own output directories (they hold its manifest).
  const excluded = (absolute: string): boolean => {
    if (!isInside(absolute, root)) return true;
    for (let dir = absolute; dir !== root; dir = dirname(dir)) {
      if (options.skip.has(dir) || dir.endsWith(`${sep}.git`)) return true;
    }
    return false;
  };
  const isOwnOutput = (dir: string): boolean => existsSync(join(dir, MANIFEST));
  const inCopy = (absolute: string): boolean => !excluded(absolute) && !hasOwnOutputAncestor(absolute, root, isOwnOutput);

  /** Copies what a symlink pointing out of the copied tree points to, as plain files and directories. */
  const copyTarget = (real: string, path: string, shown: string, visiting: Set<string>): void => {
    const stat = statSync(real);
    if (stat.isFile()) entries.push({ path, kind: "file", source: real, mode: stat.mode });
    else if (stat.isDirectory()) {
      if (visiting.has(real)) return options.warn(`pobook: ${shown}: symlink loop; not copied`);
      visiting.add(real);
      entries.push({ path, kind: "directory", mode: stat.mode });
      for (const name of readdirSync(real).sort()) {
        let inner: string;
        try {
          inner = realpathSync(join(real, name));
        } catch {
          options.warn(`pobook: ${shown}/${name}: broken symlink; not copied`);
          continue;
        }
        if (!isInside(inner, repository)) options.warn(`pobook: ${shown}/${name}: points outside the book's repository; not copied`);
        else copyTarget(inner, `${path}/${name}`, `${shown}/${name}`, visiting);
      }
      visiting.delete(real);
    }
  };

  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const absolute = join(dir, name);
      if (name === ".git" || options.skip.has(absolute)) continue;
      const path = toPosix(relative(root, absolute));
      if (dir === root && name === MANIFEST) continue;
      const stat = lstatSync(absolute);
      if (stat.isDirectory()) {
        if (isOwnOutput(absolute)) continue;
        entries.push({ path, kind: "directory", mode: stat.mode });
        walk(absolute);
      } else if (stat.isFile()) {
        entries.push({ path, kind: "file", source: absolute, mode: stat.mode });
      } else if (stat.isSymbolicLink()) {
        const text = readlinkSync(absolute);
        const lexical = resolve(dir, text);
        let real: string | undefined;
        try {
          real = realpathSync(absolute);
        } catch {
          real = undefined;
        }
        const resolvesTo = real !== undefined && inCopy(real) ? toPosix(relative(root, real)) : undefined;
        if (!isAbsolute(text) && inCopy(lexical)) {
          // The same relative link is just as valid in the copy (also when dangling).
          entries.push({ path, kind: "symlink", target: text, ...(resolvesTo !== undefined ? { resolvesTo } : {}) });
        } else if (real === undefined) {
          options.warn(`pobook: ${path}: broken symlink to ${text} outside the book; not copied`);
        } else if (resolvesTo !== undefined) {
          entries.push({ path, kind: "symlink", target: toPosix(relative(dir, real)), resolvesTo });
        } else if (isInside(real, repository)) {
          options.warn(`pobook: ${path}: symlink to ${text} points outside the copied book; its content is copied`);
          copyTarget(real, path, path, new Set());
        } else {
          options.warn(`pobook: ${path}: symlink to ${text} points outside the book's repository; not copied`);
        }
      }
      // Sockets, FIFOs and devices are not book content.
    }
  };
  walk(root);
  return entries;
}

function hasOwnOutputAncestor(absolute: string, root: string, isOwnOutput: (dir: string) => boolean): boolean {
  for (let dir = dirname(absolute); dir !== root && isInside(dir, root); dir = dirname(dir)) {
    if (isOwnOutput(dir)) return true;
  }
  return isOwnOutput(absolute) && absolute !== root;
}
