/**
 * The command line as a function: `runCommandLine(argv)` parses, runs the
 * command and turns what it threw into pobook's one-line errors and exit
 * status. bin/pobook.ts calls it once; the test suite calls it in-process,
 * so that hundreds of CLI runs do not each pay for starting Node.
 */
import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { EXIT_FAILURE, EXIT_USAGE, PobookError } from "./errors.js";
import { registerCommands } from "./commands/index.js";

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

let version: string | undefined;
function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
  return version;
}

/**
 * Runs `pobook` with `argv` (`[node, script, ...args]`, as `process.argv`)
 * and returns its exit status. Output goes to process.stdout/stderr; a
 * command that sets `process.exitCode` (check's findings) gives that status.
 */
export async function runCommandLine(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name("pobook")
    .description("Translate Markdown books (mdBook) with gettext PO catalogs.")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  process.exitCode = undefined;
  try {
    // The first argument that is not an option names the command to load.
    await registerCommands(program, argv.slice(2).find((arg) => !arg.startsWith("-")));
    await program.parseAsync([...argv]);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    // A progress line (src/commands/progress.ts) may be on the terminal: the error gets a line of its own.
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof PobookError) {
      // Several errors of one run (PobookErrors) come one a line.
      process.stderr.write(`${error.format().split("\n").map((line) => `pobook: ${line}`).join("\n")}\n`);
      return error.exitCode;
    }
    if (isFileError(error)) {
      // A file the command could not read or write: name it, as for any other input error.
      process.stderr.write(`pobook: ${error.path}: ${FILE_ERRORS[error.code] ?? error.code}\n`);
      return error.code === "ENOENT" || error.code === "EISDIR" || error.code === "ENOTDIR" ? EXIT_USAGE : EXIT_FAILURE;
    }
    process.stderr.write(`pobook: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  } finally {
    process.exitCode = undefined;
  }
}
