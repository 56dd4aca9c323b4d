/**
 * Agreement and speed of pobook's merge against GNU msgmerge on a real
 * "stale translation" case: the 2024 pt-BR catalog of Comprehensive Rust
 * merged into the template of the 2026 book.
 *
 *   node dist/bench/merge-vs-msgmerge.js [--gnu-output FILE] [--candidates N] [--common-gram-share X]
 *
 * The template is the 2026 bn catalog with its msgstrs emptied (it has exactly
 * the newer book's msgids), written by pobook as a POT. GNU msgmerge
 * --previous takes ~40-90 s; pass --gnu-output to reuse a saved result.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePo, readPoFile } from "../src/catalog/parse.js";
import { serializePo } from "../src/catalog/serialize.js";
import { mergeCatalog } from "../src/catalog/merge.js";
import { entryKey, isFuzzy, type Catalog, type PoEntry } from "../src/catalog/types.js";

const corpus = join(import.meta.dirname, "..", "..", "..", "shared", "corpus");
const oldPath = join(corpus, "comprehensive-rust-pt-BR", "po", "pt-BR.po");
const newerPath = join(corpus, "comprehensive-rust", "po", "bn.po");
if (!existsSync(oldPath) || !existsSync(newerPath)) {
  console.log(`skipped: corpus not found at ${corpus}`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), "pobook-bench-"));
const newer = readPoFile(newerPath);
const template: Catalog = {
  ...newer,
  entries: newer.entries
    .filter((e) => !e.obsolete)
    .map((e) => ({ ...e, msgstr: e.msgstr.map(() => ""), flags: e.flags.filter((f) => f !== "fuzzy"), previous: undefined, translatorComments: [] })),
};
const potPath = join(work, "messages.pot");
writeFileSync(potPath, serializePo(template));

const old = readPoFile(oldPath);
const numberArg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : undefined;
};
const fuzzyIndex = { candidates: numberArg("--candidates"), commonGramShare: numberArg("--common-gram-share") };
const runs: number[] = [];
let merged = mergeCatalog(old, template, { fuzzyIndex });
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  merged = mergeCatalog(readPoFile(oldPath), parsePo(readFileSync(potPath, "utf8"), potPath), { fuzzyIndex });
  runs.push(performance.now() - start);
}
const ours = serializePo(merged.catalog);
const oursPath = join(work, "pobook.po");
writeFileSync(oursPath, ours);
const stable = execFileSync("msgcat", [oursPath], { encoding: "utf8", maxBuffer: 1 << 28 }) === ours;
const again = serializePo(mergeCatalog(parsePo(ours, oursPath), template).catalog) === ours;

const gnuArg = process.argv.indexOf("--gnu-output");
let gnuPath = gnuArg > 0 ? process.argv[gnuArg + 1]! : join(work, "gnu.po");
let gnuSeconds: number | undefined;
if (gnuArg < 0) {
  const start = performance.now();
  execFileSync("msgmerge", ["--quiet", "--previous", oldPath, potPath, "-o", gnuPath]);
  gnuSeconds = (performance.now() - start) / 1000;
}
const gnuText = readFileSync(gnuPath, "utf8");
const gnu = parsePo(gnuText, gnuPath);

/** What must agree per entry: msgid, msgstr, fuzzy flag, obsolete state (and the previous msgid). */
function signature(e: PoEntry): string {
  return JSON.stringify([e.msgstr, isFuzzy(e) && e.msgstr[0] !== "", e.obsolete, e.previous?.msgid ?? null]);
}
function byKey(c: Catalog): Map<string, PoEntry> {
  return new Map(c.entries.filter((e) => !(e.obsolete && e.msgstr[0] === "")).map((e) => [`${e.obsolete ? "~" : ""}${entryKey(e)}`, e]));
}
const mine = byKey(merged.catalog);
const theirs = byKey(gnu);
const keys = new Set([...mine.keys(), ...theirs.keys()]);
let same = 0;
const kinds = new Map<string, number>();
for (const key of keys) {
  const a = mine.get(key);
  const b = theirs.get(key);
  let kind: string;
  if (!a) kind = "only in GNU output";
  else if (!b) kind = "only in pobook output";
  else if (signature(a) === signature(b)) {
    same++;
    continue;
  } else if (a.msgstr[0] === "" || b.msgstr[0] === "") kind = "fuzzy match found by one side only";
  else if (JSON.stringify(a.msgstr) !== JSON.stringify(b.msgstr)) kind = "different fuzzy source chosen";
  else kind = "same msgstr, different fuzzy flag or #| msgid";
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
}
const identicalFile = ours === gnuText;
const pct = (100 * same) / keys.size;
console.log(`merge ${oldPath.split("/").slice(-3).join("/")} into ${template.entries.length}-msgid template`);
console.log(`pobook: ${runs.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(", ")} (parse + merge)`);
console.log(`stats: kept ${merged.stats.kept}, fuzzy ${merged.stats.fuzzy}, new ${merged.stats.new}, obsolete ${merged.stats.obsolete}`);
if (gnuSeconds !== undefined) console.log(`GNU msgmerge --previous: ${gnuSeconds.toFixed(1)} s`);
console.log(`entries identical to GNU: ${same}/${keys.size} = ${pct.toFixed(2)}%`);
for (const [kind, count] of kinds) console.log(`  ${kind}: ${count}`);
console.log(`byte-identical file: ${identicalFile}; msgcat-stable: ${stable}; idempotent: ${again}`);
if (pct < 98 || !stable || !again) process.exitCode = 1;
