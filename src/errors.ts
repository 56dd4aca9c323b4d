/**
 * Errors that pobook reports to the user as one line and an exit code.
 *
 * The core throws `PobookError` with the file (and line) at fault; commands
 * let it propagate and `bin/pobook.ts` prints `pobook: FILE:LINE: message`.
 */
export const EXIT_OK = 0;
/** Findings (check), or a failed operation. */
export const EXIT_FAILURE = 1;
/** Bad usage or bad input (unreadable file, syntax error). */
export const EXIT_USAGE = 2;

export interface ErrorLocation {
  file?: string;
  line?: number;
}

export class PobookError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly exitCode: number;

  constructor(message: string, location: ErrorLocation = {}, exitCode = EXIT_USAGE) {
    super(message);
    this.name = "PobookError";
    this.file = location.file;
    this.line = location.line;
    this.exitCode = exitCode;
  }

  /** `FILE:LINE: message`, the form editors and grep understand. */
  format(): string {
    const where = this.file ? (this.line ? `${this.file}:${this.line}: ` : `${this.file}: `) : "";
    return `${where}${this.message}`;
  }
}

/** Several input errors found in one run (every missing include of a book), reported together, one a line. */
export class PobookErrors extends PobookError {
  constructor(readonly errors: readonly PobookError[]) {
    super(errors.map((error) => error.format()).join("\n"), {}, errors[0]?.exitCode ?? EXIT_USAGE);
    this.name = "PobookErrors";
  }
}

/** Runs `work`; a `PobookError` it throws without a file gets `file` (core code knows lines, not paths). */
export function inFile<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof PobookError && error.file === undefined) throw new PobookError(error.message, { file, line: error.line }, error.exitCode);
    throw error;
  }
}
