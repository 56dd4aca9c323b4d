// `translate --as-of pot-date` on a real git repository built here: two
// commits, catalogs made between and after them.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runInProcess } from "./helpers/cli.js";

const catalog = (language: string, potDate: string, entries: Record<string, string>): string =>
  [
    'msgid ""',
    'msgstr ""',
    '"Project-Id-Version: as-of test\\n"',
    `"POT-Creation-Date: ${potDate}\\n"`,
    `"Language: ${language}\\n"`,
    '"MIME-Version: 1.0\\n"',
    '"Content-Type: text/plain; charset=UTF-8\\n"',
    '"Content-Transfer-Encoding: 8bit\\n"',
    "",
    ...Object.entries(entries).flatMap(([msgid, msgstr]) => [`msgid ${JSON.stringify(msgid)}`, `msgstr ${JSON.stringify(msgstr)}`, ""]),
  ].join("\n");

let work: string;
let repo: string;
let first: string;
let second: string;

const git = (cwd: string, date: string | undefined, ...args: string[]): string =>
  execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
  }).trim();

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "pobook-as-of-"));
  repo = join(work, "repo");
  // The book lives below the repository's top, and includes a file from above it.
  const book = join(repo, "course");
  mkdirSync(join(book, "src"), { recursive: true });
  mkdirSync(join(repo, "examples"));
  writeFileSync(join(repo, ".gitignore"), "course/book/\n");
  writeFileSync(join(book, "book.toml"), '[book]\ntitle = "As of"\nlanguage = "en"\n');
  writeFileSync(join(book, "src", "SUMMARY.md"), "# Summary\n\n- [Chapter](chapter.md)\n");
  writeFileSync(join(book, "src", "chapter.md"), "# Hello\n\nFirst version.\n\n```rust\n{{#include ../../examples/hello.rs}}\n```\n");
  writeFileSync(join(repo, "examples", "hello.rs"), 'fn main() {\n    println!("first");\n}\n');
  symlinkSync("chapter.md", join(book, "src", "alias.md"));
  writeFileSync(join(book, "run.sh"), "#!/bin/sh\n", { mode: 0o755 });
  git(repo, undefined, "init", "-q");
  git(repo, undefined, "add", ".");
  git(repo, "2024-01-10T10:00:00+00:00", "commit", "-q", "-m", "first");
  first = git(repo, undefined, "rev-parse", "HEAD");
  writeFileSync(join(book, "src", "SUMMARY.md"), "# Summary\n\n- [Chapter](chapter.md)\n- [New](new.md)\n");
  writeFileSync(join(book, "src", "chapter.md"), "# Hello\n\nSecond version.\n\n```rust\n{{#include ../../examples/hello.rs}}\n```\n");
  writeFileSync(join(book, "src", "new.md"), "# New\n");
  writeFileSync(join(repo, "examples", "hello.rs"), 'fn main() {\n    println!("second");\n}\n');
  git(repo, undefined, "add", ".");
  git(repo, "2024-06-10T10:00:00+00:00", "commit", "-q", "-m", "second");
  second = git(repo, undefined, "rev-parse", "HEAD");
  mkdirSync(join(book, "po"));
  // pt-BR was made between the commits (a gettext-style date), fr after the second (an ISO one).
  writeFileSync(join(book, "po", "pt-BR.po"), catalog("pt_BR", "2024-03-01 12:00+0100", { Hello: "Olá", "First version.": "Primeira versão.", "\"first\"": "\"primeiro\"" }));
  writeFileSync(join(book, "po", "fr.po"), catalog("fr", "2024-07-01T08:00:00+02:00", { Hello: "Bonjour", "Second version.": "Deuxième version.", New: "Nouveau" }));
  // An uncommitted change: --as-of must not see it (and must leave it alone).
  writeFileSync(join(book, "src", "chapter.md"), "# Hello\n\nUncommitted.\n");
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const book = (): string => join(repo, "course");
const status = (): string => git(repo, undefined, "status", "--porcelain");

