/**
 * What the worker pools (extract, update, translate) share: a failure in a
 * worker thread, sent to the command's thread and thrown there as it was
 * (file, line and exit code kept; an Error's class does not cross threads),
 * and the one reply a worker gives to a job.
 */
import type { Worker } from "node:worker_threads";
import { PobookError } from "../errors.js";

export interface FailureReply {
  message: string;
  file?: string;
  line?: number;
  exitCode?: number;
}

export function errorReply(error: unknown): FailureReply {
  return error instanceof PobookError
    ? { message: error.message, file: error.file, line: error.line, exitCode: error.exitCode }
    : { message: error instanceof Error ? error.message : String(error) };
}

export function replyError({ message, file, line, exitCode }: FailureReply): Error {
  return file !== undefined || exitCode !== undefined ? new PobookError(message, { file, line }, exitCode) : new Error(message);
}

/** The worker's next message (rejected if it crashes); `job`, when given, is posted to it first. */
export function workerReply<Reply>(worker: Worker, ...job: [] | [unknown]): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    if (job.length > 0) worker.postMessage(job[0]);
  });
}
