// `pobook check fr.po` with no -b: the working directory is a plain Markdown book only when it
// also holds po/ (where pobook keeps such a book's catalogs); a folder of unrelated Markdown
// (a home directory, /tmp) is not read for fragment-link.
import { afterAll, describe, expect, test } from "vitest";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { makeTree, runInProcess } from "./helpers/cli.js";

const catalog = `msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n#: a.md:3\nmsgid "See [x](a.md#intro)."\nmsgstr "Voir [x](a.md#nope)."\n`;
const folder = makeTree({ "a.md": "# Intro\n\nSee [x](a.md#intro).\n", "fr.po": catalog });
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const fragmentFindings = (stdout: string): string[] => stdout.split("\n").filter((line) => line.includes("fragment-link"));

describe("check in a folder without book.toml", () => {
  test("the implicit working directory is not read as a book", async () => {
    const result = await runInProcess(["check", "fr.po"], folder);
    expect(result.stdout).toContain("link-target");
    expect(fragmentFindings(result.stdout)).toEqual([]);
  });

  test("-b names it as a plain Markdown book, and po/ makes it one", async () => {
    const explicit = await runInProcess(["check", "fr.po", "-b", "."], folder);
    expect(fragmentFindings(explicit.stdout)).toEqual(['fr.po:6: fragment-link: link to a.md#nope: no heading or id "nope" in a.md']);
    mkdirSync(join(folder, "po"));
    renameSync(join(folder, "fr.po"), join(folder, "po", "fr.po"));
    const withPo = await runInProcess(["check"], folder);
    expect(fragmentFindings(withPo.stdout)).toEqual(['po/fr.po:6: fragment-link: link to a.md#nope: no heading or id "nope" in a.md']);
  });
});
