/**
 * A one-line progress report on a terminal for runs that take a while:
 * nothing for the first two seconds (most runs are over by then), nothing
 * at all when stderr is not a terminal (CI logs, pipes), and the line is
 * cleared when the work is done.
 */
import type { ReadBookFile } from "../book/links.js";

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  /** Shows `text` (replacing the previous line) once the run is past the delay. */
  update(text: string): void;
  /** Clears the line, if one was shown. */
  done(): void;
}

export function progress(stream: ProgressStream = process.stderr, options: { delayMs?: number; now?: () => number } = {}): Progress {
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? 2000;
  const start = now();
  const enabled = stream.isTTY === true;
  let shown = false;
  let last = 0;
  return {
    update(text) {
      const time = now();
      // At most ten redraws a second: a book has thousands of files.
      if (!enabled || time - start < delay || (shown && time - last < 100)) return;
      stream.write(`\r\x1b[K${text}`);
      shown = true;
      last = time;
    },
    done() {
      if (shown) stream.write("\r\x1b[K");
      shown = false;
    },
  };
}

/** `read`, reporting each file it reads as `label (N files): path`. */
export function readWithProgress(read: ReadBookFile, report: Progress, label: string): ReadBookFile {
  let count = 0;
  return (path) => {
    count++;
    report.update(`${label} (${count} files): ${path}`);
    return read(path);
  };
}
