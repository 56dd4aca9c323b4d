// `pobook diff` and `pobook check --against` on a git repository built here
// from the corpus pt-BR book (test/helpers/corpus-git.ts): upstream's catalog
// committed at its POT-Creation-Date, a commit rewording a chapter, and
// copies of the catalog edited by the test (translations dropped, msgids
// edited by hand, the template refreshed by the real `pobook update`).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { parsePo } from "../src/catalog/parse.js";
import { serializePo } from "../src/catalog/serialize.js";
import { isFuzzy, isTranslated, type Catalog, type PoEntry } from "../src/catalog/types.js";
import { checkAgainstRevision } from "../src/check/against-revision.js";
import { REVISION_RULES, RULES } from "../src/check/findings.js";
import type { CatalogReview } from "../src/diff/review.js";
import { buildCorpusRepo, type CorpusRepo } from "./helpers/corpus-git.js";
import { hasCorpus, NO_CORPUS } from "./helpers/corpus.js";
import { runInProcess } from "./helpers/cli.js";

if (!hasCorpus) console.log(NO_CORPUS);
// Each CLI run reads the 28,000-line corpus catalog twice (now and at the revision): slow on a loaded machine.
vi.setConfig({ testTimeout: 240_000 });
const CHROMIUM = "/usr/bin/chromium";
const HAS_CHROMIUM = existsSync(CHROMIUM);

let repo: CorpusRepo;
beforeAll(async () => {
  if (hasCorpus) repo = await buildCorpusRepo();
}, 300_000);
afterAll(() => {
  if (repo) rmSync(repo.dir, { recursive: true, force: true });
});

const active = (catalog: Catalog): PoEntry[] => catalog.entries.filter((entry) => !entry.obsolete);
/** Every per-catalog rule as a warning: the corpus catalog has findings of its own, these tests are about the revision rules. */
const quietOtherRules = Object.keys(RULES)
  .filter((rule) => !(REVISION_RULES as readonly string[]).includes(rule))
  .flatMap((rule) => ["--warn", rule]);

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
}

