/**
 * The translate property on thousands of generated chapters: with every
 * msgstr = its msgid with the words upper-cased, re-extracting the translated
 * book gives the msgstr back, or translate warns naming the entry. Prints how
 * many entries held, how many warned (by reason) and any silent loss.
 * Run: npm run build && node dist/bench/fuzz-translate.js [runs]
 */
import fc from "fast-check";
import { performance } from "node:perf_hooks";
import { chapters, shoutedBook } from "../test/helpers/markdown-documents.js";

const runs = Number(process.argv[2] ?? 3000);
const started = performance.now();
let held = 0;
let warned = 0;
const reasons = new Map<string, number>();
const silent: string[] = [];
for (const chapter of fc.sample(chapters, { numRuns: runs, seed: 42 })) {
  const report = shoutedBook(chapter);
  held += report.held;
  warned += report.warned;
  for (const warning of report.translation.warnings) {
    const reason = warning.message.replace(/"(?:[^"\\]|\\.)*"…?"?/g, "…");
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  for (const entry of report.silent) silent.push(`${JSON.stringify(chapter)}: ${JSON.stringify(entry.msgid)} -> ${JSON.stringify(entry.msgstr)}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(`fuzz-translate: ${runs} chapters in ${seconds.toFixed(1)} s: ${held} entries held, ${warned} warned, ${silent.length} silent`);
for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  ${count} × ${reason}`);
for (const line of silent.slice(0, 10)) console.log(`  SILENT ${line}`);
process.exitCode = silent.length === 0 ? 0 : 1;
