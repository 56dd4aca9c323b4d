// The output rules (src/output/rules.ts) and the tree writer over real
// temporary directories: nothing pobook did not write is removed or changed.
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { decideOutputDir, decideOutputFile, isInside, permits, type BookPaths } from "../src/output/rules.js";
import { classifyFileContent } from "../src/output/file-content.js";
import { writeTree, type ProducedEntry } from "../src/output/tree-writer.js";
import { readManifest, writeManifest } from "../src/output/manifest.js";
import { snapshotTree } from "./helpers/tree-snapshot.js";

const BOOK: BookPaths = { root: "/w/book", sources: "/w/book/src", poDir: "/w/book/po", outputAreas: ["/w/book/book"] };

describe("decideOutputDir", () => {
  const dir = (path: string, state: Partial<{ kind: "missing" | "directory"; empty: boolean; ownOutput: boolean }> = {}) => ({
    path,
    kind: state.kind ?? "missing",
    empty: state.empty ?? true,
    ownOutput: state.ownOutput ?? false,
  });

  it("allows the default output and outputs outside the book", () => {
    expect(decideOutputDir(dir("/w/book/book/fr-src"), BOOK).verdict).toBe("allowed");
    expect(decideOutputDir(dir("/w/fr", { kind: "directory", empty: true }), BOOK).verdict).toBe("allowed");
    expect(decideOutputDir(dir("/w/fr", { kind: "directory", empty: false, ownOutput: true }), BOOK).verdict).toBe("allowed");
  });

  it("needs --force for a foreign non-empty directory and for a place in the book outside the build directory", () => {
    expect(decideOutputDir(dir("/w/fr", { kind: "directory", empty: false }), BOOK).verdict).toBe("needs-force");
    expect(decideOutputDir(dir("/w/book/theme/fr"), BOOK).verdict).toBe("needs-force");
    expect(decideOutputDir(dir("/w/book/theme/fr", { kind: "directory", empty: false, ownOutput: true }), BOOK).verdict).toBe("allowed");
  });

  it("a book whose sources are its root still allows book/LANG-src", () => {
    expect(decideOutputDir(dir("/w/book/book/fr-src"), { ...BOOK, sources: "/w/book" }).verdict).toBe("allowed");
  });

  // Paths built from the book's own names, `..` and `.`: whatever they
  // resolve to, none that is, holds or lies in a protected place passes.
  const segment = fc.constantFrom("w", "book", "src", "po", "x", "..", ".", "book");
  const target = fc.array(segment, { maxLength: 5 }).map((parts) => {
    const stack: string[] = [];
    for (const part of parts) {
      if (part === "..") stack.pop();
      else if (part !== ".") stack.push(part);
    }
    return `/${stack.join("/")}`;
  });
  it("never lets an output be, contain or lie inside the sources or po-dir, or be or contain the book (property)", () => {
    fc.assert(
      fc.property(target, fc.boolean(), fc.boolean(), fc.boolean(), (path, exists, empty, ownOutput) => {
        const decision = decideOutputDir({ path, kind: exists ? "directory" : "missing", empty, ownOutput }, BOOK, { home: "/w/home" });
        const forbidden =
          isInside(BOOK.root, path) ||
          [BOOK.sources, BOOK.poDir].some((protectedPath) => isInside(path, protectedPath)) ||
          path === "/w/home";
        if (forbidden) expect(decision.verdict).toBe("refused");
        const foreign = exists && !empty && !ownOutput;
        if (foreign) expect(permits(decision, false)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe("decideOutputFile", () => {
  const sources = { directories: ["/w/book/src"], files: ["/w/book/book.toml"] };
  it("never writes over a book source, even with --force", () => {
    expect(decideOutputFile({ path: "/w/book/book.toml", kind: "file", content: "other" }, sources, "template").verdict).toBe("refused");
    expect(decideOutputFile({ path: "/w/book/src/a.md", kind: "file", content: "other" }, sources, "template").verdict).toBe("refused");
    expect(decideOutputFile({ path: "/w/book/src", kind: "directory" }, sources, "template").verdict).toBe("refused");
  });
  it("needs --force over a file that is not a catalog, or a translated catalog for a template", () => {
    expect(decideOutputFile({ path: "/w/notes.txt", kind: "file", content: "other" }, sources, "catalog").verdict).toBe("needs-force");
    expect(decideOutputFile({ path: "/w/fr.po", kind: "file", content: "translated-catalog" }, sources, "template").verdict).toBe("needs-force");
    expect(decideOutputFile({ path: "/w/fr.po", kind: "file", content: "translated-catalog" }, sources, "catalog").verdict).toBe("allowed");
    expect(decideOutputFile({ path: "/w/m.pot", kind: "file", content: "template" }, sources, "template").verdict).toBe("allowed");
    expect(decideOutputFile({ path: "/w/new.pot", kind: "missing" }, sources, "template").verdict).toBe("allowed");
    expect(decideOutputFile({ path: "/w/book/src/new.pot", kind: "missing" }, sources, "template").verdict).toBe("needs-force");
  });
});

describe("classifyFileContent", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n';
  it("tells templates, translated catalogs and other files apart", () => {
    expect(classifyFileContent(bytes(""))).toBe("empty");
    expect(classifyFileContent(bytes(`${header}#: a.md:1\nmsgid "Hi"\nmsgstr ""\n`))).toBe("template");
    expect(classifyFileContent(bytes(`${header}msgid "Hi"\nmsgstr "Salut"\n`))).toBe("translated-catalog");
    expect(classifyFileContent(bytes(`${header}msgid "Hi"\nmsgstr ""\n"Salut"\n`))).toBe("translated-catalog");
    expect(classifyFileContent(bytes(`${header}msgid "a"\nmsgid_plural "as"\nmsgstr[0] ""\nmsgstr[1] "des a"\n`))).toBe("translated-catalog");
    expect(classifyFileContent(bytes("# Title\n\n## Only headings\n"))).toBe("other");
    expect(classifyFileContent(bytes("# Intro\n\nHello.\n"))).toBe("other");
    expect(classifyFileContent(bytes('[book]\ntitle = "x"\n'))).toBe("other");
    expect(classifyFileContent(new Uint8Array([0xff, 0xfe, 0x00]))).toBe("other");
  });
  it("judges a truncated start by its complete lines", () => {
    expect(classifyFileContent(bytes(`${header}msgid "Hi"\nmsgstr ""\nmsgid "cut`), true)).toBe("template");
  });
});

describe("writeTree", () => {
  let work: string | undefined;
  afterEach(() => {
    if (work) rmSync(work, { recursive: true, force: true });
    work = undefined;
  });

  // Small trees over few names, so that paths collide: a produced file where
  // the user has one, a directory where a file was, and so on.
  const name = fc.constantFrom("a", "b");
  const path = fc.array(name, { minLength: 1, maxLength: 2 }).map((parts) => parts.join("/"));
  /** Paths of which none is a directory of another: a tree's files. */
  const files = fc.uniqueArray(path, { maxLength: 6 }).map((paths) => paths.filter((p) => !paths.some((q) => q !== p && (q.startsWith(`${p}/`) || p.startsWith(`${q}/`) && paths.indexOf(q) < paths.indexOf(p)))));

  function writeFiles(root: string, contents: Record<string, string>): void {
    for (const [file, text] of Object.entries(contents)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
  }

  it("removes or changes nothing outside pobook's own output, and writes everything it produces (property)", () => {
    work = mkdtempSync(join(tmpdir(), "pobook-tree-"));
    let run = 0;
    fc.assert(
      fc.property(files, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), files, fc.boolean(), fc.integer({ min: 0, max: 4 }), (existing, ownedFlags, produced, force, failure) => {
        const failing = failure === 0;
        const out = join(work!, `out${run++}`);
        mkdirSync(out);
        const owned = existing.filter((_, index) => ownedFlags[index]);
        const user = existing.filter((file) => !owned.includes(file));
        writeFiles(out, Object.fromEntries(existing.map((file) => [file, `old ${file}`])));
        writeManifest(out, { files: owned });
        const before = snapshotTree(out);
        const entries: ProducedEntry[] = produced.map((file) => ({ path: file, kind: "file", data: `new ${file}`, mode: 0o644 }));
        // A source that cannot be read: the run fails while staging.
        if (failing) entries.push({ path: "zz-unreadable", kind: "file", copyFrom: join(work!, "no-such-file"), mode: 0o644 });
        let failed = false;
        try {
          writeTree(out, entries, { force, shown: out });
        } catch {
          failed = true;
        }
        if (failed) {
          expect(snapshotTree(out)).toEqual(before);
          return;
        }
        expect(failing).toBe(false);
        for (const file of user) {
          if (force && produced.includes(file)) continue;
          expect(readFileSync(join(out, file), "utf8")).toBe(`old ${file}`);
        }
        for (const file of produced) expect(readFileSync(join(out, file), "utf8")).toBe(`new ${file}`);
        // pobook's stale files are gone (a produced directory may stand in their place).
        for (const file of owned) if (!produced.includes(file)) expect(!existsSync(join(out, file)) || statSync(join(out, file)).isDirectory()).toBe(true);
        expect(readManifest(out)?.files.sort()).toEqual([...produced].sort());
      }),
      { numRuns: 300 },
    );
  });

  it("removes the staging directory a killed run left behind (its manifest names it)", () => {
    work = mkdtempSync(join(tmpdir(), "pobook-tree-"));
    const out = join(work, "out");
    mkdirSync(join(out, ".pobook-staging-0123456789ab", "src"), { recursive: true });
    writeFileSync(join(out, ".pobook-staging-0123456789ab", "src", "half.md"), "half");
    writeFileSync(join(out, "mine.txt"), "user");
    writeManifest(out, { files: [], staging: ".pobook-staging-0123456789ab" });
    writeTree(out, [{ path: "a.md", kind: "file", data: "new", mode: 0o644 }], { force: false, shown: "out" });
    expect(Object.keys(snapshotTree(out)).sort()).toEqual([".pobook-output.json", "a.md", "mine.txt"]);
  });
});
