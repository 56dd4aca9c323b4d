/**
 * What could not be read while extracting chapters (a missing or refused
 * file, an include cycle), gathered over the whole book so that one run
 * names every one; kept light (no parser) for the command layer.
 */
import { PobookError, PobookErrors } from "../errors.js";

/** A problem found while reading a chapter (plain data: results cross worker threads). */
export interface ChapterProblem {
  message: string;
  file: string;
  line: number;
}

/** Every problem of a book's chapters as one error (each on its line, duplicates once), or nothing when there is none. */
export function throwChapterProblems(results: ReadonlyArray<{ problems: readonly ChapterProblem[] }>): void {
  const seen = new Set<string>();
  const errors: PobookError[] = [];
  for (const problem of results.flatMap((result) => result.problems)) {
    const error = new PobookError(problem.message, { file: problem.file, line: problem.line });
    if (seen.has(error.format())) continue;
    seen.add(error.format());
    errors.push(error);
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new PobookErrors(errors);
}
