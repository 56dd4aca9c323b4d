/**
 * Replacing a catalog on disk the way the user set it up, as `msgmerge
 * --update` leaves it: a symlinked catalog stays a symlink and its target is
 * updated, mode, owner and group are kept, and a catalog the user made
 * read-only (or cannot write) is refused rather than replaced. The write
 * itself stays atomic (temporary file next to the real file, then rename), so
 * a kill never leaves half a catalog, except for a hard-linked catalog, which
 * is rewritten in place to keep its links (writeInPlace); temporaries a
 * killed run left behind are removed on the next write in that directory.
 */
import { randomBytes } from "node:crypto";
import { accessSync, closeSync, constants, fsyncSync, ftruncateSync, lstatSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from "node:fs";
import { basename, dirname, join } from "node:path";
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
    if (existing && existing.nlink > 1) writeInPlace(target, text);
    else writeFileAtomic(target.realPath, text, existing ? { mode: existing.mode & 0o7777, uid: existing.uid, gid: existing.gid } : {});
  } catch (error) {
    if (error instanceof Error && "path" in error) (error as NodeJS.ErrnoException).path = target.path;
    throw error;
  }
}

/**
 * A hard-linked catalog is rewritten in place, as `msgmerge --update` does:
 * a rename would give only this name the update and leave the other names
 * with the old text (silently stale). Keeping the link wins over atomicity
 * here, and only here (one link: rename, as above). The window is kept
 * small: the new text is first written and synced in full to a temporary
 * next to the catalog (a full disk fails there, the catalog untouched), then
 * copied over the catalog in one write and synced; if that copy fails the
 * new text is kept as `NAME.po.pobook-new` and named, so no text is lost
 * (a kill during the copy itself is the one case that can leave a mix). Same inode: mode, owner
 * and group stay as they were.
 */
function writeInPlace(target: CatalogTarget, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  const dir = dirname(target.realPath);
  const copy = join(dir, `.${basename(target.realPath)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const fd = openSync(copy, "wx", 0o600);
    try {
      writeAll(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    rmSync(copy, { force: true });
    throw error;
  }
  try {
    const fd = openSync(target.realPath, "r+");
    try {
      writeAll(fd, bytes);
      ftruncateSync(fd, bytes.length);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    // Out of the temporaries' naming, which a later run would clean: the user must be able to find it.
    let kept = copy;
    try {
      renameSync(copy, `${target.realPath}.pobook-new`);
      kept = `${target.realPath}.pobook-new`;
    } catch {
      // Keep it under its temporary name.
    }
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new PobookError(`rewriting the hard-linked catalog in place failed (${reason}); its complete new text is in ${kept}`, { file: target.path });
  }
  rmSync(copy, { force: true });
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, done);
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
