import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { parsePo, readPoFile } from "../src/catalog/parse.js";
import { serializePo } from "../src/catalog/serialize.js";
import { mergeCatalog, UPDATE_MERGE_OPTIONS } from "../src/catalog/merge.js";
import { messageFamily, messageKind } from "../src/catalog/message-kind.js";
import { carryTrivialChange } from "../src/catalog/trivial-change.js";
import type { Catalog } from "../src/catalog/types.js";
import { gnu } from "./helpers/gnu.js";
import { BN_BOOK, PT_BOOK, hasCorpus } from "./helpers/corpus.js";

const HEADER = `msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
`;

const entry = (msgid: string, references: string[] = ["src/a.md"]) => ({ msgid, references });

describe("message kinds", () => {
  it("tells code comments, code strings, code blocks, SUMMARY titles and text apart", () => {
    expect(messageKind(entry("// The base case.\n"))).toBe("code-comment");
    expect(messageKind(entry("/// Print a greeting.\n"))).toBe("code-comment");
    expect(messageKind(entry("/* details */"))).toBe("code-comment");
    expect(messageKind(entry("# list of files\n"))).toBe("code-comment");
    expect(messageKind(entry('"Edit me!"'))).toBe("code-string");
    expect(messageKind(entry('b"example"'))).toBe("code-string");
    expect(messageKind(entry("'x'"))).toBe("code-string");
    expect(messageKind(entry('```toml\n[package]\nname = "x"\n```'))).toBe("code-block");
    expect(messageKind(entry("Welcome", ["src/SUMMARY.md", "src/index.md"]))).toBe("title");
    expect(messageKind(entry("Welcome"))).toBe("text");
    // A quotation is not a string literal unless it is quoted whole.
    expect(messageKind(entry('"Hello", she said.'))).toBe("text");
    expect(messageKind(entry("#[derive] is an attribute"))).toBe("text");
    // Titles and text translate for each other (headings are text in a POT; obsolete titles lose their references).
    expect(messageFamily(entry("Welcome", ["src/SUMMARY.md"]))).toBe(messageFamily(entry("Welcome")));
  });
});

describe("trivial msgid changes", () => {
  it("carries a changed code span, link destination or whitespace into the translation", () => {
    expect(carryTrivialChange("Use `foo` here.", "Use `bar` here.", "Use `foo` aqui.")).toBe("Use `bar` aqui.");
    expect(carryTrivialChange("See [the book](old.md).", "See [the book](new/place.md).", "Veja [o livro](old.md).")).toBe(
      "Veja [o livro](new/place.md).",
    );
    expect(carryTrivialChange("A long\nsentence.", "A long  sentence.", "Uma frase\nlonga.")).toBe("Uma frase\nlonga.");
    expect(carryTrivialChange("// Comment `a`\n", "// Comment `b`", "// Comentário `a`\n")).toBe("// Comentário `b`");
    // Every occurrence of a changed span follows; a link title stays with its destination.
    expect(carryTrivialChange("`x` and `x`", "`y` and `y`", "`x` e `x`")).toBe("`y` e `y`");
    expect(carryTrivialChange('[a](u.md "T")', '[a](v.md "T")', '[b](u.md "T")')).toBe('[b](v.md "T")');
  });

  it("refuses a change of words, or one it cannot carry over unambiguously", () => {
    expect(carryTrivialChange("Use `foo` here.", "Use `foo` there.", "Use `foo` aqui.")).toBeUndefined();
    expect(carryTrivialChange("can not", "cannot", "não pode")).toBeUndefined();
    // The translator wrote the code differently: nothing to replace.
    expect(carryTrivialChange("Use `foo`.", "Use `bar`.", "Use foo.")).toBeUndefined();
    // `x` changes in one place and stays in another: which one does the translation's `x` stand for?
    expect(carryTrivialChange("`x` or `x`", "`x` or `y`", "`x` ou `x`")).toBeUndefined();
    // One old span becoming two different new ones.
    expect(carryTrivialChange("`x` or `x`", "`y` or `z`", "`x` ou `x`")).toBeUndefined();
    expect(carryTrivialChange("Use `a`.", "Use `a` `b`.", "Use `a`.")).toBeUndefined();
    expect(carryTrivialChange("same", "same", "igual")).toBeUndefined();
    // A hard line break is not a space.
    expect(carryTrivialChange("term:  \nits definition", "term: its definition", "termo:  \nsua definição")).toBeUndefined();
    // In code, indentation is not trivial: the translation's copy of the code could not follow.
    const comment = "// first line\n    // second line\n";
    expect(carryTrivialChange(comment, comment.replace("    ", "  "), "// primeira\n    // segunda\n", { exactWhitespace: true })).toBeUndefined();
    expect(carryTrivialChange("// uses `a`\n", "// uses `b`\n", "// usa `a`\n", { exactWhitespace: true })).toBe("// usa `b`\n");
  });
});

const OLD = `${HEADER}
#: src/a.md
msgid "Call \`recv\` to wait for a value."
msgstr "Chame \`recv\` para esperar por um valor."

#: src/a.md
msgid "See [ownership](ownership.md) for the details of moves."
msgstr "Veja [ownership](ownership.md) para os detalhes de movimentos."

#: src/a.md
msgid "// Sending the message over the channel.\\n"
msgstr "// Enviando a mensagem pelo canal.\\n"

#: src/a.md
msgid "The borrow checker rejects this program because the reference outlives the value."
msgstr "O verificador de empréstimos rejeita este programa porque a referência vive mais que o valor."
`;

