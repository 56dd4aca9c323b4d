/**
 * Where a `{{#include}}` (or `{{#rustdoc_include}}`, `{{#playground}}`)
 * points, the one rule every command uses: relative to the directory of the
 * file holding the directive, as mdBook joins it. Paths are book-root
 * relative and POSIX; they may start with `../` (files above book.toml,
 * which real books include from their repository). Whether such a file may
 * be read is the reader's decision (see src/runtime/book-reader.ts).
 */
import { posix } from "node:path";

/** The file and the `:range` or `:anchor` parts of a directive's first argument, split as mdBook splits them. */
export interface IncludeArguments {
  file: string;
  /** What follows the first `:`, split on `:` (empty without one). */
  rangeParts: string[];
  /** Words after the file (`{{#playground file editable}}`). */
  properties: string[];
}

export function parseIncludeArguments(args: string): IncludeArguments {
  const [target = "", ...properties] = args.trim().split(/\s+/);
  const [file = "", ...rangeParts] = target.split(":");
  return { file, rangeParts, properties };
}

export type ResolvedInclude = { path: string; reason?: undefined } | { path?: undefined; reason: string };

/**
 * The book-root-relative path of `file` included from `from` (a book-root
 * relative path), or why it cannot be one: absolute paths make a book that
 * builds on one machine only, and are refused.
 */
export function resolveIncludePath(from: string, file: string): ResolvedInclude {
  if (file === "") return { reason: "names no file" };
  if (posix.isAbsolute(file)) return { reason: `of ${file}: absolute paths are not supported` };
  return { path: posix.normalize(posix.join(posix.dirname(from), file)) };
}

/**
 * Thrown by a book reader for a file it may not read: its real path
 * (symlinks followed) leaves the book's read root. Callers that know where
 * the file was named (a directive's line, a SUMMARY.md entry) report it there.
 */
export class ReadRefusal extends Error {
  constructor(
    /** Book-root-relative path that was asked for. */
    readonly path: string,
    /** Its real path. */
    readonly realPath: string,
    readonly readRoot: string,
  ) {
    super(`${realPath} is outside the read root ${readRoot} (book.toml's read-root can widen it)`);
    this.name = "ReadRefusal";
  }
}
