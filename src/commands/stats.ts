import type { Command } from "commander";
import { readPoFile } from "../catalog/parse.js";
import { writeFileAtomic } from "../fs.js";
import { catalogStats } from "../stats/compute.js";
import { renderHtmlReport } from "../stats/html.js";
import { renderStatsTable } from "../stats/table.js";
import { poFilesOrDefault, useColor } from "./po-files.js";

interface StatsOptions {
  byChapter?: boolean;
  json?: boolean;
  html?: string;
}

export function registerStats(program: Command): void {
  program
    .command("stats")
    .description("translation progress per catalog: messages and source words translated, fuzzy, untranslated, obsolete")
    .argument("[po...]", "PO files (default: po/*.po)")
    .option("--by-chapter", "break the figures down by chapter (#: references)")
    .option("--json", "print the figures as JSON")
    .option("--html <file>", "also write a self-contained HTML report to FILE")
    .action((files: string[], options: StatsOptions) => {
      // Read every catalog before writing anything: a bad file leaves no partial output.
      const stats = poFilesOrDefault(files).map((file) => catalogStats(readPoFile(file), file));
      if (options.html !== undefined) {
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
