/**
 * Preview benchmark on the corpus book (a copy of comprehensive-rust-pt-BR
 * in a temporary directory): the time from starting `pobook preview` to the
 * first chapter page received, and the live reload as an author waits for
 * it, from writing the file (a msgstr of pt-BR.po, or the chapter) to the
 * refreshed page received after the server's change event.
 * Run: npm run build && node dist/bench/preview.js
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get, type IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "bundle", "pobook.js");
const BOOK = join(ROOT, "..", "shared", "corpus", "comprehensive-rust-pt-BR");
const CHAPTER = "control-flow-basics/loops";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** CPU time (user + system, ms) a process used so far, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

function start(book: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, "preview", book, "-l", "pt-BR", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)?.[0];
      if (url) done({ child, url });
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => fail(new Error(`preview exited with ${code}: ${output}`)));
  });
}

async function page(url: string): Promise<string> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

/** Resolves at each `change` event of the live-reload stream. */
function events(url: string): { next: () => Promise<void>; close: () => void } {
  let waiting: (() => void) | undefined;
  let response: IncomingMessage | undefined;
  const request = get(new URL("/__pobook/events", url), (res) => {
    response = res;
    res.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("event: change")) waiting?.();
    });
  });
  return {
    next: () => new Promise<void>((done) => (waiting = done)),
    close: () => {
      response?.destroy();
      request.destroy();
    },
  };
}

export async function benchPreview(runs = 5): Promise<string[]> {
  if (!existsSync(join(BOOK, "book.toml"))) return ["preview: skipped, ../shared/corpus is absent"];
  const work = mkdtempSync(join(tmpdir(), "pobook-bench-preview-"));
  const book = join(work, "book");
  cpSync(BOOK, book, { recursive: true });
  const lines: string[] = [];
  const firstPage = async (label: string, env: (run: number) => NodeJS.ProcessEnv): Promise<void> => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < runs; run++) {
      const began = performance.now();
      const server = await start(book, env(run));
      await page(`${server.url}${CHAPTER}.html`);
      wall.push(performance.now() - began);
      cpu.push(cpuMs(server.child.pid) ?? Number.NaN);
      server.child.kill("SIGTERM");
    }
    lines.push(
      `preview first page, ${label} (start to ${CHAPTER}.html received): median ${median(wall).toFixed(0)} ms over ${runs} runs (${wall.map((t) => t.toFixed(0)).join(", ")}), server CPU ${median(cpu).toFixed(0)} ms; goal <= 1000 ms`,
    );
  };
  const cacheHome = join(work, "cache");
  // Cold: each run with an empty extraction cache (the preview fills it); warm: the one the runs before filled.

  await firstPage("cold (no parse cache)", (run) => ({ XDG_CACHE_HOME: join(work, `empty-cache-${run}`) }));
  await firstPage("warm (parse cache of an earlier run)", () => ({ XDG_CACHE_HOME: cacheHome }));

  const server = await start(book, { XDG_CACHE_HOME: cacheHome });
  const pageUrl = `${server.url}${CHAPTER}.html`;
  await page(pageUrl);
  const stream = events(server.url);
  await new Promise((done) => setTimeout(done, 300));
  const poPath = join(book, "po", "pt-BR.po");
  const chapterPath = join(book, "src", `${CHAPTER}.md`);
  const original = readFileSync(poPath, "utf8");
  const chapterText = readFileSync(chapterPath, "utf8");
  const poCpu: number[] = [];
  const chapterCpu: number[] = [];
  const reload = async (write: () => void, expected: string, cpu: number[]): Promise<number> => {
    const changed = stream.next();
    const cpuBefore = cpuMs(server.child.pid) ?? Number.NaN;
    const began = performance.now();
    write();
    await changed;
    const html = await page(pageUrl);
    const elapsed = performance.now() - began;
    cpu.push((cpuMs(server.child.pid) ?? Number.NaN) - cpuBefore);
    if (!html.includes(expected)) throw new Error(`reloaded page lacks ${expected}`);
    return elapsed;
  };
  const poTimes: number[] = [];
  const chapterTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    // A msgstr of the chapter shown (its title, so the sidebar changes too).
    poTimes.push(await reload(() => writeFileSync(poPath, original.replace('msgstr "_Loops_"', `msgstr "_Laços ${run}_"`)), `Laços ${run}`, poCpu));
    chapterTimes.push(await reload(() => writeFileSync(chapterPath, `${chapterText}\nParagraph added by the bench, run ${run}.\n`), `run ${run}.`, chapterCpu));
  }
  stream.close();
  server.child.kill("SIGTERM");
  const show = (times: number[], cpu: number[]): string =>
    `median ${median(times).toFixed(0)} ms over ${times.length} runs (${times.map((t) => t.toFixed(0)).join(", ")}), server CPU ${median(cpu).toFixed(0)} ms`;
  lines.push(`preview live reload after a pt-BR.po save (write to refreshed page received; 50 ms of it is the save batching): ${show(poTimes, poCpu)}; goal <= 300 ms`);
  lines.push(`preview live reload after a chapter save: ${show(chapterTimes, chapterCpu)}; goal <= 300 ms`);
  rmSync(work, { recursive: true, force: true });
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await benchPreview(Number(process.env.BENCH_RUNS ?? 5))) console.log(line);
