import { describe, expect, it } from "vitest";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePo, readPoFile } from "../src/catalog/parse.js";
import { serializePo } from "../src/catalog/serialize.js";
import type { Catalog } from "../src/catalog/types.js";
import { corpusCatalogs, gnu, HAS_CORPUS } from "./helpers/gnu.js";
import { makeTree, runCliKilledAfter, runInProcess } from "./helpers/cli.js";
import { catalogText } from "./helpers/catalog-text.js";

const POT = `msgid ""
msgstr ""
"Project-Id-Version: Demo\\n"
"POT-Creation-Date: 2025-05-05T05:05:05+00:00\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

#: src/index.md:1
msgid "Hello, world!"
msgstr ""

#: src/index.md:3
msgid "Rust has no garbage collector, it uses ownership instead."
msgstr ""

#: src/new.md:1
msgid "Installing the toolchain"
msgstr ""
`;

const catalog = (language: string, body: string): string => catalogText(language, body, "nplurals=1; plural=0;");

const DE = catalog(
  "de",
  `msgid "Hello, world!"
msgstr "Hallo, Welt!"

msgid "Rust has no garbage collector, it uses ownership."
msgstr "Rust hat keinen Garbage Collector, es nutzt Ownership."

msgid "An old chapter"
msgstr "Ein altes Kapitel"
`,
);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "pobook-update-"));
  mkdirSync(join(dir, "po"));
  writeFileSync(join(dir, "po", "messages.pot"), POT);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "po", name), text);
  return dir;
}

