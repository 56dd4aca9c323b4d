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

function runWorker(requests: SegmentRequest[]): Promise<Message[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./segment-worker.js", import.meta.url));
    worker.once("message", (reply: { results?: Message[][]; error?: string }) => {
      void worker.terminate();
      if (reply.error !== undefined) reject(new Error(reply.error));
      else resolve(reply.results!);
    });
    worker.once("error", reject);
    worker.postMessage({ id: 0, documents: requests });
  });
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

/** Segments every request, in order. */
export async function segmentAll(requests: SegmentRequest[], options: PoolOptions = {}): Promise<Message[][]> {
  const version = options.version ?? "";
  const results: Message[][] = new Array(requests.length);
  const todo: Array<{ index: number; request: SegmentRequest; key: string }> = [];
  requests.forEach((request, index) => {
    const key = cacheKey(request, version);
    const cached = options.cache?.get(key);
    if (cached) results[index] = cached;
    else todo.push({ index, request, key });
  });
  const jobs = Math.min(options.jobs ?? availableParallelism(), todo.length);
  // Below a few documents a worker's start-up costs more than it saves.
  if (jobs <= 1 || todo.length < 8) {
    for (const item of todo) results[item.index] = segmentMarkdown(item.request.source, item.request.options);
  } else {
    const batches = balance(todo, jobs);
    const outputs = await Promise.all(batches.map((batch) => runWorker(batch.items.map((item) => item.request))));
    batches.forEach((batch, b) => batch.items.forEach((item, i) => (results[item.index] = outputs[b]![i]!)));
  }
  for (const item of todo) options.cache?.set(item.key, results[item.index]!);
  return results;
}
