// Where translate writes (src/output/): refusals, --force, re-runs over its own
// output, and a copy that keeps symlinks and modes. Runs the built CLI.
import { afterEach, describe, expect, it } from "vitest";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInProcess } from "./helpers/cli.js";
import { snapshotTree } from "./helpers/tree-snapshot.js";
import { parsePo } from "../src/catalog/parse.js";
import { serializePo } from "../src/catalog/serialize.js";

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "translate-book");
const MANIFEST = ".pobook-output.json";
let work: string | undefined;

afterEach(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  work = undefined;
});

/**
 * A repository (it has .git) holding the fixture book with symlinks inside
 * the book, an executable script, a private file, an empty directory.
 */
function makeBook(): string {
  work = mkdtempSync(join(tmpdir(), "pobook-output-"));
  mkdirSync(join(work, ".git"));
  const book = join(work, "book");
  cpSync(FIXTURE, book, { recursive: true });
  mkdirSync(join(book, "src", "images"));
  symlinkSync("../logo.png", join(book, "src", "images", "logo.png"));
  symlinkSync("intro.md", join(book, "src", "alias.md"));
  symlinkSync("images", join(book, "src", "pictures"));
  mkdirSync(join(book, "theme"));
  symlinkSync("../src/logo.png", join(book, "theme", "favicon.png"));
  symlinkSync("missing.css", join(book, "theme", "dangling.css"));
  writeFileSync(join(book, "build.sh"), "#!/bin/sh\nmdbook build\n");
  chmodSync(join(book, "build.sh"), 0o755);
  writeFileSync(join(book, "private.txt"), "mine\n");
  chmodSync(join(book, "private.txt"), 0o600);
  mkdirSync(join(book, "empty"));
  return book;
}

const outsideBuildDir = (path: string): boolean => path === "book" || path.startsWith("book/");

function bookSnapshot(book: string): Record<string, string> {
  return snapshotTree(book, outsideBuildDir);
}

function expectRefused(result: { status: number; stderr: string }, shown: string, message: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stderr.split("\n")).toHaveLength(2);
  expect(result.stderr.startsWith(`pobook: ${shown}: `)).toBe(true);
  expect(result.stderr).toMatch(message);
}

