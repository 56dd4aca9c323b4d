// Once per `vitest run`, before any test file: dist/ and its bundle built when a source is newer (the in-process
// and spawned CLI both run it), and a scratch folder the test files share for work done once per
// run (test/helpers/shared-corpus.ts), removed at the end.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "dist", "bundle", "pobook.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    // Not built yet.
  }
  if (Math.max(newestSource(join(ROOT, "src")), newestSource(join(ROOT, "bin"))) > built) {
    execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", ROOT], { stdio: "inherit" });
    execFileSync(process.execPath, [join(ROOT, "scripts", "bundle.mjs")], { stdio: "inherit" });
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    /** A folder for the whole run, shared by the test files (test/helpers/shared-corpus.ts). */
    runDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  ensureBuilt();
  const runDir = mkdtempSync(join(tmpdir(), "pobook-test-run-"));
  project.provide("runDir", runDir);
  return () => {
    if (!process.env.POBOOK_KEEP_TEST_DIR) rmSync(runDir, { recursive: true, force: true });
  };
}
