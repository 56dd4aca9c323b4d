// translate does not stop for an include it cannot expand (mdBook logs it and goes on), but says
// each one with its file and line, once per run, also when the translation comes from the cache.
import { afterAll, describe, expect, test } from "vitest";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { makeTree, runInProcess } from "./helpers/cli.js";

const catalog = (language: string, msgstr: string): string =>
  `msgid ""\nmsgstr ""\n"Language: ${language}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Text."\nmsgstr "${msgstr}"\n`;

const book = makeTree({
  "book.toml": '[book]\ntitle = "T"\n',
  "src/SUMMARY.md": "# Summary\n\n- [A](a.md)\n- [B](b.md)\n",
  "src/a.md": "# A\n\nText.\n\n{{#include missing.md}}\n\n{{#include a.md}}\n",
  "src/b.md": "# B\n\n```rust\n{{#rustdoc_include gone.rs}}\n```\n",
  "po/fr.po": catalog("fr", "Texte."),
  "po/de.po": catalog("de", "Text (de)."),
});
afterAll(() => rmSync(book, { recursive: true, force: true }));

const PROBLEMS = [
  "pobook: src/a.md:5: cannot read included file src/missing.md (ENOENT); the directive is kept as written (mdBook reports it when it builds)",
  "pobook: src/a.md:7: {{#include}} cycle: src/a.md -> src/a.md; the directive is kept as written (mdBook reports it when it builds)",
  "pobook: src/b.md:4: cannot read included file src/gone.rs (ENOENT); the directive is kept as written (mdBook reports it when it builds)",
];

describe("translate and includes it cannot expand", () => {
  test("each is said once per run with its line, cold and from the cache, and the copy keeps the directive", async () => {
    const cache = join(book, ".cache");
    for (const run of ["cold", "warm"]) {
      const result = await runInProcess(["translate", book, "--all", "--force", "--cache-dir", cache, "-o", join(book, "book", run)]);
      expect(result.status).toBe(0);
      expect(result.stderr.trim().split("\n").sort()).toEqual(PROBLEMS);
      expect(result.stdout).toMatch(/^de: /m);
      expect(result.stdout).toMatch(/^fr: 1 applied/m);
      expect(readFileSync(join(book, "book", run, "fr", "src", "a.md"), "utf8")).toBe("# A\n\nTexte.\n\n{{#include missing.md}}\n\n{{#include a.md}}\n");
    }
  });

  test("--json gives them with each language", async () => {
    const result = await runInProcess(["translate", book, "-l", "fr", "--json", "--no-cache", "-o", join(book, "book", "json")]);
    expect(result.status).toBe(0);
    const [report] = JSON.parse(result.stdout) as Array<{ includeProblems: Array<{ file: string; line: number; message: string }> }>;
    expect(report!.includeProblems.map((problem) => `${problem.file}:${problem.line}`)).toEqual(["src/a.md:5", "src/a.md:7", "src/b.md:4"]);
  });
});
