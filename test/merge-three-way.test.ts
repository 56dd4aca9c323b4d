import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePo, readPoFile } from "../src/catalog/parse.js";
import { serializePo } from "../src/catalog/serialize.js";
import { conflictComments, threeWayMerge } from "../src/catalog/three-way-merge.js";
import { cloneEntry, entryKey, isFuzzy, newEntry, type Catalog, type PoEntry } from "../src/catalog/types.js";
import { CLI, runInProcess } from "./helpers/cli.js";
import { gnu } from "./helpers/gnu.js";
import { PT_BOOK, hasCorpus } from "./helpers/corpus.js";

const HEADER = `msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
`;

const po = (body: string) => parsePo(`${HEADER}\n${body}`, "test.po");
const find = (catalog: Catalog, msgid: string) => catalog.entries.find((e) => e.msgid === msgid);

/** A translated entry (non-fuzzy, every msgstr filled), obsolete ones included. */
const translated = (e: PoEntry) => !isFuzzy(e) && e.msgstr.every((s) => s !== "");

/**
 * Every translated entry of `side` is in `result`, with the same msgstr or
 * recorded in a conflict comment; except a translation the side left as in
 * `base` that the other side replaced by another translation (a normal edit).
 */
function lostTranslations(base: Catalog, side: Catalog, result: Catalog): PoEntry[] {
  const byKey = new Map(result.entries.map((e) => [entryKey(e), e]));
  const baseBy = new Map(base.entries.map((e) => [entryKey(e), e]));
  return side.entries.filter((e) => {
    if (!translated(e)) return false;
    const there = byKey.get(entryKey(e));
    if (there === undefined) return true;
    if (JSON.stringify(there.msgstr) === JSON.stringify(e.msgstr)) return false;
    const original = baseBy.get(entryKey(e));
    if (original && JSON.stringify(original.msgstr) === JSON.stringify(e.msgstr) && translated(there)) return false;
    return !conflictComments(e.msgstr, e.msgidPlural !== undefined).every((line) => there.translatorComments.includes(line));
  });
}

