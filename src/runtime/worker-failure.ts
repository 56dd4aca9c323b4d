/** A failure in a worker thread, sent to the command's thread and thrown there as it was (file, line and exit code kept). */
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
    : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

export function replyError({ message, file, line, exitCode }: FailureReply): Error {
  return file !== undefined || exitCode !== undefined ? new PobookError(message, { file, line }, exitCode) : new Error(message);
}
