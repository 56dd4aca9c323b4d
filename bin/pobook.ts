#!/usr/bin/env node
// Commander wiring only: each command lives in src/commands/ and registers itself.
import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { PobookError, EXIT_USAGE, EXIT_FAILURE } from "../src/errors.js";
import { registerCommands } from "../src/commands/index.js";

const FILE_ERRORS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a directory",
  ENOTDIR: "not a directory",
  ENOSPC: "no space left on the device",
  EROFS: "read-only file system",
};

function isFileError(error: unknown): error is NodeJS.ErrnoException & { path: string; code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" && typeof (error as NodeJS.ErrnoException).path === "string";
}

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

const program = new Command()
  .name("pobook")
  .description("Translate Markdown books (mdBook) with gettext PO catalogs.")
  .version(pkg.version)
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

// The first argument that is not an option names the command to load.
await registerCommands(program, process.argv.slice(2).find((arg) => !arg.startsWith("-")));

// `pobook stats | head`: a closed pipe ends the output, not the program with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // A progress line (src/commands/progress.ts) may be on the terminal: the error gets a line of its own.
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  if (error instanceof CommanderError) {
    // --help and --version exit through here with code 0.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else if (error instanceof PobookError) {
    // Several errors of one run (PobookErrors) come one a line.
    process.stderr.write(`${error.format().split("\n").map((line) => `pobook: ${line}`).join("\n")}\n`);
    process.exitCode = error.exitCode;
  } else if (isFileError(error)) {
    // A file the command could not read or write: name it, as for any other input error.
    process.stderr.write(`pobook: ${error.path}: ${FILE_ERRORS[error.code] ?? error.code}\n`);
    process.exitCode = error.code === "ENOENT" || error.code === "EISDIR" || error.code === "ENOTDIR" ? EXIT_USAGE : EXIT_FAILURE;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`pobook: ${message}\n`);
    process.exitCode = EXIT_FAILURE;
  }
}
