// Runs the built CLI (npm test compiles first) the way a user would.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

/** The built CLI (npm test runs tsc first). */
export const CLI = resolve(import.meta.dirname, "../../dist/bin/pobook.js");

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

function cliEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: join(tmpdir(), "pobook-test-cache"), ...env };
}

/** Runs the CLI; `options` may be just the working directory. */
export function runCli(args: string[], options: CliOptions | string = {}): CliResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx tsc -p .\` first`);
  const { cwd, env } = typeof options === "string" ? { cwd: options, env: undefined } : options;
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: cliEnv(env), encoding: "utf8" });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
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
