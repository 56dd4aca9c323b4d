// A book in a subfolder of its repository that includes files from beside it (../../examples/):
// `translate` writes them into the copy under .pobook-outside/ and points the directives there,
// so that the copy extracts, translates and builds wherever it is written.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePo } from "../src/catalog/parse.js";
import { serializePo } from "../src/catalog/serialize.js";
import { outsideLayout, relocateDirectives } from "../src/translate/outside-book.js";
import { makeTree, runInProcess } from "./helpers/cli.js";

const X_RS = `// ANCHOR: greet
fn greet() {
    println!("Hello from greet");
}
// ANCHOR_END: greet
fn main() {
    // Says goodbye.
    println!("Goodbye from main");
}
`;

// Included as Markdown; its own includes are relative to examples/ (one beside it, one into the book).
const NOTES_MD = "Notes *from* the examples.\n\n```rust\n{{#include x.rs:6:9}}\n```\n\n```rust\n{{#include ../book/src/inbook.rs}}\n```\n";

const CHAPTER = `# Chapter

Some text.

\`\`\`rust
{{#include ../../examples/x.rs:greet}}
\`\`\`

\`\`\`rust
{{#include ../../examples/x.rs:6:9}}
\`\`\`

\`\`\`rust
{{ #rustdoc_include  ../../examples/x.rs:greet }}
\`\`\`

{{#include ../../examples/notes.md}}

{{#playground ../../examples/x.rs editable}}
`;

const OTHER = "# Other\n\n```rust\n{{#include ../../../examples/x.rs:greet}}\n```\n";

interface Harness {
  shout(msgid: string): string;
  checkBook(
    dir: string,
    options: { work: string; runPobook?: (args: string[], env: NodeJS.ProcessEnv) => Promise<{ status: number; stdout: string; stderr: string }> },
  ): Promise<{ failures: unknown[]; invariant?: { fails: number; warns: number } }>;
  snapshotTree(root: string): Map<string, { type: string; bytes?: Buffer }>;
  compareTrees(source: Map<string, unknown>, copy: Map<string, unknown>, layout?: { book: string; readRoot: string }): string[];
}
let harness: Harness;

/** A catalog translating every msgid of `pot` into its words upper-cased (anchors, code spans and directives kept: the harness's). */
function upperCaseCatalog(pot: string, path: string): void {
  const template = parsePo(readFileSync(pot, "utf8"), pot);
  const entries = template.entries.map((entry) => ({ ...entry, msgstr: [harness.shout(entry.msgid)], flags: [] }));
  writeFileSync(path, serializePo({ ...template, headerFlags: [], entries }));
}

function msgids(pot: string): string[] {
  return parsePo(readFileSync(pot, "utf8"), pot).entries.map((entry) => entry.msgid).sort();
}

let repo: string;
let book: string;
let outside: string;

