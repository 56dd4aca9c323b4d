// Runs the built CLI (npm test compiles first) the way a user would.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";

/** The executable users run: the bundle (npm test builds it first; scripts/bundle.mjs). */
export const CLI = resolve(import.meta.dirname, "../../dist/bundle/pobook.js");
/** The command line as a function (what the executable calls). */
const CLI_MODULE = resolve(import.meta.dirname, "../../dist/src/cli.js");


export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** What the command reads on stdin (runInProcess only; nothing, as from a closed pipe, when absent). */
  input?: string;
}

function cliEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: join(tmpdir(), "pobook-test-cache"), ...env };
}

/** Runs the CLI; `options` may be just the working directory. */
export function runCli(args: string[], options: CliOptions | string = {}): CliResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const { cwd, env } = typeof options === "string" ? { cwd: options, env: undefined } : options;
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: cliEnv(env), encoding: "utf8" });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI in this process, as bin/pobook.js would (src/cli.ts's
 * `runCommandLine` from the built dist/), with its output captured: the same
 * code, argument parsing, errors and exit status, without starting Node for
 * each run. Test files run in their own processes and their tests one at a
 * time, so changing the working directory and environment for the run is
 * safe; never run two at once. stdin is `options.input`. Use `runCli` for
 * what needs a real process (signals, a closed pipe, the executable itself).
 */
export async function runInProcess(args: string[], options: CliOptions | string = {}): Promise<CliResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const { cwd, env, input } = typeof options === "string" ? { cwd: options, env: undefined, input: undefined } : options;
  const { runCommandLine } = (await import(/* @vite-ignore */ pathToFileURL(CLI_MODULE).href)) as { runCommandLine: (argv: readonly string[]) => Promise<number> };
  const saved = { cwd: process.cwd(), env: { ...process.env }, out: process.stdout.write, err: process.stderr.write, stdin: Object.getOwnPropertyDescriptor(process, "stdin")! };
  const stdout: string[] = [];
  const stderr: string[] = [];
  const capture = (into: string[]) =>
    ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
      into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") (done as () => void)();
      return true;
    }) as typeof process.stdout.write;
  try {
    if (cwd !== undefined) process.chdir(cwd);
    const wanted = cliEnv(env);
    for (const name of Object.keys(process.env)) if (wanted[name] === undefined) delete process.env[name];
    for (const [name, value] of Object.entries(wanted)) if (value !== undefined) process.env[name] = value;
    process.stdout.write = capture(stdout);
    process.stderr.write = capture(stderr);
    // stdin as a pipe holding `input` (the test process's own stdin is never read).
    Object.defineProperty(process, "stdin", { value: Readable.from(input === undefined ? [] : [Buffer.from(input)]), configurable: true, writable: true });
    const status = await runCommandLine([process.execPath, CLI, ...args]);
    return { status, stdout: stdout.join(""), stderr: stderr.join("") };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    Object.defineProperty(process, "stdin", saved.stdin);
    for (const name of Object.keys(process.env)) if (!(name in saved.env)) delete process.env[name];
    Object.assign(process.env, saved.env);
    process.chdir(saved.cwd);
  }
}

/** Start the CLI and SIGKILL it after `ms` milliseconds; resolves when it is gone. */
export function runCliKilledAfter(args: string[], cwd: string, ms: number): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cliEnv(), stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), ms);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? code);
    });
  });
}

/** Writes `files` (path → content) under a new temporary directory and returns it. */
export function makeTree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), "pobook-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