async function checkAgainst(text: string, extra: string[] = []): Promise<{ status: number | null; findings: JsonFinding[]; stdout: string; stderr: string }> {
  writeFileSync(repo.catalogPath, text);
  const result = await runInProcess(["check", "--against", "HEAD", "--json", ...quietOtherRules, ...extra], { cwd: repo.dir });
  const findings = result.status === 2 ? [] : (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
  return { status: result.status, findings: findings.filter((finding) => (REVISION_RULES as readonly string[]).includes(finding.rule)), stdout: result.stdout, stderr: result.stderr };
}

/** `count` msgids edited as a hand would: text appended, references and translation kept. */
function handEdited(text: string, indices: number[]): { text: string; edited: string[] } {
  const catalog = parsePo(text, "pt-BR.po");
  const entries = active(catalog).filter(isTranslated);
  const edited: string[] = [];
  for (const index of indices) {
    const entry = entries[index]!;
    entry.msgid = `${entry.msgid} (edited)`;
    edited.push(entry.msgid);
  }
  return { text: serializePo(catalog), edited };
}

function lineOf(text: string, msgid: string): number {
  const catalog = parsePo(text, "pt-BR.po");
  return catalog.entries.find((entry) => entry.msgid === msgid)!.line!;
}

describe.skipIf(!hasCorpus)("check --against REV", () => {
  test("the catalog as committed, and the real template refresh alone: no finding, exit 0", async () => {
    for (const text of [repo.original, repo.refreshed]) {
      const { status, findings } = await checkAgainst(text);
      expect(findings).toEqual([]);
      expect(status).toBe(0);
    }
  });

  test("translations dropped (the zh-CN 1387 → 325 case): one lost-translations error with the counts", async () => {
    const catalog = parsePo(repo.original, "pt-BR.po");
    const translated = active(catalog).filter(isTranslated);
    expect(translated.length).toBe(3793);
    // Keep 325 translations, empty 3000, delete the rest (468) outright.
    translated.slice(325, 3325).forEach((entry) => (entry.msgstr = [""]));
    const deleted = new Set(translated.slice(3325));
    catalog.entries = catalog.entries.filter((entry) => !deleted.has(entry));
    const { status, findings } = await checkAgainst(serializePo(catalog));
    expect(findings.map((finding) => [finding.rule, finding.line])).toEqual([["lost-translations", 1]]);
    expect(findings[0]!.message).toMatch(/^3468 translations of HEAD lost \(translated messages 3793 → 325\)/);
    expect(status).toBe(1);
  });

  test("msgids edited by hand: one finding per edited entry, at its line, none else", async () => {
    const { text, edited } = handEdited(repo.original, [10, 1500, 3000]);
    const { status, findings } = await checkAgainst(text);
    expect(findings.map((finding) => [finding.rule, finding.line])).toEqual(edited.map((msgid) => ["msgid-changes", lineOf(text, msgid)]));
    expect(findings[0]!.message).toContain("msgid edited by hand (not in the template)");
    expect(status).toBe(1);
  });

  test("a hand edit inside a real template refresh is still found (the template says it is not from the sources)", async () => {
    const { text, edited } = handEdited(repo.refreshed, [42]);
    const { findings } = await checkAgainst(text);
    expect(findings.map((finding) => [finding.rule, finding.line])).toEqual([["msgid-changes", lineOf(text, edited[0]!)]]);
  });

  test("a template refresh with new translations in the same change: mixed-change at the first translation", async () => {
    const catalog = parsePo(repo.refreshed, "pt-BR.po");
    const fuzzy = active(catalog).filter(isFuzzy);
    const fresh = active(catalog).find((entry) => entry.msgstr.every((text) => text === ""))!;
    expect(fuzzy.length).toBe(3);
    fuzzy[1]!.flags = fuzzy[1]!.flags.filter((flag) => flag !== "fuzzy");
    fuzzy[1]!.msgstr = ["Flexibilidade muito alta."];
    delete fuzzy[1]!.previous;
    fresh.msgstr = ["Um parágrafo novo sobre Rust."];
    const text = serializePo(catalog);
    const { status, findings } = await checkAgainst(text);
    expect(findings.map((finding) => [finding.rule, finding.line])).toEqual([["mixed-change", lineOf(text, fuzzy[1]!.msgid)]]);
    expect(findings[0]!.message).toMatch(/POT-Creation-Date 2024-07-09T12:20:23-07:00 → .* got 2 new or changed translations/);
    expect(status).toBe(1);
  });

  test("translations alone (no refresh) are not a mixed change", async () => {
    const catalog = parsePo(repo.original, "pt-BR.po");
    active(catalog).slice(0, 5).forEach((entry) => (entry.msgstr = [`${entry.msgstr[0]}!`]));
    expect((await checkAgainst(serializePo(catalog))).findings).toEqual([]);
  });

  test("without a template, an unchanged POT-Creation-Date is what tells hand edits (pure function, same catalogs)", async () => {
    const { text, edited } = handEdited(repo.original, [10, 1500, 3000]);
    const raw = checkAgainstRevision({ before: parsePo(repo.original, "a.po"), after: parsePo(text, "b.po"), revision: "HEAD" });
    expect(raw.map((finding) => [finding.rule, finding.line])).toEqual(edited.map((msgid) => ["msgid-changes", lineOf(text, msgid)]));
    expect(raw[0]!.message).toContain("POT-Creation-Date unchanged since HEAD");
    // The refresh moved the date: without a template its new msgids are expected, not findings.
    expect(checkAgainstRevision({ before: parsePo(repo.original, "a.po"), after: parsePo(repo.refreshed, "b.po"), revision: "HEAD" })).toEqual([]);
  });

  test("--format github: one workflow annotation per finding of check", async () => {
    const { text } = handEdited(repo.original, [10, 1500]);
    writeFileSync(repo.catalogPath, text);
    const json = await runInProcess(["check", "--against", "HEAD", "--json"], { cwd: repo.dir });
    const all = (JSON.parse(json.stdout) as { findings: JsonFinding[] }).findings;
    const github = await runInProcess(["check", "--against", "HEAD", "--format", "github"], { cwd: repo.dir });
    const lines = github.stdout.trimEnd().split("\n");
    expect(lines.length).toBe(all.length);
    expect(all.filter((finding) => finding.rule === "msgid-changes").length).toBe(2);
    lines.forEach((line, i) => {
      const finding = all[i]!;
      expect(line.startsWith(`::${finding.severity} file=po/pt-BR.po,line=${finding.line},title=pobook check%3A ${finding.rule}::`)).toBe(true);
      expect(line).not.toContain("\n");
    });
    expect(github.status).toBe(1);
  });
});

describe.skipIf(!hasCorpus)("diff", () => {
  const diffJson = async (args: string[]): Promise<CatalogReview[]> => {
    const result = await runInProcess(["diff", "--json", ...args], { cwd: repo.dir });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout) as CatalogReview[];
  };

  test("after the refresh: old and new English of each fuzzy entry, the new entry, chapter, PO line and the commit that changed the chapter", async () => {
    writeFileSync(repo.catalogPath, repo.refreshed);
    const [review] = await diffJson(["--since", "HEAD~1"]);
    expect(review!.fuzzy).toBe(3);
    // The reworded chapter's new message, and the book's title (book.toml), which the 2024 catalog predates.
    expect(review!.new).toBe(2);
    expect(review!.chapters.map((chapter) => [chapter.path, chapter.title])).toEqual([
      ["src/hello-world/what-is-rust.md", "What is Rust?"],
      ["book.toml", undefined],
    ]);
    const [chapter] = review!.chapters;
    expect(chapter!.sources!.commits.map((commit) => commit.subject)).toEqual(["what-is-rust: reword"]);
    expect(chapter!.sources!.added).toBeGreaterThan(0);
    const lines = repo.refreshed.split("\n");
    for (const entry of chapter!.entries) {
      // The line is the entry's first: its references, then (for a fuzzy one) its flag.
      expect(lines[entry.line - 1]).toMatch(/^#: src\/hello-world\/what-is-rust\.md/);
      expect(entry.changes.filter((change) => change.kind !== "removed").map((change) => change.text).join("")).toBe(entry.msgid);
      if (entry.previous !== undefined) expect(entry.changes.filter((change) => change.kind !== "added").map((change) => change.text).join("")).toBe(entry.previous);
    }
    const fuzzy = chapter!.entries.filter((entry) => entry.state === "fuzzy");
    expect(fuzzy.map((entry) => entry.previous!.slice(0, 20))).toEqual(repo.rewordings.map(([before]) => before.slice(0, 20)));
    expect(fuzzy[0]!.changes.filter((change) => change.kind !== "same")).toEqual([
      { kind: "removed", text: "new" },
      { kind: "added", text: "modern" },
    ]);
    expect(chapter!.entries.find((entry) => entry.state === "new")!.msgid).toBe("A brand new paragraph about Rust.");
  });

  test("fuzzy entries without #| (as Comprehensive Rust's): the old English is the baseline catalog's entry with the same translation", async () => {
    const stripped = repo.refreshed
      .split("\n")
      .filter((line) => !line.startsWith("#| "))
      .join("\n");
    writeFileSync(repo.catalogPath, stripped);
    const [review] = await diffJson(["--since", "HEAD~1"]);
    const fuzzy = review!.chapters.flatMap((chapter) => chapter.entries).filter((entry) => entry.state === "fuzzy");
    expect(fuzzy.map((entry) => entry.previousFrom)).toEqual(["baseline", "baseline", "baseline"]);
    writeFileSync(repo.catalogPath, repo.refreshed);
    const [own] = await diffJson(["--since", "HEAD~1"]);
    const ownFuzzy = own!.chapters.flatMap((chapter) => chapter.entries).filter((entry) => entry.state === "fuzzy");
    expect(fuzzy.map((entry) => entry.previous)).toEqual(ownFuzzy.map((entry) => entry.previous));
    expect(ownFuzzy.map((entry) => entry.previousFrom)).toEqual(["po", "po", "po"]);
    expect(review!.previousFromBaseline).toBe(3);
  });

  test("a catalog not updated yet: the sources are compared with the commit at its POT-Creation-Date, and the chapter that changed is listed", async () => {
    writeFileSync(repo.catalogPath, repo.original);
    const [review] = await diffJson([]);
    expect(review!.baseline!.reason).toBe("pot-creation-date");
    expect(review!.baseline!.commit.hash).toBe(repo.git("rev-parse", "HEAD~1").trim());
    expect(review!.chapters).toEqual([]);
    expect(review!.otherChanges.map((change) => [change.path, change.commits.length])).toEqual([["src/hello-world/what-is-rust.md", 1]]);
  });

  test("terminal: side by side with git's word-diff marks without colour; colour with FORCE_COLOR, none with NO_COLOR", async () => {
    writeFileSync(repo.catalogPath, repo.refreshed);
    const plain = await runInProcess(["diff", "--since", "HEAD~1"], { cwd: repo.dir, env: { FORCE_COLOR: undefined, NO_COLOR: undefined, COLUMNS: "120" } });
    expect(plain.status).toBe(0);
    expect(plain.stdout).not.toContain("\x1b[");
    const line = lineOf(repo.refreshed, "High flexibility.".replace("High", "Very high"));
    expect(plain.stdout).toContain(`po/pt-BR.po:${line}: fuzzy`);
    expect(plain.stdout).toMatch(/Rust is a \[-new-\] programming language .*│ Rust is a \{\+modern\+\} programming language/);
    expect(plain.stdout).toContain("what-is-rust: reword");
    expect(plain.stdout.split("\n").every((row) => row.length <= 120)).toBe(true);
    const colour = await runInProcess(["diff", "--since", "HEAD~1"], { cwd: repo.dir, env: { FORCE_COLOR: "1", NO_COLOR: undefined } });
    expect(colour.stdout).toContain("\x1b[32;1mmodern\x1b[0m");
    expect(colour.stdout).not.toContain("{+modern+}");
    const none = await runInProcess(["diff", "--since", "HEAD~1"], { cwd: repo.dir, env: { FORCE_COLOR: undefined, NO_COLOR: "1" } });
    expect(none.stdout).not.toContain("\x1b[");
  });

  test.skipIf(!HAS_CHROMIUM)("--html: a self-contained page in chromium, old and new side by side, filterable", async () => {
    writeFileSync(repo.catalogPath, repo.refreshed);
    const out = join(repo.dir, "review.html");
    const result = await runInProcess(["diff", "--since", "HEAD~1", "--html", out], { cwd: repo.dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`pobook diff: wrote ${out} (5 entries to review)\n`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("console", (message) => problems.push(`console ${message.type()}: ${message.text()}`));
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("request", (request) => {
        if (!request.url().startsWith("file:")) problems.push(`network request: ${request.url()}`);
      });
      await page.goto(pathToFileURL(out).href, { waitUntil: "load" });
      expect(problems).toEqual([]);
      expect(await page.locator("tr.entry").count()).toBe(5); // the chapter's four and the book's title
      const first = page.locator("tr.entry").first();
      expect(await first.locator("td.old del").allTextContents()).toEqual(["new"]);
      expect(await first.locator("td.new ins").allTextContents()).toEqual(["modern"]);
      // Side by side: the old column is left of the new one, on the same row.
      const oldBox = (await first.locator("td.old").boundingBox())!;
      const newBox = (await first.locator("td.new").boundingBox())!;
      expect(oldBox.x + oldBox.width).toBeLessThanOrEqual(newBox.x + 1);
      expect(Math.abs(oldBox.y - newBox.y)).toBeLessThan(1);
      expect(await page.locator("section.chapter h3").first().textContent()).toBe("src/hello-world/what-is-rust.md What is Rust?");
      await page.locator('.filter input[value="fuzzy"]').uncheck();
      expect(await page.locator("tr.entry:visible").count()).toBe(2);
    } finally {
      await browser.close();
    }
    // A second run replaces its own page without --force.
    expect((await runInProcess(["diff", "--since", "HEAD~1", "--html", out], { cwd: repo.dir })).status).toBe(0);
    rmSync(out);
  });
});

describe.skipIf(!hasCorpus)("bad input: one line, exit 2, nothing written", () => {
  test("an unknown revision", async () => {
    writeFileSync(repo.catalogPath, repo.refreshed);
    const out = join(repo.dir, "bad.html");
    const diff = await runInProcess(["diff", "--since", "no-such-rev", "--html", out], { cwd: repo.dir });
    expect([diff.status, diff.stderr]).toEqual([2, "pobook: .: --since: 'no-such-rev' is not a git revision here\n"]);
    expect(existsSync(out)).toBe(false);
    const check = await runInProcess(["check", "--against", "no-such-rev"], { cwd: repo.dir });
    expect([check.status, check.stdout, check.stderr]).toEqual([2, "", "pobook: po/pt-BR.po: --against: 'no-such-rev' is not a git revision here\n"]);
  });

  test("not a git repository", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-no-git-"));
    try {
      writeFileSync(join(dir, "pt-BR.po"), repo.original);
      const check = await runInProcess(["check", "--against", "HEAD", "pt-BR.po"], { cwd: dir });
      expect([check.status, check.stdout, check.stderr]).toEqual([2, "", "pobook: pt-BR.po: --against: not in a git repository\n"]);
      const diff = await runInProcess(["diff", "--since", "HEAD", "--html", "out.html", "pt-BR.po"], { cwd: dir });
      expect([diff.status, diff.stderr]).toEqual([2, "pobook: .: --since: not in a git repository\n"]);
      expect(existsSync(join(dir, "out.html"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a conflict marker inside the catalog", async () => {
    const lines = repo.refreshed.split("\n");
    const at = lines.indexOf('msgid "Very high flexibility."');
    expect(at).toBeGreaterThan(0);
    const conflicted = [...lines.slice(0, at), "<<<<<<< HEAD", ...lines.slice(at, at + 2), "=======", 'msgid "Very high flexibility."', 'msgstr "Flexível."', ">>>>>>> theirs", ...lines.slice(at + 2)].join("\n");
    writeFileSync(repo.catalogPath, conflicted);
    const out = join(repo.dir, "bad.html");
    const diff = await runInProcess(["diff", "--html", out], { cwd: repo.dir });
    expect([diff.status, diff.stderr]).toEqual([2, `pobook: po/pt-BR.po:${at + 1}: git conflict marker '<<<<<<<': a line-based merge left this catalog half-merged; resolve it first (pobook merge merges catalogs entry by entry)\n`]);
    expect(existsSync(out)).toBe(false);
    const check = await runInProcess(["check", "--against", "HEAD"], { cwd: repo.dir });
    expect([check.status, check.stdout, check.stderr]).toEqual([2, "", `pobook: po/pt-BR.po:${at + 1}: git conflict marker '<<<<<<<': a line-based merge left this catalog half-merged; resolve it first (pobook merge merges catalogs entry by entry)\n`]);
  });
});
