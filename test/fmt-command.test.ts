import { describe, expect, it } from "vitest";
import gettextParser from "gettext-parser";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePo } from "../src/catalog/parse.js";
import { runInProcess } from "./helpers/cli.js";
import { corpusCatalogs, gnu, HAS_CORPUS } from "./helpers/gnu.js";

/**
 * Other editors' layouts of the same catalog. Each long string is re-split
 * the way translate-toolkit (Weblate) and Poedit 1.x do: `msgid ""` first,
 * then pieces cut after spaces at `width`; flags written fuzzy last.
 */
function rewrap(text: string, width: number): string {
  const out: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = /^(#~ |#\| |#~\| )?(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$/.exec(line);
    if (!start) {
      const flags = /^#, (.*)$/.exec(line);
      if (flags) {
        const list = flags[1]!.split(", ");
        out.push(`#, ${[...list.filter((f) => f !== "fuzzy"), ...list.filter((f) => f === "fuzzy")].join(", ")}`);
      } else out.push(line);
      continue;
    }
    const prefix = start[1] ?? "";
    // The whole value, still escaped, with its continuation lines.
    let value = start[3]!.slice(1, -1);
    while (i + 1 < lines.length && lines[i + 1]!.startsWith(`${prefix}"`)) value += lines[++i]!.slice(prefix.length + 1, -1);
    if (value.length + start[2]!.length + 3 <= width && !value.slice(0, -2).includes("\\n")) {
      out.push(`${prefix}${start[2]} "${value}"`);
      continue;
    }
    out.push(`${prefix}${start[2]} ""`);
    const pieces = value.split(/(?<=\\n)/).flatMap((part) => {
      const cut: string[] = [];
      let rest = part;
      while (rest.length > width) {
        let at = rest.lastIndexOf(" ", width);
        if (at <= 0) at = rest.indexOf(" ", width);
        if (at <= 0) break;
        cut.push(rest.slice(0, at + 1));
        rest = rest.slice(at + 1);
      }
      return [...cut, rest].filter((p) => p !== "");
    });
    for (const piece of pieces) out.push(`${prefix}"${piece}"`);
  }
  return out.join("\n");
}

function variants(text: string, file: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "pobook-fmt-variants-"));
  const source = join(dir, "source.po");
  writeFileSync(source, text);
  const gettextParserLayout = gettextParser.po.compile(gettextParser.po.parse(text), { foldLength: 76 }).toString("utf8");
  return {
    [`${file} as msgcat --no-wrap writes it (Crowdin: long unwrapped lines)`]: gnu("msgcat", ["--no-wrap", source]),
    [`${file} wrapped at 50 columns`]: gnu("msgcat", ["-w", "50", source]),
    [`${file} re-split after spaces at 77, fuzzy last (Weblate/translate-toolkit style)`]: rewrap(text, 77),
    [`${file} re-split at 60 with the X-Generator of Poedit`]: rewrap(text, 60).replace('"Content-Transfer-Encoding: 8bit\\n"', '"Content-Transfer-Encoding: 8bit\\n"\n"X-Generator: Poedit 3.4\\n"'),
    [`${file} as gettext-parser writes it (JavaScript tools)`]: gettextParserLayout,
    [`${file} without its final newline`]: text.replace(/\n$/, ""),
  };
}

async function formatWithCli(text: string): Promise<{ formatted: string; status: number; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), "pobook-fmt-"));
  const file = join(dir, "xx.po");
  writeFileSync(file, text);
  const result = await runInProcess(["fmt", file]);
  return { formatted: readFileSync(file, "utf8"), status: result.status, stdout: result.stdout };
}

const SMALL = `# Translators' notes.
msgid ""
msgstr ""
"Project-Id-Version: Demo\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#. a note for translators
#: src/index.md src/a/very/long/path/to/a/chapter/file/name.md src/another/long/path/to/chapter.md
#, c-format, fuzzy
#| msgid "The old text of this message, long enough to be folded by every editor that folds lines"
msgid "The new text of this message, long enough to be folded by every editor that folds lines, with a link [here](https://example.com/a/b/c)."
msgstr "O novo texto desta mensagem, longo o bastante para ser dobrado por qualquer editor que dobra linhas, com um link [aqui](https://example.com/a/b/c)."

msgid "one file"
msgid_plural "%d files"
msgstr[0] "um arquivo"
msgstr[1] "%d arquivos"

msgid "Line one\\nline two\\n"
msgstr "Linha um\\nlinha dois\\n"

#~ msgid "An obsolete message with a translation"
#~ msgstr "Uma mensagem obsoleta com tradução"
`;

