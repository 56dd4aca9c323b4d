/**
 * The real-book harness (scripts/real-books.mjs) on the fragments reduced from public mdBook
 * books (fixtures/real-books/, each with a NOTICE naming its source): extract, msgfmt, msgcat,
 * identity and empty round trips and the translate-then-re-extract invariant.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/cli.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "real-books");

/**
 * Fixtures every check passes on today, with how many invariant entries translate warns about
 * instead of re-extracting (a SUMMARY.md paragraph of prefix-chapter links cannot be translated
 * in place, and saying so is the invariant's allowed outcome).
 */
const PASSING: Record<string, { warns: number; book?: string }> = {
  "cargo-book-backslash-hard-break": { warns: 0 },
  // Reference links whose definitions are in an included file: translated in place; a chapter
  // redefining a label the include defined first (mdBook keeps the include's) is warned about.
  "bevy-cheatbook-included-link-definitions": { warns: 1 },
  // An included file whose reference links only its includers define: translated with their
  // definitions; a chapter defining a label otherwise than the first includer is warned about.
  "bevy-cheatbook-include-uses-chapter-links": { warns: 2 },
  // Anchors `tasks` and `tasks-app`: mdBook compares names whole, and so does translate.
  "bevy-cheatbook-anchor-name-prefix": { warns: 0 },
  "cxx-book-chapter-listed-twice": { warns: 0 },
  // Chapters SUMMARY.md lists without a file: mdBook creates them, translate writes them into the copy.
  "dojo-book-missing-chapter": { warns: 0 },
  "mdbook-guide-escaped-directive": { warns: 0 },
  "admonish-book-admonish-blocks": { warns: 0 },
  "async-book-executable-file": { warns: 0 },
  // A toml/cairo block whose body is an include is one whole-block message upstream: it cannot be
  // split back into the included file, so translate says so (the invariant's allowed outcome).
  "async-book-include-lines-toml-fence": { warns: 1 },
  "async-book-intraword-emphasis": { warns: 0 },
  "cairo-book-include-cairo-fence": { warns: 1 },
  "mdbook-guide-summary-included": { warns: 0 },
  "reference-rule-ids-grammar": { warns: 0 },
  "rust-book-include-toml-fence": { warns: 1 },
  "rust-book-rustdoc-include-anchor": { warns: 0 },
  "rust-book-summary-prefix-lines": { warns: 1 },
  "rust-cli-book-include-lines-rust-fence": { warns: 0 },
  "rustc-dev-guide-escaped-brace-heading": { warns: 0 },
  "synthetic-symlink": { warns: 0 },
  // CRLF chapters: comments' messages end before the newline (test/crlf-code-blocks.test.ts).
  "sonic-book-crlf-code-comments": { warns: 0 },
  "walrus-docs-suffix-chapters-one-paragraph": { warns: 1 },
  // The book is the fixture's book/ folder: it includes ../examples/ from beside it.
  "mdbook-guide-include-outside-book": { warns: 0, book: "book" },
};

/**
 * Fixtures that reproduce a failure found on a real book, not run here: each is turned into a
 * regression test when its fix lands. The value is the check that fails today.
 */
const KNOWN_FAILING: Record<string, string> = {
};

interface BookResult {
  messages?: number;
  failures: Array<{ check: string; detail: string }>;
  msgfmt?: boolean;
  msgcat?: boolean;
  identity?: { ok: boolean };
  empty?: { ok: boolean };
  invariant?: { holds: number; warns: number; fails: number; warnings?: string[] };
  unchanged?: boolean;
}

type InProcessRunner = (args: string[], env: NodeJS.ProcessEnv) => Promise<{ status: number; stdout: string; stderr: string }>;
/** The harness's CLI runs in this process (same code and exit status, without starting Node each time). */
const inProcess: InProcessRunner = (args, env) => runInProcess(args, { env });

interface Harness {
  checkBook(dir: string, options: { work: string; catalogs?: string[]; runPobook?: InProcessRunner }): Promise<BookResult>;
  shout(msgid: string): string;
  snapshotTree(root: string): Map<string, unknown>;
  compareTrees(source: Map<string, unknown>, copy: Map<string, unknown>, layout?: { book: string; readRoot: string }): string[];
}

