import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { makeTree, runInProcess, type CliResult } from "./helpers/cli.js";

const book = {
  "book.toml": '[book]\ntitle = "Demo"\nlanguage = "en"\nsrc = "src"\n',
  "src/SUMMARY.md": "# Summary\n\n- [Intro](intro.md)\n- [Code](code.md)\n",
  "src/intro.md": "# Intro\n\nWelcome to the book.\n\n{{#include later.md}}\n",
  "src/code.md": "# Code\n\n```rust\n{{#include hello.rs}}\n```\n",
  "src/hello.rs": 'fn main() {\n    // Print a greeting.\n    println!("Hello");\n}\n',
  "po/de.po":
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de\\n"\n\n' +
    'msgctxt "book.toml:title"\nmsgid "Demo"\nmsgstr "Demo auf Deutsch"\n\nmsgid "Intro"\nmsgstr "Einleitung"\n\nmsgid "Welcome to the book."\nmsgstr "Willkommen im Buch."\n\n' +
    'msgid "// Print a greeting.\\n"\nmsgstr "// Einen Gruß ausgeben.\\n"\n\nmsgid "Included later."\nmsgstr "Später eingefügt."\n',
};

/** Every file of a tree by its path (the manifest included). */
function treeFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return files;
}

describe("pobook translate with the translation cache", () => {
  const env = { SOURCE_DATE_EPOCH: "0" };

  /** A cached run and an uncached one into fresh directories: the same trees and output. */
  async function both(root: string, cacheDir: string): Promise<{ cached: CliResult; tree: Record<string, string> }> {
    for (const dir of ["cached", "fresh"]) rmSync(join(root, "book", dir), { recursive: true, force: true });
    const cached = await runInProcess(["translate", root, "-l", "de", "-o", join(root, "book", "cached"), "--cache-dir", cacheDir], { env });
    const fresh = await runInProcess(["translate", root, "-l", "de", "-o", join(root, "book", "fresh"), "--no-cache"], { env });
    expect(cached.status).toBe(0);
    expect({ stdout: cached.stdout.replace("cached", "fresh"), stderr: cached.stderr }).toEqual({ stdout: fresh.stdout, stderr: fresh.stderr });
    const tree = treeFiles(join(root, "book", "cached"));
    expect(tree).toEqual(treeFiles(join(root, "book", "fresh")));
    return { cached, tree };
  }

  it("serves an unchanged book and catalog from the cache, and sees an edited catalog, chapter, include and an include that appears", async () => {
    const root = makeTree(book);
    const cacheDir = join(makeTree({}), "cache");
    const first = await both(root, cacheDir);
    expect(first.tree["src/intro.md"]).toBe("# Einleitung {#intro}\n\nWillkommen im Buch.\n\n{{#include later.md}}\n");
    expect(first.tree["book.toml"]).toContain('title = "Demo auf Deutsch"');
    const [cacheFile] = readdirSync(cacheDir).filter((name) => name.startsWith("translation-"));
    expect(cacheFile).toBeDefined();
    const stored = statSync(join(cacheDir, cacheFile!)).mtimeMs;
    // Served from the cache: the same output, the cache file not written again.
    const again = await both(root, cacheDir);
    expect(again.tree).toEqual(first.tree);
    expect(statSync(join(cacheDir, cacheFile!)).mtimeMs).toBe(stored);

    writeFileSync(join(root, "po/de.po"), readFileSync(join(root, "po/de.po"), "utf8").replace("Willkommen im Buch.", "Willkommen!").replace("Demo auf Deutsch", "Vorführung"));
    const catalogEdited = await both(root, cacheDir);
    expect(catalogEdited.tree["src/intro.md"]).toContain("Willkommen!");
    expect(catalogEdited.tree["book.toml"]).toContain('title = "Vorführung"');

    writeFileSync(join(root, "src/hello.rs"), 'fn main() {\n    // Print a greeting.\n    let x = 1;\n    // Print a greeting.\n}\n');
    expect((await both(root, cacheDir)).tree["src/hello.rs"]).toBe("fn main() {\n    // Einen Gruß ausgeben.\n    let x = 1;\n    // Einen Gruß ausgeben.\n}\n");

    writeFileSync(join(root, "src/intro.md"), "# Intro\n\nWelcome to the book.\n\nNew text.\n\n{{#include later.md}}\n");
    const chapterEdited = await both(root, cacheDir);
    expect(chapterEdited.tree["src/intro.md"]).toContain("New text.");
    // One more untranslated message than before.
    // "New text." is one more untranslated message and hello.rs's "Hello" one less.
    // book.toml's translated title counts too, as in `pobook stats`.
    expect(chapterEdited.cached.stdout).toMatch(/^de: 4 applied, 0 fuzzy skipped, 3 untranslated/);

    // The include was missing (mdBook's error to report); once it exists, its text is translated.
    writeFileSync(join(root, "src/later.md"), "Included later.\n");
    expect((await both(root, cacheDir)).tree["src/later.md"]).toBe("Später eingefügt.\n");
  });

  it("--cache-dir cannot go with --no-cache", async () => {
    const root = makeTree(book);
    const result = await runInProcess(["translate", root, "-l", "de", "--cache-dir", join(root, "c"), "--no-cache"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("pobook: --cache-dir and --no-cache contradict each other: give one\n");
  });
});