describe("three-way merge of catalogs", () => {
  const base = po(`msgid "a"\nmsgstr ""\n\nmsgid "b"\nmsgstr "B"\n\nmsgid "c"\nmsgstr "C"\n\nmsgid "d"\nmsgstr ""\n\nmsgid "e"\nmsgstr "E"\n`);

  it("a translation beats none, non-fuzzy beats fuzzy, a change beats no change", () => {
    const ours = po(`msgid "a"\nmsgstr "A"\n\nmsgid "b"\nmsgstr "B"\n\n#, fuzzy\nmsgid "c"\nmsgstr "C?"\n\nmsgid "d"\nmsgstr ""\n\nmsgid "e"\nmsgstr ""\n`);
    const theirs = po(`msgid "a"\nmsgstr ""\n\nmsgid "b"\nmsgstr "B2"\n\nmsgid "c"\nmsgstr "C3"\n\nmsgid "d"\nmsgstr "D"\n\nmsgid "e"\nmsgstr "E"\n`);
    const { catalog, stats, conflicts } = threeWayMerge(base, ours, theirs);
    expect(catalog.entries.map((e) => [e.msgid, e.msgstr[0], isFuzzy(e)])).toEqual([
      ["a", "A", false],
      ["b", "B2", false],
      ["c", "C3", false],
      ["d", "D", false],
      // Ours cleared E, theirs still has it: a translation beats none.
      ["e", "E", false],
    ]);
    expect(conflicts).toEqual([]);
    expect(stats).toMatchObject({ entries: 5, conflicts: 0, translationsFromTheirs: 4 });
  });

  it("two different translations: ours kept, fuzzy, theirs in a translator comment", () => {
    const ours = po(`# checked by Ana\nmsgid "b"\nmsgstr "Bê"\n`);
    const theirs = po(`msgid "b"\nmsgstr "Bi\\nsecond \\"line\\""\n`);
    const { catalog, conflicts } = threeWayMerge(base, ours, theirs);
    expect(conflicts).toEqual([{ msgid: "b" }]);
    expect(find(catalog, "b")).toMatchObject({
      msgstr: ["Bê"],
      flags: ["fuzzy"],
      translatorComments: ["checked by Ana", 'merge conflict, their translation: "Bi\\nsecond \\"line\\""'],
    });
    // Written and read back, the comment is one line that holds theirs exactly.
    const back = parsePo(serializePo(catalog), "out.po");
    expect(back.entries[0]!.translatorComments).toEqual(find(catalog, "b")!.translatorComments);
  });

  it("keeps order: ours, then theirs' additions after the entry they follow; drops only untouched untranslated removals", () => {
    const ours = po(`msgid "a"\nmsgstr ""\n\nmsgid "b"\nmsgstr "B"\n\nmsgid "x"\nmsgstr "X"\n\nmsgid "e"\nmsgstr "E"\n`);
    const theirs = po(`msgid "b"\nmsgstr "B"\n\nmsgid "y"\nmsgstr "Y"\n\nmsgid "c"\nmsgstr "C"\n\nmsgid "e"\nmsgstr "E"\n`);
    const { catalog, stats } = threeWayMerge(base, ours, theirs);
    // a (untranslated, unchanged by ours) was removed by theirs: dropped; c removed by ours is translated in theirs: kept; d both removed.
    expect(catalog.entries.map((e) => e.msgid)).toEqual(["b", "y", "c", "x", "e"]);
    // ... as an obsolete entry: the remover's set of messages holds, the translation stays in the file.
    expect(find(catalog, "c")).toMatchObject({ obsolete: true, msgstr: ["C"] });
    expect(stats).toMatchObject({ addedByTheirs: 1, keptDespiteRemoval: 1, removed: 1 });
  });

  it("merges other fields three-way and the header field by field", () => {
    const b = parsePo(`msgid ""\nmsgstr ""\n"PO-Revision-Date: 2024-01-01\\n"\n"Last-Translator: A\\n"\n\n#: src/a.md\nmsgid "b"\nmsgstr "B"\n`, "b.po");
    const o = parsePo(`msgid ""\nmsgstr ""\n"PO-Revision-Date: 2024-03-01\\n"\n"Last-Translator: A\\n"\n\n#: src/a.md\n#, rust-format\nmsgid "b"\nmsgstr "B"\n`, "o.po");
    const t = parsePo(`msgid ""\nmsgstr ""\n"PO-Revision-Date: 2024-05-01\\n"\n"Last-Translator: T\\n"\n"X-Generator: Poedit\\n"\n\n#: src/b.md\nmsgid "b"\nmsgstr "B"\n`, "t.po");
    const { catalog } = threeWayMerge(b, o, t);
    expect(catalog.headers).toEqual([
      ["PO-Revision-Date", "2024-05-01"],
      ["Last-Translator", "T"],
      ["X-Generator", "Poedit"],
    ]);
    expect(catalog.entries[0]).toMatchObject({ references: ["src/b.md"], flags: ["rust-format"] });
  });

  // Generated (base, ours, theirs) triples over a small pool of keys, so that sides often collide.
  const translation = fc.record({
    text: fc.constantFrom("", "um", "dois", "três\nlinhas", 'com "aspas"'),
    fuzzy: fc.boolean(),
    obsolete: fc.boolean(),
    comment: fc.constantFrom(undefined, "nota", "outra nota"),
  });
  type State = { text: string; fuzzy: boolean; obsolete: boolean; comment: string | undefined };
  const side = fc.option(fc.oneof(fc.constant("same" as const), translation), { nil: undefined });
  const KEYS = Array.from({ length: 12 }, (_, i) => ({ msgid: `message ${i}`, msgctxt: i % 5 === 4 ? "menu" : undefined, plural: i % 4 === 3 }));
  const triple = fc.record({
    states: fc.tuple(...KEYS.map(() => fc.tuple(fc.option(translation, { nil: undefined }), side, side))),
    oursOrder: fc.shuffledSubarray(KEYS.map((_, i) => i), { minLength: KEYS.length, maxLength: KEYS.length }),
    theirsOrder: fc.shuffledSubarray(KEYS.map((_, i) => i), { minLength: KEYS.length, maxLength: KEYS.length }),
  });
  const build = (which: 0 | 1 | 2, states: Array<[State | undefined, State | "same" | undefined, State | "same" | undefined]>, order: number[]): Catalog => {
    const entries: PoEntry[] = [];
    for (const i of order) {
      const [b, o, t] = states[i]!;
      const raw = which === 0 ? b : which === 1 ? o : t;
      const state = raw === "same" ? b : raw;
      if (state === undefined) continue;
      const key = KEYS[i]!;
      const entry = newEntry(key.msgid, {
        msgstr: key.plural ? [state.text, state.text === "" ? "" : `${state.text} (plural)`] : [state.text],
        flags: state.fuzzy ? ["fuzzy"] : [],
        obsolete: state.obsolete,
        translatorComments: state.comment === undefined ? [] : [state.comment],
      });
      if (key.msgctxt !== undefined) entry.msgctxt = key.msgctxt;
      if (key.plural) entry.msgidPlural = `${key.msgid}s`;
      entries.push(entry);
    }
    // Through a PO file, as the command reads them.
    return parsePo(serializePo({ headerComments: [], headers: [["Content-Type", "text/plain; charset=UTF-8"]], headerFlags: [], entries }), `side${which}.po`);
  };

  it("never loses a translation: property over generated (base, ours, theirs) triples", () => {
    fc.assert(
      fc.property(triple, ({ states, oursOrder, theirsOrder }) => {
        const baseOrder = KEYS.map((_, i) => i);
        const [b, o, t] = [build(0, states, baseOrder), build(1, states, oursOrder), build(2, states, theirsOrder)];
        const { catalog, conflicts } = threeWayMerge(b, o, t);
        // What is written, read back: the result is a valid catalog with unique keys.
        const written = parsePo(serializePo(catalog), "result.po");
        expect(lostTranslations(b, o, written)).toEqual([]);
        expect(lostTranslations(b, t, written)).toEqual([]);
        // A conflict is a fuzzy entry that carries theirs.
        for (const key of conflicts) expect(isFuzzy(written.entries.find((e) => entryKey(e) === entryKey(key))!)).toBe(true);
        // Ours' entries keep their relative order.
        const positions = o.entries.map((e) => written.entries.findIndex((w) => entryKey(w) === entryKey(e))).filter((p) => p >= 0);
        const activeOurs = o.entries.filter((e) => !e.obsolete).map((e) => written.entries.findIndex((w) => entryKey(w) === entryKey(e) && !w.obsolete)).filter((p) => p >= 0);
        expect(activeOurs).toEqual([...activeOurs].sort((x, y) => x - y));
        expect(positions.length).toBeGreaterThanOrEqual(0);
        // Both sides equal: the result is that side.
        const same = threeWayMerge(b, o, o);
        expect(serializePo(same.catalog)).toBe(serializePo(o));
        expect(same.conflicts).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});

/** A deterministic pseudo-random sequence (mulberry32), so the corpus edits are the same every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.skipIf(!hasCorpus)("merging two divergent copies of the pt-BR catalog", () => {
  it("loses nothing: every translation of either side is in the result; conflicts are exactly the entries both changed", () => {
    const base = readPoFile(join(PT_BOOK, "po", "pt-BR.po"));
    const active = base.entries.map((e, i) => ({ e, i })).filter(({ e }) => !e.obsolete).map(({ i }) => i);
    const next = random(12);
    const pickSome = (n: number, from: number[]) => {
      const pool = [...from];
      const chosen: number[] = [];
      while (chosen.length < n) chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
      return chosen;
    };
    // 150 entries both sides retranslate: the first 40 differently (conflicts), the next 20 identically.
    const both = pickSome(60, active);
    const rest = active.filter((i) => !both.includes(i));
    const oursOnly = pickSome(200, rest);
    const theirsOnly = pickSome(200, rest.filter((i) => !oursOnly.includes(i)));
    const edit = (tag: string, indexes: number[], common: number[]) => {
      const copy: Catalog = { ...base, entries: base.entries.map(cloneEntry) };
      both.forEach((i, k) => {
        copy.entries[i]!.msgstr = copy.entries[i]!.msgstr.map((s) => (k < 40 ? `${s} [${tag}]` : `${s} [both]`));
      });
      indexes.forEach((i, k) => {
        const entry = copy.entries[i]!;
        if (k % 4 === 0) entry.flags = ["fuzzy", ...entry.flags]; // a reviewer doubts it
        else if (k % 4 === 1) entry.translatorComments.push(`${tag} reviewed this`);
        else if (k % 4 === 2) entry.msgstr = entry.msgstr.map(() => ""); // cleared
        else entry.msgstr = entry.msgstr.map((s) => `${s} (${tag} fix)`);
      });
      // New messages of a template refresh on this branch only.
      for (let k = 0; k < 50; k++) copy.entries.splice(common[k]!, 0, newEntry(`${tag} new message ${k}`, { msgstr: [k % 2 ? `${tag} nova ${k}` : ""] }));
      return copy;
    };
    const ours = parsePo(serializePo(edit("ours", oursOnly, pickSome(50, active))), "ours.po");
    const theirs = parsePo(serializePo(edit("theirs", theirsOnly, pickSome(50, active))), "theirs.po");
    const { catalog, stats } = threeWayMerge(base, ours, theirs);
    const text = serializePo(catalog);
    const result = parsePo(text, "merged.po");
    const lostOurs = lostTranslations(base, ours, result);
    const lostTheirs = lostTranslations(base, theirs, result);
    const count = (c: Catalog) => ({ entries: c.entries.length, translated: c.entries.filter((e) => !e.obsolete && translated(e)).length });
    console.log(
      `pt-BR divergent merge: base ${JSON.stringify(count(base))}, ours ${JSON.stringify(count(ours))}, theirs ${JSON.stringify(count(theirs))}, ` +
        `result ${JSON.stringify(count(result))}; ${JSON.stringify(stats)}; lost: ours ${lostOurs.length}, theirs ${lostTheirs.length}`,
    );
    expect(lostOurs).toEqual([]);
    expect(lostTheirs).toEqual([]);
    expect(stats.conflicts).toBe(40);
    expect(result.entries).toHaveLength(base.entries.length + 100);
    // The cleared entries were translated on the other side: a translation beats none. Fuzzy ones lose to it too.
    expect(count(result).translated).toBe(count(base).translated + 50 - 40);
    expect(gnu("msgcat", ["-"], text)).toBe(text);
  }, 60_000);
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@e", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@e" } });
}

describe("pobook merge (command)", () => {
  const BASE = `${HEADER}\nmsgid "Hello"\nmsgstr ""\n\nmsgid "Bye"\nmsgstr "Tchau"\n\nmsgid "Ownership"\nmsgstr ""\n`;
  const OURS = BASE.replace('msgid "Hello"\nmsgstr ""', 'msgid "Hello"\nmsgstr "Olá"');
  const THEIRS = BASE.replace('msgid "Ownership"\nmsgstr ""', 'msgid "Ownership"\nmsgstr "Posse"');

  function repo(): string {
    const dir = mkdtempSync(join(tmpdir(), "pobook-git-merge-"));
    git(dir, "init", "-q", "-b", "main");
    writeFileSync(join(dir, ".gitattributes"), "*.po merge=pobook\n");
    git(dir, "config", "merge.pobook.name", "pobook PO merge");
    git(dir, "config", "merge.pobook.driver", `"${process.execPath}" "${CLI}" merge %O %A %B -o %A`);
    writeFileSync(join(dir, "pt-BR.po"), BASE);
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "base");
    return dir;
  }

  it("as a git merge driver: edits to different entries merge cleanly with a real git merge", () => {
    const dir = repo();
    git(dir, "checkout", "-qb", "theirs");
    writeFileSync(join(dir, "pt-BR.po"), THEIRS);
    git(dir, "commit", "-qam", "theirs");
    git(dir, "checkout", "-q", "main");
    writeFileSync(join(dir, "pt-BR.po"), OURS);
    git(dir, "commit", "-qam", "ours");
    const merge = spawnSync("git", ["merge", "-q", "--no-edit", "theirs"], { cwd: dir, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@e", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@e" } });
    expect(merge.status).toBe(0);
    const merged = readFileSync(join(dir, "pt-BR.po"), "utf8");
    expect(merged).toContain('msgid "Hello"\nmsgstr "Olá"');
    expect(merged).toContain('msgid "Ownership"\nmsgstr "Posse"');
    expect(merged).not.toContain("<<<<<<<");
    expect(git(dir, "status", "--porcelain")).toBe("");
  });

  it("as a git merge driver: two translations of one entry are a conflict git reports, with both kept", () => {
    const dir = repo();
    git(dir, "checkout", "-qb", "theirs");
    writeFileSync(join(dir, "pt-BR.po"), BASE.replace('msgstr "Tchau"', 'msgstr "Até logo"'));
    git(dir, "commit", "-qam", "theirs");
    git(dir, "checkout", "-q", "main");
    writeFileSync(join(dir, "pt-BR.po"), BASE.replace('msgstr "Tchau"', 'msgstr "Adeus"'));
    git(dir, "commit", "-qam", "ours");
    const merge = spawnSync("git", ["merge", "--no-edit", "theirs"], { cwd: dir, encoding: "utf8" });
    expect(merge.status).toBe(1);
    expect(merge.stdout + merge.stderr).toMatch(/CONFLICT \(content\): Merge conflict in pt-BR\.po/);
    expect(merge.stderr).toMatch(/pt-BR\.po|\.merge_file/);
    const merged = readFileSync(join(dir, "pt-BR.po"), "utf8");
    expect(merged).toContain('# merge conflict, their translation: "Até logo"\n#, fuzzy\nmsgid "Bye"\nmsgstr "Adeus"\n');
    expect(merged).not.toContain("<<<<<<<");
    expect(git(dir, "status", "--porcelain")).toBe("UU pt-BR.po\n");
  });

  it("exit 0 when merged, 1 on conflicts (named with their line), -o - writes to standard output", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-merge-"));
    const files = { "base.po": BASE, "ours.po": OURS, "theirs.po": THEIRS, "other.po": OURS.replace("Olá", "Oi") };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const clean = await runInProcess(["merge", "base.po", "ours.po", "theirs.po", "-o", "out.po"], dir);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe("out.po: 3 entries; 0 added by theirs, 1 translations from theirs, 0 kept that one side removed, 0 removed, 0 conflicts\n");
    expect(gnu("msgcat", [join(dir, "out.po")])).toBe(readFileSync(join(dir, "out.po"), "utf8"));
    const conflict = await runInProcess(["merge", "base.po", "ours.po", "other.po", "-o", "-"], dir);
    expect(conflict.status).toBe(1);
    expect(conflict.stdout).toContain('# merge conflict, their translation: "Oi"\n#, fuzzy\nmsgid "Hello"\nmsgstr "Olá"\n');
    expect(conflict.stderr).toMatch(/^<stdout>: 3 entries; .* 1 conflicts\n<stdout>:6: conflict: two translations of "Hello"/);
    const json = JSON.parse((await runInProcess(["merge", "base.po", "ours.po", "other.po", "-o", "out2.po", "--json"], dir)).stdout);
    expect(json).toMatchObject({ output: "out2.po", conflicts: [{ msgid: "Hello", line: 6 }] });
  });

  it("refuses to write over a file that is not a catalog", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-merge-notes-"));
    for (const [name, text] of Object.entries({ "base.po": BASE, "ours.po": OURS, "theirs.po": THEIRS, "notes.md": "# My notes\n" })) writeFileSync(join(dir, name), text);
    const result = await runInProcess(["merge", "base.po", "ours.po", "theirs.po", "-o", "notes.md"], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("pobook: notes.md: exists and is not a PO catalog; pobook merge replaces only catalogs (choose another -o)\n");
    expect(readFileSync(join(dir, "notes.md"), "utf8")).toBe("# My notes\n");
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ["a conflict marker inside a PO", { "theirs.po": `${THEIRS}<<<<<<< HEAD\nmsgid "x"\n=======\n>>>>>>> b\n` }, /^pobook: theirs\.po:14: git conflict marker '<<<<<<<'/],
    ["a missing file", { "theirs.po": "" }, /^pobook: nope\.po: cannot read: no such file$/m],
    ["a syntax error", { "ours.po": `${OURS}msgid "x"\n` }, /^pobook: ours\.po:14: missing 'msgstr' section$/m],
  ];
  for (const [name, files, message] of bad) {
    it(`bad input (${name}): one line, exit 2, nothing written`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "pobook-merge-bad-"));
      const all: Record<string, string> = { "base.po": BASE, "ours.po": OURS, "theirs.po": THEIRS, ...files };
      for (const [file, text] of Object.entries(all)) if (text !== "") writeFileSync(join(dir, file), text);
      const theirs = name === "a missing file" ? "nope.po" : "theirs.po";
      // -o ours.po, as git runs it: ours must stay as it was.
      const result = await runInProcess(["merge", "base.po", "ours.po", theirs, "-o", "ours.po"], dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stdout).toBe("");
      expect(readFileSync(join(dir, "ours.po"), "utf8")).toBe(all["ours.po"]);
    });
  }
});

describe.skipIf(!hasCorpus)("a git repository with the real pt-BR catalog: template refresh on one branch, translations on the other", () => {
  it("git merge with the pobook driver merges cleanly and keeps every translation of both branches", async () => {
    const { mergeCatalog, UPDATE_MERGE_OPTIONS } = await import("../src/catalog/merge.js");
    const { BN_BOOK } = await import("./helpers/corpus.js");
    const original = readFileSync(join(PT_BOOK, "po", "pt-BR.po"), "utf8");
    const base = parsePo(original, "pt-BR.po");
    const dir = mkdtempSync(join(tmpdir(), "pobook-git-corpus-"));
    const env = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@e", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@e" };
    const run = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8", env });
    run("init", "-q", "-b", "main");
    writeFileSync(join(dir, ".gitattributes"), "*.po merge=pobook\n");
    run("config", "merge.pobook.driver", `"${process.execPath}" "${CLI}" merge %O %A %B -o %A`);
    writeFileSync(join(dir, "pt-BR.po"), original);
    run("add", ".");
    run("commit", "-qm", "pt-BR as of 2024");

    // Branch "refresh": the maintainer merges the 2026 template in (what `pobook update` writes).
    run("checkout", "-qb", "refresh");
    const bn = readPoFile(join(BN_BOOK, "po", "bn.po"));
    const template: Catalog = { ...bn, entries: bn.entries.map((e) => ({ ...e, msgstr: e.msgstr.map(() => ""), flags: [] })) };
    const refreshed = parsePo(serializePo(mergeCatalog(base, template, UPDATE_MERGE_OPTIONS).catalog), "refresh.po");
    writeFileSync(join(dir, "pt-BR.po"), serializePo(refreshed));
    run("commit", "-qam", "refresh the template");

    // Branch main: a volunteer improves 120 translations of the old catalog meanwhile.
    run("checkout", "-q", "main");
    const volunteer: Catalog = { ...base, entries: base.entries.map(cloneEntry) };
    const improved = volunteer.entries.filter((e) => !e.obsolete).filter((_, i) => i % 31 === 0).slice(0, 120);
    for (const entry of improved) entry.msgstr = entry.msgstr.map((s) => `${s} (revisado)`);
    writeFileSync(join(dir, "pt-BR.po"), serializePo(volunteer));
    run("commit", "-qam", "improve translations");

    const merge = run("merge", "--no-edit", "refresh");
    expect(merge.status, merge.stdout + merge.stderr).toBe(0);
    const merged = parsePo(readFileSync(join(dir, "pt-BR.po"), "utf8"), "merged.po");
    const lostVolunteer = lostTranslations(base, volunteer, merged);
    const lostRefresh = lostTranslations(base, refreshed, merged);
    const byKey = new Map(merged.entries.map((e) => [entryKey(e), e]));
    const revised = improved.filter((e) => byKey.get(entryKey(e))?.msgstr[0]?.endsWith("(revisado)")).length;
    console.log(
      `git merge of pt-BR: volunteer revised ${improved.length}, refresh has ${refreshed.entries.length} entries; ` +
        `merged ${merged.entries.length} entries, ${revised} revisions kept (active or #~), lost: volunteer ${lostVolunteer.length}, refresh ${lostRefresh.length}`,
    );
    expect(lostVolunteer).toEqual([]);
    expect(lostRefresh).toEqual([]);
    expect(revised).toBe(improved.length);
    // The messages are the template's: every one of the refreshed catalog, active, and no other active one.
    const active = merged.entries.filter((e) => !e.obsolete);
    // (In main's order, with the new messages after the ones they follow in the template.)
    expect(active.map(entryKey).sort()).toEqual(refreshed.entries.filter((e) => !e.obsolete).map(entryKey).sort());
    expect(gnu("msgcat", [join(dir, "pt-BR.po")])).toBe(readFileSync(join(dir, "pt-BR.po"), "utf8"));
  }, 180_000);
});
