/**
 * Replacing a catalog on disk the way the user set it up, as `msgmerge
 * --update` leaves it: a symlinked catalog stays a symlink and its target is
 * updated, mode, owner and group are kept, and a catalog the user made
 * read-only (or cannot write) is refused rather than replaced. The write
 * itself stays atomic (temporary file next to the real file, then rename), so
 * a kill never leaves half a catalog; temporaries a killed run left behind are
 * removed on the next write in that directory.
 */
import { accessSync, constants, lstatSync, readdirSync, realpathSync, rmSync, statSync, type Stats } from "node:fs";
import { dirname, join } from "node:path";
import { PobookError } from "./errors.js";
import { ATOMIC_TEMP_NAME, writeFileAtomic } from "./fs.js";

/**
 * A temporary lives for the milliseconds between its creation and its rename
 * (and its mtime moves while it is written), so one untouched for a minute
 * belongs to a run that was killed; a concurrent pobook writing the same
 * directory is never that slow.
 */
export const STALE_TEMPORARY_MS = 60_000;

export interface CatalogTarget {
  /** The path as the user gave it, for messages. */
  path: string;
  /** The file to replace: `path` with symlinks resolved, so a link stays a link. */
  realPath: string;
  /** The file as it is now; undefined for a new catalog. */
  existing?: Stats;
}

/**
 * Where writing `path` would go, after checking it may be written: call it
 * for every catalog of a command before writing any, so a refusal changes
 * nothing. As root every file is writable, so the owner's write bit is what
 * says "read-only" (as editors ask before overwriting such a file).
 */
export function checkCatalogWritable(path: string): CatalogTarget {
  let existing: Stats;
  try {
    existing = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { path, realPath: path };
    throw error;
  }
  if (!existing.isFile()) throw new PobookError("not a regular file; catalogs are written only over files", { file: path });
  const realPath = realpathSync(path);
  if ((existing.mode & 0o200) === 0) {
    const mode = (existing.mode & 0o777).toString(8).padStart(4, "0");
    throw new PobookError(`read-only catalog (mode ${mode}), left as it is; make it writable (chmod u+w) to update it`, { file: path });
  }
  try {
    accessSync(realPath, constants.W_OK);
  } catch {
    throw new PobookError("you may not write this catalog (permission denied); left as it is", { file: path });
  }
  try {
    // The temporary file and the rename need the directory of the real file.
    accessSync(dirname(realPath), constants.W_OK | constants.X_OK);
  } catch {
    throw new PobookError(`cannot create files in ${dirname(realPath)} (permission denied), which replacing the catalog needs; left as it is`, { file: path });
  }
  return { path, realPath, existing };
}

/** Replace (or create) the catalog `target` with `text`, keeping its mode, owner and group. */
export function writeCatalogFile(target: CatalogTarget, text: string): void {
  // Where pobook writes now (next to the real file), and where it wrote before it followed symlinks.
  for (const dir of new Set([dirname(target.realPath), dirname(target.path)])) removeStaleTemporaries(dir);
  const { existing } = target;
  try {
    writeFileAtomic(target.realPath, text, existing ? { mode: existing.mode & 0o7777, uid: existing.uid, gid: existing.gid } : {});
  } catch (error) {
    if (error instanceof Error && "path" in error) (error as NodeJS.ErrnoException).path = target.path;
    throw error;
  }
  if (existing && existing.nlink > 1) {
    // An in-place write would keep the links but could leave half a catalog; atomicity wins, and the user is told.
    process.stderr.write(
      `pobook: warning: ${target.path}: had ${existing.nlink} hard links; the other names keep the old catalog (pobook replaces files by rename)\n`,
    );
  }
}

/** Remove temporaries of writeFileAtomic for catalogs (`.NAME.po.<hex>.tmp`, `.NAME.pot.<hex>.tmp`) left in `dir` by a killed run. */
export function removeStaleTemporaries(dir: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const catalog = ATOMIC_TEMP_NAME.exec(name)?.[1];
    if (catalog === undefined || !/\.pot?$/.test(catalog)) continue;
    const path = join(dir, name);
    try {
      const stats = lstatSync(path);
      if (!stats.isFile() || now - stats.mtimeMs < STALE_TEMPORARY_MS) continue;
      rmSync(path);
      removed.push(path);
    } catch {
      // Gone already (another run cleaned it) or not ours to remove: leave it.
    }
  }
  return removed;
}