describe("pobook fmt", () => {
  const catalogs: Array<[string, string]> = [["a small catalog", SMALL]];
  if (HAS_CORPUS) for (const file of corpusCatalogs()) catalogs.push([file.split("/").slice(-3).join("/"), readFileSync(file, "utf8")]);

  for (const [name, text] of catalogs) {
    it(`${name}: every other layout becomes exactly what msgcat writes of it, losing no entry`, async () => {
      for (const [layout, variant] of Object.entries(variants(text, name))) {
        const expected = gnu("msgcat", ["-"], variant);
        const { formatted, status } = await formatWithCli(variant);
        expect(status, layout).toBe(0);
        expect(formatted === expected, layout).toBe(true);
        // Nothing lost: the same entries, with the same translations.
        const before = parsePo(variant, "variant.po").entries.filter((e) => !e.obsolete || e.msgstr[0] !== "");
        const after = parsePo(formatted, "formatted.po").entries;
        expect(after.length, layout).toBe(before.length);
        expect(new Set(after.map((e) => `${e.msgctxt}\u0004${e.msgid}\u0000${e.msgstr.join("\u0000")}`)), layout).toEqual(
          new Set(before.map((e) => `${e.msgctxt}\u0004${e.msgid}\u0000${e.msgstr.join("\u0000")}`)),
        );
      }
    }, 240_000);
  }

  it("reads CRLF line ends and writes what msgcat writes of the LF file (msgcat itself keeps stray CRs in comments)", async () => {
    const { formatted } = await formatWithCli(SMALL.replace(/\n/g, "\r\n"));
    expect(formatted).toBe(gnu("msgcat", ["-"], SMALL));
    expect(formatted).not.toContain("\r");
  });

  it("--check: exit 1 naming the files not in GNU layout, nothing written; exit 0 once formatted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-fmt-check-"));
    const good = gnu("msgcat", ["-"], SMALL);
    const bad = rewrap(SMALL, 40);
    writeFileSync(join(dir, "good.po"), good);
    writeFileSync(join(dir, "bad.po"), bad);
    const check = await runInProcess(["fmt", "--check", "good.po", "bad.po"], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toBe("bad.po: not in GNU gettext layout (pobook fmt rewrites it)\n");
    expect(readFileSync(join(dir, "bad.po"), "utf8")).toBe(bad);
    const fmt = await runInProcess(["fmt", "good.po", "bad.po"], dir);
    expect(fmt.status).toBe(0);
    expect(fmt.stdout).toBe("bad.po: reformatted\n1 of 2 files reformatted\n");
    expect(readFileSync(join(dir, "bad.po"), "utf8")).toBe(good);
    expect((await runInProcess(["fmt", "--check", "good.po", "bad.po"], dir)).status).toBe(0);
  });

  it("defaults to the book's po-dir; keeps mode and symlinks (writes through src/catalog-file.ts)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-fmt-book-"));
    writeFileSync(join(dir, "book.toml"), '[book]\ntitle = "T"\n\n[preprocessor.gettext]\npo-dir = "translations"\n');
    mkdirSync(join(dir, "translations"));
    writeFileSync(join(dir, "translations", "real.po"), rewrap(SMALL, 40));
    chmodSync(join(dir, "translations", "real.po"), 0o640);
    symlinkSync("real.po", join(dir, "translations", "de.po"));
    const result = await runInProcess(["fmt", "--book", dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/2 of 2 files reformatted\n$/);
    expect(readFileSync(join(dir, "translations", "real.po"), "utf8")).toBe(gnu("msgcat", ["-"], SMALL));
    expect(statSync(join(dir, "translations", "real.po")).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(dir, "translations", "de.po"), "utf8")).toBe(gnu("msgcat", ["-"], SMALL));
  });

  const bad: Array<[string, string, RegExp]> = [
    ["a git conflict marker", `${SMALL}<<<<<<< HEAD\nmsgid "x"\nmsgstr "y"\n=======\n>>>>>>> other\n`, /^pobook: .*bad\.po:25: git conflict marker '<<<<<<<'/],
    ["a syntax error", `${SMALL}msgid "x"\nmsgstr "y"\nmsgunknown "z"\n`, /^pobook: .*bad\.po:27: syntax error/],
  ];
  for (const [name, text, message] of bad) {
    it(`bad input (${name}): one line, exit 2, no file written`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "pobook-fmt-bad-"));
      const other = rewrap(SMALL, 40);
      writeFileSync(join(dir, "a.po"), other);
      writeFileSync(join(dir, "bad.po"), text);
      const result = await runInProcess(["fmt", "a.po", "bad.po"], dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(readFileSync(join(dir, "a.po"), "utf8")).toBe(other);
    });
  }

  it("a missing file: one line, exit 2", async () => {
    const result = await runInProcess(["fmt", "nope.po"], mkdtempSync(join(tmpdir(), "pobook-fmt-missing-")));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("pobook: nope.po: cannot read: no such file\n");
  });
});
