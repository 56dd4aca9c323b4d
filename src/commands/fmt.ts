import type { Command } from "commander";
import { checkCatalogWritable, writeCatalogFile } from "../catalog-file.js";
import { formatCatalog } from "../catalog/format.js";
import { EXIT_FAILURE } from "../errors.js";
import { catalogDir, readBookConfig } from "./book-config.js";
import { readCatalogInput } from "./catalog-input.js";
import { poFilesOrDefault } from "./po-files.js";

interface FmtFlags {
  check?: boolean;
  book: string;
  poDir?: string;
}

export function registerFmt(program: Command): void {
  program
    .command("fmt")
    .description("rewrite catalogs in GNU gettext's layout (what msgcat writes), whatever editor wrote them")
    .argument("[po...]", "PO or POT files (default: the book's <po-dir>/*.po)")
    .option("--check", "change nothing; list the files not in GNU layout and exit 1 if there are any")
    .option("-b, --book <DIR>", "book directory (its book.toml says where the catalogs are)", ".")
    .option("--po-dir <DIR>", "catalog directory (default: the book's po-dir, po)")
    .action((files: string[], flags: FmtFlags) => {
      const paths = poFilesOrDefault(files, files.length > 0 ? undefined : catalogDir(flags.book, readBookConfig(flags.book, false), flags.poDir));
      // Every file is read and formatted before any is written: one bad catalog changes nothing.
      const results = paths.map((path) => {
        const { text, catalog } = readCatalogInput(path);
        return { path, ...formatCatalog(text, catalog, path) };
      });
      const changed = results.filter((result) => result.changed);
      if (flags.check) {
        for (const { path } of changed) process.stdout.write(`${path}: not in GNU gettext layout (pobook fmt rewrites it)\n`);
        if (changed.length > 0) process.exitCode = EXIT_FAILURE;
        return;
      }
      const writes = changed.map(({ path, text }) => ({ target: checkCatalogWritable(path), text }));
      for (const { target, text } of writes) writeCatalogFile(target, text);
      for (const { path, droppedUntranslatedObsolete } of changed) {
        const note = droppedUntranslatedObsolete > 0 ? ` (${droppedUntranslatedObsolete} untranslated obsolete entries dropped, as msgcat does)` : "";
        process.stdout.write(`${path}: reformatted${note}\n`);
      }
      process.stdout.write(`${changed.length} of ${results.length} files reformatted\n`);
    });
}