describe("pobook update", () => {
  it("merges the template into every catalog and reports kept/fuzzy/new/obsolete", async () => {
    const dir = project({ "de.po": DE, "ja.po": catalog("ja", "") });
    const result = await runInProcess(["update"], dir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      "po/de.po: kept 1, fuzzy 1, new 1, obsolete 1; now 1 translated, 1 fuzzy, 1 untranslated, 1 obsolete\n" +
        "po/ja.po: kept 0, fuzzy 0, new 3, obsolete 0; now 0 translated, 0 fuzzy, 3 untranslated, 0 obsolete\n",
    );
    // The totals are the ones `pobook stats` gives for the merged catalogs.
    const stats = JSON.parse((await runInProcess(["stats", "--json"], dir)).stdout) as Array<{ file: string; messages: Record<string, number> }>;
    expect(stats.map((catalog) => [catalog.file, catalog.messages])).toEqual([
      ["po/de.po", { translated: 1, fuzzy: 1, untranslated: 1, obsolete: 1 }],
      ["po/ja.po", { translated: 0, fuzzy: 0, untranslated: 3, obsolete: 0 }],
    ]);
    const de = readFileSync(join(dir, "po", "de.po"), "utf8");
    expect(de).toContain('#, fuzzy\n#| msgid "Rust has no garbage collector, it uses ownership."\n');
    expect(de).toContain('#~ msgid "An old chapter"\n#~ msgstr "Ein altes Kapitel"\n');
    expect(de).toContain('"POT-Creation-Date: 2025-05-05T05:05:05+00:00\\n"');
    expect(gnu("msgcat", [join(dir, "po", "de.po")])).toBe(de);
  });

  it("updates only the named languages; --no-obsolete and --no-fuzzy-matching", async () => {
    const dir = project({ "de.po": DE, "ja.po": catalog("ja", "") });
    const ja = readFileSync(join(dir, "po", "ja.po"), "utf8");
    const result = await runInProcess(["update", "de", "--no-obsolete", "--no-fuzzy-matching"], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("po/de.po: kept 1, fuzzy 0, new 2, obsolete 2; now 1 translated, 0 fuzzy, 2 untranslated, 0 obsolete\n");
    const de = readFileSync(join(dir, "po", "de.po"), "utf8");
    expect(de).not.toContain("#~");
    expect(de).not.toContain("fuzzy");
    expect(readFileSync(join(dir, "po", "ja.po"), "utf8")).toBe(ja);
  });

  it("-l LANG names a language as translate, init and preview do (repeatable, same as LANG)", async () => {
    const byArgument = project({ "de.po": DE, "ja.po": catalog("ja", "") });
    const byOption = project({ "de.po": DE, "ja.po": catalog("ja", "") });
    const ja = readFileSync(join(byOption, "po", "ja.po"), "utf8");
    const expected = await runInProcess(["update", "de"], byArgument);
    const result = await runInProcess(["update", "-l", "de"], byOption);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(expected.stdout);
    expect(readFileSync(join(byOption, "po", "de.po"), "utf8")).toBe(readFileSync(join(byArgument, "po", "de.po"), "utf8"));
    expect(readFileSync(join(byOption, "po", "ja.po"), "utf8")).toBe(ja);
    const both = await runInProcess(["update", "de", "--language", "ja", "-l", "de"], byOption);
    expect(both.stdout.split("\n").filter(Boolean).map((line) => line.split(":")[0])).toEqual(["po/de.po", "po/ja.po"]);
  });

  it("is idempotent: a second update leaves every byte as it was", async () => {
    const dir = project({ "de.po": DE });
    await runInProcess(["update"], dir);
    const once = readFileSync(join(dir, "po", "de.po"), "utf8");
    await runInProcess(["update"], dir);
    expect(readFileSync(join(dir, "po", "de.po"), "utf8")).toBe(once);
  });

  const badInputs: Array<[string, string, RegExp]> = [
    ["syntax error", DE + 'msgid "x"\nmsgstr "y"\nmsgunknown "z"\n', /po\/de\.po:\d+: syntax error/],
    ["unterminated string", DE + 'msgid "x\nmsgstr "y"\n', /po\/de\.po:\d+: unterminated string/],
    ["duplicate msgid", DE + 'msgid "Hello, world!"\nmsgstr "Hallo"\n', /po\/de\.po:\d+: duplicate message definition/],
    ["wrong charset", DE.replace("charset=UTF-8", "charset=ISO-8859-1"), /po\/de\.po:1: unsupported charset/],
    ["a msgid without msgstr (msgfmt's message, issue 10)", DE + 'msgid "x"\n\nmsgid "y"\nmsgstr "z"\n', /po\/de\.po:17: missing 'msgstr' section$/m],
    ["escapes that are not UTF-8", DE + 'msgid "x"\nmsgstr "caf\\xe9"\n', /po\/de\.po:18: incomplete multibyte sequence/],
    ["plural entry without msgstr[0]", DE + 'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\n', /po\/de\.po:\d+: .*without msgstr\[0\]/],
  ];
  for (const [name, text, message] of badInputs) {
    it(`stops on ${name}: one line with file:line, exit 2, no file touched`, async () => {
      const dir = project({ "de.po": text, "ja.po": catalog("ja", "") });
      const ja = readFileSync(join(dir, "po", "ja.po"), "utf8");
      const result = await runInProcess(["update"], dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(readFileSync(join(dir, "po", "de.po"), "utf8")).toBe(text);
      expect(readFileSync(join(dir, "po", "ja.po"), "utf8")).toBe(ja);
    });
  }

  it("with no POT file, extracts the book in memory and stays idempotent across runs", async () => {
    const root = makeTree({
      "book.toml": '[book]\ntitle = "Tiny"\n',
      "src/SUMMARY.md": "- [Intro](intro.md)\n",
      "src/intro.md": "# Intro\n\nHello.\n",
    });
    expect((await runInProcess(["init", "-l", "fr", root], { env: { SOURCE_DATE_EPOCH: "1000" } })).status).toBe(0);
    const created = readFileSync(join(root, "po", "fr.po"), "utf8");
    // Later runs extract with a later date: nothing else changed, so nothing is written.
    const again = await runInProcess(["update", "--book", root], { env: { SOURCE_DATE_EPOCH: "2000" } });
    // Two Markdown messages and book.toml's title.
    expect(again.stdout).toMatch(/fr\.po: kept 3, fuzzy 0, new 0, obsolete 0; now 0 translated, 0 fuzzy, 3 untranslated, 0 obsolete \(unchanged\)/);
    expect(readFileSync(join(root, "po", "fr.po"), "utf8")).toBe(created);
    // A new paragraph is a real change: merged in, with the new date.
    writeFileSync(join(root, "src", "intro.md"), "# Intro\n\nHello.\n\nNew text.\n");
    await runInProcess(["update", "--book", root], { env: { SOURCE_DATE_EPOCH: "3000" } });
    const updated = readFileSync(join(root, "po", "fr.po"), "utf8");
    expect(updated).toContain('msgid "New text."');
    expect(updated).toContain('"POT-Creation-Date: 1970-01-01T00:50:00Z\\n"');
    // The same as JSON, for scripts.
    const json = await runInProcess(["update", "--book", root, "--json"], { env: { SOURCE_DATE_EPOCH: "3000" } });
    expect(JSON.parse(json.stdout)).toEqual([{ catalog: join(root, "po", "fr.po"), changed: false, kept: 4, fuzzy: 0, new: 0, obsolete: 0, autoCleared: 0, refusedCrossKind: 0, totals: { translated: 0, fuzzy: 0, untranslated: 4, obsolete: 0 } }]);
  });

  it("auto-clears trivial msgid changes (--no-auto-clear keeps them fuzzy) and refuses cross-kind matches; --json counts both", async () => {
    const old = catalog(
      "pt-BR",
      'msgid "Call `recv` on the receiver to wait for a value."\nmsgstr "Chame `recv` no receptor para esperar um valor."\n\n' +
        'msgid "// Installing the toolchain first.\\n"\nmsgstr "// Instalando o conjunto de ferramentas primeiro.\\n"\n',
    );
    const pot = POT.replace("Rust has no garbage collector, it uses ownership instead.", "Call `recv()` on the receiver to wait for a value.");
    const dir = project({ "pt-BR.po": old });
    writeFileSync(join(dir, "po", "messages.pot"), pot);
    const kept = await runInProcess(["update", "--no-auto-clear", "--json"], dir);
    expect(JSON.parse(kept.stdout)[0]).toMatchObject({ fuzzy: 1, autoCleared: 0, refusedCrossKind: 1, new: 2 });
    writeFileSync(join(dir, "po", "pt-BR.po"), old);
    const result = await runInProcess(["update"], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      "po/pt-BR.po: kept 0, fuzzy 0, new 2, obsolete 1, auto-cleared 1, cross-kind matches refused 1; now 1 translated, 0 fuzzy, 2 untranslated, 1 obsolete\n",
    );
    const text = readFileSync(join(dir, "po", "pt-BR.po"), "utf8");
    expect(text).toContain('msgid "Call `recv()` on the receiver to wait for a value."\nmsgstr "Chame `recv()` no receptor para esperar um valor."\n');
    expect(text).toContain('msgid "Installing the toolchain"\nmsgstr ""\n');
    expect(gnu("msgcat", [join(dir, "po", "pt-BR.po")])).toBe(text);
  });

  it("names a missing language and a missing template", async () => {
    const dir = project({ "de.po": DE });
    expect((await runInProcess(["update", "fr"], dir)).stderr).toMatch(/po\/fr\.po: no such catalog/);
    expect((await runInProcess(["update", "--pot", "nope.pot"], dir)).stderr).toMatch(/nope\.pot: template not found/);
  });

  it.skipIf(!HAS_CORPUS)("leaves the old file intact when killed mid-run (SIGKILL)", async () => {
    const source = corpusCatalogs().find((f) => f.endsWith("pt-BR.po"))!;
    const newer = corpusCatalogs().find((f) => f.endsWith("bn.po"))!;
    const dir = mkdtempSync(join(tmpdir(), "pobook-kill-"));
    mkdirSync(join(dir, "po"));
    const pot = readPoFile(newer);
    const template: Catalog = { ...pot, entries: pot.entries.map((e) => ({ ...e, msgstr: [""] })) };
    writeFileSync(join(dir, "po", "messages.pot"), serializePo(template));
    const target = join(dir, "po", "pt-BR.po");
    const original = readFileSync(source, "utf8");
    // The complete result, to recognise a finished run.
    copyFileSync(source, target);
    chmodSync(target, 0o644); // the corpus is read-only, which update refuses
    const start = performance.now();
    expect((await runInProcess(["update", "--no-fuzzy-matching"], dir)).status).toBe(0);
    const duration = performance.now() - start;
    const updated = readFileSync(target, "utf8");
    expect(updated).not.toBe(original);

    let killedBeforeEnd = 0;
    for (const fraction of [0.3, 0.5, 0.65, 0.75, 0.85, 0.92, 0.97]) {
      copyFileSync(source, target);
      chmodSync(target, 0o644);
      const outcome = await runCliKilledAfter(["update", "--no-fuzzy-matching"], dir, Math.round(duration * fraction));
      if (outcome === "SIGKILL") killedBeforeEnd++;
      const now = readFileSync(target, "utf8");
      expect(now === original || now === updated, `killed at ${fraction}: file is neither old nor new`).toBe(true);
      parsePo(now, target);
    }
    expect(killedBeforeEnd).toBeGreaterThan(0);
    // Only the catalogs and temporary leftovers of killed runs: never a truncated catalog.
    for (const name of readdirSync(join(dir, "po"))) expect(name).toMatch(/^(messages\.pot|pt-BR\.po|\.pt-BR\.po\.[0-9a-f]+\.tmp)$/);
  });
});
