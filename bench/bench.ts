/**
 * `npm run bench`: the figures of issue 14 on the corpus book, each against
 * its peer measured in the same run (interleaved pairs, medians; see
 * measure.ts): extract cold (fresh cache directory, as in CI), warm and after
 * editing one chapter against po4a-updatepo; `update` of the stale pt-BR
 * catalog against GNU msgmerge with and without fuzzy matching, and of 21
 * such catalogs in one run against msgmerge on each, one after the other
 * (update commands run in an empty directory: pobook takes its working
 * directory for a book); translating one language against a warm extract;
 * the 10× book's time and memory against the book's. Then translate --all of 21
 * languages, one thread against several, cold and warm (translate.ts), and the pathological inputs (pathological.ts);
 * `--pathological` runs only those. BENCH_RUNS sets the pairs (default 5;
 * the slow figures take at most 3), BENCH_GNU_RUNS those of msgmerge with
 * fuzzy matching (default 1: it takes about a minute); `--only update,memory`
 * runs the named figures only (extract, update, translate, memory, translate-all, publish, preview,
 * pathological); `--preview` runs only the preview's first page and live reload.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { benchTranslateAll } from "./translate.js";
import { benchPathological } from "./pathological.js";
import { cpuMedian, median, pairLine, pairs, timeOnce, type Command } from "./measure.js";
import { benchPreview } from "./preview.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "bundle", "pobook.js");
const CORPUS = join(ROOT, "..", "shared", "corpus");
const BOOK = join(CORPUS, "comprehensive-rust");
const PT_BOOK = join(CORPUS, "comprehensive-rust-pt-BR");
const STALE = join(PT_BOOK, "po", "pt-BR.po");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SLOW_RUNS = Math.min(RUNS, 3);
const GNU_RUNS = Number(process.env.BENCH_GNU_RUNS ?? 1);

const work = mkdtempSync(join(tmpdir(), "pobook-bench-"));

function pobook(label: string, args: string[], before?: () => void): Command {
  return { label, program: process.execPath, args: [CLI, ...args], before };
}

function has(program: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${program}`]).status === 0;
}

/** A writable copy of a corpus book (the corpus may be read-only; one figure edits a chapter). */
function copyBook(from: string, name: string): string {
  const to = join(work, name);
  cpSync(from, to, { recursive: true });
  return to;
}

function markdownFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...markdownFiles(path));
    else if (entry.name.endsWith(".md")) files.push(path);
  }
  return files.sort();
}

/** po4a-updatepo on the book's Markdown files (no includes, its own segmentation), writing a new POT each time. */
function po4a(book: string): Command {
  const pot = join(work, "po4a.pot");
  const args = ["-f", "text", "-o", "markdown", "-M", "UTF-8", ...markdownFiles(join(book, "src")).flatMap((file) => ["-m", file]), "-p", pot];
  // An existing POT would be merged into with msgmerge: each run starts without one.
  return { label: "po4a-updatepo", program: "po4a-updatepo", args, before: () => rmSync(pot, { force: true }) };
}

