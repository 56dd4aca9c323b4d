import type { Command } from "commander";
import { join } from "node:path";
import { readPoFile } from "../catalog/parse.js";
import { getHeader } from "../catalog/types.js";
import { writeFileAtomic } from "../fs.js";
import { catalogAgainstTemplate, templateCatalog } from "../stats/against-sources.js";
import { catalogStats, type CatalogStats } from "../stats/compute.js";
import { renderHtmlReport } from "../stats/html.js";
import { renderStatsTable } from "../stats/table.js";
import { legacyInlineHtmlVerdict, templatesOf } from "../book/legacy-inline-html.js";
import { PobookError } from "../errors.js";
import { catalogDir, readBookConfig } from "./book-files.js";
import { bookArgument, lazyBothSegmentations, legacyCatalogNote } from "./legacy-catalogs.js";
import { poFilesOrDefault, useColor } from "./po-files.js";
import { bookRoot as bookRootOf } from "./plain-book.js";
import { bookReader, findReadRoot } from "../runtime/book-reader.js";
import { progress, readWithProgress } from "./progress.js";
import { enforce, inspectFile, realPath } from "../output/inspect.js";
import { decideOutputFile } from "../output/rules.js";
import { catalogsAndTrees, loadTree, loadTreeWithoutBook, readBookOutline } from "./catalog-tree.js";
import type { BookOutline } from "../book/template.js";

interface StatsOptions {
  byChapter?: boolean;
  json?: boolean;
  html?: string;
  againstSources?: boolean;
  legacyInlineHtml?: boolean;
  book: string;
  force?: boolean;
}

export function registerStats(program: Command): void {
  program
    .command("stats")
    .description("translation progress per catalog: messages and source words translated, fuzzy, untranslated, obsolete")
    .argument("[po...]", "PO files, or catalog trees (directories of .po files) counted as one catalog each (default: the book's <po-dir>/*.po and <po-dir>/LANG/ trees, po/*.po without book.toml)")
    .option("--by-chapter", "break the figures down by chapter (#: references)")
    .option("--json", "print the figures as JSON")
    .option("--html <file>", "also write a self-contained HTML report to FILE")
    .option("--force", "with --html, overwrite an existing file that is not a pobook report (never a book source)")
    .option("--against-sources", "count against the book's current sources: each catalog as `pobook update` would merge it (nothing is written)")
    .option("--legacy-inline-html", "with --against-sources: the book's messages as mdbook-xgettext made them before inline HTML stayed in messages")
    .option("-b, --book <dir>", "the book directory (with book.toml): its po-dir, and its sources for --against-sources", ".")
    .action(async (files: string[], options: StatsOptions) => {
      const bookRoot = bookRootOf(options.book);
      if (options.legacyInlineHtml && !options.againstSources) throw new PobookError("--legacy-inline-html counts against the sources: give --against-sources too");
      const config = readBookConfig(bookRoot, options.againstSources === true);
      const treeConfig = config ?? readBookConfig(bookRoot, false);
      const named = treeConfig === undefined && files.length === 0 ? poFilesOrDefault(files).map((path) => ({ path, tree: false })) : catalogsAndTrees(files, catalogDir(bookRoot, treeConfig));
      // Read (and extract) everything before writing anything: a bad file leaves no partial output.
      let outline: BookOutline | undefined;
      if (treeConfig !== undefined && named.some(({ tree }) => tree)) outline = await readBookOutline(bookRoot, treeConfig);
      const catalogs = named.map(({ path: file, tree }) => ({
        file,
        // A tree counts as the one catalog its files make (src/catalog/tree.ts).
        catalog: !tree ? readPoFile(file) : treeConfig !== undefined ? loadTree(file, treeConfig, outline!, undefined, true).catalog : loadTreeWithoutBook(file).catalog,
      }));
      let notes = "";
      let stats: CatalogStats[];
      if (options.againstSources && config !== undefined) {
        const legacy = options.legacyInlineHtml === true || config.segmentation.legacyInlineHtml;
        const report = progress();
        const book = lazyBothSegmentations(bookRoot, config, readWithProgress(bookReader(bookRoot, findReadRoot(bookRoot, config), config), report, "pobook stats: reading the book"))();
        const template = templateCatalog(config, templatesOf(config, book, legacy));
        stats = catalogs.map(({ file, catalog }) => {
          if (!legacy) {
            const verdict = legacyInlineHtmlVerdict(catalog, book);
            if (verdict.legacy) notes += legacyCatalogNote(file, verdict, bookArgument(bookRoot));
          }
          // The catalog's own POT-Creation-Date says when it was last synced; the merge would set today's.
          report.update(`pobook stats: merging ${file}`);
          return { ...catalogStats(catalogAgainstTemplate(catalog, template), file), potCreationDate: getHeader(catalog, "POT-Creation-Date") };
        });
        report.done();
      } else {
        stats = catalogs.map(({ file, catalog }) => catalogStats(catalog, file));
      }
      if (options.html !== undefined) {
        // Never over a book source, nor over a file that is not an earlier report unless --force (src/output/rules.ts).
        const bookConfig = config ?? readBookConfig(bookRoot, false);
        const sources = bookConfig ? { directories: [realPath(join(bookRoot, bookConfig.src))], files: [realPath(join(bookRoot, "book.toml"))] } : { directories: [], files: [] };
        enforce(decideOutputFile(inspectFile(options.html, true), sources, "report"), options.force === true, options.html);
        writeFileAtomic(options.html, renderHtmlReport(stats, { generatedAt: new Date().toISOString() }));
      }
      process.stderr.write(notes);
      if (options.json) {
        const figures = options.byChapter ? stats : stats.map(({ chapters: _chapters, ...rest }) => rest);
        process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
      } else {
        process.stdout.write(renderStatsTable(stats, { color: useColor(process.stdout), byChapter: options.byChapter === true }));
      }
    });
}
