/**
 * translate --all benchmark: the pt-BR corpus book with its catalog copied
 * under 21 language codes (Comprehensive Rust's count), translated as the
 * CLI runs it (every tree written), one thread against several (`-j 1`
 * against `-j N`, N = the CPUs, at least 2), cold (a fresh --cache-dir each
 * run) and warm (every language in the cache), as interleaved pairs with
 * wall and CPU time (measure.ts); and `-l` of one language.
 * Run: npm run build && node dist/bench/translate.js (BENCH_RUNS pairs, default 3).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { cpuMedian, median, pairLine, pairs, timeOnce, type Command } from "./measure.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "bundle", "pobook.js");
const PT_BOOK = join(ROOT, "..", "shared", "corpus", "comprehensive-rust-pt-BR");
const LANGUAGES = ["ar", "bn", "da", "de", "el", "es", "fa", "fr", "he", "id", "it", "ja", "ko", "pl", "pt-BR", "ro", "ru", "tr", "uk", "vi", "zh-CN"];

export function benchTranslateAll(runs = Math.min(Number(process.env.BENCH_RUNS ?? 3), 3)): string[] {
  if (!existsSync(PT_BOOK)) return ["translate-all: skipped, ../shared/corpus is absent"];
  const work = mkdtempSync(join(tmpdir(), "pobook-bench-translate-"));
  try {
    const book = join(work, "book");
    for (const name of ["book.toml", "src", "third_party"]) cpSync(join(PT_BOOK, name), join(book, name), { recursive: true });
    mkdirSync(join(book, "po"));
    for (const code of LANGUAGES) copyFileSync(join(PT_BOOK, "po", "pt-BR.po"), join(book, "po", `${code}.po`));
    const threads = Math.max(2, availableParallelism());
    const run = (label: string, args: string[], cache: string, cold: boolean): Command => ({
      label,
      program: process.execPath,
      args: [CLI, "translate", book, "--legacy-inline-html", "--force", "--cache-dir", join(work, cache), ...args],
      before: cold ? () => rmSync(join(work, cache), { recursive: true, force: true }) : undefined,
    });
    const all = (jobs: number, cold: boolean): Command => run(`-j ${jobs}`, ["--all", "-j", String(jobs), "-o", join(work, `site-${jobs}`)], `cache-${jobs}`, cold);
    const lines = [`translate-all: ${LANGUAGES.length} catalogs (copies of pt-BR) of the pt-BR corpus book, -j ${threads} against -j 1 (${availableParallelism()} cores; default -j: ${availableParallelism() > 2 ? Math.min(availableParallelism(), 8) : 1})`];
    lines.push(`  ${pairLine(`cold (fresh --cache-dir), -j ${threads}`, pairs(runs, all(threads, true), all(1, true)), "-j 1")}`);
    // The warm runs start from the caches the cold ones filled.
    lines.push(`  ${pairLine(`warm (every language cached), -j ${threads}`, pairs(runs, all(threads, false), all(1, false)), "-j 1")}`);
    const one = run("-l pt-BR", ["-l", "pt-BR", "-o", join(work, "one")], "cache-one", true);
    const times = Array.from({ length: runs }, () => timeOnce(one));
    lines.push(`  -l pt-BR (one language, cold): ${median(times.map((t) => t.wall)).toFixed(0)} ms wall, ${cpuMedian(times)?.toFixed(0) ?? "?"} ms CPU (median of ${runs})`);
    return lines;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of benchTranslateAll()) console.log(line);
