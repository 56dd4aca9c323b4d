/**
 * Reads a book's files from disk for the pure book core: paths relative to
 * the book root, strict UTF-8, a missing file reported as ENOENT.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeUtf8File } from "../fs.js";
import type { ReadBookFile } from "../book/links.js";

/** Reads `path` (relative to `root`) as strict UTF-8. */
export function bookReader(root: string): ReadBookFile {
  return (path) => {
    const full = join(root, path);
    return decodeUtf8File(readFileSync(full), full);
  };
}

/** Like `bookReader`, with a file's byte-order mark kept as `\uFEFF` (translate writes it back). */
export function bookReaderKeepingBom(root: string): ReadBookFile {
  return (path) => {
    const full = join(root, path);
    const bytes = readFileSync(full);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return (bom ? "\uFEFF" : "") + decodeUtf8File(bytes, full);
  };
}
