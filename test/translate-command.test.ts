import { afterEach, describe, expect, test, vi } from "vitest";
import { Command } from "commander";
import { cpSync, mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registerTranslate } from "../src/commands/translate.js";

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "translate-book");
let work: string | undefined;

afterEach(() => {
  vi.restoreAllMocks();
  if (work) rmSync(work, { recursive: true, force: true });
  work = undefined;
});

async function run(args: string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const program = new Command().exitOverride();
  registerTranslate(program);
  await program.parseAsync(["node", "pobook", "translate", ...args]);
  vi.restoreAllMocks();
  return { stdout, stderr };
}

function copyFixture(): string {
  work = mkdtempSync(join(tmpdir(), "pobook-translate-"));
  cpSync(FIXTURE, join(work, "book"), { recursive: true });
  return join(work, "book");
}

describe("pobook translate", () => {
  test("-l de writes a complete translated copy to book/de-src", async () => {
    const book = copyFixture();
    const { stdout, stderr } = await run([book, "-l", "de"]);
    const out = join(book, "book", "de-src");
    // Ready for plain `mdbook build`: no gettext preprocessor, the language picker added (src/publish/).
    expect(readFileSync(join(out, "book.toml"), "utf8")).toBe(
      '[book]\ntitle = "Demo"\nlanguage = "de" # source language\nsrc = "src"\n\n[output.html]\nadditional-js = ["pobook-languages.js"]\nadditional-css = ["pobook-languages.css"]\n',
    );
    expect(readFileSync(join(out, "src", "SUMMARY.md"), "utf8")).toBe("# Summary\n\n[Einführung](intro.md)\n\n# Teil Eins\n\n- [Code](code.md)\n");
    expect(readFileSync(join(out, "src", "intro.md"), "utf8")).toBe(
      "# Einführung { #intro }\n\n> Willkommen  \n> im Buch.\n\n| Name | Meaning |\n|------|---------|\n| one  | first   |\n",
    );
    // The chapter keeps its include; the included file is translated.
    expect(readFileSync(join(out, "src", "code.md"), "utf8")).toBe(readFileSync(join(book, "src", "code.md"), "utf8"));
    expect(readFileSync(join(out, "src", "hello.rs"), "utf8")).toBe(
      '// ANCHOR: main\nfn main() {\n    // Einen Gruß ausgeben.\n    println!("Hallo");\n}\n// ANCHOR_END: main\n',
    );
    expect(readFileSync(join(out, "src", "logo.png"))).toEqual(readFileSync(join(book, "src", "logo.png")));
    expect(existsSync(join(out, "po"))).toBe(false);
    expect(stdout).toMatch(/^de: 5 applied, 1 fuzzy skipped, 4 untranslated, 1 not applied, 1 warnings -> /);
    expect(stderr).toMatch(/de\.po:15: src\/intro\.md:8: a table cell translation must escape/);
  });

  test("--all translates every catalog; --threshold keeps thin chapters in the source language", async () => {
    const book = copyFixture();
    const out = join(work!, "out");
    const { stdout } = await run([book, "--all", "-o", out, "--threshold", "50"]);
    expect(stdout.split("\n").filter((line) => / applied, /.test(line)).map((line) => line.split(":")[0])).toEqual(["de", "fr"]);
    // Written in the source language, with a note saying so in the reader's language.
    expect(readFileSync(join(out, "fr", "src", "intro.md"), "utf8")).toBe(
      `<div class="pobook-untranslated" role="note" lang="fr" dir="ltr">🌐 anglais</div>\n\n${readFileSync(join(book, "src", "intro.md"), "utf8")}`,
    );
    expect(stdout).toMatch(/\nfr: 2 chapters below 50% written in en: src\/intro\.md, src\/code\.md$/m);
    expect(stdout).toMatch(/^de: 2 chapters below 50% written in en: src\/intro\.md, src\/code\.md$/m);
    expect(readFileSync(join(out, "de", "book.toml"), "utf8")).toContain('language = "de" # source language');
  });

  test("a chapter with a byte-order mark keeps it and is translated", async () => {
    const book = copyFixture();
    const intro = join(book, "src", "intro.md");
    writeFileSync(intro, `\uFEFF${readFileSync(intro, "utf8")}`);
    const { stdout } = await run([book, "-l", "de"]);
    expect(readFileSync(join(book, "book", "de-src", "src", "intro.md"), "utf8")).toMatch(/^\uFEFF# Einführung \{ #intro \}\n/);
    expect(stdout).toMatch(/^de: 5 applied, /);
  });

  test("a missing catalog is a usage error and writes nothing", async () => {
    const book = copyFixture();
    await expect(run([book, "-l", "xx"])).rejects.toMatchObject({ file: expect.stringMatching(/xx\.po$/), exitCode: 2 });
    expect(existsSync(join(book, "book"))).toBe(false);
  });

  test("--json reports every language for scripts", async () => {
    const book = copyFixture();
    const { stdout } = await run([book, "--all", "--json"]);
    const report = JSON.parse(stdout) as Array<{ language: string; messages: number; applied: number; fuzzy: number; untranslated: number; notApplied: number; warnings: unknown[] }>;
    expect(report.map((entry) => entry.language)).toEqual(expect.arrayContaining(["de"]));
    for (const entry of report) {
      expect(entry.applied + entry.untranslated).toBeGreaterThan(0);
      // The counts are over the source book's messages and add up.
      expect(entry.applied + entry.fuzzy + entry.untranslated + entry.notApplied).toBe(entry.messages);
    }
  });

  test("a chapter listed but absent (create-missing = false) names its SUMMARY.md line and writes nothing", async () => {
    const book = copyFixture();
    writeFileSync(join(book, "book.toml"), `${readFileSync(join(book, "book.toml"), "utf8")}\n[build]\ncreate-missing = false\n`);
    const summary = join(book, "src", "SUMMARY.md");
    writeFileSync(summary, `${readFileSync(summary, "utf8")}- [Gone](gone.md)\n`);
    const line = readFileSync(summary, "utf8").trimEnd().split("\n").length;
    await expect(run([book, "-l", "de"])).rejects.toMatchObject({ file: "src/SUMMARY.md", line, exitCode: 2 });
    expect(existsSync(join(book, "book"))).toBe(false);
  });
});
