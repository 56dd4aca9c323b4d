// Includes and chapters resolved as mdBook resolves them (relative to the file holding the
// directive, `../` allowed), by every command alike, and read only inside the book's read root:
// the enclosing git work tree, else the book directory, else book.toml's read-root.
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, runInProcess } from "./helpers/cli.js";
import { parseBookConfig } from "../src/book/config.js";
import { extractChapter, readOutline } from "../src/book/extract-book.js";
import { resolveIncludePath } from "../src/book/include-path.js";
import { expandLinks } from "../src/book/links.js";
import { parseSummary } from "../src/book/summary.js";
import { PobookError } from "../src/errors.js";
import { bookReader, findReadRoot } from "../src/runtime/book-reader.js";
import { prepareBook } from "../src/translate/book.js";

const X_RS = 'fn main() {\n    // Greets the reader.\n    println!("Hello from the examples");\n}\n';
const DE_PO = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de\\n"\n\nmsgid "Some text."\nmsgstr "Etwas Text."\n\nmsgid "\\"Hello from the examples\\""\nmsgstr "\\"Hallo aus den Beispielen\\""\n';

/** A repository with examples/ above the book (book/), like the real books that include them. */
function repoWithBook(chapter: string, extra: Record<string, string> = {}, git = true): { repo: string; book: string } {
  const repo = makeTree({
    "examples/x.rs": X_RS,
    "book/book.toml": '[book]\ntitle = "T"\n',
    "book/src/SUMMARY.md": "- [Chapter](ch.md)\n",
    "book/src/ch.md": chapter,
    "book/po/de.po": DE_PO,
    ...extra,
  });
  if (git) execFileSync("git", ["init", "-q", repo]);
  return { repo, book: join(repo, "book") };
}

/** Every file and directory under `root` (relative, with its size), .git left out. */
function listing(root: string): string[] {
  const lines: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name === ".git") continue;
      const path = join(dir, name);
      lines.push(`${relative(root, path)} ${lstatSync(path).size}`);
      if (lstatSync(path).isDirectory()) walk(path);
    }
  };
  walk(root);
  return lines;
}

const INCLUDING = "# Chapter\n\nSome text.\n\n```rust\n{{#include ../../examples/x.rs}}\n```\n";

describe("resolveIncludePath", () => {
  it("joins to the directory of the including file, allowing `../`, refusing absolute paths", () => {
    expect(resolveIncludePath("src/a/ch.md", "../x.rs")).toEqual({ path: "src/x.rs" });
    expect(resolveIncludePath("src/ch.md", "../../examples/x.rs")).toEqual({ path: "../examples/x.rs" });
    expect(resolveIncludePath("src/ch.md", "./x.rs")).toEqual({ path: "src/x.rs" });
    expect(resolveIncludePath("src/ch.md", "/etc/passwd").reason).toMatch(/absolute/);
    expect(resolveIncludePath("src/ch.md", "").reason).toBeDefined();
  });
});

describe("the read root", () => {
  it("is the git work tree holding the book, else the book, else book.toml's read-root", () => {
    const { repo, book } = repoWithBook(INCLUDING);
    expect(findReadRoot(book)).toBe(realpathSync(repo));
    const plain = repoWithBook(INCLUDING, {}, false);
    expect(findReadRoot(plain.book)).toBe(realpathSync(plain.book));
    const config = parseBookConfig('[preprocessor.gettext]\nread-root = ".."\n', "book.toml");
    expect(findReadRoot(plain.book, config)).toBe(realpathSync(plain.repo));
    expect(() => findReadRoot(plain.book, parseBookConfig('[output.xgettext]\nread-root = "src"\n', "book.toml"))).toThrow(/must hold the book directory/);
  });
});