function benchExtract(): string[] {
  const book = copyBook(BOOK, "book");
  const pot = join(work, "messages.pot");
  const cacheDir = join(work, "cache");
  const lines = [`extract: the corpus book (${markdownFiles(join(book, "src")).length} Markdown files), default threads (${availableParallelism()} cores)`];
  const cold = pobook("pobook extract (cold)", ["extract", book, "-o", pot, "--cache-dir", cacheDir], () => rmSync(cacheDir, { recursive: true, force: true }));
  const warm = pobook("pobook extract (warm)", ["extract", book, "-o", pot, "--cache-dir", cacheDir]);
  const chapter = join(book, "src", "welcome-day-1.md");
  const original = readFileSync(chapter, "utf8");
  let edits = 0;
  const edited = pobook("pobook extract (one chapter edited)", ["extract", book, "-o", pot, "--cache-dir", cacheDir], () =>
    writeFileSync(chapter, `${original}\nAn edited paragraph, number ${++edits}.\n`),
  );
  if (!has("po4a-updatepo")) {
    lines.push("  po4a-updatepo: not found (Debian: apt-get install po4a); pobook alone:");
    for (const command of [cold, warm, edited]) {
      const times = Array.from({ length: RUNS }, () => timeOnce(command));
      lines.push(`  ${command.label}: ${median(times.map((t) => t.wall)).toFixed(0)} ms wall, ${cpuMedian(times)?.toFixed(0) ?? "?"} ms CPU`);
    }
    return lines;
  }
  const peer = po4a(book);
  // The warm and edited runs start from a filled cache.
  timeOnce(warm);
  lines.push(`  ${pairLine("cold (fresh --cache-dir, as in CI)", pairs(RUNS, cold, peer), "po4a-updatepo", { ratio: 0.8, text: "≤ 0.8×" })}`);
  timeOnce(warm);
  lines.push(`  ${pairLine("warm (cache filled)", pairs(RUNS, warm, peer), "po4a-updatepo", { ratio: 0.1, text: "≤ 0.1×" })}`);
  lines.push(`  ${pairLine("after editing one chapter", pairs(RUNS, edited, peer), "po4a-updatepo", { ratio: 0.15, text: "≤ 0.15×" })}`);
  return lines;
}

/** 21 languages, as Comprehensive Rust has: copies of the stale pt-BR catalog under these codes. */
const LANGUAGES = ["ar", "bn", "da", "de", "el", "es", "fa", "fr", "he", "id", "it", "ja", "ko", "pl", "pt-BR", "ro", "ru", "tr", "uk", "vi", "zh-CN"];

/** Writes the stale catalog's bytes under every code of LANGUAGES into `dir` (a copy keeps the corpus file's read-only mode, which update rightly refuses). */
function staleCatalogs(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const stale = readFileSync(STALE);
  for (const code of LANGUAGES) writeFileSync(join(dir, `${code}.po`), stale);
}