let harness: Harness;
let scratch: string;

beforeAll(async () => {
  harness = (await import("../scripts/real-books.mjs")) as Harness;
  scratch = mkdtempSync(join(tmpdir(), "pobook-real-books-test-"));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe("real-book fixtures", () => {
  it("every fixture is either run here or listed as a known failure", () => {
    const listed = [...Object.keys(PASSING), ...Object.keys(KNOWN_FAILING)].sort();
    expect(readdirSync(FIXTURES).sort()).toEqual(listed);
  });

  for (const [name, expected] of Object.entries(PASSING)) {
    it(`${name}: every check passes`, { timeout: 180_000 }, async () => {
      const work = join(scratch, name);
      mkdirSync(work);
      const result = await harness.checkBook(join(FIXTURES, name, expected.book ?? ""), { work, runPobook: inProcess });
      expect(result.failures).toEqual([]);
      expect(result.messages).toBeGreaterThan(0);
      expect([result.msgfmt, result.msgcat, result.identity?.ok, result.empty?.ok, result.unchanged]).toEqual([true, true, true, true, true]);
      expect(result.invariant).toEqual(expect.objectContaining({ fails: 0, warns: expected.warns, holds: result.messages! - expected.warns }));
    });
  }
});

describe("included Markdown in its includers' context", () => {
  it("translates an include with the link definitions of the chapters including it, and names the chapter defining a label otherwise", { timeout: 180_000 }, async () => {
    const work = join(scratch, "includer-context");
    mkdirSync(work);
    const result = await harness.checkBook(join(FIXTURES, "bevy-cheatbook-include-uses-chapter-links"), { work, runPobook: inProcess });
    // The included file is written translated (its links as the msgstr has them), its own definition kept.
    expect(readFileSync(join(work, "shout", "src", "include", "assets.md"), "utf8")).toBe(
      " - [`Picture`](https://docs.example.org/0.2/Picture.html): PIXELS USED AS A TEXTURE\n" +
        " - [`Music`](https://docs.example.org/0.2/Music.html): STREAMED AUDIO\n" +
        " - [`Sound`](https://docs.example.org/0.2/Sound.html): AUDIO DATA, SEE THE [GUIDE](https://example.org/guide)\n\n" +
        "A PARAGRAPH WITHOUT LINKS.\n\n[guide]: https://example.org/guide\n",
    );
    expect(result.invariant?.warnings).toEqual([
      expect.stringMatching(/^src\/old\.md:5 \(po line \d+\): src\/include\/assets\.md is included by src\/assets\.md and here, which define \[engine::Picture\] differently: .*cannot be written back here \(not applied\)$/),
      // A shortcut reference old.md does not define: text there (`\\[...\\]` in its msgid), a link elsewhere.
      expect.stringMatching(/^src\/old\.md:7 \(po line \d+\): src\/include\/assets\.md is included by src\/assets\.md, which defines \[`Music`\], and here, which does not: .*cannot be written back here \(not applied\)$/),
    ]);
  });
});

describe("harness", () => {
  it("fails only the catalogs check when a project's own catalog is broken, and scores the others", { timeout: 180_000 }, async () => {
    // ordinals/ord's docs/po/ja.po has an unterminated string, which msgfmt rejects too.
    const book = join(scratch, "broken-catalog-book");
    cpSync(join(FIXTURES, "cxx-book-chapter-listed-twice"), book, { recursive: true });
    mkdirSync(join(book, "po"));
    const header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n';
    writeFileSync(join(book, "po", "ja.po"), `${header}msgid "Summary"\nmsgstr "unterminated\n`);
    writeFileSync(join(book, "po", "de.po"), `${header}msgid "Summary"\nmsgstr "Inhalt"\n\nmsgid "Not in the book"\nmsgstr "Nicht im Buch"\n`);
    const work = join(scratch, "broken-catalog-work");
    mkdirSync(work);
    const result = (await harness.checkBook(book, { work, catalogs: ["po/ja.po", "po/de.po"], runPobook: inProcess })) as BookResult & { catalogs: Array<{ error?: string; matched?: number; msgids?: number }> };
    expect(result.failures).toEqual([{ check: "catalogs", detail: expect.stringMatching(/^po\/ja\.po: unreadable \(ja\.po:6: unterminated string; msgfmt refuses it too: .*ja\.po:7: end-of-line within string\)$/) }]);
    expect([result.msgfmt, result.msgcat, result.identity?.ok, result.empty?.ok, result.unchanged]).toEqual([true, true, true, true, true]);
    expect(result.catalogs[1]).toEqual(expect.objectContaining({ matched: 1, msgids: 2 }));
  });

  it("upper-cases words but not code, link targets, footnotes, entities, directives, escapes or literal prefixes", () => {
    expect(harness.shout("Use `cargo run` with [the guide](https://example.com/Guide) and *care*[^note].")).toBe(
      "USE `cargo run` WITH [THE GUIDE](https://example.com/Guide) AND *CARE*[^note].",
    );
    expect(harness.shout("a&nbsp;b {{#include x.rs:anchor}} \\n b\"bytes\" r#\"raw\"#")).toBe('A&nbsp;B {{#include x.rs:anchor}} \\n b"BYTES" r#"RAW"#');
    expect(harness.shout("```toml\n[dependencies]\n```")).toBe("```toml\n[DEPENDENCIES]\n```");
    expect(harness.shout("// ANCHOR: print\n")).toBe("// ANCHOR: print\n");
    expect(harness.shout("<kbd>Ctrl</kbd> ## Heading {#my-id}")).toBe("<kbd>CTRL</kbd> ## HEADING {#my-id}");
  });

  it("finds a changed mode, a missing symlink, changed bytes and an extra file between two trees", () => {
    const source = join(scratch, "tree-a");
    const copy = join(scratch, "tree-b");
    mkdirSync(join(source, "src"), { recursive: true });
    writeFileSync(join(source, "src", "a.md"), "# A\n");
    writeFileSync(join(source, "run.sh"), "#!/bin/sh\n");
    chmodSync(join(source, "run.sh"), 0o755);
    symlinkSync("a.md", join(source, "src", "b.md"));
    cpSync(source, copy, { recursive: true, verbatimSymlinks: true });
    expect(harness.compareTrees(harness.snapshotTree(source), harness.snapshotTree(copy))).toEqual([]);
    chmodSync(join(copy, "run.sh"), 0o644);
    rmSync(join(copy, "src", "b.md"));
    writeFileSync(join(copy, "src", "a.md"), "# B\n");
    writeFileSync(join(copy, "extra.md"), "");
    expect(harness.compareTrees(harness.snapshotTree(source), harness.snapshotTree(copy))).toEqual([
      "run.sh: mode 755 became 644",
      "src/a.md: line 1: \"# A\" became \"# B\"",
      "missing symlink src/b.md",
      "extra file extra.md",
    ]);
  });

  it("accepts a symlink to a file above the book copied as that file, and nothing else in its place", () => {
    // ordinals/ord's docs/theme/favicon.png links to ../../static/favicon.png: translate copies it.
    const root = join(scratch, "linked-root");
    const book = join(root, "docs");
    const copy = join(scratch, "linked-copy");
    mkdirSync(join(root, "static"), { recursive: true });
    mkdirSync(join(book, "theme"), { recursive: true });
    writeFileSync(join(root, "static", "icon.svg"), "<svg/>\n");
    symlinkSync("../../static/icon.svg", join(book, "theme", "icon.svg"));
    mkdirSync(join(copy, "theme"), { recursive: true });
    writeFileSync(join(copy, "theme", "icon.svg"), "<svg/>\n");
    const layout = { book, readRoot: root };
    expect(harness.compareTrees(harness.snapshotTree(book), harness.snapshotTree(copy), layout)).toEqual([]);
    writeFileSync(join(copy, "theme", "icon.svg"), "<svg></svg>\n");
    expect(harness.compareTrees(harness.snapshotTree(book), harness.snapshotTree(copy), layout)).toEqual(["theme/icon.svg: symlink became file"]);
  });
});
