import type { Command } from "commander";
import { existsSync } from "node:fs";
import { basename, dirname, join, posix } from "node:path";
import { parseSummary, type SummaryItem } from "../book/summary.js";
import { parsePo, readPoFile } from "../catalog/parse.js";
import { getHeader, type Catalog } from "../catalog/types.js";
import { renderDiffHtml } from "../diff/html.js";
import { parsePoDate, reviewCatalog, type Baseline, type CatalogReview, type SourceChange } from "../diff/review.js";
import { renderTerminal } from "../diff/terminal.js";

import { readUtf8, writeFileAtomic } from "../fs.js";
import { changesSince, commitAtDate, fileAtCommit, requireRepository, resolveCommit, type GitDir } from "../git/repository.js";
import { enforce, inspectFile, realPath } from "../output/inspect.js";
import { decideOutputFile } from "../output/rules.js";
import { catalogDir, readBookConfig } from "./book-config.js";
import { poFilesOrDefault, useColor } from "./po-files.js";

interface DiffOptions {
  book: string;
  since?: string;
  json?: boolean;
  html?: string;
  force?: boolean;
}

function outputWidth(): number {
  if (process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  const columns = Number(process.env.COLUMNS);
  return Number.isInteger(columns) && columns >= 40 ? columns : 120;
}

/** SUMMARY.md's chapter titles keyed as references name chapters (`src/ownership.md`). */
function chapterTitles(bookRoot: string, src: string): Map<string, string> {
  const titles = new Map<string, string>();
  const summary = join(bookRoot, src, "SUMMARY.md");
  if (!existsSync(summary)) return titles;
  const visit = (item: SummaryItem): void => {
    if (item.kind !== "chapter") return;
    if (item.path !== undefined && !titles.has(posix.join(src, item.path))) titles.set(posix.join(src, item.path), item.name);
    item.children.forEach(visit);
  };
  parseSummary(readUtf8(summary), summary).forEach(visit);

  return titles;
}

export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("what translators must review: each fuzzy entry's old and new English side by side with a word diff, each new entry, by chapter, with what changed in the chapter's sources (git) since the catalog's POT-Creation-Date")
    .argument("[po...]", "PO files (default: the book's <po-dir>/*.po, po/*.po without book.toml)")
    .option("--since <rev>", "compare the sources with git revision REV instead of the commit at each catalog's POT-Creation-Date")
    .option("--json", "print the review as JSON")
    .option("--html <file>", "write the review as a self-contained HTML page to FILE instead of printing it")
    .option("--force", "with --html, overwrite an existing file that is not a pobook report (never a book source)")
    .option("-b, --book <dir>", "the book directory (with book.toml): its po-dir, SUMMARY.md titles and git repository", ".")
    .action((files: string[], options: DiffOptions) => {
      const bookRoot = options.book;
      const config = readBookConfig(bookRoot, false);
      const src = config?.src ?? "src";
      const poFiles = poFilesOrDefault(files, files.length === 0 ? catalogDir(bookRoot, config) : undefined);
      // Read everything before writing anything: a bad catalog or revision leaves no output.
      const catalogs = poFiles.map((file) => ({ file, catalog: readPoFile(file) }));
      const git: GitDir = { cwd: bookRoot, option: options.since !== undefined ? "--since" : "diff" };
      let noGit: string | undefined;
      let since: string | undefined;
      if (options.since !== undefined) since = resolveCommit(git, options.since);
      else {
        try {
          requireRepository(git);
        } catch {
          noGit = "not in a git repository: source changes not shown";
        }
      }
      const titles = chapterTitles(bookRoot, src);
      // Catalogs synced at the same commit share one `git log`.
      const changesByBase = new Map<string, { changes: Map<string, SourceChange>; base: Baseline["commit"] }>();
      const changesOf = (commit: string): { changes: Map<string, SourceChange>; base: Baseline["commit"] } => {
        const known = changesByBase.get(commit);
        if (known !== undefined) return known;
        const result = changesSince(git, commit, src);
        const changes = new Map<string, SourceChange>();
        for (const path of new Set([...result.commits.keys(), ...result.lines.keys()])) {
          changes.set(path, { commits: result.commits.get(path) ?? [], ...(result.lines.get(path) ?? { added: 0, removed: 0 }) });
        }
        const found = { changes, base: result.base };
        changesByBase.set(commit, found);
        return found;
      };
      const reviews: CatalogReview[] = catalogs.map(({ file, catalog }) => {
        let baseline: Baseline | undefined;
        let noBaseline = noGit;
        let changes: Map<string, SourceChange> | undefined;
        let base = since;
        if (base === undefined && noGit === undefined) {
          const potDate = getHeader(catalog, "POT-Creation-Date");
          const date = potDate === undefined ? undefined : parsePoDate(potDate);
          if (date === undefined) noBaseline = `POT-Creation-Date ${potDate === undefined ? "missing" : `'${potDate}' is not a date`}: give --since REV to see source changes`;
          else {
            base = commitAtDate(git, date);
            if (base === undefined) noBaseline = `no commit at or before the POT-Creation-Date ${potDate}: give --since REV to see source changes`;
          }
        }
        let earlier: Catalog | undefined;
        if (base !== undefined) {
          const found = changesOf(base);
          changes = found.changes;
          const text = fileAtCommit({ cwd: dirname(file), option: git.option }, base, basename(file));
          earlier = text === undefined ? undefined : parsePo(text, `${options.since ?? base.slice(0, 12)}:${file}`);
          baseline = { revision: options.since ?? base.slice(0, 12), reason: options.since !== undefined ? "since" : "pot-creation-date", commit: found.base };
        }
        return reviewCatalog({
          file,
          catalog,
          titles,
          ...(baseline !== undefined ? { baseline } : {}),
          ...(noBaseline !== undefined ? { noBaseline } : {}),
          ...(changes !== undefined ? { changes } : {}),
          ...(earlier !== undefined ? { earlier } : {}),
          isChapter: (path) => path.endsWith(".md"),
        });
      });
      if (options.html !== undefined) {
        // Never over a book source, nor over a file that is not an earlier report unless --force (src/output/rules.ts).
        const sources = config ? { directories: [realPath(join(bookRoot, config.src))], files: [realPath(join(bookRoot, "book.toml"))] } : { directories: [], files: [] };
        enforce(decideOutputFile(inspectFile(options.html, true), sources, "report"), options.force === true, options.html);
        writeFileAtomic(options.html, renderDiffHtml(reviews, { generatedAt: new Date().toISOString() }));
        const total = reviews.reduce((sum, review) => sum + review.fuzzy + review.new, 0);
        process.stderr.write(`pobook diff: wrote ${options.html} (${total} entries to review)\n`);
      } else if (options.json) {
        process.stdout.write(`${JSON.stringify(reviews, null, 2)}\n`);
      } else {
        process.stdout.write(renderTerminal(reviews, { color: useColor(process.stdout), width: outputWidth() }));
      }
    });
}


