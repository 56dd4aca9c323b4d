// extract -o and normalize -o: never over a book source, over a foreign file
// only with --force; extract -o - writes the template to standard output.
import { describe, expect, it } from "vitest";
import { chmodSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeTree, runInProcess } from "./helpers/cli.js";
import { snapshotTree } from "./helpers/tree-snapshot.js";

const BOOK = {
  "book.toml": '[book]\ntitle = "Tiny"\nlanguage = "en"\n',
  "src/SUMMARY.md": "# Summary\n\n- [Intro](intro.md)\n  - [Next](next.md)\n",
  "src/intro.md": "# Intro\n\nHello.\n",
  "src/next.md": "# Next\n\nMore.\n",
  "po/fr.po": 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "Intro"\nmsgstr "Intro FR"\n',
  "notes.txt": "my notes\n",
};
const env = { SOURCE_DATE_EPOCH: "1700000000" };

function expectRefused(result: { status: number; stderr: string }, shown: string, message: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stderr.split("\n")).toHaveLength(2);
  expect(result.stderr.startsWith(`pobook: ${shown}: `)).toBe(true);
  expect(result.stderr).toMatch(message);
}

describe("extract -o", () => {
  it("- writes the template to standard output, the same bytes as the file", async () => {
    const root = makeTree(BOOK);
    const piped = await runInProcess(["extract", "-o", "-"], { cwd: root, env });
    expect(piped.stderr).toBe("");
    expect(piped.status).toBe(0);
    expect((await runInProcess(["extract"], { cwd: root, env })).status).toBe(0);
    expect(piped.stdout).toBe(readFileSync(join(root, "po", "messages.pot"), "utf8"));
  });

  it("writes a symlinked POT through the link to its target, keeping the link and the mode", async () => {
    const root = makeTree({ ...BOOK, "shared/messages.pot": "" });
    mkdirSync(join(root, "po"), { recursive: true });
    symlinkSync("../shared/messages.pot", join(root, "po", "messages.pot"));
    chmodSync(join(root, "shared", "messages.pot"), 0o664);
    const result = await runInProcess(["extract"], { cwd: root, env });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(lstatSync(join(root, "po", "messages.pot")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, "shared", "messages.pot"), "utf8")).toContain('msgid "Intro"');
    expect(statSync(join(root, "shared", "messages.pot")).mode & 0o777).toBe(0o664);
  });

  it("- with --depth is refused: several files cannot go to standard output", async () => {
    const root = makeTree(BOOK);
    const result = await runInProcess(["extract", "--depth", "1", "-o", "-"], root);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^pobook: -o - writes one template to standard output, but --depth splits it .*give -o a directory\n$/);
  });

  it("never writes over a chapter or book.toml, even with --force", async () => {
    const root = makeTree(BOOK);
    const before = snapshotTree(root);
    expectRefused(await runInProcess(["extract", "-o", "src/intro.md", "--force"], root), "src/intro.md", /is a book source file/);
    expectRefused(await runInProcess(["extract", "-o", "book.toml", "--force"], root), "book.toml", /is a book source file/);
    expectRefused(await runInProcess(["extract", "src/intro.md", "-o", "src/intro.md", "--force"], root), "src/intro.md", /is a book source file/);
    expect(snapshotTree(root)).toEqual(before);
  });

  it("needs --force over a file that is not a template, or a translated catalog", async () => {
    const root = makeTree(BOOK);
    const before = snapshotTree(root);
    expectRefused(await runInProcess(["extract", "-o", "notes.txt"], root), "notes.txt", /is not a gettext catalog; use --force/);
    expectRefused(await runInProcess(["extract", "-o", "po/fr.po"], root), "po/fr.po", /is a translated catalog .*--force/);
    expectRefused(await runInProcess(["extract", "-o", "src/new.pot"], root), "src/new.pot", /lies inside the book's sources.*--force/);
    expect(snapshotTree(root)).toEqual(before);
    expect((await runInProcess(["extract", "-o", "notes.txt", "--force"], root)).status).toBe(0);
    expect(readFileSync(join(root, "notes.txt"), "utf8")).toMatch(/^msgid ""/m);
  });

  it("rewrites its own template and an existing POT without --force", async () => {
    const root = makeTree(BOOK);
    expect((await runInProcess(["extract", "-o", "out/book.pot"], root)).status).toBe(0);
    writeFileSync(join(root, "src", "intro.md"), "# Intro\n\nHello again.\n");
    expect((await runInProcess(["extract", "-o", "out/book.pot"], root)).status).toBe(0);
    expect(readFileSync(join(root, "out", "book.pot"), "utf8")).toContain('msgid "Hello again."');
    expect((await runInProcess(["extract", "--depth", "1", "-o", "split"], root)).status).toBe(0);
    expect((await runInProcess(["extract", "--depth", "1", "-o", "split"], root)).status).toBe(0);
  });
});

describe("normalize -o", () => {
  it("never writes over a book source; needs --force over a file that is not a catalog", async () => {
    const root = makeTree(BOOK);
    const before = snapshotTree(root);
    expectRefused(await runInProcess(["normalize", "po/fr.po", "-o", "src/intro.md", "--force"], root), "src/intro.md", /is a book source file/);
    expectRefused(await runInProcess(["normalize", "po/fr.po", "-o", "notes.txt"], root), "notes.txt", /is not a gettext catalog; use --force/);
    expect(snapshotTree(root)).toEqual(before);
    expect((await runInProcess(["normalize", "po/fr.po", "-o", "po/fr-copy.po"], root)).status).toBe(0);
    expect((await runInProcess(["normalize", "po/fr.po", "-o", "po/fr-copy.po"], root)).status).toBe(0);
    expect((await runInProcess(["normalize", "po/fr.po", "-o", "notes.txt", "--force"], root)).status).toBe(0);
    expect(readFileSync(join(root, "notes.txt"), "utf8")).toContain('msgstr "Intro FR"');
  });
});

describe("stats --html", () => {
  it("never writes over a book source; replaces its own report, another file only with --force", async () => {
    const root = makeTree(BOOK);
    const before = snapshotTree(root);
    expectRefused(await runInProcess(["stats", "--html", "src/intro.md", "--force"], root), "src/intro.md", /is a book source file/);
    expectRefused(await runInProcess(["stats", "--html", "notes.txt"], root), "notes.txt", /is not a report pobook wrote; use --force/);
    expect(snapshotTree(root)).toEqual(before);
    expect((await runInProcess(["stats", "--html", "report.html"], root)).status).toBe(0);
    expect((await runInProcess(["stats", "--html", "report.html"], root)).status).toBe(0);
    expect((await runInProcess(["stats", "--html", "notes.txt", "--force"], root)).status).toBe(0);
    expect(readFileSync(join(root, "notes.txt"), "utf8")).toMatch(/^<!DOCTYPE html>/);
  });
});