const TEMPLATE = `${HEADER}
#: src/a.md
msgid "Call \`recv()\` to wait for a value."
msgstr ""

#: src/a.md
msgid "See [ownership](memory/ownership.md) for the details of moves."
msgstr ""

#: src/SUMMARY.md src/b.md
msgid "Sending the message over the channel"
msgstr ""

#: src/a.md
msgid "The borrow checker rejects this program because the reference outlives its value."
msgstr ""
`;

describe("pobook update's merge", () => {
  const merge = (options: Parameters<typeof mergeCatalog>[2]) => mergeCatalog(parsePo(OLD, "old.po"), parsePo(TEMPLATE, "messages.pot"), options);
  const byMsgid = (catalog: Catalog, prefix: string) => catalog.entries.find((e) => !e.obsolete && e.msgid.startsWith(prefix))!;

  it("refuses a code comment's translation to a title, auto-clears trivial changes, keeps #| on every fuzzy entry", () => {
    const { catalog, stats, events } = merge(UPDATE_MERGE_OPTIONS);
    expect(stats).toMatchObject({ kept: 0, fuzzy: 1, autoCleared: 2, refusedCrossKind: 1, new: 1 });
    expect(byMsgid(catalog, "Call")).toMatchObject({ msgstr: ["Chame `recv()` para esperar por um valor."], flags: [] });
    expect(byMsgid(catalog, "Call").previous).toBeUndefined();
    expect(byMsgid(catalog, "See").msgstr).toEqual(["Veja [ownership](memory/ownership.md) para os detalhes de movimentos."]);
    expect(byMsgid(catalog, "Sending")).toMatchObject({ msgstr: [""], flags: [] });
    expect(byMsgid(catalog, "The borrow")).toMatchObject({ flags: ["fuzzy"], previous: { msgid: expect.stringMatching(/the value\.$/) } });
    expect(events.find((e) => e.outcome === "refused")).toEqual({
      msgid: "Sending the message over the channel",
      from: "// Sending the message over the channel.\n",
      outcome: "refused",
    });
    for (const e of catalog.entries) if (e.flags.includes("fuzzy")) expect(e.previous?.msgid).toBeDefined();
    // What is written stays GNU's layout.
    expect(gnu("msgcat", ["-"], serializePo(catalog))).toBe(serializePo(catalog));
  });

  it("GNU's result without the options: every match fuzzy, the title takes the comment's translation", () => {
    const { catalog, stats } = merge({});
    expect(stats).toMatchObject({ fuzzy: 4, autoCleared: 0, refusedCrossKind: 0 });
    expect(byMsgid(catalog, "Sending").msgstr).toEqual(["// Enviando a mensagem pelo canal.\n"]);
    // --no-auto-clear alone keeps them fuzzy but still refuses across kinds.
    expect(merge({ separateKinds: true }).stats).toMatchObject({ fuzzy: 3, autoCleared: 0, refusedCrossKind: 1 });
  });

  it("a fuzzy old entry matched again keeps a #| (its own, or its msgid when it had none)", () => {
    const old = parsePo(`${HEADER}\n#, fuzzy\nmsgid "The borrow checker rejects this program now"\nmsgstr "O verificador rejeita"\n`, "old.po");
    const template = parsePo(`${HEADER}\nmsgid "The borrow checker rejects this program today"\nmsgstr ""\n`, "t.pot");
    const { catalog } = mergeCatalog(old, template, UPDATE_MERGE_OPTIONS);
    expect(catalog.entries[0]).toMatchObject({ flags: ["fuzzy"], previous: { msgid: "The borrow checker rejects this program now" } });
  });

  it.skipIf(!hasCorpus)("on the stale pt-BR catalog and the 2026 template: counts, every fuzzy with #|", () => {
    const old = readPoFile(join(PT_BOOK, "po", "pt-BR.po"));
    const bn = readPoFile(join(BN_BOOK, "po", "bn.po"));
    // bn.po holds every msgid of upstream's 2026 template (msginit/msgmerge keep them all).
    const template: Catalog = { ...bn, entries: bn.entries.map((e) => ({ ...e, msgstr: e.msgstr.map(() => ""), flags: [] })) };
    const { catalog, stats, events } = mergeCatalog(old, template, UPDATE_MERGE_OPTIONS);
    console.log(`pt-BR into the 2026 template: ${JSON.stringify(stats)}`);
    expect(stats.kept).toBe(2887);
    expect(stats.autoCleared).toBeGreaterThan(30);
    expect(stats.refusedCrossKind).toBeGreaterThan(10);
    expect(stats.fuzzy + stats.autoCleared).toBeLessThan(820); // GNU makes 820 fuzzy
    const fuzzy = catalog.entries.filter((e) => !e.obsolete && e.flags.includes("fuzzy"));
    expect(fuzzy).toHaveLength(stats.fuzzy);
    expect(fuzzy.filter((e) => e.previous?.msgid === undefined)).toEqual([]);
    for (const event of events.filter((e) => e.outcome === "refused")) {
      expect(messageFamily({ msgid: event.msgid, references: [] })).not.toBe(messageFamily({ msgid: event.from, references: [] }));
    }
    // An auto-cleared translation holds the new code spans of its msgid.
    const cleared = events.filter((e) => e.outcome === "auto-cleared").map((e) => catalog.entries.find((c) => c.msgid === e.msgid)!);
    expect(cleared).toHaveLength(stats.autoCleared);
    for (const e of cleared) {
      expect(e.flags).not.toContain("fuzzy");
      for (const code of e.msgid.match(/`[^`]+`/g) ?? []) expect(e.msgstr[0]).toContain(code);
    }
  }, 120_000);
});
