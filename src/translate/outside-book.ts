/**
 * Files above the book root (included from the book's repository, like
 * `{{#include ../../examples/x.rs}}`) cannot be written into the translated
 * copy at their place: the copy holds the book root only, and pobook never
 * writes outside its output. Their translations are withheld and counted as
 * not applied, and the command says so, naming each file.
 */
import type { FileTranslation } from "./book.js";

/** A book-root-relative path above the book root. */
export function isOutsideBook(path: string): boolean {
  return path === ".." || path.startsWith("../");
}

/** `results` with the files outside the book counted as untranslated (nothing of them is written), and those files. */
export function withholdOutsideBook(results: readonly FileTranslation[]): { results: FileTranslation[]; withheld: FileTranslation[] } {
  const withheld = results.filter((file) => isOutsideBook(file.path));
  return {
    results: results.map((file) => (isOutsideBook(file.path) ? { ...file, applied: 0, untranslated: file.untranslated + file.applied } : file)),
    withheld,
  };
}

/** The warning for one withheld file. */
export function withheldWarning(file: FileTranslation): string {
  return `${file.path}: outside the book directory, not written into the translated copy (${file.applied} of its ${file.total} messages translated, not applied)`;
}
