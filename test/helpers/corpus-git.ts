// A git repository built from the corpus pt-BR book: the book and its real
// catalog committed at the catalog's POT-Creation-Date, then a commit that
// rewords chapters, then (in the work tree) the template extracted and the
// catalog refreshed by the real `pobook update`. Tests write edited copies of
// the catalog over po/pt-BR.po and compare with the committed revision.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PT_BOOK } from "./corpus.js";
import { runInProcess } from "./cli.js";

export interface CorpusRepo {
  dir: string;
  catalogPath: string;
  git: (...args: string[]) => string;
  /** The catalog as committed (upstream's, synced at 2024-07-09). */
  original: string;
  /** The catalog after `pobook update` against the reworded sources. */
  refreshed: string;
  /** The sentences the second commit rewrote: [old msgid, new msgid]. */
  rewordings: Array<[string, string]>;
}

/** Reworded sentences of src/hello-world/what-is-rust.md: two make fuzzy entries, one a new one. */
const EDITS: Array<[string, string]> = [
  ["Rust is a new programming language which had its", "Rust is a modern programming language which had its"],
  ["- High flexibility.", "- Very high flexibility."],
  ["- Has no runtime or garbage collection.", "- Has no runtime and no garbage collector.\n\nA brand new paragraph about Rust."],
];

export async function buildCorpusRepo(): Promise<CorpusRepo> {
  const dir = mkdtempSync(join(tmpdir(), "pobook-corpus-git-"));
  cpSync(PT_BOOK, dir, { recursive: true });
  execFileSync("chmod", ["-R", "u+w", dir]);
  // The corpus catalog predates inline HTML in messages: book.toml says so, as its maintainers would.
  const toml = join(dir, "book.toml");
  writeFileSync(toml, readFileSync(toml, "utf8").replace("[preprocessor.gettext]\n", "[preprocessor.gettext]\nlegacy-inline-html = true\n"));
  const git = (...args: string[]): string =>
    execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: dir, encoding: "utf8" });
  const commit = (message: string, date: string): void => {
    execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message], {
      cwd: dir,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  };
  git("init", "-q");
  git("add", ".");
  commit("Book and pt-BR catalog at the catalog's POT-Creation-Date", "2024-07-09T12:00:00-07:00");
  const chapter = join(dir, "src", "hello-world", "what-is-rust.md");
  let text = readFileSync(chapter, "utf8");
  for (const [before, after] of EDITS) {
    if (!text.includes(before)) throw new Error(`corpus changed: ${before}`);
    text = text.replace(before, after);
  }
  writeFileSync(chapter, text);
  git("add", ".");
  commit("what-is-rust: reword", "2024-08-01T10:00:00Z");
  const catalogPath = join(dir, "po", "pt-BR.po");
  const original = readFileSync(catalogPath, "utf8");
  for (const args of [["extract"], ["update"]]) {
    const result = await runInProcess(args, { cwd: dir });
    if (result.status !== 0) throw new Error(`pobook ${args[0]} failed: ${result.stderr}`);
  }
  const refreshed = readFileSync(catalogPath, "utf8");
  writeFileSync(catalogPath, original);
  return {
    dir,
    catalogPath,
    git,
    original,
    refreshed,
    rewordings: [
      ["Rust is a new programming language which had its", "Rust is a modern programming language which had its"],
      ["High flexibility.", "Very high flexibility."],
      ["Has no runtime or garbage collection.", "Has no runtime and no garbage collector."],
    ],
  };
}
