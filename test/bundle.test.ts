// The executable users run is the bundle (scripts/bundle.mjs), while in-process tests run tsc's
// modules: the bundle must do the same, worker threads and caches included.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, makeTree, runInProcess, type CliResult } from "./helpers/cli.js";

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "translate-book");
let work: string;
let book: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "pobook-bundle-"));
  book = join(work, "book");
  cpSync(FIXTURE, book, { recursive: true });
  writeFileSync(join(book, "po", "es.po"), readFileSync(join(book, "po", "de.po"), "utf8").replace("Language: de", "Language: es"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function bundle(args: string[]): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Relative path → bytes of every file under `dir`. */
function files(dir: string, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const [inner, bytes] of files(path, `${prefix}${entry.name}/`)) found.set(inner, bytes);
    else found.set(prefix + entry.name, readFileSync(path, "base64"));
  }
  return found;
}

describe("the bundled executable", () => {
  test("is the package's bin", () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(join(import.meta.dirname, "..", manifest.bin.pobook!)).toBe(CLI);
    expect(bundle(["--version"]).stdout.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")).version);
  });

  test("extract on worker threads, cold then from its cache, writes what tsc's modules write on one thread", async () => {
    // Workers start from 16 chapters (src/runtime/extract-pool.ts): a book of 24.
    const chapters = Array.from({ length: 24 }, (_, index) => `chapter-${index}`);
    const many = makeTree({
      "book.toml": "[book]\ntitle = \"Many\"\n",
      "src/SUMMARY.md": `# Summary\n\n${chapters.map((name) => `- [${name}](${name}.md)`).join("\n")}\n`,
      "src/shared.rs": "// ANCHOR: main\nfn main() {\n    println!(\"shared {}\", 1); // a comment\n}\n// ANCHOR_END: main\n",
      ...Object.fromEntries(chapters.map((name, index) => [`src/${name}.md`, `# Chapter ${index}\n\nText *${index}* with [a link](https://example.com/${index}).\n\n- item ${index}\n- other\n\n\`\`\`rust\n{{#include shared.rs:main}}\n\`\`\`\n`])),
    });
    const env = { SOURCE_DATE_EPOCH: "0" };
    const expected = await runInProcess(["extract", many, "--no-cache", "-j", "1", "-o", join(work, "one.pot")], { env });
    expect(expected.status).toBe(0);
    const cache = join(work, "extract-cache");
    for (const run of ["cold", "warm"]) {
      const result = spawnSync(process.execPath, [CLI, "extract", many, "--cache-dir", cache, "-j", "3", "-o", join(work, `${run}.pot`)], { encoding: "utf8", env: { ...process.env, ...env } });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(readFileSync(join(work, `${run}.pot`), "utf8")).toBe(readFileSync(join(work, "one.pot"), "utf8"));
    }
    expect(readdirSync(cache).some((name) => name.startsWith("chapters"))).toBe(true);
    expect(readFileSync(join(work, "one.pot"), "utf8")).toContain('msgid "Chapter 23"');
    rmSync(many, { recursive: true, force: true });
  });

  test("translate --all on worker threads writes the trees tsc's modules write on one thread", async () => {
    const one = await runInProcess(["translate", book, "--all", "--no-cache", "-j", "1", "-o", join(work, "tr-one")]);
    const three = bundle(["translate", book, "--all", "--no-cache", "-j", "3", "-o", join(work, "tr-three")]);
    expect(one.status).toBe(0);
    expect(three.status).toBe(0);
    expect(files(join(work, "tr-three"))).toEqual(files(join(work, "tr-one")));
    expect(three.stdout.replaceAll("tr-three", "OUT")).toBe(one.stdout.replaceAll("tr-one", "OUT"));
  });

  test("update on worker threads merges as tsc's modules do on one thread", async () => {
    const pot = join(work, "update.pot");
    expect((await runInProcess(["extract", book, "--no-cache", "-o", pot])).status).toBe(0);
    for (const name of ["one", "three"]) cpSync(join(book, "po"), join(work, `po-${name}`), { recursive: true });
    const one = await runInProcess(["update", "-b", book, "--po-dir", join(work, "po-one"), "--pot", pot, "-j", "1"]);
    const three = bundle(["update", "-b", book, "--po-dir", join(work, "po-three"), "--pot", pot, "-j", "3"]);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/es\.po/);
    expect(three.stderr).toBe(one.stderr.replaceAll("po-one", "po-three"));
    expect(three.status).toBe(0);
    expect(files(join(work, "po-three"))).toEqual(files(join(work, "po-one")));
  });
});
