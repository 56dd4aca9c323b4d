// `pobook extract` end to end: output files, exit codes, one-line errors.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, makeTree, runInProcess } from "./helpers/cli.js";
import { BN_BOOK, hasCorpus, NO_CORPUS } from "./helpers/corpus.js";

const BOOK = {
  "book.toml": '[book]\ntitle = "Tiny"\nlanguage = "en"\n',
  "src/SUMMARY.md": "# Summary\n\n- [Intro](intro.md)\n  - [Code](code.md)\n",
  "src/intro.md": "# Intro\n\nHello *world*.\n",
  "src/code.md": "# Code\n\n```rust\n{{#include code.rs:body}}\n```\n\n\\{{#include code.rs}} stays literal.\n",
  "src/code.rs": '// ANCHOR: body\nlet s = "included";\n// ANCHOR_END: body\n',
};

function pot(root: string, file = "po/messages.pot"): string {
  return readFileSync(join(root, file), "utf8");
}

describe("pobook extract", () => {
  it("writes po/messages.pot with file:line references and reports the count", async () => {
    const root = makeTree(BOOK);
    const result = await runInProcess(["extract", root]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    // Six Markdown messages and book.toml's title.
    expect(result.stdout).toMatch(/wrote .*messages\.pot: 7 messages/);
    const text = pot(root);
    expect(text).toContain('"Project-Id-Version: Tiny\\n"');
    expect(text).toContain('#: src/SUMMARY.md:3 src/intro.md:1\nmsgid "Intro"');
    expect(text).toContain('#: src/code.md:4\nmsgid "\\"included\\""');
    expect(text).toContain('msgid "{{#include code.rs}} stays literal."');
    expect(text).toContain('msgid "Hello _world_."');
    // The title comes last, with a msgctxt: it never merges with a heading "Tiny".
    expect(text).toMatch(/#: book\.toml\nmsgctxt "book\.toml:title"\nmsgid "Tiny"\nmsgstr ""\n$/);
  });

  it("honours SOURCE_DATE_EPOCH, so two runs give identical files", async () => {
    const root = makeTree(BOOK);
    const env = { SOURCE_DATE_EPOCH: "1700000000" };
    await runInProcess(["extract", root, "-o", join(root, "a.pot")], { env });
    await runInProcess(["extract", root, "-o", join(root, "b.pot"), "--no-cache"], { env });
    expect(pot(root, "a.pot")).toContain('"POT-Creation-Date: 2023-11-14T22:13:20Z\\n"');
    expect(pot(root, "a.pot")).toBe(pot(root, "b.pot"));
  });

  it("writes file names only with --granularity 0 and rounds with N", async () => {
    const root = makeTree(BOOK);
    await runInProcess(["extract", root, "--granularity", "0"]);
    expect(pot(root)).toContain("#: src/SUMMARY.md src/intro.md\n");
    await runInProcess(["extract", root, "--granularity", "10"]);
    expect(pot(root)).toContain("#: src/SUMMARY.md:1 src/intro.md:1\n");
  });

  it("splits the template per chapter with --depth, like mdbook-xgettext", async () => {
    const root = makeTree(BOOK);
    // Depth 2: the sub-chapter stays in its parent's file.
    expect((await runInProcess(["extract", root, "--depth", "2", "-o", join(root, "two")])).status).toBe(0);
    expect(readdirSync(join(root, "two", "summary")).sort()).toEqual(["intro.pot", "summary.pot"]);
    expect(readFileSync(join(root, "two", "summary", "intro.pot"), "utf8")).toContain('"\\"included\\""');
    // Depth 3: one file per chapter.
    expect((await runInProcess(["extract", root, "--depth", "3", "-o", join(root, "three")])).status).toBe(0);
    expect(readFileSync(join(root, "three", "summary", "summary.pot"), "utf8")).toContain('msgid "Intro"');
    const code = readFileSync(join(root, "three", "summary", "intro", "code.pot"), "utf8");
    expect(code).toContain('"\\"included\\""');
    expect(code).not.toContain('msgid "Hello _world_."');
  });

  it("extracts a single Markdown file", async () => {
    const root = makeTree({ "notes.md": "# Notes\n\nOne.\n" });
    const result = await runInProcess(["extract", join(root, "notes.md"), "-o", join(root, "notes.pot")]);
    expect(result.status).toBe(0);
    expect(pot(root, "notes.pot")).toContain('msgid "One."');
  });

  it("prints --json for scripts", async () => {
    const root = makeTree(BOOK);
    const result = await runInProcess(["extract", root, "--json"]);
    expect(JSON.parse(result.stdout)).toEqual({ files: [{ path: join(root, "po", "messages.pot"), messages: 7 }] });
  });
});

describe("pobook extract --compat and book.toml's compat", () => {
  const book = {
    "book.toml": "[book]\n",
    "src/SUMMARY.md": "- [A](a.md)\n",
    "src/a.md": "<div class=\"note\">\n\nHello.\n\n</div>\n\nTerm\n: Definition\n",
  };
  it("extracts 0.3 messages by default and 0.4 ones with --compat 0.4", async () => {
    const root = makeTree(book);
    await runInProcess(["extract", root, "-o", join(root, "v03.pot")]);
    await runInProcess(["extract", root, "-o", join(root, "v04.pot"), "--compat", "0.4"]);
    expect(pot(root, "v03.pot")).not.toContain("<div");
    expect(pot(root, "v03.pot")).toContain('msgid "Term : Definition"');
    expect(pot(root, "v04.pot")).toContain('msgid "<div class=\\"note\\">\\n"');
    expect(pot(root, "v04.pot")).toContain('msgid "Definition"');
  });
  it("reads compat from book.toml, and refuses an unknown version", async () => {
    const root = makeTree({ ...book, "book.toml": '[book]\n[output.xgettext]\ncompat = "0.4"\n' });
    await runInProcess(["extract", root]);
    expect(pot(root)).toContain('msgid "</div>\\n"');
    const bad = await runInProcess(["extract", root, "--compat", "0.9"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('pobook: compat must be one of 0.3, 0.4, got "0.9"\n');
  });
  it("translates HTML blocks with a 0.4 catalog", async () => {
    const root = makeTree({
      ...book,
      "po/fr.po": 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "<div class=\\"note\\">\\n"\nmsgstr "<div class=\\"remarque\\">\\n"\n\nmsgid "Definition"\nmsgstr "Définition"\n',
    });
    expect((await runInProcess(["translate", root, "-l", "fr", "--compat", "0.4"])).status).toBe(0);
    expect(readFileSync(join(root, "book", "fr-src", "src", "a.md"), "utf8")).toBe(
      "<div class=\"remarque\">\n\nHello.\n\n</div>\n\nTerm\n: Définition\n",
    );
  });
});

describe("pobook extract with worker threads and the cache", () => {
  // 40 chapters: enough for the pool to use its workers.
  const chapters = Array.from({ length: 40 }, (_, i) => i);
  const bigBook: Record<string, string> = {
    "book.toml": "[book]\ntitle = \"Big\"\n",
    "src/SUMMARY.md": chapters.map((i) => `- [Chapter ${i}](ch${i}.md)`).join("\n") + "\n",
    "src/code.rs": 'fn main() {\n    println!("shared"); // Shared.\n}\n',
  };
  for (const i of chapters) bigBook[`src/ch${i}.md`] = `# Chapter ${i}\n\nText *${i}*.\n\n\`\`\`rust\n{{#include code.rs}}\n\`\`\`\n`;
  const env = { SOURCE_DATE_EPOCH: "0" };

  it("writes the same template with one, two or three threads, and from the cache", async () => {
    const root = makeTree(bigBook);
    const outputs: string[] = [];
    for (const jobs of ["1", "2", "3"]) {
      expect((await runInProcess(["extract", root, "--no-cache", "--jobs", jobs, "-o", join(root, `j${jobs}.pot`)], { env })).status).toBe(0);
      outputs.push(pot(root, `j${jobs}.pot`));
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    expect(outputs[0]).toContain("#: src/SUMMARY.md:40 src/ch39.md:1\nmsgid \"Chapter 39\"");
    // First run fills the cache, the second reads it: same file.
    await runInProcess(["extract", root, "-o", join(root, "c1.pot")], { env });
    await runInProcess(["extract", root, "-o", join(root, "c2.pot")], { env });
    expect(pot(root, "c1.pot")).toBe(outputs[0]);
    expect(pot(root, "c2.pot")).toBe(outputs[0]);
  });

  it("sees an edited include through the cache", async () => {
    const root = makeTree(bigBook);
    await runInProcess(["extract", root], { env });
    writeFileSync(join(root, "src/code.rs"), 'fn main() {\n    println!("changed");\n}\n');
    await runInProcess(["extract", root], { env });
    expect(pot(root)).toContain('msgid "\\"changed\\""');
    expect(pot(root)).not.toContain("shared");
  });

  it("--cache-dir keeps the cache there, and a copy of the book elsewhere (CI's fresh checkout) is served by it", async () => {
    const cacheDir = join(makeTree({}), "pobook-cache");
    const root = makeTree(bigBook);
    expect((await runInProcess(["extract", root, "--cache-dir", cacheDir], { env })).status).toBe(0);
    // The chapters' results, and the whole template with what it was made from.
    const files = readdirSync(cacheDir).sort();
    expect(files).toEqual([expect.stringMatching(/^chapters-\w+\.json$/), expect.stringMatching(/^output-\w+\.json$/)]);
    const stored = files.map((file) => readFileSync(join(cacheDir, file), "utf8"));
    expect(stored[0]).toContain('"src/ch39.md"');
    const copy = makeTree(bigBook);
    expect((await runInProcess(["extract", copy, "--cache-dir", cacheDir], { env })).status).toBe(0);
    // The same cache files, not rewritten: the whole template came from them.
    expect(readdirSync(cacheDir).sort()).toEqual(files);
    expect(files.map((file) => readFileSync(join(cacheDir, file), "utf8"))).toEqual(stored);
    expect(pot(copy)).toBe(pot(root));
    // An edit in the copy is seen through the shared cache.
    writeFileSync(join(copy, "src/ch7.md"), "# Chapter 7\n\nEdited.\n");
    expect((await runInProcess(["extract", copy, "--cache-dir", cacheDir], { env })).status).toBe(0);
    expect(pot(copy)).toContain('msgid "Edited."');
  });

  it("a template served whole from the cache follows book.toml's title, a removed include and an edited chapter", async () => {
    const root = makeTree(bigBook);
    const fresh = async (): Promise<string> => {
      expect((await runInProcess(["extract", root, "--no-cache", "-o", join(root, "fresh.pot")], { env })).status).toBe(0);
      return pot(root, "fresh.pot");
    };
    await runInProcess(["extract", root], { env });
    writeFileSync(join(root, "book.toml"), '[book]\ntitle = "Bigger"\n');
    expect((await runInProcess(["extract", root], { env })).status).toBe(0);
    expect(pot(root)).toContain('msgid "Bigger"');
    expect(pot(root)).toBe(await fresh());
    rmSync(join(root, "src/code.rs"));
    writeFileSync(join(root, "src/ch3.md"), "# Chapter 3\n\nNo include now.\n");
    for (const i of chapters) if (i !== 3) writeFileSync(join(root, `src/ch${i}.md`), `# Chapter ${i}\n`);
    expect((await runInProcess(["extract", root], { env })).status).toBe(0);
    expect(pot(root)).toContain('msgid "No include now."');
    expect(pot(root)).toBe(await fresh());
    // Warm again: the same template.
    expect((await runInProcess(["extract", root], { env })).status).toBe(0);
    expect(pot(root)).toBe(await fresh());
  });

  it("--cache-dir must be a directory and cannot go with --no-cache", async () => {
    const root = makeTree({ ...bigBook, "cache-file": "" });
    const file = await runInProcess(["extract", root, "--cache-dir", join(root, "cache-file")]);
    expect(file.status).toBe(2);
    expect(file.stderr).toBe(`pobook: ${join(root, "cache-file")}: --cache-dir must name a directory\n`);
    const both = await runInProcess(["extract", root, "--cache-dir", join(root, "c"), "--no-cache"]);
    expect(both.status).toBe(2);
    expect(both.stderr).toBe("pobook: --cache-dir and --no-cache contradict each other: give one\n");
    expect(existsSync(join(root, "po"))).toBe(false);
    expect(existsSync(join(root, "c"))).toBe(false);
  });

  it("reports an error from a worker thread like any other", async () => {
    const root = makeTree({ ...bigBook, "src/ch33.md": "{{#include nowhere.rs}}\n" });
    const result = await runInProcess(["extract", root, "--jobs", "3", "--no-cache"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("pobook: src/ch33.md:1: cannot read included file src/nowhere.rs (ENOENT)\n");
    expect(existsSync(join(root, "po"))).toBe(false);
  });
});

describe("pobook extract on bad input: one line naming the file, exit 2, no output", () => {
  const cases: Array<[string, Record<string, string | Uint8Array>, RegExp]> = [
    ["a missing book.toml", { "src/SUMMARY.md": "" }, /book\.toml: no book\.toml \(give a book directory or a Markdown file\)/],
    ["a missing SUMMARY.md", { "book.toml": "[book]\n" }, /SUMMARY\.md: SUMMARY\.md is missing/],
    ["a chapter listed but absent (create-missing = false)", { "book.toml": "[book]\n[build]\ncreate-missing = false\n", "src/SUMMARY.md": "# S\n\n- [A](a.md)\n- [B](b.md)\n", "src/a.md": "A\n" }, /SUMMARY\.md:4: chapter src\/b\.md is listed but cannot be read/],
    ["an unreadable include", { "book.toml": "[book]\n", "src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": "x\n\n{{#include nope.rs}}\n" }, /src\/a\.md:3: cannot read included file src\/nope\.rs/],
    ["an include outside the book", { "book.toml": "[book]\n", "src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": "{{#include ../../../etc/passwd}}\n" }, /src\/a\.md:1: cannot read included file [./]*etc\/passwd: \S*\/etc\/passwd is outside the read root /],
    ["invalid UTF-8", { "book.toml": "[book]\n", "src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": new Uint8Array([0x41, 0xff, 0xfe, 0x0a]) }, /src\/a\.md:1: file is not valid UTF-8/],
    ["invalid UTF-8 on a later line", { "book.toml": "[book]\n", "src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": new Uint8Array([0x41, 0x0a, 0x0a, 0x43, 0xe9, 0x0a]) }, /src\/a\.md:3: file is not valid UTF-8/],
    ["invalid TOML", { "book.toml": "[book\n", "src/SUMMARY.md": "" }, /book\.toml:1: invalid TOML/],
  ];
  for (const [name, files, message] of cases) {
    it(name, async () => {
      const root = makeTree(files);
      const result = await runInProcess(["extract", root]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(existsSync(join(root, "po"))).toBe(false);
    });
  }

  it("names an output it cannot write, in one line", async () => {
    const root = makeTree({ ...BOOK, "out.pot/keep": "" });
    const result = await runInProcess(["extract", root, "-o", join(root, "out.pot")]);
    expect(result.stderr).toBe(`pobook: ${join(root, "out.pot")}: is a directory; give a file name\n`);
    expect(result.status).toBe(2);
  });

  it("rejects a non-numeric --depth as a usage error", async () => {
    const result = await runInProcess(["extract", makeTree(BOOK), "--depth", "x"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--depth must be a non-negative integer/);
  });
});

describe("the CLI", () => {
  it("stops quietly when its output pipe closes (pobook ... | head)", () => {
    // Far more output than a pipe buffer holds, so that writing fails with EPIPE.
    const entries = Array.from({ length: 4000 }, (_, i) => `#: src/chapter-${i}.md\nmsgid "Message ${i}"\nmsgstr ""\n`);
    const root = makeTree({ "big.po": `msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n${entries.join("\n")}` });
    const result = spawnSync("sh", ["-c", `"${process.execPath}" "${CLI}" stats "${join(root, "big.po")}" --by-chapter --json | head -c 1`], { encoding: "utf8" });
    expect(result.stdout).toBe("[");
    expect(result.stderr).toBe("");
  });

  it("prints help and version with exit 0, and exit 2 on an unknown command", async () => {
    expect((await runInProcess(["--help"])).stdout).toContain("extract");
    expect((await runInProcess(["extract", "--help"])).stdout).toContain("--granularity");
    expect((await runInProcess(["--version"])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await runInProcess(["frobnicate"])).status).toBe(2);
  });
});

describe.skipIf(!hasCorpus)(hasCorpus ? "POT files GNU gettext accepts unchanged" : NO_CORPUS, () => {
  it("passes msgfmt --check and msgcat leaves it byte-identical (corpus book)", async () => {
    const root = makeTree({});
    const out = join(root, "bn.pot");
    const result = await runInProcess(["extract", BN_BOOK, "-o", out]);
    expect(result.status).toBe(0);
    execFileSync("msgfmt", ["--check", "-o", "/dev/null", out]);
    expect(execFileSync("msgcat", [out], { encoding: "utf8", maxBuffer: 64 << 20 })).toBe(readFileSync(out, "utf8"));
  });
});
