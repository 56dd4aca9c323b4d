/** Worker thread: segments the chapters it is sent (see segment-pool.ts). */
import { parentPort } from "node:worker_threads";
import { segmentMarkdown, type SegmentOptions } from "../markdown/segment.js";

export interface SegmentJob {
  id: number;
  documents: Array<{ source: string; options: SegmentOptions }>;
}

parentPort!.on("message", (job: SegmentJob) => {
  try {
    const results = job.documents.map((document) => segmentMarkdown(document.source, document.options));
    parentPort!.postMessage({ id: job.id, results });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