beforeAll(async () => {
  // dist/ is built by test/global-setup.ts when a source is newer; the harness imports it.
  harness = (await import("../scripts/real-books.mjs")) as Harness;
  repo = makeTree({
    "examples/x.rs": X_RS,
    "examples/notes.md": NOTES_MD,
    "book/book.toml": '[book]\ntitle = "T"\n',
    "book/src/SUMMARY.md": "- [Chapter](ch.md)\n- [Other](sub/other.md)\n",
    "book/src/ch.md": CHAPTER,
    "book/src/sub/other.md": OTHER,
    "book/src/inbook.rs": 'fn inside() {\n    println!("Inside the book");\n}\n',
  });
  chmodSync(join(repo, "examples/x.rs"), 0o755);
  execFileSync("git", ["init", "-q", repo]);
  book = join(repo, "book");
  outside = mkdtempSync(join(tmpdir(), "pobook-outside-copy-"));
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe("translate of a book including files from above its folder", () => {
  it("writes a copy outside the repository that re-extracts to the msgstrs and translates again", async () => {
    const pot = join(outside, "messages.pot");
    expect((await runInProcess(["extract", book, "-o", pot, "--no-cache"])).status).toBe(0);
    const catalog = join(outside, "xx.po");
    upperCaseCatalog(pot, catalog);
    const sourceIds = msgids(pot);
    expect(sourceIds).toEqual(expect.arrayContaining(['"Hello from greet"', '"Goodbye from main"', "Notes _from_ the examples.", '"Inside the book"']));

    const copy = join(outside, "xx");
    const result = await runInProcess(["translate", book, "--po", catalog, "-l", "eo", "-o", copy]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/ 0 fuzzy skipped, 0 untranslated, 0 not applied, 0 warnings/);

    // Only the file names of the directives reaching examples/ change; ranges, anchors, spacing, properties and escapes stay.
    expect(readFileSync(join(copy, "src/ch.md"), "utf8")).toBe(
      CHAPTER.replace("# Chapter", "# CHAPTER")
        .replace("Some text.", "SOME TEXT.")
        .replace(/(?<!\\)\{\{( ?#\w+ +)\.\.\/\.\.\/examples\//g, "{{$1../.pobook-outside/examples/"),
    );
    expect(readFileSync(join(copy, "src/sub/other.md"), "utf8")).toBe("# OTHER\n\n```rust\n{{#include ../../.pobook-outside/examples/x.rs:greet}}\n```\n");
    // One copy of a file included by several chapters, translated where it has messages, with its mode.
    const x = join(copy, ".pobook-outside/examples/x.rs");
    expect(readFileSync(x, "utf8")).toBe(X_RS.replace("Hello from greet", "HELLO FROM GREET").replace("Goodbye from main", "GOODBYE FROM MAIN").replace("Says goodbye.", "SAYS GOODBYE."));
    expect(statSync(x).mode & 0o777).toBe(0o755);
    // Inside the moved file, the include beside it stays; the one into the book is pointed back at it.
    expect(readFileSync(join(copy, ".pobook-outside/examples/notes.md"), "utf8")).toBe(NOTES_MD.replace("Notes *from* the examples.", "NOTES _FROM_ THE EXAMPLES.").replace("../book/src/inbook.rs", "../../src/inbook.rs"));
    expect(readFileSync(join(copy, "src/inbook.rs"), "utf8")).toContain('"INSIDE THE BOOK"');
    const manifest = JSON.parse(readFileSync(join(copy, ".pobook-output.json"), "utf8")) as { files: string[] };
    expect(manifest.files).toEqual(expect.arrayContaining([".pobook-outside/examples/x.rs", ".pobook-outside/examples/notes.md"]));
    expect(existsSync(join(outside, "examples"))).toBe(false);

    // The copy is self-contained: extracting it (outside any repository) gives the msgstrs.
    const again = join(outside, "again.pot");
    const extracted = await runInProcess(["extract", copy, "-o", again, "--no-cache"]);
    expect(extracted.stderr).toBe("");
    expect(extracted.status).toBe(0);
    expect(msgids(again)).toEqual(sourceIds.map((id) => harness.shout(id)).sort());

    // And it translates again, into a second copy, with every translation applied.
    const catalog2 = join(outside, "yy.po");
    upperCaseCatalog(again, catalog2);
    const second = await runInProcess(["translate", copy, "--po", catalog2, "-l", "ia", "-o", join(outside, "yy"), "--json"]);
    expect(second.status).toBe(0);
    const report = JSON.parse(second.stdout) as Array<{ applied: number; notApplied: number; messages: number; outsideBook: Record<string, string> }>;
    expect(report[0]!.notApplied).toBe(0);
    expect(report[0]!.applied).toBe(report[0]!.messages);
    expect(report[0]!.outsideBook).toEqual({});
    expect(readFileSync(join(outside, "yy/src/ch.md"), "utf8")).toContain("{{#include ../.pobook-outside/examples/x.rs:greet}}");
  });

  it("the real-book harness accepts exactly the relocation in the identity and empty round trips", { timeout: 60_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), "pobook-outside-harness-"));
    try {
      const result = await harness.checkBook(book, { work, runPobook: (args, env) => runInProcess(args, { env }) });
      expect(result.failures).toEqual([]);
      expect(result.invariant).toEqual(expect.objectContaining({ fails: 0, warns: 0 }));
      // A directive pointed anywhere else, or a file under .pobook-outside/ that is not above the book, is a difference.
      const identity = join(outside, "identity");
      const po = join(outside, "empty.po");
      writeFileSync(po, 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n');
      expect((await runInProcess(["translate", book, "--po", po, "-l", "eo", "-o", identity])).status).toBe(0);
      const layout = { book: execFileSync("realpath", [book], { encoding: "utf8" }).trim(), readRoot: execFileSync("realpath", [repo], { encoding: "utf8" }).trim() };
      const source = harness.snapshotTree(book);
      const copy = harness.snapshotTree(identity);
      copy.delete(".pobook-output.json");
      expect(harness.compareTrees(source, copy, layout)).toEqual([]);
      expect(harness.compareTrees(source, copy).length).toBeGreaterThan(0);
      const chapter = copy.get("src/sub/other.md")!;
      copy.set("src/sub/other.md", { ...chapter, bytes: Buffer.from(chapter.bytes!.toString("utf8").replace("../../.pobook-outside/examples/x.rs", "../../.pobook-outside/examples/notes.md")) });
      copy.set(".pobook-outside/examples/extra.rs", { type: "file", mode: "644", bytes: Buffer.from("") });
      expect(harness.compareTrees(source, copy, layout)).toEqual([
        'src/sub/other.md: line 4: "{{#include ../../../examples/x.rs:greet}}" became "{{#include ../../.pobook-outside/examples/notes.md:greet}}"',
        "extra file .pobook-outside/examples/extra.rs: no file above the book at examples/extra.rs",
      ]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("a book with its own .pobook-outside folder is refused before anything is written", async () => {
    const root = makeTree({ "examples/x.rs": X_RS, "book/book.toml": "[book]\n", "book/src/SUMMARY.md": "- [C](ch.md)\n", "book/src/ch.md": OTHER.replace("../../../", "../../"), "book/.pobook-outside/keep.txt": "mine\n" });
    execFileSync("git", ["init", "-q", root]);
    const po = join(root, "de.po");
    writeFileSync(po, 'msgid ""\nmsgstr ""\n"Language: de\\n"\n');
    const result = await runInProcess(["translate", join(root, "book"), "--po", po]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^pobook: \S+\.pobook-outside: the book has \.pobook-outside, where pobook writes the files the book includes from above its root; rename it\n$/);
    expect(existsSync(join(root, "book/book"))).toBe(false);
    rmSync(root, { recursive: true, force: true });
  });
});

describe("relocateDirectives", () => {
  const layout = outsideLayout(["../examples/x.rs", "../examples/y.md", "../../up/z.rs"], "docs/book");

  it("places files from above the book at their path from the read root", () => {
    expect([...layout]).toEqual([
      ["../../up/z.rs", ".pobook-outside/up/z.rs"],
      ["../examples/x.rs", ".pobook-outside/docs/examples/x.rs"],
      ["../examples/y.md", ".pobook-outside/docs/examples/y.md"],
    ]);
    // Without a read root, the book sits as deep as the highest climb.
    expect(outsideLayout(["../a.rs", "../../b.rs"]).get("../a.rs")).toBe(".pobook-outside/_/a.rs");
  });

  it("changes only the file name of a directive that would miss its file, and leaves unknown targets alone", () => {
    const text = "{{#include ../../examples/x.rs:2:4}} {{#include ./a.rs}} {{#include ../../missing.rs}} \\{{#include ../../examples/x.rs}} {{#title T}}";
    expect(relocateDirectives(text, "src/ch.md", layout)).toBe(
      "{{#include ../.pobook-outside/docs/examples/x.rs:2:4}} {{#include ./a.rs}} {{#include ../../missing.rs}} \\{{#include ../../examples/x.rs}} {{#title T}}",
    );
    // In a moved file: a neighbour keeps its name, a file of the book (named by climbing out and back) is reached from the new place.
    const nested = outsideLayout(["../examples/x.rs", "../examples/y.md", "../book/src/in.rs"], "docs/book");
    expect(nested.get("../book/src/in.rs")).toBe("src/in.rs");
    expect(relocateDirectives("{{#include x.rs}}\n{{#include ../book/src/in.rs}}\n", "../examples/y.md", nested)).toBe("{{#include x.rs}}\n{{#include ../../../src/in.rs}}\n");
  });
});
