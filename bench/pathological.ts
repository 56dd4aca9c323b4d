/**
 * Pathological inputs for `npm run bench`: each case is a one-chapter book
 * run through `pobook extract` and `pobook translate` (fresh processes, so
 * the times include Node's start-up). A case past pobook's Markdown limits
 * ends with its one-line error, which is the expected outcome.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const LIMIT_MS = 2000;

function lines(count: number, line: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => line(index)).join("\n") + "\n";
}

function repeatUntil(size: number, unit: (index: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length < size; index++) {
    const part = unit(index);
    parts.push(part);
    length += part.length;
  }
  return parts.join("");
}

function changelog(size: number): string {
  return "# Changelog\n\n" + repeatUntil(size, (v) => {
    const items = Array.from({ length: 6 }, (_, i) => `- Support for *feature ${v}.${i}* in \`module_${i}\` ([#${v * 10 + i}](https://github.com/o/r/pull/${v * 10 + i}))\n`).join("");
    return `## [0.${v}.0] - 2024-01-${(v % 28) + 1}\n\n### Added\n\n${items}\n### Fixed\n\n- Crash when **input** is empty\n  (thanks @user${v})\n\n`;
  });
}

/** About `size` characters of the corpus book's chapters, one after another. */
function corpusChapters(corpusSrc: string, size: number): string {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith(".md") && !path.endsWith("SUMMARY.md")) files.push(path);
    }
  };
  walk(corpusSrc);
  // Include directives would read files the one-chapter book does not have.
  const texts = files.map((file) => readFileSync(file, "utf8").replace(/\{\{#[^}]*\}\}/g, "") + "\n\n");
  return repeatUntil(size, (index) => texts[index % texts.length]!);
}

function cases(corpusSrc: string | undefined): [string, string][] {
  const list: [string, string][] = [
    ["10,000 nested `>`", "> ".repeat(10_000) + "deep\n"],
    ["10,000 nested `- `", "- ".repeat(10_000) + "deep\n"],
    ["10,000 nested `1. `", "1. ".repeat(10_000) + "deep\n"],
    ["2,000 nested `>`", "> ".repeat(2_000) + "deep\n"],
    ["2,000 nested `- `", "- ".repeat(2_000) + "deep\n"],
    ["2,000 nested `1. `", "1. ".repeat(2_000) + "deep\n"],
    ["2,000 lines, `>` nesting one deeper each", lines(2_000, (i) => "> ".repeat(i + 1) + "q")],
    ["100 nested `>` (at the limit)", "> ".repeat(100) + "deep\n"],
    ["100 indented list levels (at the limit)", lines(100, (i) => "  ".repeat(i) + "- item " + i)],
    ["`*a**a**a…` 50,000 times", "*a" + "**a".repeat(50_000) + "\n"],
    ["50,000 links `[a](b) `", "[a](b) ".repeat(50_000) + "\n"],
    ["50,000 emphasis runs `*a* `", "*a* ".repeat(50_000) + "\n"],
    ["2,499 links in a paragraph (under the limit)", "[a](b) ".repeat(2_499) + "\n"],
    ["many lists (380 KB)", repeatUntil(380_000, (i) => `- item ${i} one\n- item ${i} two\n\ntext ${i}\n\n`)],
    ["CHANGELOG-like (450 KB)", changelog(450_000)],
  ];
  if (corpusSrc) list.push(["corpus chapters concatenated (5 MB)", corpusChapters(corpusSrc, 5_000_000)]);
  return list;
}

/**
 * A module loaded before pobook that writes the process's CPU time (all its
 * threads, user and system, in ms) to `file` as it exits: wall time alone
 * says little on a machine other work shares.
 */
interface CpuReport {
  hook: string;
  file: string;
}

function cpuReport(dir: string): CpuReport {
  const file = join(dir, "cpu-ms");
  const hook = join(dir, "cpu-report.mjs");
  writeFileSync(hook, `import { writeFileSync } from "node:fs";\nprocess.on("exit", () => { const { user, system } = process.cpuUsage(); writeFileSync(${JSON.stringify(file)}, String((user + system) / 1000)); });\n`);
  return { hook: pathToFileURL(hook).href, file };
}

/**
 * Runs one command; `counted` must match its last output line for the run to
 * count as a success (a zero exit that says nothing about messages is not one).
 */
function run(cli: string, args: string[], counted: RegExp, cpuReport: CpuReport): { ms: number; cpuMs: number; outcome: string; succeeded: boolean } {
  rmSync(cpuReport.file, { force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, ["--import", cpuReport.hook, cli, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = performance.now() - start;
  const cpuMs = existsSync(cpuReport.file) ? Number(readFileSync(cpuReport.file, "utf8")) : NaN;
  const output = (result.status === 0 ? result.stdout + result.stderr : result.stderr).trim().split("\n").filter((line) => line.trim() !== "");
  const count = result.status === 0 ? output.map((line) => counted.exec(line)?.[0]).find((match) => match !== undefined) : undefined;
  if (count !== undefined) return { ms, cpuMs, outcome: count, succeeded: true };
  const last = output.pop() ?? "";
  return { ms, cpuMs, outcome: `exit ${result.status}: ${last.replace(/^pobook: /, "")}`, succeeded: false };
}

function size(text: string): string {
  const bytes = Buffer.byteLength(text);
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} KB`;
}

/** One report line per case: size, extract and translate wall and CPU times, whether both are within 2 s (wall). */
export function benchPathological(cli: string, corpusSrc: string | undefined): string[] {
  const out = ["pathological inputs (one-chapter book; extract and translate as fresh processes):"];
  for (const [name, text] of cases(corpusSrc)) {
    const root = mkdtempSync(join(tmpdir(), "pobook-bench-patho-"));
    mkdirSync(join(root, "src"));
    writeFileSync(join(root, "book.toml"), '[book]\ntitle = "Bench"\n');
    writeFileSync(join(root, "src", "SUMMARY.md"), "# Summary\n\n- [Chapter](chapter.md)\n");
    writeFileSync(join(root, "src", "chapter.md"), text);
    // A real language code: translate refuses one it has no name for.
    writeFileSync(join(root, "fr.po"), 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n');
    const report = cpuReport(root);
    const extract = run(cli, ["extract", root, "-o", join(root, "messages.pot"), "--no-cache"], /\d+ messages?/, report);
    const translate = run(cli, ["translate", root, "--po", join(root, "fr.po"), "-l", "fr", "-o", join(root, "book", "fr")], /\d+ untranslated/, report);
    const fast = extract.ms <= LIMIT_MS && translate.ms <= LIMIT_MS;
    // A case past the Markdown limits fails on purpose (its one-line error); only successes can be "within".
    const within = extract.succeeded !== translate.succeeded ? "no (extract and translate disagree)" : fast ? "yes" : "no";
    out.push(
      `  ${name}, ${size(text)}: extract ${extract.ms.toFixed(0)} ms, CPU ${extract.cpuMs.toFixed(0)} ms (${extract.outcome}), translate ${translate.ms.toFixed(0)} ms, CPU ${translate.cpuMs.toFixed(0)} ms (${translate.outcome}); within 2 s: ${within}`,
    );
  }
  return out;
}
