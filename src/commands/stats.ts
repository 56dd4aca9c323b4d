import type { Command } from "commander";
import { join } from "node:path";
import { readPoFile } from "../catalog/parse.js";
import { getHeader } from "../catalog/types.js";
import { writeFileAtomic } from "../fs.js";
import { bookTemplate, catalogAgainstTemplate } from "../stats/against-sources.js";
import { catalogStats, type CatalogStats } from "../stats/compute.js";
import { renderHtmlReport } from "../stats/html.js";
import { renderStatsTable } from "../stats/table.js";
import { readBookConfig } from "./book-files.js";
import { bookReader, findReadRoot } from "../runtime/book-reader.js";
import { poFilesOrDefault, useColor } from "./po-files.js";
import { enforce, inspectFile, realPath } from "../output/inspect.js";
import { decideOutputFile } from "../output/rules.js";

interface StatsOptions {
  byChapter?: boolean;
  json?: boolean;
  html?: string;
  againstSources?: boolean;
  book?: string;
  force?: boolean;
}

export function registerStats(program: Command): void {
  program
    .command("stats")
    .description("translation progress per catalog: messages and source words translated, fuzzy, untranslated, obsolete")
    .argument("[po...]", "PO files (default: po/*.po, or the book's po-dir with --book/--against-sources)")
    .option("--by-chapter", "break the figures down by chapter (#: references)")
    .option("--json", "print the figures as JSON")
    .option("--html <file>", "also write a self-contained HTML report to FILE")
    .option("--force", "with --html, overwrite an existing file that is not a pobook report (never a book source)")
    .option("--against-sources", "count against the book's current sources: each catalog as `pobook update` would merge it (nothing is written)")
    .option("--book <dir>", "the book directory (with book.toml) for --against-sources", ".")
    .action((files: string[], options: StatsOptions) => {
      const bookRoot = options.book ?? ".";
      const config = options.againstSources ? readBookConfig(bookRoot) : undefined;
      const poFiles = files.length === 0 && config !== undefined ? poFilesOrDefault([], join(bookRoot, config.poDir)) : poFilesOrDefault(files);
      // Read (and extract) everything before writing anything: a bad file leaves no partial output.
      const catalogs = poFiles.map((file) => ({ file, catalog: readPoFile(file) }));
      const template = config !== undefined ? bookTemplate(config, bookReader(bookRoot, findReadRoot(bookRoot, config))) : undefined;
      const stats: CatalogStats[] = catalogs.map(({ file, catalog }) => {
        if (template === undefined) return catalogStats(catalog, file);
        // The catalog's own POT-Creation-Date says when it was last synced; the merge would set today's.
        return { ...catalogStats(catalogAgainstTemplate(catalog, template), file), potCreationDate: getHeader(catalog, "POT-Creation-Date") };
      });
      if (options.html !== undefined) {
        // Never over a book source, nor over a file that is not an earlier report unless --force (src/output/rules.ts).
        const bookConfig = config ?? readBookConfig(bookRoot, false);
        const sources = bookConfig ? { directories: [realPath(join(bookRoot, bookConfig.src))], files: [realPath(join(bookRoot, "book.toml"))] } : { directories: [], files: [] };
        enforce(decideOutputFile(inspectFile(options.html, true), sources, "report"), options.force === true, options.html);
        writeFileAtomic(options.html, renderHtmlReport(stats, { generatedAt: new Date().toISOString() }));
      }
      if (options.json) {
        const figures = options.byChapter ? stats : stats.map(({ chapters: _chapters, ...rest }) => rest);
        process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
      } else {
        process.stdout.write(renderStatsTable(stats, { color: useColor(process.stdout), byChapter: options.byChapter === true }));
      }
    });
}
