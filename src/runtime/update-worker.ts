/**
 * Worker thread of `pobook update`: takes catalog files from a shared
 * counter until none are left and updates each (update-catalog.ts), then
 * replies with its results; see update-pool.ts.
 */
import { errorReply } from "./worker-failure.js";
import { parentPort, workerData } from "node:worker_threads";
import type { Catalog } from "../catalog/types.js";
import { updateCatalogFile, type FileUpdateOptions, type UpdateOutcome } from "./update-catalog.js";

export interface UpdateWorkerSetup {
  paths: string[];
  template: Catalog;
  options: FileUpdateOptions;
  /** Index of the next path to take, shared by every thread. */
  next: Int32Array;
}

const { paths, template, options, next } = workerData as UpdateWorkerSetup;
export type UpdateWorkerReply = Array<[index: number, outcome: UpdateOutcome]>;

const reply: UpdateWorkerReply = [];
for (let index = Atomics.add(next, 0, 1); index < paths.length; index = Atomics.add(next, 0, 1)) {
  try {
    reply.push([index, { update: updateCatalogFile(paths[index]!, template, options).update }]);
  } catch (error) {
    reply.push([index, { failure: errorReply(error) }]);
  }
}
parentPort!.postMessage(reply);
