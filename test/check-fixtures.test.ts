// One true positive and one true negative per rule (fixtures/check/RULE/),
// through the real CLI. The positive entry starts with the comment
// `# pobook-test: positive`; the finding must name that entry.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { REVISION_RULES, RULES } from "../src/check/findings.js";
import { gnuStatus } from "./helpers/gnu.js";
import { runInProcess } from "./helpers/cli.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "check");
const MARKER = "# pobook-test: positive";

interface JsonReport {
  errors: number;
  warnings: number;
  findings: Array<{ file: string; line: number; rule: string; severity: string; message: string }>;
}

async function checkJson(args: string[], cwd?: string): Promise<{ status: number | null; report: JsonReport }> {
  const result = await runInProcess(["check", "--json", ...args], { cwd });
  return { status: result.status, report: JSON.parse(result.stdout) as JsonReport };
}

/** The first line (1-based) of the positive entry: its marker comment. */
function positiveEntryLines(file: string): { first: number } {
  return { first: readFileSync(file, "utf8").split("\n").indexOf(MARKER) + 1 };
}

// Rules that compare two git revisions have their fixtures in git repositories built by the tests (here and test/check-against.test.ts);
// fragment-link needs a book: its fixtures are run below.
const fileRules = readdirSync(FIXTURES).filter((rule) => !(REVISION_RULES as readonly string[]).includes(rule) && rule !== "fragment-link");

// Rules that read the book's sources have theirs in the book each test builds (test/check-intraword-emphasis.test.ts).
const BOOK_RULES = ["intraword-emphasis"];

test("every rule has a fixture pair", () => {
  expect([...fileRules, ...REVISION_RULES, "fragment-link", ...BOOK_RULES].sort()).toEqual(Object.keys(RULES).sort());
});

describe("fragment-link against the book's headings", () => {
  const book = join(FIXTURES, "fragment-link");
  const fragmentFindings = async (file: string): Promise<{ status: number | null; findings: JsonReport["findings"] }> => {
    const { status, report } = await checkJson(["-b", book, join(book, file)]);
    return { status, findings: report.findings.filter((finding) => finding.rule === "fragment-link") };
  };

  test.each(["positive.po", "positive-other-page.po"])("true positive (%s): one finding, at the entry's line", async (file) => {
    const { status, findings } = await fragmentFindings(file);
    expect(findings.map((finding) => finding.line)).toEqual([positiveEntryLines(join(book, file)).first]);
    expect(findings[0]!.severity).toBe("error");
    expect(status).toBe(1);
  });

  test("the finding says which fragment and page", async () => {
    expect((await fragmentFindings("positive.po")).findings[0]!.message).toBe('link to #detalhes: no heading or id "detalhes" in src/intro.md');
    expect((await fragmentFindings("positive-other-page.po")).findings[0]!.message).toBe('link to intro.md#introdu%C3%A7%C3%A3o: no heading or id "introdução" in src/intro.md (linked from src/other.md)');
  });

  test("true negative: fragments of repeated headings, HTML ids, explicit ids, other pages; fuzzy entries skipped", async () => {
    expect((await fragmentFindings("negative.po")).findings).toEqual([]);
  });

  test("without a book the rule has nothing to check against", async () => {
    const { report } = await checkJson([join(book, "positive.po")]);
    expect(report.findings.filter((finding) => finding.rule === "fragment-link")).toEqual([]);
  });
});

describe.each(fileRules)("rule %s", (rule) => {
  const positive = join(FIXTURES, rule, "positive.po");
  const negative = join(FIXTURES, rule, "negative.po");

  test("true positive: one finding, at the entry's line", async () => {
    const { status, report } = await checkJson([positive]);
    expect(report.findings.map((finding) => finding.rule)).toEqual([rule]);
    expect(report.findings[0]!.line).toBe(positiveEntryLines(positive).first);
    expect(status).toBe(RULES[rule as keyof typeof RULES].severity === "error" ? 1 : 0);
  });

  test("true negative: no finding", async () => {
    const { status, report } = await checkJson([negative]);
    expect(report.findings).toEqual([]);
    expect(status).toBe(0);
  });
});

describe("GNU msgfmt -c agrees on the rules it also checks", () => {
  test.each(["c-format", "duplicate-msgid", "newlines", "plural-forms"])("%s", (rule) => {
    expect(gnuStatus("msgfmt", ["-c", "-o", "/dev/null", join(FIXTURES, rule, "positive.po")]).status).not.toBe(0);
    expect(gnuStatus("msgfmt", ["-c", "-o", "/dev/null", join(FIXTURES, rule, "negative.po")]).status).toBe(0);
  });
});

describe("msgid-changes against a git revision", () => {
  const repo = mkdtempSync(join(tmpdir(), "pobook-msgid-changes-"));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]): string =>
    execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args], { cwd: repo, encoding: "utf8" });
  mkdirSync(join(repo, "po"));
  git("init", "-q");
  copyFileSync(join(FIXTURES, "msgid-changes", "base.po"), join(repo, "po", "pt-BR.po"));
  git("add", ".");
  git("commit", "-q", "-m", "base");

  test("true positive: msgid edited, POT-Creation-Date kept", async () => {
    copyFileSync(join(FIXTURES, "msgid-changes", "positive.po"), join(repo, "po", "pt-BR.po"));
    const { status, report } = await checkJson(["--msgid-changes", "HEAD"], repo);
    expect(report.findings.map((finding) => [finding.file, finding.rule, finding.line])).toEqual([
      [join("po", "pt-BR.po"), "msgid-changes", positiveEntryLines(join(FIXTURES, "msgid-changes", "positive.po")).first],
    ]);
    expect(status).toBe(1);
  });

  test("true negative: msgid changed by an update that moved POT-Creation-Date", async () => {
    copyFileSync(join(FIXTURES, "msgid-changes", "negative.po"), join(repo, "po", "pt-BR.po"));
    const { status, report } = await checkJson(["--msgid-changes", "HEAD"], repo);
    expect(report.findings).toEqual([]);
    expect(status).toBe(0);
  });

  test("a catalog that did not exist at BASE is new, not changed", async () => {
    copyFileSync(join(FIXTURES, "msgid-changes", "positive.po"), join(repo, "po", "fr.po"));
    const { report } = await checkJson(["--msgid-changes", "HEAD", "po/fr.po"], repo);
    expect(report.findings).toEqual([]);
    rmSync(join(repo, "po", "fr.po"));
  });

  test("an unknown revision is a usage error", async () => {
    const result = await runInProcess(["check", "--msgid-changes", "no-such-rev"], { cwd: repo });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("pobook: po/pt-BR.po: --msgid-changes: 'no-such-rev' is not a git revision here\n");
  });
});
