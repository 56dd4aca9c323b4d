/**
 * Timing against a peer on a shared, noisy machine: each figure is measured
 * as interleaved pairs (pobook then the peer, then the peer then pobook, ...),
 * so that both see the same load, and reported as the median of the pairs'
 * ratios, wall time and CPU time (user + system of the process and its
 * threads and children) both, with each side's medians.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

export interface Timing {
  wall: number;
  /** User + system CPU ms, when the shell could tell. */
  cpu?: number;
  /** Peak resident memory in MB (pobook only, see rss-report.ts). */
  rssMb?: number;
}

/** A command to time: its program, arguments, environment and a step run before each timing (not timed). */
export interface Command {
  label: string;
  program: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Working directory (default: the bench's). pobook treats its cwd as a book, so catalog-only commands run in an empty one. */
  cwd?: string;
  before?: () => void;
  /** Exit codes that are not failures (po4a-updatepo warns with 0; msgmerge succeeds with 0). */
  ok?: number[];
}

const RSS_REPORT = join(import.meta.dirname, "rss-report.js");

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `0m1.234s` → 1234 ms. */
function shellTime(text: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(text);
  return match ? (Number(match[1]) * 60 + Number(match[2])) * 1000 : NaN;
}

/**
 * Runs `command` once through bash, whose `times` gives the CPU time its
 * children used; a node program also reports its peak memory.
 */
export function timeOnce(command: Command): Timing {
  command.before?.();
  const isNode = command.program === process.execPath;
  const args = isNode ? ["--import", RSS_REPORT, ...command.args] : command.args;
  const script = '"$@" >/dev/null 2>"$POBOOK_BENCH_ERR"; status=$?; times; exit $status';
  const err = join(process.env.TMPDIR ?? "/tmp", `pobook-bench-${process.pid}.err`);
  const start = performance.now();
  const result = spawnSync("bash", ["-c", script, "bash", command.program, ...args], {
    env: { ...process.env, ...command.env, POBOOK_BENCH_ERR: err },
    cwd: command.cwd,
    encoding: "utf8",
  });
  const wall = performance.now() - start;
  // A command that failed measured nothing: stop the bench rather than report its time.
  if (result.error !== undefined || !(command.ok ?? [0]).includes(result.status ?? -1)) {
    const detail = result.error?.message ?? (result.signal ? `signal ${result.signal}` : `exit ${result.status}`);
    throw new Error(`bench: ${command.label} failed (${detail}): ${existsSync(err) ? readFileSync(err, "utf8").slice(-2000) : ""}`);
  }
  // `times`: the shell's own user/system time, then its children's.
  const children = result.stdout.trim().split("\n").pop()?.trim().split(/\s+/) ?? [];
  const cpu = children.length === 2 ? shellTime(children[0]!) + shellTime(children[1]!) : NaN;
  let rssMb: number | undefined;
  if (isNode) {
    const match = /pobook-bench-rss: (\d+)/.exec(readFileSync(err, "utf8"));
    if (match) rssMb = Number(match[1]) / 1024;
  }
  return { wall, cpu: Number.isFinite(cpu) ? cpu : undefined, rssMb };
}

export interface PairResult {
  ours: Timing[];
  peer: Timing[];
  wallRatio: number;
  cpuRatio?: number;
}

/** `runs` interleaved pairs of `ours` and `peer`; the order alternates so neither always runs second. */
export function pairs(runs: number, ours: Command, peer: Command): PairResult {
  const result: PairResult = { ours: [], peer: [], wallRatio: NaN };
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      result.ours.push(timeOnce(ours));
      result.peer.push(timeOnce(peer));
    } else {
      result.peer.push(timeOnce(peer));
      result.ours.push(timeOnce(ours));
    }
  }
  result.wallRatio = median(result.ours.map((t, i) => t.wall / result.peer[i]!.wall));
  const cpus = result.ours.map((t, i) => (t.cpu !== undefined && result.peer[i]!.cpu ? t.cpu / result.peer[i]!.cpu! : NaN)).filter(Number.isFinite);
  if (cpus.length === runs) result.cpuRatio = median(cpus);
  return result;
}

const ms = (value: number | undefined): string => (value === undefined ? "?" : `${value.toFixed(0)} ms`);

/** One line: both sides' medians, the ratios, the goal and whether it is met (on wall time, as a user waits). */
export function pairLine(name: string, result: PairResult, peerName: string, goal?: { ratio: number; text: string }): string {
  const ours = `${ms(median(result.ours.map((t) => t.wall)))} wall, ${ms(cpuMedian(result.ours))} CPU`;
  const peer = `${ms(median(result.peer.map((t) => t.wall)))} wall, ${ms(cpuMedian(result.peer))} CPU`;
  const cpu = result.cpuRatio === undefined ? "" : `, CPU ${result.cpuRatio.toFixed(3)}×`;
  const verdict = goal ? `; goal ${goal.text}: ${result.wallRatio <= goal.ratio ? "met" : "not met"}` : "";
  return `${name}: pobook ${ours}; ${peerName} ${peer}; ratio wall ${result.wallRatio.toFixed(3)}×${cpu} (median of ${result.ours.length} interleaved pairs)${verdict}`;
}

export function cpuMedian(timings: Timing[]): number | undefined {
  const cpus = timings.map((t) => t.cpu).filter((cpu): cpu is number => cpu !== undefined);
  return cpus.length === timings.length ? median(cpus) : undefined;
}
