/**
 * Updates several catalog files at once: worker threads and this thread
 * each take the next file from a shared atomic counter (as extract-pool.ts
 * does with chapters). Merging is CPU-bound and catalogs are independent,
 * so with fuzzy matching 21 stale catalogs take about 1/threads of the time.
 */
import { Worker } from "node:worker_threads";
import type { Catalog } from "../catalog/types.js";
import { updateCatalogFile, type FileUpdateOptions, type UpdateOutcome } from "./update-catalog.js";
import type { UpdateWorkerReply, UpdateWorkerSetup } from "./update-worker.js";
import { errorReply, workerReply } from "./worker-failure.js";

/** The outcome of updating each of `paths`, in order, on `threads` threads in all (this one included). */
export async function updateCatalogFiles(paths: readonly string[], template: Catalog, options: FileUpdateOptions, threads: number): Promise<UpdateOutcome[]> {
  const outcomes: UpdateOutcome[] = new Array(paths.length);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const workerData: UpdateWorkerSetup = { paths: [...paths], template, options, next };
  const workers = Array.from({ length: Math.max(0, Math.min(threads, paths.length) - 1) }, () => new Worker(new URL("./update-worker.js", import.meta.url), { workerData }));
  // Each worker starts on its own from workerData and replies once.
  const replies = workers.map((worker) => workerReply<UpdateWorkerReply>(worker));
  try {
    for (let index = Atomics.add(next, 0, 1); index < paths.length; index = Atomics.add(next, 0, 1)) {
      try {
        outcomes[index] = { update: updateCatalogFile(paths[index]!, template, options).update };
      } catch (error) {
        outcomes[index] = { failure: errorReply(error) };
      }
    }
    for (const reply of await Promise.all(replies)) for (const [index, outcome] of reply) outcomes[index] = outcome;
  } finally {
    for (const worker of workers) void worker.terminate();
  }
  return outcomes;
}
