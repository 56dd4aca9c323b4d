/**
 * Translates several languages on several threads (translate --all). After
 * the book is parsed, each language costs the better part of a second of CPU
 * (reading the catalog, applying it, extracting the translated copy again to
 * check it). This thread parses the book and translates the first language;
 * the workers, started meanwhile, then get the book as that left it, and
 * every thread (this one too) takes the next language from a shared atomic
 * counter. Results come back in the languages' order, whichever thread
 * finished first; the first failure in that order is thrown. The pool
 * writes nothing.
 */
import { Worker } from "node:worker_threads";
import { LanguageTranslator, type LanguageResult, type LanguageSetup } from "./language-translator.js";
import type { LanguageJob, LanguageReply } from "./translate-worker.js";
import { replyError, workerReply } from "./worker-failure.js";

/** Translates the catalogs `catalogs` on `threads` threads (this one included); results in the same order. */
export async function translateLanguages(setup: LanguageSetup, catalogs: readonly string[], threads: number): Promise<LanguageResult[]> {
  // Started first: they load their modules while this thread parses the book.
  const workers = Array.from({ length: Math.max(0, Math.min(threads, catalogs.length) - 1) }, () => new Worker(new URL("./translate-worker.js", import.meta.url), { workerData: setup }));
  try {
    const results: LanguageResult[] = new Array(catalogs.length);
    const translator = new LanguageTranslator(setup);
    // A failure here (a bad catalog, a book that cannot be read) stops the run before the others start.
    results[0] = translator.translate(catalogs[0]!);
    const next = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(next, 0, 1);
    const job: LanguageJob = { shared: translator.share(), catalogs: [...catalogs], next };
    const replies = workers.map((worker) => workerReply<LanguageReply>(worker, job));
    const failures = new Map<number, Error>();
    let index = Atomics.add(next, 0, 1);
    try {
      for (; index < catalogs.length; index = Atomics.add(next, 0, 1)) results[index] = translator.translate(catalogs[index]!);
    } catch (error) {
      Atomics.store(next, 0, catalogs.length);
      failures.set(index, error as Error);
    }
    for (const reply of await Promise.all(replies)) {
      for (const [at, result] of reply.results) results[at] = result;
      if (reply.failure) failures.set(reply.failure.index, replyError(reply.failure));
    }
    // Every language before a failing one was taken, so is finished: the lowest index is the first failure in the command's order.
    if (failures.size > 0) throw failures.get(Math.min(...failures.keys()))!;
    return results;
  } finally {
    for (const worker of workers) void worker.terminate();
  }
}