function benchUpdate(): string[] {
  const lines = ["update: the stale pt-BR catalog (2024) merged into the 2026 book's template"];
  const pot = join(work, "update.pot");
  timeOnce(pobook("pobook extract", ["extract", BOOK, "-o", pot, "--no-cache"]));
  // pobook takes its working directory for a book (book.toml or SUMMARY.md there): merging a POT into catalogs, as msgmerge does, runs where there is none.
  const cwd = join(work, "update-cwd");
  mkdirSync(cwd, { recursive: true });
  const poDir = join(work, "po");
  mkdirSync(poDir, { recursive: true });
  const fresh = () => writeFileSync(join(poDir, "pt-BR.po"), readFileSync(STALE));
  const noFuzzy = (fuzzy: boolean) => (fuzzy ? [] : ["--no-fuzzy-matching"]);
  const update = (fuzzy: boolean): Command => ({
    ...pobook(`pobook update${fuzzy ? "" : " --no-fuzzy-matching"}`, ["update", "--pot", pot, "--po-dir", poDir, "pt-BR", ...noFuzzy(fuzzy)], fresh),
    cwd,
  });
  const msgmerge = (fuzzy: boolean): Command => ({
    label: "msgmerge",
    program: "msgmerge",
    args: ["--previous", "--quiet", ...noFuzzy(fuzzy), "-o", join(work, "gnu.po"), STALE, pot],
  });
  if (!has("msgmerge")) {
    lines.push("  msgmerge: not found (Debian: apt-get install gettext), skipped");
    return lines;
  }
  const fuzzy = pairs(GNU_RUNS, update(true), msgmerge(true));
  lines.push(`  ${pairLine("fuzzy matching", fuzzy, "msgmerge --previous", { ratio: 1 / 90, text: "≤ 1/90 = 0.0111×" })}`);
  lines.push(`  ${pairLine("without fuzzy matching", pairs(SLOW_RUNS, update(false), msgmerge(false)), "msgmerge --previous -N", { ratio: 2, text: "≤ 2×" })}`);
  // 21 catalogs (Comprehensive Rust has 21 languages): one pobook run (all cores) against msgmerge on each, one after the other, as users run it.
  const manyDir = join(work, "po21");
  const many = (fuzzy: boolean, jobs?: number): Command => ({
    ...pobook(
      `pobook update (21 catalogs${jobs === undefined ? "" : `, --jobs ${jobs}`})`,
      ["update", "--pot", pot, "--po-dir", manyDir, ...noFuzzy(fuzzy), ...(jobs === undefined ? [] : ["--jobs", String(jobs)])],
      () => staleCatalogs(manyDir),
    ),
    cwd,
  });
  const gnuDir = join(work, "gnu21");
  const script = 'for code in "$@"; do msgmerge --previous --quiet $MSGMERGE_FLAGS -o "$GNU_DIR/$code.po" "$STALE" "$POT" || exit 1; done';
  const msgmergeEach = (fuzzy: boolean): Command => ({
    label: "msgmerge on each of 21 catalogs",
    program: "bash",
    args: ["-c", script, "bash", ...LANGUAGES],
    env: { MSGMERGE_FLAGS: noFuzzy(fuzzy).join(" "), GNU_DIR: gnuDir, STALE, POT: pot },
    before: () => mkdirSync(gnuDir, { recursive: true }),
  });
  lines.push(`  ${pairLine("21 catalogs, without fuzzy matching", pairs(SLOW_RUNS, many(false), msgmergeEach(false)), "msgmerge --previous -N on each, one after the other", { ratio: 2, text: "≤ 2×" })}`);
  lines.push(`  ${pairLine("21 catalogs, without fuzzy matching, all cores against one thread", pairs(SLOW_RUNS, many(false), many(false, 1)), "pobook update --jobs 1")}`);
  const times = Array.from({ length: GNU_RUNS }, () => timeOnce(many(true)));
  const wall = median(times.map((t) => t.wall));
  const gnu = median(fuzzy.peer.map((t) => t.wall));
  lines.push(
    `  21 catalogs, fuzzy matching: ${wall.toFixed(0)} ms wall, ${cpuMedian(times)?.toFixed(0) ?? "?"} ms CPU (median of ${times.length}); ` +
      `21 × msgmerge --previous = ${(21 * gnu).toFixed(0)} ms (ratio ${(wall / (21 * gnu)).toFixed(4)}×; from the pair above: 21 runs would take about 20 minutes); goal ≤ 1/90: ${wall / (21 * gnu) <= 1 / 90 ? "met" : "not met"}`,
  );
  return lines;
}

function benchTranslate(): string[] {
  const book = copyBook(PT_BOOK, "pt-book");
  const out = join(book, "book", "pt-BR");
  const cacheDir = join(work, "pt-cache");
  const translate = pobook("pobook translate", ["translate", book, "-l", "pt-BR", "--legacy-inline-html", "-o", out], () => rmSync(out, { recursive: true, force: true }));
  const warm = pobook("pobook extract (warm)", ["extract", book, "--legacy-inline-html", "-o", join(work, "pt.pot"), "--cache-dir", cacheDir]);
  timeOnce(warm);
  const result = pairs(SLOW_RUNS, translate, warm);
  return [`translate: the 2024 book into pt-BR with its catalog`, `  ${pairLine("one language", result, "warm pobook extract of the same book", { ratio: 1.5, text: "≤ 1.5×" })}`];
}

/** The corpus book with SUMMARY.md's chapter list ten times over: every chapter extracted ten times. */
function tenfoldBook(): string {
  const book = copyBook(BOOK, "book10");
  const summary = join(book, "src", "SUMMARY.md");
  const text = readFileSync(summary, "utf8");
  for (let copy = 1; copy < 10; copy++) appendFileSync(summary, `\n# Copy ${copy}\n\n${text.replace(/^# .*$/m, "")}`);
  return book;
}

