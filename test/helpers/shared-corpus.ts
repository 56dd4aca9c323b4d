// Work on the corpus that several test files need, done once per run: the first file to ask
// does it (in its own process) into the run's shared folder (test/global-setup.ts), the others
// wait for its result. What it writes is read-only for the tests.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";
import { runInProcess, type CliResult } from "./cli.js";
import { PT_BOOK } from "./corpus.js";

export interface SharedRun extends CliResult {
  /** Where the command wrote its output. */
  output: string;
}

const started = new Map<string, Promise<SharedRun>>();

/** Runs `pobook args` once per run for every test file that asks with the same `name`; `{out}` in `args` is the output path. */
function oncePerRun(name: string, args: string[]): Promise<SharedRun> {
  let run = started.get(name);
  if (!run) {
    run = produceOrWait(name, args);
    started.set(name, run);
  }
  return run;
}

async function produceOrWait(name: string, args: string[]): Promise<SharedRun> {
  // Outside `vitest run` with test/global-setup.ts (no shared folder): a folder of this file's own.
  const root = inject("runDir") ?? mkdtempSync(join(tmpdir(), "pobook-shared-"));
  const output = join(root, name);
  const resultFile = join(root, `${name}.json`);
  try {
    mkdirSync(join(root, `${name}.lock`)); // atomic: exactly one file of the run gets here
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    while (!existsSync(resultFile)) await sleep(100);
    return { ...(JSON.parse(readFileSync(resultFile, "utf8")) as CliResult), output };
  }
  let result: CliResult;
  try {
    result = await runInProcess(args.map((arg) => (arg === "{out}" ? output : arg)));
  } catch (error) {
    result = { status: -1, stdout: "", stderr: `pobook ${args.join(" ")} threw: ${String(error)}` };
  }
  writeFileSync(`${resultFile}.tmp`, JSON.stringify(result));
  renameSync(`${resultFile}.tmp`, resultFile);
  return { ...result, output };
}

/** `pobook translate` of the corpus pt-BR book with its real catalog (legacy inline HTML, as the catalog predates it). */
export function translatedPtBook(): Promise<SharedRun> {
  return oncePerRun("translated-pt-BR", ["translate", PT_BOOK, "-l", "pt-BR", "--legacy-inline-html", "-o", "{out}"]);
}
