/**
 * Worker thread: extracts the chapters it is sent (read, includes expanded,
 * segmented) and replies per batch; see extract-pool.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { extractChapter, type ChapterRef, type ExtractOptions } from "../book/extract-book.js";
import type { BookConfig } from "../book/config.js";
import { PobookError } from "../errors.js";
import { bookReader } from "./book-reader.js";

export interface WorkerSetup {
  root: string;
  config: BookConfig;
  summaryPath: string;
  options: ExtractOptions;
}

const setup = workerData as WorkerSetup;
const read = bookReader(setup.root);

parentPort!.on("message", (batch: ChapterRef[]) => {
  try {
    const results = batch.map((chapter) => extractChapter(setup.config, setup, chapter, read, setup.options));
    parentPort!.postMessage({ results });
  } catch (error) {
    const failure =
      error instanceof PobookError
        ? { message: error.message, file: error.file, line: error.line, exitCode: error.exitCode }
        : { message: error instanceof Error ? error.message : String(error) };
    parentPort!.postMessage({ failure });
  }
});
