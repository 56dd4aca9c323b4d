/**
 * `npm run bench`: end-to-end timings on the corpus book, median of several
 * runs. Extract is timed as a user runs it (a fresh `pobook extract` process),
 * cold (no cache) and warm (per-chapter cache filled); then translate-all and
 * the catalog merge, then the preview's first page and live reload. `--gnu` adds the (slow) comparison with GNU msgmerge.
 * Then pathological inputs (pathological.ts); `--pathological` runs only those, `--preview` only the preview's.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { benchTranslateAll } from "./translate.js";
import { benchPathological } from "./pathological.js";
import { benchPreview } from "./preview.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "bin", "pobook.js");
const CORPUS = join(ROOT, "..", "shared", "corpus");
const BOOK = join(CORPUS, "comprehensive-rust");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function timeCli(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, encoding: "utf8" });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`pobook ${args.join(" ")} failed: ${result.stderr}`);
  return elapsed;
}

function report(label: string, times: number[]): void {
  const text = times.map((t) => t.toFixed(0)).join(", ");
  console.log(`${label}: median ${median(times).toFixed(0)} ms over ${times.length} runs (${text})`);
}

function benchExtract(): void {
  const out = mkdtempSync(join(tmpdir(), "pobook-bench-"));
  const cache = { XDG_CACHE_HOME: join(out, "cache") };
  const pot = join(out, "messages.pot");
  report("extract corpus, cold (no cache)", Array.from({ length: RUNS }, () => timeCli(["extract", BOOK, "-o", pot, "--no-cache"], cache)));
  timeCli(["extract", BOOK, "-o", pot], cache);
  report("extract corpus, warm (cache filled)", Array.from({ length: RUNS }, () => timeCli(["extract", BOOK, "-o", pot], cache)));
  report("extract corpus, cold, 2 threads", Array.from({ length: Math.min(RUNS, 3) }, () => timeCli(["extract", BOOK, "-o", pot, "--no-cache", "--jobs", "2"], cache)));
}

function benchUpdate(): void {
  const out = mkdtempSync(join(tmpdir(), "pobook-bench-"));
  const pot = join(out, "messages.pot");
  timeCli(["extract", BOOK, "-o", pot, "--no-cache"]);
  const stale = join(CORPUS, "comprehensive-rust-pt-BR", "po", "pt-BR.po");
  const times: number[] = [];
  for (let run = 0; run < Math.min(RUNS, 3); run++) {
    copyFileSync(stale, join(out, "pt-BR.po"));
    times.push(timeCli(["update", "--pot", pot, "--po-dir", out, "pt-BR"]));
  }
  report("update: merge the stale pt-BR catalog (2024) into the 2026 template, fuzzy matching on", times);
  if (process.argv.includes("--gnu")) {
    copyFileSync(stale, join(out, "gnu.po"));
    const start = performance.now();
    execFileSync("msgmerge", ["--previous", "-q", "-o", join(out, "gnu-merged.po"), join(out, "gnu.po"), pot]);
    console.log(`GNU msgmerge --previous on the same files: ${(performance.now() - start).toFixed(0)} ms`);
  }
}

/** The same book through po4a (Markdown mode), the other gettext tool for documents, when installed. */
/** 21 languages, as a site publishes them: copies of the pt-BR catalog (2024) under 21 codes, in a copy of its book. */
const LANGUAGES = ["ar", "bn", "da", "de", "el", "es", "fa", "fr", "he", "id", "it", "ja", "ko", "pl", "pt-BR", "ro", "ru", "tr", "uk", "vi", "zh-CN"];

function benchTranslateCli(): void {
  const source = join(CORPUS, "comprehensive-rust-pt-BR");
  const work = mkdtempSync(join(tmpdir(), "pobook-bench-translate-"));
  try {
    const book = join(work, "book");
    for (const name of ["book.toml", "src", "third_party"]) cpSync(join(source, name), join(book, name), { recursive: true });
    mkdirSync(join(book, "po"));
    for (const code of LANGUAGES) copyFileSync(join(source, "po", "pt-BR.po"), join(book, "po", `${code}.po`));
    const runs = Math.min(RUNS, 3);
    const all = Array.from({ length: runs }, () => timeCli(["translate", book, "--all", "--legacy-inline-html", "-o", join(work, "site")]));
    report(`translate --all: the corpus book into ${LANGUAGES.length} catalogs (copies of pt-BR), every tree written`, all);
    const one = Array.from({ length: runs }, () => timeCli(["translate", book, "-l", "pt-BR", "--legacy-inline-html", "-o", join(work, "one")]));
    report("translate -l pt-BR: the corpus book into one language", one);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function benchPo4a(): void {
  const which = spawnSync("sh", ["-c", "command -v po4a-updatepo"], { encoding: "utf8" });
  if (which.status !== 0) {
    console.log("po4a: not installed (apt-get install po4a), skipped");
    return;
  }
  const out = mkdtempSync(join(tmpdir(), "pobook-bench-"));
  const chapters = execFileSync("find", [join(BOOK, "src"), "-name", "*.md"], { encoding: "utf8" }).trim().split("\n").sort();
  const args = ["-f", "text", "-o", "markdown", "-M", "UTF-8", ...chapters.flatMap((file) => ["-m", file]), "-p", join(out, "po4a.pot")];
  const times = Array.from({ length: Math.min(RUNS, 3) }, () => {
    const start = performance.now();
    spawnSync("po4a-updatepo", args, { encoding: "utf8" });
    return performance.now() - start;
  });
  report(`po4a-updatepo on the same ${chapters.length} Markdown files (no includes, its own segmentation)`, times);
  const score = execFileSync(process.execPath, [join(ROOT, "..", "shared", "tools", "compare-msgids.mjs"), join(out, "po4a.pot"), join(BOOK, "expected-msgids.json"), "--show", "0"], { encoding: "utf8" });
  console.log(`po4a msgids vs mdbook-xgettext's: ${score.trim().split("\n").pop()}`);
}

if (process.argv.includes("--preview")) {
  for (const line of await benchPreview(Math.min(RUNS, 5))) console.log(line);
} else if (process.argv.includes("--pathological")) {
  for (const line of benchPathological(CLI, existsSync(BOOK) ? join(BOOK, "src") : undefined)) console.log(line);
} else if (!existsSync(BOOK)) {
  console.log("../shared/corpus is absent: only the pathological inputs");
  for (const line of benchPathological(CLI, undefined)) console.log(line);
} else {
  benchExtract();
  benchPo4a();
  for (const line of benchTranslateAll()) console.log(line);
  benchTranslateCli();
  benchUpdate();
  for (const line of await benchPreview(Math.min(RUNS, 5))) console.log(line);
  for (const line of benchPathological(CLI, join(BOOK, "src"))) console.log(line);
}