function benchMemory(): string[] {
  const book = tenfoldBook();
  const ten = pobook("pobook extract (10×)", ["extract", book, "-o", join(work, "ten.pot"), "--no-cache"]);
  const one = pobook("pobook extract (1×)", ["extract", BOOK, "-o", join(work, "one.pot"), "--no-cache"]);
  const result = pairs(SLOW_RUNS, ten, one);
  const peak = Math.max(...result.ours.map((t) => t.rssMb ?? NaN));
  const onePeak = Math.max(...result.peer.map((t) => t.rssMb ?? NaN));
  return [
    `memory: the 10× book (every chapter ten times), cold`,
    `  ${pairLine("10× book", result, "the book (1×)", { ratio: 10, text: "≤ 10×" })}`,
    `  peak memory: 10× ${peak.toFixed(0)} MB, 1× ${onePeak.toFixed(0)} MB; goal ≤ 500 MB: ${peak <= 500 ? "met" : "not met"}`,
  ];
}

/** `pobook translate --all` into 21 catalogs and `-l` of one, as the CLI runs them (every tree written). */
function benchPublish(): string[] {
  const book = join(work, "publish");
  for (const name of ["book.toml", "src", "third_party"]) cpSync(join(PT_BOOK, name), join(book, name), { recursive: true });
  mkdirSync(join(book, "po"));
  for (const code of LANGUAGES) copyFileSync(STALE, join(book, "po", `${code}.po`));
  const all = pobook("translate --all", ["translate", book, "--all", "--legacy-inline-html", "--force", "-o", join(work, "site")]);
  const one = pobook("translate -l pt-BR", ["translate", book, "-l", "pt-BR", "--legacy-inline-html", "--force", "-o", join(work, "one")]);
  const line = (label: string, command: Command): string => {
    const times = Array.from({ length: SLOW_RUNS }, () => timeOnce(command));
    return `  ${label}: ${median(times.map((t) => t.wall)).toFixed(0)} ms wall, ${cpuMedian(times)?.toFixed(0) ?? "?"} ms CPU`;
  };
  return [`publish: the pt-BR corpus book`, line(`translate --all into ${LANGUAGES.length} catalogs (copies of pt-BR)`, all), line("translate -l pt-BR", one)];
}

function environment(): string {
  const versions = [`node ${process.version}`, `${availableParallelism()} cores`, `load ${loadavg().map((l) => l.toFixed(1)).join(" ")}`];
  return `bench: ${versions.join(", ")}; ${RUNS} pairs a figure (BENCH_RUNS)`;
}

if (process.argv.includes("--preview")) {
  for (const line of await benchPreview(Math.min(RUNS, 5))) console.log(line);
} else if (process.argv.includes("--pathological")) {
  for (const line of benchPathological(CLI, existsSync(BOOK) ? join(BOOK, "src") : undefined)) console.log(line);
} else if (!existsSync(BOOK)) {
  console.log("../shared/corpus is absent: only the pathological inputs");
  for (const line of benchPathological(CLI, undefined)) console.log(line);
} else {
  console.log(environment());
  // `--only update,memory`: some figures only.
  const only = process.argv.indexOf("--only") > 0 ? process.argv[process.argv.indexOf("--only") + 1]!.split(",") : undefined;
  const figures = { extract: benchExtract, update: benchUpdate, translate: benchTranslate, memory: benchMemory };
  for (const [name, figure] of Object.entries(figures)) if (!only || only.includes(name)) for (const line of figure()) console.log(line);
  if (!only || only.includes("translate-all")) for (const line of benchTranslateAll()) console.log(line);
  if (!only || only.includes("publish")) for (const line of benchPublish()) console.log(line);
  if (!only || only.includes("preview")) for (const line of await benchPreview(Math.min(RUNS, 5))) console.log(line);
  if (!only || only.includes("pathological")) for (const line of benchPathological(CLI, join(BOOK, "src"))) console.log(line);
  console.log(`load at the end: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  rmSync(work, { recursive: true, force: true });
}
