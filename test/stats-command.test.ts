// `pobook stats` through the real CLI, against GNU msgfmt --statistics.
import { spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { CatalogStats } from "../src/stats/compute.js";
import { corpusCatalogs, HAS_CORPUS } from "./helpers/gnu.js";
import { runInProcess } from "./helpers/cli.js";

const MIXED = join(import.meta.dirname, "..", "fixtures", "stats", "mixed.po");
/** A small book whose po/de.po was translated from an older version of its sources. */
const BOOK = join(import.meta.dirname, "..", "fixtures", "stats", "book");

/** msgfmt's own figures: "N translated messages, M fuzzy translations, K untranslated messages." */
function msgfmtStatistics(file: string): { translated: number; fuzzy: number; untranslated: number } {
  const result = spawnSync("msgfmt", ["--statistics", "-o", "/dev/null", file], { encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });
  expect(result.status, result.stderr).toBe(0);
  const figure = (pattern: RegExp): number => Number(pattern.exec(result.stderr)?.[1] ?? 0);
  return {
    translated: figure(/(\d+) translated message/),
    fuzzy: figure(/(\d+) fuzzy translation/),
    untranslated: figure(/(\d+) untranslated message/),
  };
}

async function statsJson(args: string[], cwd?: string): Promise<CatalogStats[]> {
  const result = await runInProcess(["stats", "--json", ...args], { cwd });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as CatalogStats[];
}

const counts = (stats: CatalogStats): { translated: number; fuzzy: number; untranslated: number } => ({
  translated: stats.messages.translated,
  fuzzy: stats.messages.fuzzy,
  untranslated: stats.messages.untranslated,
});

describe("figures equal msgfmt --statistics", () => {
  test("a catalog with every state (fuzzy without msgstr, half-translated plurals, msgctxt, obsolete)", async () => {
    const [stats] = await statsJson([MIXED]);
    expect(counts(stats!)).toEqual(msgfmtStatistics(MIXED));
    expect(stats!.messages.obsolete).toBe(1);
    expect(stats!.language).toBe("de");
  });

  test.skipIf(!HAS_CORPUS)(HAS_CORPUS ? "every corpus catalog" : "every corpus catalog: skipped, ../shared/corpus is absent", async () => {
    const catalogs = corpusCatalogs();
    expect(catalogs.length).toBeGreaterThanOrEqual(2);
    const stats = await statsJson(catalogs);
    expect(stats.map(counts)).toEqual(catalogs.map(msgfmtStatistics));
    // The corpus READMEs' own figures: pt-BR has 765 obsolete entries.
    const ptBR = stats.find((catalog) => catalog.file.endsWith("pt-BR.po"))!;
    expect(ptBR.messages.obsolete).toBe(765);
    expect(ptBR.percent).toBe(100);
  });
});

describe("output forms", () => {
  test("terminal table: aligned, no colour when not a TTY, NO_COLOR irrelevant", async () => {
    const result = await runInProcess(["stats", MIXED]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Catalog\s+Language\s+Translated\s+Fuzzy\s+Untranslated\s+Obsolete\s+Words\s+Complete$/);
    expect(lines[1]).toContain("42.8%");
    expect(lines[1]!.indexOf("42.8%") + "42.8%".length).toBe(lines[0]!.length);
    expect(result.stdout).not.toContain("\u001b[");
  });

  test("colour on a terminal (util-linux script gives one), none under NO_COLOR", async () => {
    const cli = join(import.meta.dirname, "..", "dist", "bundle", "pobook.js");
    // dist/ is built by test/global-setup.ts when a source is newer.
    const onTty = (env: NodeJS.ProcessEnv): string =>
      spawnSync("script", ["-qec", `${process.execPath} ${cli} stats ${MIXED}`, "/dev/null"], { encoding: "utf8", env: { ...process.env, ...env } }).stdout;
    const colored = onTty({ NO_COLOR: "" });
    expect(colored).toContain("\u001b[1mCatalog");
    expect(colored).toMatch(/\u001b\[31m +42\.8%\u001b\[0m/);
    const plain = onTty({ NO_COLOR: "1" });
    expect(plain).toContain("Catalog");
    expect(plain).not.toContain("\u001b[");
  });

  test("--by-chapter from #: references", async () => {
    const [stats] = await statsJson(["--by-chapter", MIXED]);
    expect(stats!.chapters.map((chapter) => [chapter.chapter, chapter.messages.translated, chapter.messages.fuzzy, chapter.messages.untranslated])).toEqual([
      ["src/SUMMARY.md", 1, 0, 0],
      ["src/index.md", 1, 1, 1],
      ["src/ownership.md", 1, 0, 2],
      ["(no reference)", 1, 0, 0],
    ]);
    const text = (await runInProcess(["stats", "--by-chapter", MIXED])).stdout;
    expect(text).toMatch(/\n {2}src\/ownership\.md\s+1\s+0\s+2\s+\d+\/\d+\s+33\.3%\n/);
  });

  test("default: po/*.po of the current directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-stats-"));
    try {
      mkdirSync(join(dir, "po"));
      copyFileSync(MIXED, join(dir, "po", "de.po"));
      copyFileSync(MIXED, join(dir, "po", "at.po"));
      expect((await statsJson([], dir)).map((stats) => stats.file)).toEqual([join("po", "at.po"), join("po", "de.po")]);
      const html = join(dir, "report.html");
      expect((await runInProcess(["stats", "--html", html], { cwd: dir })).status).toBe(0);
      expect(readFileSync(html, "utf8")).toContain('<tr data-language="de">');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a broken catalog: one line naming file and line, exit 2, no report written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-stats-"));
    try {
      const bad = join(dir, "bad.po");
      const html = join(dir, "report.html");
      copyFileSync(MIXED, bad);
      appendFileSync(bad, '\nmsgid "unterminated\n');
      const result = await runInProcess(["stats", "--html", html, MIXED, bad]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^pobook: ${bad}:\\d+: .+\\n$`));
      expect(result.stdout).toBe("");
      expect(() => readFileSync(html)).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("--against-sources", () => {
  test("each catalog as GNU msgmerge --previous would merge the book's current template, nothing written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-stats-sources-"));
    try {
      const catalog = join(BOOK, "po", "de.po");
      const before = readFileSync(catalog, "utf8");
      const pot = join(dir, "messages.pot");
      expect((await runInProcess(["extract", BOOK, "-o", pot])).status).toBe(0);
      const merged = join(dir, "de.po");
      const gnu = spawnSync("msgmerge", ["-q", "--previous", catalog, pot, "-o", merged], { encoding: "utf8" });
      expect(gnu.status, gnu.stderr).toBe(0);

      const [stats] = await statsJson(["--against-sources", "--by-chapter", "--book", BOOK]);
      expect(stats!.file).toBe(catalog);
      expect(counts(stats!)).toEqual(msgfmtStatistics(merged));
      expect(stats!.messages.obsolete).toBe(readFileSync(merged, "utf8").match(/^#~ msgid /gm)!.length);
      // The figures differ from the catalog's own: one new sentence, one edited (fuzzy), one removed.
      expect(counts((await statsJson([catalog]))[0]!)).toEqual({ translated: 6, fuzzy: 0, untranslated: 0 });
      // book.toml holds the title, a message of the template too.
      expect(stats!.chapters.map((chapter) => chapter.chapter)).toEqual(["src/SUMMARY.md", "src/intro.md", "src/ownership.md", "book.toml"]);
      expect(stats!.potCreationDate).toBe("2024-01-01T00:00:00+00:00");
      expect(readFileSync(catalog, "utf8")).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("no book.toml: one line, exit 2", async () => {
    const result = await runInProcess(["stats", "--against-sources", "--book", join(BOOK, "src"), MIXED]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`pobook: ${join(BOOK, "src", "book.toml")}: no book.toml (give the book directory)\n`);
  });
});