describe("extract and translate of a book including files from its repository", () => {
  it("extract reads ../../examples/x.rs inside the git work tree", async () => {
    const { book } = repoWithBook(INCLUDING);
    const result = await runInProcess(["extract", book, "--no-cache"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const pot = readFileSync(join(book, "po/messages.pot"), "utf8");
    // References are to the chapter, as mdbook-xgettext writes them (it sees the expanded chapter).
    expect(pot).toContain('#: src/ch.md:8\nmsgid "\\"Hello from the examples\\""');
  });

  it("translate finds the same include, writes nothing outside its copy, and writes the file into it under .pobook-outside/, translated", async () => {
    const { repo, book } = repoWithBook(INCLUDING);
    const before = listing(repo);
    const result = await runInProcess(["translate", book, "-l", "de"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    // Re-extracting the copy gives back both translations: the included literal is applied.
    expect(result.stdout).toMatch(/^de: 2 applied, 0 fuzzy skipped, 2 untranslated, 0 not applied, 0 warnings/);
    const copy = join(book, "book/de-src");
    expect(readFileSync(join(copy, "src/ch.md"), "utf8")).toBe("# Chapter\n\nEtwas Text.\n\n```rust\n{{#include ../.pobook-outside/examples/x.rs}}\n```\n");
    expect(readFileSync(join(copy, ".pobook-outside/examples/x.rs"), "utf8")).toBe(X_RS.replace("Hello from the examples", "Hallo aus den Beispielen"));
    // Nothing outside the copy changed or appeared.
    expect(listing(repo).filter((line) => !/^book\/book( |\/)/.test(line))).toEqual(before);
    expect(readFileSync(join(repo, "examples/x.rs"), "utf8")).toBe(X_RS);
    expect(JSON.parse(readFileSync(join(copy, ".pobook-output.json"), "utf8")).files).toContain(".pobook-outside/examples/x.rs");
    const json = JSON.parse((await runInProcess(["translate", book, "-l", "de", "--json"])).stdout) as Array<{ outsideBook: Record<string, string>; withheld: string[]; notApplied: number }>;
    expect(json[0]!.outsideBook).toEqual({ "../examples/x.rs": ".pobook-outside/examples/x.rs" });
    expect(json[0]!.withheld).toEqual([]);
    expect(json[0]!.notApplied).toBe(0);
  });

  it("both refuse the include when the book is in no git work tree, naming the directive", async () => {
    const { book } = repoWithBook(INCLUDING, {}, false);
    for (const args of [["extract", book], ["translate", book, "-l", "de"]]) {
      const result = await runInProcess(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^pobook: src\/ch\.md:6: cannot read included file \.\.\/examples\/x\.rs: \S+ is outside the read root \S+ \(book\.toml's read-root can widen it\)\n$/);
    }
    expect(existsSync(join(book, "po/messages.pot"))).toBe(false);
    expect(existsSync(join(book, "book"))).toBe(false);
  });

  it("read-root in book.toml widens the read root", async () => {
    const { book } = repoWithBook(INCLUDING, { "book/book.toml": '[book]\ntitle = "T"\n\n[preprocessor.gettext]\nread-root = ".."\n' }, false);
    expect((await runInProcess(["extract", book, "--no-cache"])).status).toBe(0);
  });

  it("worker threads and the cache read the same files: an edited include above the book is seen, a lost read root is refused", async () => {
    const chapters = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`book/src/ch${i}.md`, `# Chapter ${i}\n\n\`\`\`rust\n{{#include ../../examples/x.rs}}\n\`\`\`\n`]));
    const summary = Array.from({ length: 20 }, (_, i) => `- [C${i}](ch${i}.md)\n`).join("");
    const { repo, book } = repoWithBook("", { ...chapters, "book/src/SUMMARY.md": summary });
    const env = { XDG_CACHE_HOME: makeTree({}) };
    expect((await runInProcess(["extract", book, "--jobs", "2"], { env })).status).toBe(0);
    writeFileSync(join(repo, "examples/x.rs"), 'fn main() {\n    println!("edited above the book");\n}\n');
    expect((await runInProcess(["extract", book, "--jobs", "2"], { env })).status).toBe(0);
    expect(readFileSync(join(book, "po/messages.pot"), "utf8")).toContain('msgid "\\"edited above the book\\""');
    rmSync(join(repo, ".git"), { recursive: true });
    const refused = await runInProcess(["extract", book, "--jobs", "2"], { env });
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim().split("\n")).toHaveLength(20);
    expect(refused.stderr).toMatch(/^pobook: src\/ch0\.md:4: cannot read included file \.\.\/examples\/x\.rs: /);
  });

  it("extract and translate resolve the same set of included files", () => {
    const chapter =
      "# Chapter\n\n```rust\n{{#include ../../examples/x.rs}}\n```\n\n{{#include part.md}}\n\n```rust\n{{#include sub/../code.rs:main}}\n```\n\n```rust\n{{#rustdoc_include ./code.rs}}\n```\n";
    const { book } = repoWithBook(chapter, {
      "book/src/part.md": "Included *part*.\n",
      "book/src/code.rs": '// ANCHOR: main\nfn main() { println!("hi"); }\n// ANCHOR_END: main\n',
    });
    const config = parseBookConfig(readFileSync(join(book, "book.toml"), "utf8"), "book.toml");
    const read = bookReader(book, findReadRoot(book, config));
    const outline = readOutline(config, read);
    const extracted = new Set(outline.chapters.flatMap((chapter) => extractChapter(config, outline, chapter, read).files));
    const translated = new Set(prepareBook(config, read).documents.filter((document) => document.role !== "summary").map((document) => document.path));
    expect([...translated].sort()).toEqual([...extracted].sort());
    expect([...extracted].sort()).toEqual(["../examples/x.rs", "src/ch.md", "src/code.rs", "src/part.md"]);
  });
});

describe("chapters outside the read root", () => {
  it("a ../../secret.md chapter is refused at its SUMMARY.md line by extract and translate", async () => {
    const root = makeTree({ "secret.md": "# Secret\n", "repo/book.toml": "[book]\n", "repo/src/SUMMARY.md": "# Summary\n\n- [A](a.md)\n- [S](../../secret.md)\n", "repo/src/a.md": "A\n", "repo/po/de.po": DE_PO });
    const book = join(root, "repo");
    execFileSync("git", ["init", "-q", book]);
    for (const args of [["extract", book], ["translate", book, "-l", "de"]]) {
      const result = await runInProcess(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^pobook: src\/SUMMARY\.md:4: chapter \.\.\/secret\.md: \S+secret\.md is outside the read root \S+ \(book\.toml's read-root can widen it\)\n$/);
    }
    expect(existsSync(join(book, "po/messages.pot"))).toBe(false);
    expect(existsSync(join(book, "book"))).toBe(false);
  });

  it("a symlinked chapter pointing out of the repository is refused", async () => {
    const root = makeTree({ "outside/secret.md": "# Secret\n", "repo/book.toml": "[book]\n", "repo/src/SUMMARY.md": "- [L](link.md)\n" });
    symlinkSync(join(root, "outside/secret.md"), join(root, "repo/src/link.md"));
    execFileSync("git", ["init", "-q", join(root, "repo")]);
    const result = await runInProcess(["extract", join(root, "repo")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^pobook: src\/SUMMARY\.md:1: chapter src\/link\.md: \S+outside\/secret\.md is outside the read root /);
    expect(existsSync(join(root, "repo/po"))).toBe(false);
  });

  it("translate copies what a symlink points to inside book.toml's read-root, like it reads (no git work tree)", async () => {
    const root = makeTree({ "shared/banner.svg": "<svg/>", "book/book.toml": '[book]\n[preprocessor.gettext]\nread-root = ".."\n', "book/src/SUMMARY.md": "- [C](ch.md)\n", "book/src/ch.md": "Some text.\n", "book/po/de.po": DE_PO });
    symlinkSync("../../shared/banner.svg", join(root, "book/src/banner.svg"));
    const result = await runInProcess(["translate", join(root, "book"), "-l", "de"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("pobook: src/banner.svg: symlink to ../../shared/banner.svg points outside the copied book; its content is copied\n");
    expect(readFileSync(join(root, "book/book/de-src/src/banner.svg"), "utf8")).toBe("<svg/>");
  });

  it("a chapter symlinked elsewhere in the repository is read, and translate writes it into the copy", async () => {
    const root = makeTree({ "shared/ch.md": "Some text.\n", "book/book.toml": "[book]\n", "book/src/SUMMARY.md": "- [C](ch.md)\n", "book/po/de.po": DE_PO });
    symlinkSync("../../shared/ch.md", join(root, "book/src/ch.md"));
    execFileSync("git", ["init", "-q", root]);
    const result = await runInProcess(["translate", join(root, "book"), "-l", "de"]);
    // The link leaves the copied tree, so the copy gets the (translated) content, with a note.
    expect(result.stderr).toBe("pobook: src/ch.md: symlink to ../../shared/ch.md points outside the copied book; its content is copied\n");
    expect(readFileSync(join(root, "book/book/de-src/src/ch.md"), "utf8")).toBe("Etwas Text.\n");
  });

  it("translate copies files under a symlinked directory of the repository, not symlinks leaving it, and keeps a link loop inside the copy as a link", async () => {
    const root = makeTree({ "repo/shared/x.rs": "fn main() {}\n", "outside/secret.txt": "secret\n", "repo/book/book.toml": "[book]\n", "repo/book/src/SUMMARY.md": "- [C](ch.md)\n", "repo/book/src/ch.md": "Some text.\n\n```text\n{{#include shared/x.rs}}\n```\n", "repo/book/po/de.po": DE_PO });
    symlinkSync("../../shared", join(root, "repo/book/src/shared"));
    symlinkSync(join(root, "outside/secret.txt"), join(root, "repo/book/src/secret.txt"));
    symlinkSync("..", join(root, "repo/book/src/up"));
    execFileSync("git", ["init", "-q", join(root, "repo")]);
    const result = await runInProcess(["translate", join(root, "repo/book"), "-l", "de"]);
    expect(result.status).toBe(0);
    const copy = join(root, "repo/book/book/de-src");
    expect(readFileSync(join(copy, "src/shared/x.rs"), "utf8")).toBe("fn main() {}\n");
    expect(existsSync(join(copy, "src/secret.txt"))).toBe(false);
    expect(lstatSync(join(copy, "src/up")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(copy, "src/up"))).toBe("..");
  });

  it("a symlinked include pointing out of the repository is refused at the directive", async () => {
    const root = makeTree({ "outside/x.rs": X_RS, "repo/book.toml": "[book]\n", "repo/src/SUMMARY.md": "- [A](a.md)\n", "repo/src/a.md": "A\n\n{{#include link.rs}}\n" });
    symlinkSync(join(root, "outside/x.rs"), join(root, "repo/src/link.rs"));
    const result = await runInProcess(["extract", join(root, "repo")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^pobook: src\/a\.md:3: cannot read included file src\/link\.rs: \S+outside\/x\.rs is outside the read root /);
  });
});

describe("missing includes and cycles", () => {
  it("every missing include of the book is said in one run, exit 2, nothing written", async () => {
    const root = makeTree({
      "book.toml": "[book]\n",
      "src/SUMMARY.md": "- [A](a.md)\n- [B](b.md)\n",
      "src/a.md": "A\n\n{{#include one.rs}}\n\n{{#include two.rs}}\n",
      "src/b.md": "B\n{{#include three.rs}}\n",
    });
    const result = await runInProcess(["extract", root, "--no-cache"]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([
      "pobook: src/a.md:3: cannot read included file src/one.rs (ENOENT)",
      "pobook: src/a.md:5: cannot read included file src/two.rs (ENOENT)",
      "pobook: src/b.md:2: cannot read included file src/three.rs (ENOENT)",
    ]);
    expect(existsSync(join(root, "po"))).toBe(false);
  });

  it("a chapter including itself four times is a cycle, said once, quickly", async () => {
    const root = makeTree({ "book.toml": "[book]\n", "src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": "A\n\n{{#include a.md}}\n{{#include a.md}}\n{{#include a.md}}\n{{#include a.md}}\n" });
    const started = Date.now();
    const result = await runInProcess(["extract", root, "--no-cache"]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([3, 4, 5, 6].map((line) => `pobook: src/a.md:${line}: {{#include}} cycle: src/a.md -> src/a.md`));
  });

  it("a cycle through other files names the chain, at the directive that closes it", () => {
    const files: Record<string, string> = { "src/ch.md": "Top\n{{#include a.md}}\n", "src/a.md": "A\n\n{{#include sub/b.md}}\n", "src/sub/b.md": "B\n{{#include ../a.md}}\n" };
    const read = (path: string): string => files[path] ?? "";
    const problems: PobookError[] = [];
    expandLinks(files["src/ch.md"]!, { path: "src/ch.md", read, problems });
    expect(problems.map((problem) => problem.format())).toEqual(["src/sub/b.md:2: {{#include}} cycle: src/a.md -> src/sub/b.md -> src/a.md"]);
    expect(() => expandLinks(files["src/ch.md"]!, { path: "src/ch.md", read })).toThrow(/cycle: src\/a\.md -> src\/sub\/b\.md -> src\/a\.md/);
  });
});

describe("a file including a part of itself", () => {
  it("is no cycle when the part has no directive (mdBook allows it), and is one when the part includes itself", () => {
    const files: Record<string, string> = { "src/ch.md": "Title\n\n{{#include ch.md:1}}\n", "src/loop.md": "{{#include loop.md:1}}\n" };
    const read = (path: string): string => files[path] ?? "";
    expect(expandLinks(files["src/ch.md"]!, { path: "src/ch.md", read })).toBe("Title\n\nTitle\n");
    expect(() => expandLinks(files["src/loop.md"]!, { path: "src/loop.md", read })).toThrow("{{#include}} cycle: src/loop.md -> src/loop.md");
  });
});

describe("anchor names are matched literally", () => {
  const code = `// ANCHOR: main\nfn main() {}\n// ANCHOR_END: main\n// ANCHOR: main-loop\nloop {}\n// ANCHOR_END: main-loop\n// ANCHOR: ${"a".repeat(28)}!\n`;
  const read = (path: string): string => (path === "src/x.rs" ? code : "");
  const expand = (text: string): string => expandLinks(text, { path: "src/ch.md", read });

  it("names that are not regular expressions, or are evil ones, include nothing and end at once", () => {
    const started = Date.now();
    expect(expand("{{#include x.rs:[}}")).toBe("");
    expect(expand("{{#include x.rs:(a|a)*$}}")).toBe("");
    expect(expand("{{#rustdoc_include x.rs:(a|a)*$}}")).not.toContain("ANCHOR");
    expect(expand("{{#include x.rs:ma.n}}")).toBe("");
    // A regular expression made of the name would backtrack 2^28 times on the last line.
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("a name is a whole token: `main` is not `main-loop`", () => {
    expect(expand("{{#include x.rs:main}}")).toBe("fn main() {}");
    expect(expand("{{#include x.rs:main-loop}}")).toBe("loop {}");
  });

  it("extract with such an anchor does not crash", async () => {
    const root = makeTree({ "book.toml": "[book]\n", "src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": "A\n\n```rust\n{{#include x.rs:[}}\n```\n", "src/x.rs": code });
    const result = await runInProcess(["extract", root, "--no-cache"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("SUMMARY.md link destinations", () => {
  it("are file names as mdBook takes them: %20 is a space, other escapes stay as written", () => {
    const items = parseSummary("- [A](my%20chapter.md)\n- [C](ch%E0%A4%A.md)\n- [D](caf%C3%A9.md)\n", "src/SUMMARY.md");
    expect(items.map((item) => (item.kind === "chapter" ? item.path : undefined))).toEqual(["my chapter.md", "ch%E0%A4%A.md", "caf%C3%A9.md"]);
  });

  it("a malformed escape is a missing chapter named at its line, not a crash", async () => {
    // With create-missing (the default) mdBook would create that file: here it may not.
    const root = makeTree({ "book.toml": "[book]\n[build]\ncreate-missing = false\n", "src/SUMMARY.md": "# Summary\n\n- [C](ch%E0%A4%A.md)\n" });
    const result = await runInProcess(["extract", root]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("pobook: src/SUMMARY.md:3: chapter src/ch%E0%A4%A.md is listed but cannot be read (ENOENT)\n");
  });

  it("a chapter with a space is found through %20", async () => {
    const root = makeTree({ "book.toml": "[book]\n", "src/SUMMARY.md": "- [C](my%20chapter.md)\n", "src/my chapter.md": "Hello.\n" });
    mkdirSync(join(root, "po"));
    writeFileSync(join(root, "po/.keep"), "");
    expect((await runInProcess(["extract", root, "--no-cache"])).status).toBe(0);
    expect(readFileSync(join(root, "po/messages.pot"), "utf8")).toContain('#: src/my chapter.md:1\nmsgid "Hello."');
  });
});
