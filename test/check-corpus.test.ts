// `pobook check` on the real Comprehensive Rust catalogs: fast, findings
// confirmed by an independent reading, and a broken translation fails.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parsePo } from "../src/catalog/parse.js";
import type { PoEntry } from "../src/catalog/types.js";
import { corpusCatalogs, HAS_CORPUS } from "./helpers/gnu.js";
import { runInProcess } from "./helpers/cli.js";

interface JsonReport {
  errors: number;
  findings: Array<{ file: string; line: number; rule: string; severity: string; message: string }>;
}

async function checkJson(args: string[]): Promise<{ status: number | null; report: JsonReport; seconds: number }> {
  const start = performance.now();
  const result = await runInProcess(["check", "--json", ...args]);
  const seconds = (performance.now() - start) / 1000;
  expect(result.stderr).toBe("");
  return { status: result.status, report: JSON.parse(result.stdout) as JsonReport, seconds };
}

/**
 * An independent reading of simple code spans: single-backtick runs. Only
 * used on messages without double backticks, where it is exact.
 */
const simpleCodeSpans = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]!).sort();

describe.skipIf(!HAS_CORPUS)(HAS_CORPUS ? "corpus catalogs" : "corpus catalogs: skipped, ../shared/corpus is absent", () => {
  const catalogs = corpusCatalogs();
  const ptBR = catalogs.find((file) => file.endsWith("pt-BR.po"))!;
  let ptBRReport: JsonReport | undefined;
  /** The pt-BR report, computed once (the catalog has 3793 translations to parse). */
  const reportOfPtBR = async (): Promise<JsonReport> => (ptBRReport ??= (await checkJson([ptBR])).report);

  // Its time is measured by `npm run bench`, not asserted here (a loaded CI machine is not a benchmark).
  test.each(catalogs)("%s: every finding at an entry", async (file) => {
    const { report, status } = await checkJson([file]);
    if (file === ptBR) ptBRReport = report;
    const entries = new Map(parsePo(readFileSync(file, "utf8"), file).entries.map((entry) => [entry.line, entry]));
    for (const finding of report.findings) {
      expect(finding.file).toBe(file);
      expect(entries.has(finding.line), `${finding.line} is an entry's line`).toBe(true);
    }
    expect(status).toBe(report.errors > 0 ? 1 : 0);
  });

  test("pt-BR: code-span findings are exactly the entries whose code spans differ", async () => {
    const report = await reportOfPtBR();
    const entries = parsePo(readFileSync(ptBR, "utf8"), ptBR).entries;
    const simple = (entry: PoEntry): boolean => !entry.msgid.includes("``") && !entry.msgstr[0]!.includes("``");
    const used = entries.filter((entry) => !entry.obsolete && entry.msgstr[0] !== "" && simple(entry));
    const differing = used.filter((entry) => simpleCodeSpans(entry.msgid).join("\u0000") !== simpleCodeSpans(entry.msgstr[0]!).join("\u0000"));
    const simpleLines = new Set(used.map((entry) => entry.line));
    const flagged = report.findings
      .filter((finding) => (finding.rule === "code-span" || finding.rule === "code-span-style") && simpleLines.has(finding.line))
      .map((finding) => finding.line);
    expect(differing.length).toBeGreaterThan(10);
    // Every differing entry is flagged, but those whose code spans only translate string
    // literals the way the catalog translates them in code blocks (localisation).
    const unflagged = differing.filter((entry) => !flagged.includes(entry.line));
    expect(unflagged.map((entry) => simpleCodeSpans(entry.msgstr[0]!).filter((code) => code.startsWith('"')))).toEqual([['"pequeno"'], ['"Olá"']]);
    expect(flagged).toEqual(differing.filter((entry) => !unflagged.includes(entry)).map((entry) => entry.line));
  });

  test("pt-BR: localisation is not an error (76 errors before, 39 now); real breakage still is", async () => {
    const report = await reportOfPtBR();
    expect(report.errors).toBe(39);
    const at = (line: number) => report.findings.filter((finding) => finding.line === line).map((finding) => `${finding.rule}: ${finding.message}`);
    const entries = parsePo(readFileSync(ptBR, "utf8"), ptBR).entries.filter((entry) => !entry.obsolete);
    // en.wikipedia.org → pt.wikipedia.org, the same article.
    const rot13 = entries.find((entry) => entry.msgid.includes("(https://en.wikipedia.org/wiki/ROT13)"))!;
    expect(rot13.msgstr[0]).toContain("(https://pt.wikipedia.org/wiki/ROT13)");
    expect(at(rot13.line!)).toEqual([]);
    // `"small"` translated `"pequeno"` as the code block's string is.
    const small = entries.find((entry) => entry.msgid.includes('`"small"`'))!;
    expect(small.msgstr[0]).toContain('`"pequeno"`');
    expect(at(small.line!)).toEqual([]);
    // A keyword marked as code: a warning only.
    expect(report.findings.filter((finding) => finding.rule === "code-span-style").every((finding) => finding.severity === "warning")).toBe(true);
    // Identifiers renamed in a code span, and a typo in a path, stay errors.
    expect(report.findings.some((finding) => finding.rule === "code-span" && finding.message.includes("msgstr adds `nome`"))).toBe(true);
    expect(report.findings.some((finding) => finding.rule === "code-span" && finding.message.includes("`std.error::Error`"))).toBe(true);
  });

  test("a broken translation (code span and link target changed) fails, naming the line", async () => {
    const text = readFileSync(ptBR, "utf8");
    const before = await reportOfPtBR();
    const lines = text.split("\n");
    /** The raw msgstr lines of an entry: [first, end). */
    const msgstrBlock = (entry: PoEntry): [number, number] => {
      const start = lines.findIndex((line, index) => index >= entry.line! - 1 && line.startsWith("msgstr"));
      let end = start + 1;
      while (lines[end]?.startsWith('"')) end += 1;
      return [start, end];
    };
    const rawMsgstr = (entry: PoEntry): string => lines.slice(...msgstrBlock(entry)).join("\n");
    // A real entry with a code span and a link (not folded across PO lines), translated faithfully.
    const entry = parsePo(text, ptBR).entries.find(
      (candidate) =>
        !candidate.obsolete &&
        !before.findings.some((finding) => finding.line === candidate.line) &&
        /`[^`"\\]+`/.test(rawMsgstr(candidate)) &&
        /\]\(https:\/\/doc\.rust-lang\.org\/[^)"]+\)/.test(rawMsgstr(candidate)),
    )!;
    expect(entry).toBeDefined();
    const [msgstrStart, msgstrEnd] = msgstrBlock(entry);
    const block = rawMsgstr(entry);
    const code = /`([^`"\\]+)`/.exec(block)![1]!;
    const broken = block.replace(`\`${code}\``, `\`${code}_x\``).replace(/\]\(https:\/\/doc\.rust-lang\.org\//, "](https://example.org/");
    expect(broken).not.toBe(block);
    const dir = mkdtempSync(join(tmpdir(), "pobook-check-broken-"));
    try {
      const file = join(dir, "pt-BR.po");
      writeFileSync(file, [...lines.slice(0, msgstrStart), broken, ...lines.slice(msgstrEnd)].join("\n"));
      const result = await runInProcess(["check", file]);
      expect(result.status).toBe(1);
      const out = result.stdout.split("\n");
      expect(out).toContain(`${file}:${entry.line}: code-span: code spans differ: msgid's \`${code}\` missing; msgstr adds \`${code}_x\``);
      expect(out.some((line) => line.startsWith(`${file}:${entry.line}: link-target: link targets differ: msgid's (https://doc.rust-lang.org/`))).toBe(true);
      expect(out.filter((line) => line !== "")).toHaveLength(before.findings.length + 2);
      // Demoting both rules leaves only the catalog's own findings as errors.
      const demoted = await runInProcess(["check", "--warn", "code-span", "--warn", "link-target", "--warn", "emphasis", file]);
      expect(demoted.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("usage errors", () => {
  test("unknown rule in --warn", async () => {
    const result = await runInProcess(["check", "--warn", "no-such-rule", "fixtures/check/code-span/negative.po"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^pobook: unknown rule 'no-such-rule' \(rules: code-span, /);
  });

  test("--error promotes a warning rule", async () => {
    const file = "fixtures/check/single-line/positive.po";
    expect((await runInProcess(["check", file])).status).toBe(0);
    const promoted = await runInProcess(["check", "--error", "single-line", file]);
    expect(promoted.status).toBe(1);
    expect(promoted.stdout).toMatch(/^fixtures\/check\/single-line\/positive\.po:\d+: single-line: /);
  });
});
