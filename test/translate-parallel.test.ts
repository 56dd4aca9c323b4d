// translate --all on several threads (src/runtime/translate-pool.ts) writes what one thread writes.
import { afterEach, describe, expect, test } from "vitest";
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInProcess } from "./helpers/cli.js";

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "translate-book");
let work: string | undefined;

afterEach(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  work = undefined;
});

/** The fixture book with a third catalog (es: de's translations under another language code). */
function threeLanguageBook(): string {
  work = mkdtempSync(join(tmpdir(), "pobook-parallel-"));
  const book = join(work, "book");
  cpSync(FIXTURE, book, { recursive: true });
  writeFileSync(join(book, "po", "es.po"), readFileSync(join(book, "po", "de.po"), "utf8").replace("Language: de", "Language: es"));
  return book;
}

/** Every entry under `dir`: kind, mode and bytes (or link target), by relative path. */
function snapshot(dir: string, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    const key = prefix + name;
    if (stat.isSymbolicLink()) entries.set(key, `link ${readlinkSync(path)}`);
    else if (stat.isDirectory()) {
      entries.set(key, `dir ${stat.mode.toString(8)}`);
      for (const [inner, value] of snapshot(path, `${key}/`)) entries.set(inner, value);
    } else entries.set(key, `file ${stat.mode.toString(8)} ${readFileSync(path).toString("base64")}`);
  }
  return entries;
}

describe("translate --all in parallel", () => {
  test("several threads write byte-identical trees and print the summaries in language order", async () => {
    const book = threeLanguageBook();
    const one = await runInProcess(["translate", book, "--all", "--no-cache", "-j", "1", "-o", join(work!, "one")]);
    const three = await runInProcess(["translate", book, "--all", "--no-cache", "-j", "3", "-o", join(work!, "three")]);
    expect(one.status).toBe(0);
    expect(three.status).toBe(0);
    expect(snapshot(join(work!, "three"))).toEqual(snapshot(join(work!, "one")));
    expect(snapshot(join(work!, "one")).size).toBeGreaterThan(20);
    expect(three.stdout.replaceAll(join(work!, "three"), "OUT")).toBe(one.stdout.replaceAll(join(work!, "one"), "OUT"));
    expect(three.stderr.replaceAll(join(work!, "three"), "OUT")).toBe(one.stderr.replaceAll(join(work!, "one"), "OUT"));
    const languages = three.stdout.split("\n").filter((line) => / applied, /.test(line)).map((line) => line.split(":")[0]);
    expect(languages).toEqual(["de", "es", "fr"]);
  });

  test("the threads' translations are cached: a second run reads them back and writes the same trees", async () => {
    const book = threeLanguageBook();
    const cache = join(work!, "cache");
    const cold = await runInProcess(["translate", book, "--all", "--cache-dir", cache, "-j", "3", "-o", join(work!, "cold")]);
    expect(cold.status).toBe(0);
    expect(readdirSync(cache).filter((name) => name.startsWith("translation")).length).toBe(3);
    const warm = await runInProcess(["translate", book, "--all", "--cache-dir", cache, "-j", "3", "-o", join(work!, "warm")]);
    expect(warm.status).toBe(0);
    expect(snapshot(join(work!, "warm"))).toEqual(snapshot(join(work!, "cold")));
    expect(warm.stdout.replaceAll(join(work!, "warm"), "OUT")).toBe(cold.stdout.replaceAll(join(work!, "cold"), "OUT"));
  });

  test("a bad catalog stops the run with its file and line, and no language is written", async () => {
    const book = threeLanguageBook();
    const es = join(book, "po", "es.po");
    const lines = readFileSync(es, "utf8").split("\n");
    const bad = lines.findIndex((line) => line.startsWith("msgid \"first\""));
    lines[bad] = "msgid \"first";
    writeFileSync(es, lines.join("\n"));
    const out = join(work!, "out");
    const result = await runInProcess(["translate", book, "--all", "--no-cache", "-j", "3", "-o", out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`es\\.po:${bad + 1}: `));
    expect(result.stdout).toBe("");
    for (const language of ["de", "es", "fr"]) expect(existsSync(join(out, language))).toBe(false);
  });

  test("--jobs must be a positive integer", async () => {
    const book = threeLanguageBook();
    const result = await runInProcess(["translate", book, "--all", "-j", "0", "-o", join(work!, "out")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--jobs must be a positive integer");
  });
});
