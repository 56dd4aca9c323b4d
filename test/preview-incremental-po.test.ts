// The preview's incremental catalog parse gives exactly what the full parser gives
// (entries, lines, errors), however the file was edited between two saves.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePo } from "../src/catalog/parse.js";
import { parsePoIncrementally, splitRuns, type RunCache } from "../src/preview/incremental-po.js";
import { hasCorpus, NO_CORPUS, PT_BOOK } from "./helpers/corpus.js";

/** The full parser's verdict: the catalog, or its error line. */
function full(text: string): unknown {
  try {
    return parsePo(text, "x.po");
  } catch (error) {
    return (error as { format(): string }).format();
  }
}

function incremental(text: string, cache: RunCache): { result: unknown; cache: RunCache } {
  try {
    const parsed = parsePoIncrementally(text, "x.po", cache);
    return { result: parsed.catalog, cache: parsed.cache };
  } catch (error) {
    return { result: (error as { format(): string }).format(), cache };
  }
}

const HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n';

describe("parsePoIncrementally", () => {
  test("runs end only after a complete entry; lines are kept", () => {
    const text = `${HEADER}#: a.md\n\nmsgid "a"\nmsgstr "A"\n\n\nmsgid "b"\nmsgstr ""\n"B"\n\n#~ msgid "c"\n#~ msgstr "C"\n`;
    expect(splitRuns(text).map((run) => run.line)).toEqual([1, 4, 9, 14]);
    expect(splitRuns(text).map((run) => run.text).join("")).toBe(text);
  });

  test("edits that cross run boundaries give the full parser's result or error", () => {
    const base = `${HEADER}# comment before a blank line\n\nmsgid "one"\nmsgstr "un"\n\nmsgid "two"\n"continued"\n\nmsgstr "deux"\n\nmsgid "three"\nmsgstr "trois"\n`;
    const edits = [
      base,
      base.replace('msgstr "un"', 'msgstr "uno"'),
      base.replace('msgstr "deux"', 'msgstr "dos"'),
      base.replace('msgid "three"', 'msgid "one"'),
      base.replace('msgstr "trois"', 'msgstr "trois'),
      base.replace("\nmsgid \"one\"", "\n\n\nmsgid \"one\""),
      base,
    ];
    let cache: RunCache = new Map();
    for (const text of edits) {
      const step = incremental(text, cache);
      cache = step.cache;
      expect(step.result).toEqual(full(text));
    }
  });

  test("any sequence of edits to a catalog: the same as parsing each version whole", () => {
    const entry = fc.record({
      comment: fc.option(fc.constantFrom("# note", "#, fuzzy", "#: src/a.md", "#~ msgid \"old\"\n#~ msgstr \"vieux\""), { nil: undefined }),
      msgid: fc.constantFrom("a", "b", "c", "d", "e"),
      msgstr: fc.constantFrom("", "x", "y\\n", 'z"', "broken"),
      blanks: fc.integer({ min: 0, max: 2 }),
    });
    const render = (entries: Array<{ comment?: string; msgid: string; msgstr: string; blanks: number }>): string =>
      HEADER +
      entries
        .map((item) => `${item.comment ? `${item.comment}\n${"\n".repeat(item.blanks)}` : ""}msgid "${item.msgid}"\n${item.msgstr === "broken" ? 'msgstr "broken\n' : `msgstr "${item.msgstr}"\n`}`)
        .join("\n".repeat(1));
    fc.assert(
      fc.property(fc.array(fc.array(entry, { maxLength: 6 }), { minLength: 1, maxLength: 5 }), (versions) => {
        let cache: RunCache = new Map();
        for (const version of versions) {
          const text = render(version);
          const step = incremental(text, cache);
          cache = step.cache;
          expect(step.result).toEqual(full(text));
        }
      }),
      { numRuns: 300 },
    );
  });

  test.skipIf(!hasCorpus)("the corpus pt-BR catalog: cold, after a msgstr edit, an inserted entry, a removed one, a syntax error", () => {
    const text = readFileSync(join(PT_BOOK, "po", "pt-BR.po"), "utf8");
    const versions = [
      text,
      text.replace('msgstr "_Loops_"', 'msgstr "_Laços_"'),
      text.replace('msgid "Loops"', 'msgid "A new entry"\nmsgstr "Uma entrada nova"\n\nmsgid "Loops"'),
      text.replace(/\n#: src\/SUMMARY\.md src\/control-flow-basics\/loops\.md\nmsgid "Loops"\nmsgstr "_Loops_"\n/, ""),
      text.replace('msgstr "_Loops_"', 'msgstr "_Loops_'),
      text,
    ];
    let cache: RunCache = new Map();
    for (const version of versions) {
      const step = incremental(version, cache);
      cache = step.cache;
      expect(JSON.stringify(step.result)).toBe(JSON.stringify(full(version)));
    }
  });
  if (!hasCorpus) console.log(NO_CORPUS);
});
