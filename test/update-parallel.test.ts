// `pobook update` of several catalog files on worker threads writes what one thread writes, and fails as it fails.
import { describe, expect, it } from "vitest";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInProcess } from "./helpers/cli.js";
import { BN_BOOK, hasCorpus, PT_BOOK } from "./helpers/corpus.js";
import { catalogText } from "./helpers/catalog-text.js";

const POT = `msgid ""
msgstr ""
"Project-Id-Version: Demo\\n"
"POT-Creation-Date: 2025-05-05T05:05:05+00:00\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#: src/index.md:1
msgid "Hello, world!"
msgstr ""

#: src/index.md:3
msgid "Rust has no garbage collector, it uses ownership instead."
msgstr ""

#: src/index.md:5
msgid "One crab"
msgid_plural "%d crabs"
msgstr[0] ""
msgstr[1] ""

#: src/new.md:1
msgid "Installing the toolchain"
msgstr ""
`;

const catalog = (language: string, body: string): string => catalogText(language, body);

/** Catalogs that take every path of the merge: kept, fuzzy, new, obsolete, plural, unchanged. */
const CATALOGS: Record<string, string> = {
  "de.po": catalog("de", 'msgid "Hello, world!"\nmsgstr "Hallo, Welt!"\n\nmsgid "Rust has no garbage collector, it uses ownership."\nmsgstr "Rust hat keinen Garbage Collector."\n\nmsgid "An old chapter"\nmsgstr "Ein altes Kapitel"\n'),
  "es.po": catalog("es", 'msgid "One crab"\nmsgid_plural "%d crabs"\nmsgstr[0] "Un cangrejo"\nmsgstr[1] "%d cangrejos"\n'),
  "fr.po": catalog("fr", ""),
  "ja.po": catalog("ja", '#, fuzzy\nmsgid "Hello, world"\nmsgstr "こんにちは"\n\n#~ msgid "Gone"\n#~ msgstr "消えた"\n'),
  "pt-BR.po": catalog("pt-BR", 'msgid "Installing the toolchain"\nmsgstr "Instalando"\n'),
};

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "pobook-update-parallel-"));
  mkdirSync(join(dir, "po"));
  writeFileSync(join(dir, "po", "messages.pot"), POT);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "po", name), text);
  return dir;
}

function catalogs(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(join(dir, "po")).map((name) => [name, readFileSync(join(dir, "po", name), "utf8")]));
}

/** The same update on one thread and on `jobs`: stdout, exit status and every byte of every catalog. */
async function both(files: Record<string, string>, args: string[], jobs: number) {
  const runs = [];
  for (const threads of [1, jobs]) {
    const dir = project(files);
    const result = await runInProcess(["update", ...args, "--jobs", String(threads)], dir);
    runs.push({ ...result, catalogs: catalogs(dir) });
  }
  return runs;
}

describe("pobook update on several threads", () => {
  it("writes byte for byte what one thread writes, with the same report", async () => {
    for (const args of [[], ["--no-fuzzy-matching"], ["--no-obsolete"], ["--json"]]) {
      const [one, many] = await both(CATALOGS, args, 3);
      expect(one!.status).toBe(0);
      expect(many).toEqual(one);
      // The merge did happen: catalogs changed.
      expect(one!.catalogs["fr.po"]).toContain('msgid "Installing the toolchain"');
      expect(one!.catalogs["fr.po"]).not.toBe(CATALOGS["fr.po"]);
    }
  });

  it("reports the first bad catalog in path order, as one thread does, and writes none", async () => {
    const bad = { ...CATALOGS, "es.po": CATALOGS["es.po"] + 'msgid "x"\nmsgstr "y"\nmsgunknown "z"\n', "ja.po": CATALOGS["ja.po"] + 'msgid "x\n' };
    const [one, many] = await both(bad, [], 4);
    expect(one!.status).toBe(2);
    expect(one!.stderr).toMatch(/po\/es\.po:\d+: syntax error/);
    expect(many).toEqual(one);
    expect(many!.catalogs).toEqual({ ...bad, "messages.pot": POT });
  });

  it.runIf(hasCorpus)("updates copies of the stale pt-BR corpus catalog with fuzzy matching as one thread does", async () => {
    const stale = readFileSync(join(PT_BOOK, "po", "pt-BR.po"), "utf8");
    const pot = join(mkdtempSync(join(tmpdir(), "pobook-update-parallel-pot-")), "messages.pot");
    expect((await runInProcess(["extract", BN_BOOK, "-o", pot])).status).toBe(0);
    const runs = [];
    for (const jobs of [1, 2]) {
      const dir = mkdtempSync(join(tmpdir(), "pobook-update-parallel-corpus-"));
      mkdirSync(join(dir, "po"));
      cpSync(pot, join(dir, "po", "messages.pot"));
      writeFileSync(join(dir, "po", "pt-BR.po"), stale);
      writeFileSync(join(dir, "po", "pt-PT.po"), stale.replace(/^msgstr "(.+)"$/m, 'msgstr "$1 (pt-PT)"'));
      const result = await runInProcess(["update", "--jobs", String(jobs)], dir);
      runs.push({ ...result, catalogs: catalogs(dir) });
    }
    expect(runs[0]!.status).toBe(0);
    expect(runs[0]!.stdout).toMatch(/fuzzy [1-9]/);
    expect(runs[1]).toEqual(runs[0]);
  });
});
