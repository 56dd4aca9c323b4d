/**
 * Reads a book's files from disk for the pure book core: paths relative to
 * the book root, strict UTF-8, a missing file reported as ENOENT.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeUtf8File } from "../fs.js";
import type { ReadBookFile } from "../book/links.js";

/** A reader that also remembers the raw bytes of every file it read (for the content-hash cache). */
export function bookReader(root: string, seen?: Map<string, Uint8Array>): ReadBookFile {
  return (path) => {
    const full = join(root, path);
    const bytes = readFileSync(full);
    seen?.set(path, bytes);
    return decodeUtf8File(bytes, full);
  };
}