describe("translate --as-of pot-date", () => {
  test("-l builds the language from the commit before its POT-Creation-Date, read from git objects", async () => {
    const before = status();
    const result = await runInProcess(["translate", book(), "-l", "pt-BR", "--as-of", "pot-date"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`(sources as of commit ${first.slice(0, 12)} of 2024-01-10T10:00:00+00:00)`);
    const out = join(book(), "book", "pt-BR-src");
    expect(readFileSync(join(out, "src", "chapter.md"), "utf8")).toBe("# Olá {#hello}\n\nPrimeira versão.\n\n```rust\n{{#include ../.pobook-outside/examples/hello.rs}}\n```\n");
    expect(readFileSync(join(out, ".pobook-outside", "examples", "hello.rs"), "utf8")).toContain('println!("primeiro")');
    expect(readFileSync(join(out, "src", "SUMMARY.md"), "utf8")).toBe("# Summary\n\n- [Chapter](chapter.md)\n");
    expect(existsSync(join(out, "src", "new.md"))).toBe(false);
    expect(readFileSync(join(out, "book.toml"), "utf8")).toContain('language = "pt-BR"');
    // The commit's symlinks and modes.
    expect(lstatSync(join(out, "src", "alias.md")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(out, "src", "alias.md"))).toBe("chapter.md");
    expect(statSync(join(out, "run.sh")).mode & 0o777).toBe(0o755);
    expect(statSync(join(out, "src", "SUMMARY.md")).mode & 0o111).toBe(0);
    // The work tree and the index are as they were.
    expect(status()).toBe(before);
    expect(readFileSync(join(book(), "src", "chapter.md"), "utf8")).toBe("# Hello\n\nUncommitted.\n");
  });

  test("--all: each language at its own commit; the summary names it; --json says it", async () => {
    const result = await runInProcess(["translate", book(), "--all", "--as-of", "pot-date", "-o", join(work, "all")]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines.find((line) => line.startsWith("fr:"))).toContain(`commit ${second.slice(0, 12)}`);
    expect(lines.find((line) => line.startsWith("pt-BR:"))).toContain(`commit ${first.slice(0, 12)}`);
    expect(readFileSync(join(work, "all", "fr", "src", "chapter.md"), "utf8")).toContain("Deuxième version.");
    expect(readFileSync(join(work, "all", "fr", "src", "new.md"), "utf8")).toBe("# Nouveau {#new}\n");
    expect(readFileSync(join(work, "all", "pt-BR", "src", "chapter.md"), "utf8")).toContain("Primeira versão.");
    const json = await runInProcess(["translate", book(), "-l", "fr", "--as-of", "pot-date", "--json", "-o", join(work, "json")]);
    const report = JSON.parse(json.stdout) as Array<{ asOf: { commit: string; subject: string } }>;
    expect(report[0]!.asOf).toMatchObject({ commit: second, subject: "second" });
  });

  test("a POT-Creation-Date older than the first commit: one line, exit 2, nothing written", async () => {
    const po = join(work, "old.po");
    writeFileSync(po, catalog("de", "2023-12-31 23:00+0000", { Hello: "Hallo" }));
    const out = join(work, "old-out");
    const result = await runInProcess(["translate", book(), "--po", po, "--as-of", "pot-date", "-o", out]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(`${po}: POT-Creation-Date 2023-12-31T23:00:00.000Z is older than every commit of the book's repository (the first commit, ${first.slice(0, 12)}, is of 2024-01-10T10:00:00+00:00)`);
    expect(existsSync(out)).toBe(false);
  });

  test("--all stops before writing anything when one catalog is too old", async () => {
    const copy = join(work, "copy-all");
    cpSync(repo, copy, { recursive: true });
    rmSync(join(copy, "course", "book"), { recursive: true, force: true });
    writeFileSync(join(copy, "course", "po", "de.po"), catalog("de", "2020-01-01 00:00+0000", { Hello: "Hallo" }));
    const result = await runInProcess(["translate", join(copy, "course"), "--all", "--as-of", "pot-date"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/de\.po: POT-Creation-Date .* is older than every commit/);
    expect(existsSync(join(copy, "course", "book"))).toBe(false);
  });

  test("outside a git repository: one line, exit 2, nothing written", async () => {
    const plain = join(work, "plain");
    cpSync(join(repo, "course"), plain, { recursive: true });
    rmSync(join(plain, "book"), { recursive: true, force: true });
    const result = await runInProcess(["translate", plain, "-l", "pt-BR", "--as-of", "pot-date"], { env: { GIT_CEILING_DIRECTORIES: work } });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`pobook: ${plain}: --as-of pot-date reads the sources from git, but the book is not in a git repository (or git is not installed)`);
    expect(existsSync(join(plain, "book"))).toBe(false);
  });

  test("a repository without commits: one line, exit 2", async () => {
    const empty = join(work, "empty");
    cpSync(join(repo, "course"), empty, { recursive: true });
    rmSync(join(empty, "book"), { recursive: true, force: true });
    git(empty, undefined, "init", "-q");
    const result = await runInProcess(["translate", empty, "-l", "pt-BR", "--as-of", "pot-date"]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`pobook: ${join(empty, "po", "pt-BR.po")}: --as-of pot-date: the book's repository ${realpathSync(empty)} has no commit yet`);
    expect(existsSync(join(empty, "book"))).toBe(false);
  });

  test("a catalog without a POT-Creation-Date, or an --as-of pobook does not know", async () => {
    const po = join(work, "undated.po");
    writeFileSync(po, catalog("de", "", { Hello: "Hallo" }).replace('"POT-Creation-Date: \\n"\n', ""));
    const undated = await runInProcess(["translate", book(), "--po", po, "--as-of", "pot-date", "-o", join(work, "undated-out")]);
    expect(undated.status).toBe(2);
    expect(undated.stderr.trim()).toBe(`pobook: ${po}: no POT-Creation-Date header: --as-of pot-date needs it`);
    const unknown = await runInProcess(["translate", book(), "-l", "pt-BR", "--as-of", "yesterday", "-o", join(work, "unknown-out")]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toBe("pobook: --as-of takes pot-date, got yesterday");
    expect(existsSync(join(work, "undated-out")) || existsSync(join(work, "unknown-out"))).toBe(false);
  });
});