describe("translate -o: what it refuses", () => {
  const cases: Array<[string, RegExp]> = [
    [".", /is the book itself/],
    ["src", /is the book's sources/],
    ["po", /is the book's po-dir/],
    ["..", /contains the book/],
    ["src/fr", /lies inside the book's sources/],
    ["po/fr", /lies inside the book's po-dir/],
    ["theme/fr", /lies inside the book outside its build directory.*--force/],
  ];
  it.each(cases)("-o %s, leaving the book as it was", async (output, message) => {
    const book = makeBook();
    const before = snapshotTree(work!);
    expectRefused(await runInProcess(["translate", "-l", "fr", "-o", output], book), output, message);
    expect(snapshotTree(work!)).toEqual(before);
  });

  it("compares real paths: a symlink to the sources is the sources, even with --force", async () => {
    const book = makeBook();
    symlinkSync(join(book, "src"), join(work!, "link"));
    const before = snapshotTree(book);
    expectRefused(await runInProcess(["translate", book, "-l", "fr", "-o", join(work!, "link"), "--force"]), join(work!, "link"), /is the book's sources/);
    expectRefused(await runInProcess(["translate", book, "-l", "fr", "-o", join(work!, "link", "..", "..")]), join(work!, "link", "..", ".."), /contains the book/);
    expect(snapshotTree(book)).toEqual(before);
  });

  it("refuses a non-empty directory pobook did not write; --force writes into it and keeps the user's files", async () => {
    const book = makeBook();
    const foreign = join(work!, "site");
    mkdirSync(join(foreign, "src"), { recursive: true });
    writeFileSync(join(foreign, "notes.md"), "my notes\n");
    writeFileSync(join(foreign, "src", "extra.md"), "extra\n");
    const before = snapshotTree(foreign);
    expectRefused(await runInProcess(["translate", "-l", "fr", "-o", "../site"], book), "../site", /is not empty and was not written by pobook.*--force/);
    expect(snapshotTree(foreign)).toEqual(before);

    const forced = await runInProcess(["translate", "-l", "fr", "-o", "../site", "--force"], book);
    expect(forced.status).toBe(0);
    expect(readFileSync(join(foreign, "notes.md"), "utf8")).toBe("my notes\n");
    expect(readFileSync(join(foreign, "src", "extra.md"), "utf8")).toBe("extra\n");
    expect(readFileSync(join(foreign, "book.toml"), "utf8")).toContain('language = "fr"');
    const manifest = JSON.parse(readFileSync(join(foreign, MANIFEST), "utf8")) as { files: string[] };
    expect(manifest.files).toContain("src/intro.md");
    expect(manifest.files).not.toContain("notes.md");
    // Now it is pobook's output: a re-run needs no --force.
    expect((await runInProcess(["translate", "-l", "fr", "-o", "../site"], book)).status).toBe(0);
  });

  it("refuses a file or the home directory", async () => {
    const book = makeBook();
    expectRefused(await runInProcess(["translate", "-l", "fr", "-o", "private.txt"], book), "private.txt", /is not a directory/);
    const home = join(work!, "home");
    mkdirSync(home);
    expectRefused(await runInProcess(["translate", "-l", "fr", "-o", home], { cwd: book, env: { HOME: home } }), home, /is your home directory/);
  });
});

describe("translate: re-runs over its own output", () => {
  it("replaces what it wrote, removes what it no longer writes, keeps what the user added", async () => {
    const book = makeBook();
    const out = join(book, "book", "fr-src");
    expect((await runInProcess(["translate", "-l", "fr"], book)).status).toBe(0);
    writeFileSync(join(out, "src", "intro.md"), "stale\n");
    writeFileSync(join(out, "src", "user-notes.md"), "keep me\n");
    rmSync(join(book, "private.txt"));
    const rerun = await runInProcess(["translate", "-l", "fr"], book);
    expect(rerun.stderr).toBe("");
    expect(rerun.status).toBe(0);
    expect(readFileSync(join(out, "src", "intro.md"), "utf8")).not.toBe("stale\n");
    expect(readFileSync(join(out, "src", "user-notes.md"), "utf8")).toBe("keep me\n");
    expect(existsSync(join(out, "private.txt"))).toBe(false);
    expect((JSON.parse(readFileSync(join(out, MANIFEST), "utf8")) as { files: string[] }).files).not.toContain("src/user-notes.md");
  });

  it("does not replace a file the user put where pobook now writes one, unless --force", async () => {
    const book = makeBook();
    const out = join(book, "book", "fr-src");
    expect((await runInProcess(["translate", "-l", "fr"], book)).status).toBe(0);
    writeFileSync(join(book, "src", "new.md"), "new source\n");
    writeFileSync(join(out, "src", "new.md"), "the user's\n");
    const before = snapshotTree(out);
    expectRefused(await runInProcess(["translate", "-l", "fr"], book), "book/fr-src/src/new.md", /was not written by pobook.*--force/);
    expect(snapshotTree(out)).toEqual(before);
    expect((await runInProcess(["translate", "-l", "fr", "--force"], book)).status).toBe(0);
    expect(readFileSync(join(out, "src", "new.md"), "utf8")).toBe("new source\n");
  });

  it("with build-dir elsewhere, the default book/LANG-src is still allowed", async () => {
    const book = makeBook();
    writeFileSync(join(book, "book.toml"), `${readFileSync(join(book, "book.toml"), "utf8")}\n[build]\nbuild-dir = "out"\n`);
    expect((await runInProcess(["translate", "-l", "fr"], book)).status).toBe(0);
    expect(existsSync(join(book, "book", "fr-src", "src", "intro.md"))).toBe(true);
    // A copy is never copied into the next one.
    expect((await runInProcess(["translate", "-l", "de"], book)).status).toBe(0);
    expect(existsSync(join(book, "book", "de-src", "book"))).toBe(false);
  });
});

describe("translate: the copy keeps symlinks and modes", () => {
  /** A catalog with every msgstr set by `translation` (the book's template otherwise). */
  async function catalogFrom(book: string, translation: (msgid: string) => string): Promise<string> {
    const pot = await runInProcess(["extract", book, "-o", "-", "--no-cache"]);
    expect(pot.status).toBe(0);
    const catalog = parsePo(pot.stdout, "template");
    for (const entry of catalog.entries) entry.msgstr = entry.msgidPlural === undefined ? [translation(entry.msgid)] : [translation(entry.msgid), translation(entry.msgidPlural)];
    catalog.headerFlags = [];
    const path = join(work!, "catalog.po");
    writeFileSync(path, serializePo(catalog));
    return path;
  }

  it.each([
    ["an identity catalog", (msgid: string) => msgid],
    ["an empty catalog", () => ""],
  ])("with %s the copy is byte-identical to the book, symlinks and modes included", async (_name, translation) => {
    const book = makeBook();
    const po = await catalogFrom(book, translation);
    const out = join(work!, "copy");
    const result = await runInProcess(["translate", book, "-l", "en", "--po", po, "-o", out]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    // Every file but book.toml as the book has it; the catalogs stay out, the picker's two files come in (src/publish/).
    const published = new Set([MANIFEST, "book.toml", "pobook-languages.js", "pobook-languages.css"]);
    expect(snapshotTree(out, (path) => published.has(path))).toEqual(snapshotTree(book, (path) => outsideBuildDir(path) || path === "po" || path.startsWith("po/") || path === "book.toml"));
    expect(readFileSync(join(out, "book.toml"), "utf8")).not.toMatch(/gettext/);
    expect(snapshotTree(out)["src/pictures"]).toBe("link images");
  });

  it("copies what a symlink out of the book points to inside the repository, with a note; skips one out of the repository", async () => {
    const book = makeBook();
    mkdirSync(join(work!, "shared"));
    writeFileSync(join(work!, "shared", "banner.svg"), "<svg/>");
    symlinkSync("../../shared/banner.svg", join(book, "src", "banner.svg"));
    symlinkSync("../../shared", join(book, "src", "shared"));
    const secret = mkdtempSync(join(tmpdir(), "pobook-secret-"));
    writeFileSync(join(secret, "key"), "secret");
    symlinkSync(join(secret, "key"), join(book, "src", "key"));
    symlinkSync(join(book, "src", "logo.png"), join(book, "src", "absolute.png"));
    const result = await runInProcess(["translate", "-l", "fr"], book);
    rmSync(secret, { recursive: true });
    expect(result.status).toBe(0);
    const out = join(book, "book", "fr-src");
    expect(snapshotTree(out)["src/banner.svg"]).toMatch(/^file /);
    expect(readFileSync(join(out, "src", "banner.svg"), "utf8")).toBe("<svg/>");
    expect(readFileSync(join(out, "src", "shared", "banner.svg"), "utf8")).toBe("<svg/>");
    expect(result.stderr).toMatch(/^pobook: src\/banner\.svg: symlink to \.\.\/\.\.\/shared\/banner\.svg points outside the copied book; its content is copied$/m);
    expect(result.stderr).toMatch(/^pobook: src\/key: symlink to .* points outside the book's repository; not copied$/m);
    expect(existsSync(join(out, "src", "key"))).toBe(false);
    // An absolute link into the book would point back at the English sources: it becomes relative.
    expect(snapshotTree(out)["src/absolute.png"]).toBe("link logo.png");
  });

  it("a translated chapter reached through a symlink gets its translation", async () => {
    const book = makeBook();
    // SUMMARY.md names the link; its target is not a chapter, so the link becomes the translated file.
    rmSync(join(book, "src", "alias.md"));
    writeFileSync(join(book, "intro-source.md"), readFileSync(join(book, "src", "intro.md")));
    rmSync(join(book, "src", "intro.md"));
    symlinkSync("../intro-source.md", join(book, "src", "intro.md"));
    expect((await runInProcess(["translate", "-l", "de"], book)).status).toBe(0);
    const out = join(book, "book", "de-src");
    expect(readFileSync(join(out, "src", "intro.md"), "utf8")).toContain("Einführung");
    expect(snapshotTree(out)["src/intro.md"]).toMatch(/^file /);
    expect(readFileSync(join(out, "intro-source.md"), "utf8")).not.toContain("Einführung");
  });

  it("a chapter reached through a symlinked directory: the link is kept and the lost translation reported", async () => {
    const book = makeBook();
    writeFileSync(join(book, "src", "images", "pic.md"), "# Picture\n");
    writeFileSync(join(book, "src", "SUMMARY.md"), `${readFileSync(join(book, "src", "SUMMARY.md"), "utf8")}- [Picture](pictures/pic.md)\n`);
    const po = await catalogFrom(book, (msgid) => `${msgid} FR`);
    const result = await runInProcess(["translate", book, "-l", "fr", "--po", po, "-o", join(work!, "fr")]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^pobook: src\/pictures\/pic\.md: reached through a symlinked directory, which is copied as a symlink; its translation is not written$/m);
    expect(snapshotTree(join(work!, "fr"))["src/pictures"]).toBe("link images");
  });

  it("a read-only book gives a copy pobook can replace: files keep their modes, directories get the owner's rwx", async () => {
    const book = makeBook();
    chmodSync(join(book, "src", "images"), 0o555);
    chmodSync(join(book, "src", "intro.md"), 0o444);
    const out = join(work!, "copy");
    expect((await runInProcess(["translate", book, "-l", "de", "-o", out])).status).toBe(0);
    expect((await runInProcess(["translate", book, "-l", "de", "-o", out])).status).toBe(0);
    const tree = snapshotTree(out);
    chmodSync(join(book, "src", "images"), 0o755);
    expect(tree["src/images"]).toBe("dir 755");
    expect(tree["src/intro.md"]).toMatch(/^file 444 /);
    expect(tree["build.sh"]).toMatch(/^file 755 /);
  });
});
