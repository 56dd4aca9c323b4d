/**
 * Segments many documents at once: across worker threads (Markdown parsing
 * dominates extraction time and is CPU-bound), with a per-document cache keyed
 * by a hash of the content and options so unchanged chapters are not parsed again.
 */
import { Worker } from "node:worker_threads";
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { segmentMarkdown, type Message, type SegmentOptions } from "../markdown/segment.js";

export interface SegmentRequest {
  source: string;
  options: SegmentOptions;
}

/** A content-addressed store of segmentation results (the CLI keeps it on disk). */
export interface SegmentCache {
  get(key: string): Message[] | undefined;
  set(key: string, messages: Message[]): void;
}

export function cacheKey(request: SegmentRequest, version: string): string {
  return createHash("sha256").update(version).update("\0").update(JSON.stringify(request.options)).update("\0").update(request.source).digest("hex");
}

export interface PoolOptions {
  /** Worker threads to use; 0 or 1 segments in this thread. */
  jobs?: number;
  cache?: SegmentCache;
  /** Part of every cache key: results of another pobook version are not reused. */
  version?: string;
}

/** A worker thread that has started loading the segmenter; it segments one batch, then exits. */
class SegmentWorker {
  private readonly worker = new Worker(new URL("./segment-worker.js", import.meta.url));

  run(requests: SegmentRequest[]): Promise<Message[][]> {
    return new Promise((resolve, reject) => {
      this.worker.once("message", (reply: { results?: Message[][]; error?: string }) => {
        void this.worker.terminate();
        if (reply.error !== undefined) reject(new Error(reply.error));
        else resolve(reply.results!);
      });
      this.worker.once("error", reject);
      this.worker.postMessage({ id: 0, documents: requests });
    });
  }

  close(): void {
    void this.worker.terminate();
  }
}

/**
 * `jobs` threads: this one plus `jobs - 1` workers started ahead of time, so
 * that they load the parser while this thread reads the book.
 */
export class SegmentPool {
  private readonly workers: SegmentWorker[];

  constructor(private readonly jobs = availableParallelism()) {
    this.workers = jobs > 1 ? Array.from({ length: jobs - 1 }, () => new SegmentWorker()) : [];
  }

  /** Segments every request, in order (cached ones are not segmented again). */
  async segment(requests: SegmentRequest[], options: PoolOptions = {}): Promise<Message[][]> {
    const version = options.version ?? "";
    const results: Message[][] = new Array(requests.length);
    const todo: Array<{ index: number; request: SegmentRequest; key: string }> = [];
    requests.forEach((request, index) => {
      const key = cacheKey(request, version);
      const cached = options.cache?.get(key);
      if (cached) results[index] = cached;
      else todo.push({ index, request, key });
    });
    // Below a few documents a worker's start-up costs more than it saves.
    if (this.workers.length === 0 || todo.length < 8) {
      for (const item of todo) results[item.index] = segmentMarkdown(item.request.source, item.request.options);
    } else {
      const [own, ...others] = balance(todo, this.jobs);
      const pending = Promise.all(others.map((batch, b) => this.workers[b]!.run(batch.items.map((item) => item.request))));
      // This thread takes its share while the workers run.
      for (const item of own!.items) results[item.index] = segmentMarkdown(item.request.source, item.request.options);
      const outputs = await pending;
      others.forEach((batch, b) => batch.items.forEach((item, i) => (results[item.index] = outputs[b]![i]!)));
    }
    this.close();
    for (const item of todo) options.cache?.set(item.key, results[item.index]!);
    return results;
  }

  close(): void {
    for (const worker of this.workers) worker.close();
  }
}

/** Splits `items` into `count` batches of about equal total source size. */
function balance(items: Array<{ index: number; request: SegmentRequest }>, count: number) {
  const batches = Array.from({ length: count }, () => ({ size: 0, items: [] as typeof items }));
  const bySize = [...items].sort((a, b) => b.request.source.length - a.request.source.length);
  for (const item of bySize) {
    const smallest = batches.reduce((min, batch) => (batch.size < min.size ? batch : min));
    smallest.items.push(item);
    smallest.size += item.request.source.length;
  }
  return batches.filter((batch) => batch.items.length > 0);
}

/** Segments every request, in order, with a pool of `options.jobs` workers. */
export function segmentAll(requests: SegmentRequest[], options: PoolOptions = {}): Promise<Message[][]> {
  return new SegmentPool(options.jobs).segment(requests, options);
}
