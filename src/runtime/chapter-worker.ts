/**
 * Worker thread: takes chapters from a shared counter until none are left
 * (read, includes expanded, segmented), then replies with its results; see
 * extract-pool.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { extractChapter, type ChapterResult, type ExtractOptions } from "../book/extract-book.js";
import type { ChapterRef } from "../book/template.js";
import type { BookConfig } from "../book/config.js";
import { errorReply, type FailureReply } from "./worker-failure.js";
import { bookReader } from "./book-reader.js";

export interface WorkerSetup {
  root: string;
  /** Real path of the directory the book's files may be read from. */
  readRoot: string;
  config: BookConfig;
  summaryPath: string;
  options: ExtractOptions;
}

export interface WorkerJob {
  chapters: ChapterRef[];
  /** Index of the next chapter to take, shared by every thread. */
  next: Int32Array;
}

export type WorkerReply =
  | { results: Array<[index: number, result: ChapterResult]> }
  | { failure: FailureReply };

const setup = workerData as WorkerSetup;
const read = bookReader(setup.root, setup.readRoot, setup.config);

parentPort!.on("message", ({ chapters, next }: WorkerJob) => {
  const results: Array<[number, ChapterResult]> = [];
  try {
    for (let index = Atomics.add(next, 0, 1); index < chapters.length; index = Atomics.add(next, 0, 1)) {
      results.push([index, extractChapter(setup.config, setup, chapters[index]!, read, setup.options)]);
    }
    parentPort!.postMessage({ results } satisfies WorkerReply);
  } catch (error) {
    // Stop the other threads: no chapter is worth extracting after a failure.
    Atomics.store(next, 0, chapters.length);
    parentPort!.postMessage({ failure: errorReply(error) } satisfies WorkerReply);
  }
});
