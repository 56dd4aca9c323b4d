import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { PobookError } from "./errors.js";
import { dirname, basename, join } from "node:path";
import { decodeStrictUtf8 } from "./utf8.js";

/** Temporary files of writeFileAtomic: `.NAME.<12 hex digits>.tmp` next to NAME (captures NAME). */
export const ATOMIC_TEMP_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

export interface AtomicWriteOptions {
  /** Permission bits of the new file (default: 0666 less the umask). */
  mode?: number;
  /** Owner and group to give the new file, as far as the user may (EPERM is ignored). */
  uid?: number;
  gid?: number;
}

/**
 * Write `data` to `path` atomically: a temporary file in the same directory,
 * then a rename. A crash or kill leaves either the old file or the new one,
 * never a truncated mix — PO files are translators' work.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    writeFileSync(tmp, data);
    if (options.uid !== undefined || options.gid !== undefined) chownAsAllowed(tmp, options.uid ?? -1, options.gid ?? -1);
    // After chown, which may clear set-id bits; writeFileSync's mode would be cut by the umask.
    if (options.mode !== undefined) chmodSync(tmp, options.mode);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    // Report the file the user asked for, not the temporary one.
    if (error instanceof Error && "path" in error) (error as NodeJS.ErrnoException).path = path;
    throw error;
  }
}

/** chown, falling back to the group alone, then to nothing: only root may give a file away. */
function chownAsAllowed(path: string, uid: number, gid: number): void {
  for (const [u, g] of [[uid, gid], [-1, gid]] as const) {
    try {
      chownSync(path, u, g);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EPERM") throw error;
    }
  }
}

/** Reads a file as strict UTF-8: invalid bytes are an input error naming the file. */
export function readUtf8(path: string, shownAs = path): string {
  return decodeUtf8File(readFileSync(path), shownAs);
}

/** Decodes bytes read from `shownAs` as strict UTF-8. */
export function decodeUtf8File(bytes: Uint8Array, shownAs: string): string {
  const decoded = decodeStrictUtf8(bytes);
  if ("text" in decoded) return decoded.text;
  throw new PobookError("file is not valid UTF-8", { file: shownAs, line: decoded.invalidLine });
}
