import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "bin", "pobook.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

let built = false;

/** Build dist/ when a source is newer than the built CLI (`npm test` has just built it). */
function ensureBuilt(): void {
  if (built) return;
  let cliTime = 0;
  try {
    cliTime = statSync(CLI).mtimeMs;
  } catch {
    // Not built yet.
  }
  if (Math.max(newestSource(join(ROOT, "src")), newestSource(join(ROOT, "bin"))) > cliTime) {
    execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", ROOT], { stdio: "inherit" });
  }
  built = true;
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real `pobook` CLI (dist/bin/pobook.js) in `cwd`. */
export function runPobook(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  ensureBuilt();
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: "utf8",
    env: { ...process.env, ...options.env },
    maxBuffer: 64 << 20,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
