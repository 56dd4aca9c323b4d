/**
 * Extracts chapters on all cores. Markdown parsing dominates extraction and
 * is CPU-bound, so chapters are handed out in small batches to worker threads
 * and to this thread, each reading and parsing its own chapters; whoever is
 * free takes the next batch, which keeps both cores busy to the end.
 */
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { setImmediate as yieldToEvents } from "node:timers/promises";
import { extractChapter, type ChapterRef, type ChapterResult, type ExtractOptions } from "../book/extract-book.js";
import type { BookConfig } from "../book/config.js";
import type { ReadBookFile } from "../book/links.js";
import { PobookError } from "../errors.js";
import type { WorkerSetup } from "./chapter-worker.js";

type Reply =
  | { results: ChapterResult[] }
  | { failure: { message: string; file?: string; line?: number; exitCode?: number } };

/** Chapters per batch: small enough to balance, large enough to keep messaging cheap. */
const BATCH_SIZE = 12;

export interface PoolSetup extends Omit<WorkerSetup, "root"> {
  root: string;
  /** Threads in all, this one included (default: one per CPU). */
  jobs?: number;
  /** This thread's reader (the workers read the disk themselves). */
  read: ReadBookFile;
}

/**
 * Worker threads started ahead of time, so that they load the parser while
 * this thread reads SUMMARY.md and checks the cache.
 */
export class ExtractPool {
  private readonly workers: Worker[];

  constructor(private readonly setup: PoolSetup) {
    const jobs = setup.jobs ?? availableParallelism();
    const workerData: WorkerSetup = { root: setup.root, config: setup.config, summaryPath: setup.summaryPath, options: setup.options };
    this.workers = Array.from({ length: Math.max(0, jobs - 1) }, () => new Worker(new URL("./chapter-worker.js", import.meta.url), { workerData }));
  }

  /** Extracts `chapters`, results in the same order. */
  async extract(chapters: readonly ChapterRef[]): Promise<ChapterResult[]> {
    const results: ChapterResult[] = new Array(chapters.length);
    let next = 0;
    const take = (): Array<{ index: number; chapter: ChapterRef }> => {
      const batch = chapters.slice(next, next + BATCH_SIZE).map((chapter, offset) => ({ index: next + offset, chapter }));
      next += batch.length;
      return batch;
    };
    let failure: Error | undefined;
    const useWorker = (worker: Worker): Promise<void> =>
      new Promise((resolve) => {
        const send = (): void => {
          const batch = failure ? [] : take();
          if (batch.length === 0) return resolve();
          worker.once("message", (reply: Reply) => {
            if ("failure" in reply) {
              const { message, file, line, exitCode } = reply.failure;
              failure ??= file !== undefined || exitCode !== undefined ? new PobookError(message, { file, line }, exitCode) : new Error(message);
              return resolve();
            }
            reply.results.forEach((result, i) => (results[batch[i]!.index] = result));
            send();
          });
          worker.postMessage(batch.map((item) => item.chapter));
        };
        worker.once("error", (error) => {
          failure ??= error;
          resolve();
        });
        send();
      });
    // Tiny books are not worth a worker's start-up.
    const working = chapters.length >= 2 * BATCH_SIZE ? this.workers.map(useWorker) : [];
    try {
      for (let batch = take(); batch.length > 0 && !failure; batch = take()) {
        for (const item of batch) results[item.index] = extractChapter(this.setup.config, this.setup, item.chapter, this.setup.read, this.setup.options);
        // Let worker replies in, so that they get their next batch without waiting for ours.
        await yieldToEvents();
      }
    } catch (error) {
      failure ??= error as Error;
    }
    await Promise.all(working);
    if (failure) throw failure;
    return results;
  }

  close(): void {
    for (const worker of this.workers) void worker.terminate();
  }
}
