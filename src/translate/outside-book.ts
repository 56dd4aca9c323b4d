/**
 * Files above the book root that the book includes from its repository
 * (`{{#include ../../examples/x.rs}}`) in the translated copy. The copy
 * holds the book root only and pobook never writes outside it, so such a
 * file cannot go to its place; and a directive climbing out of the copy
 * would reach whatever lies next to it, wherever the copy was written.
 * So each one is written into the copy under OUTSIDE_FOLDER, at its path
 * from the read root (`.pobook-outside/examples/x.rs`), translated like any
 * included file, and every directive that reaches it is pointed there
 * (only the file name of the directive changes; its `:range`, properties and
 * every other byte stay). Relative includes between those files keep
 * working because their relative places are kept. The copy is then
 * self-contained: it builds, and extracts, wherever it is written.
 *
 * A chapter above the book root (a SUMMARY.md link climbing out of src/) is
 * not moved, since SUMMARY.md would have to be rewritten too: it is
 * withheld and its translations count as not applied.
 */
import { posix } from "node:path";
import { PobookError } from "../errors.js";
import { resolveIncludePath } from "../book/include-path.js";
import { includeDirectives } from "../book/links.js";
import type { FileTranslation } from "./book.js";

/** The copy's folder for files from above the book root (not under src/, so mdBook does not copy it into the HTML). */
export const OUTSIDE_FOLDER = ".pobook-outside";

/** A path in the copy under OUTSIDE_FOLDER. */
export function isMovedCopy(path: string): boolean {
  return path.startsWith(`${OUTSIDE_FOLDER}/`);
}

/** A book-root-relative path above the book root. */
export function isOutsideBook(path: string): boolean {
  return path === ".." || path.startsWith("../");
}

function leadingUps(path: string): number {
  const parts = path.split("/");
  const index = parts.findIndex((part) => part !== "..");
  return index === -1 ? parts.length : index;
}

/**
 * Where each file above the book root goes in the copy (a path that comes
 * back into the book goes to that file of the book). `bookInReadRoot` is
 * the book root's POSIX path from the read root ("" when they are the same);
 * without it (a caller that knows no read root), the book is taken to sit
 * as deep as the highest climb, in folders named `_`.
 */
export function outsideLayout(paths: Iterable<string>, bookInReadRoot?: string): Map<string, string> {
  const list = [...new Set(paths)].filter(isOutsideBook).sort();
  const book = bookInReadRoot ?? Array.from({ length: Math.max(0, ...list.map(leadingUps)) }, () => "_").join("/");
  const layout = new Map<string, string>();
  for (const path of list) {
    const fromReadRoot = posix.normalize(posix.join(book === "" ? "." : book, path));
    if (isOutsideBook(fromReadRoot)) throw new PobookError(`${path} is above the read root, which no reader allows`);
    // A path that climbs out and back in (`../book/src/x.rs`) names a file of the book.
    const inBook = posix.relative(book, fromReadRoot);
    if (bookInReadRoot !== undefined && !isOutsideBook(inBook)) {
      layout.set(path, inBook);
      continue;
    }
    const copy = `${OUTSIDE_FOLDER}/${fromReadRoot}`;
    // mdBook splits a directive's file name at `:` and whitespace.
    if (/[\s:{}\\]/.test(fromReadRoot)) throw new PobookError(`${path} cannot be written into the translated copy: its path from the read root, ${fromReadRoot}, cannot be named in an {{#include}}`);
    layout.set(path, copy);
  }
  return layout;
}

/**
 * `text` of the book file `path` with each include-like directive that
 * would not reach its file from the file's place in the copy pointed at
 * the file's place there. A target above the book root that is not in the
 * layout (a missing file, never read) is left as written.
 */
export function relocateDirectives(text: string, path: string, layout: ReadonlyMap<string, string>): string {
  const here = layout.get(path) ?? path;
  let out = "";
  let position = 0;
  for (const directive of includeDirectives(text)) {
    const target = resolveIncludePath(path, directive.file).path;
    if (target === undefined) continue;
    const there = layout.get(target) ?? (isOutsideBook(target) ? undefined : target);
    if (there === undefined || resolveIncludePath(here, directive.file).path === there) continue;
    out += text.slice(position, directive.fileStart) + posix.relative(posix.dirname(here), there);
    position = directive.fileEnd;
  }
  return position === 0 ? text : out + text.slice(position);
}

/** The warning for a chapter above the book root, which is not written. */
export function withheldWarning(file: Pick<FileTranslation, "path" | "applied" | "total">): string {
  return `${file.path}: a chapter outside the book directory, not written into the translated copy (${file.applied} of its ${file.total} messages translated, not applied)`;
}
