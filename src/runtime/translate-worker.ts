/**
 * Worker thread of translate-pool.ts: given the book the first thread
 * parsed, takes languages from a shared counter until none are left
 * (language-translator.ts), then replies with its results.
 */
import { parentPort, workerData } from "node:worker_threads";
import { LanguageTranslator, type LanguageResult, type LanguageSetup, type SharedBook } from "./language-translator.js";
import { errorReply, type FailureReply } from "./worker-failure.js";

export interface LanguageJob {
  shared: SharedBook;
  /** Catalog path of each language, in the command's order. */
  catalogs: string[];
  /** Index of the next language to take, shared by every thread. */
  next: Int32Array;
}

export type LanguageReply = { results: Array<[index: number, result: LanguageResult]>; failure?: { index: number } & FailureReply };

parentPort!.on("message", ({ shared, catalogs, next }: LanguageJob) => {
  const results: Array<[number, LanguageResult]> = [];
  let index = -1;
  try {
    const translator = new LanguageTranslator(workerData as LanguageSetup, shared);
    for (index = Atomics.add(next, 0, 1); index < catalogs.length; index = Atomics.add(next, 0, 1)) results.push([index, translator.translate(catalogs[index]!)]);
    parentPort!.postMessage({ results } satisfies LanguageReply);
  } catch (error) {
    // Stop the other threads: nothing is written after a failure.
    Atomics.store(next, 0, catalogs.length);
    parentPort!.postMessage({ results, failure: { index: Math.max(index, 0), ...errorReply(error) } } satisfies LanguageReply);
  }
});
