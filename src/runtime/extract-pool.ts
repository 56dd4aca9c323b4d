/**
 * Extracts chapters on all cores. Markdown parsing dominates extraction and
 * is CPU-bound, so worker threads and this thread each read and parse
 * chapters, taking the next one from a shared atomic counter: no thread
 * waits for another to hand it work, and all finish at about the same time.
 */
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { extractChapter, type ChapterResult } from "../book/extract-book.js";
import type { ChapterRef } from "../book/template.js";
import type { ReadBookFile } from "../book/links.js";
import { replyError, workerReply } from "./worker-failure.js";
import type { WorkerJob, WorkerReply, WorkerSetup } from "./chapter-worker.js";

export interface PoolSetup extends WorkerSetup {
  /** Threads in all, this one included (default: one per CPU). */
  jobs?: number;
  /** This thread's reader (the workers read the disk themselves). */
  read: ReadBookFile;
}

/** Fewer chapters than this are not worth a worker's start-up. */
const MIN_CHAPTERS_FOR_WORKERS = 16;

/**
 * Worker threads started ahead of time, so that they load the parser while
 * this thread reads SUMMARY.md and checks the cache.
 */
export class ExtractPool {
  private readonly workers: Worker[];

  constructor(private readonly setup: PoolSetup) {
    const jobs = setup.jobs ?? availableParallelism();
    const workerData: WorkerSetup = { root: setup.root, readRoot: setup.readRoot, config: setup.config, summaryPath: setup.summaryPath, options: setup.options };
    this.workers = Array.from({ length: Math.max(0, jobs - 1) }, () => new Worker(new URL("./chapter-worker.js", import.meta.url), { workerData }));
  }

  /** Extracts `chapters`, results in the same order. */
  async extract(chapters: readonly ChapterRef[]): Promise<ChapterResult[]> {
    const results: ChapterResult[] = new Array(chapters.length);
    const next = new Int32Array(new SharedArrayBuffer(4));
    const job: WorkerJob = { chapters: [...chapters], next };
    const working = chapters.length >= MIN_CHAPTERS_FOR_WORKERS ? this.workers : [];
    const replies = working.map((worker) => workerReply<WorkerReply>(worker, job));
    let failure: unknown;
    try {
      for (let index = Atomics.add(next, 0, 1); index < chapters.length; index = Atomics.add(next, 0, 1)) {
        results[index] = extractChapter(this.setup.config, this.setup, chapters[index]!, this.setup.read, this.setup.options);
      }
    } catch (error) {
      Atomics.store(next, 0, chapters.length);
      failure = error;
    }
    for (const reply of await Promise.all(replies)) {
      if ("failure" in reply) failure ??= replyError(reply.failure);
      else for (const [index, result] of reply.results) results[index] = result;
    }
    if (failure !== undefined) throw failure;
    return results;
  }

  close(): void {
    for (const worker of this.workers) void worker.terminate();
  }
}
