import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { PobookError } from "./errors.js";
import { dirname, basename, join } from "node:path";

/**
 * Write `data` to `path` atomically: a temporary file in the same directory,
 * then a rename. A crash or kill leaves either the old file or the new one,
 * never a truncated mix — PO files are translators' work.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    // Report the file the user asked for, not the temporary one.
    if (error instanceof Error && "path" in error) (error as NodeJS.ErrnoException).path = path;
    throw error;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Reads a file as strict UTF-8: invalid bytes are an input error naming the file. */
export function readUtf8(path: string, shownAs = path): string {
  return decodeUtf8File(readFileSync(path), shownAs);
}

/** Decodes bytes read from `shownAs` as strict UTF-8. */
export function decodeUtf8File(bytes: Uint8Array, shownAs: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new PobookError("file is not valid UTF-8", { file: shownAs });
  }
}
