import type { Command } from "commander";
import { join } from "node:path";
import { bookReader, findReadRoot } from "../runtime/book-reader.js";
import { readBookConfig } from "./book-config.js";
import type { BookConfig } from "../book/config.js";
import { PobookError } from "../errors.js";
import { checkCatalogWritable, writeCatalogFile } from "../catalog-file.js";
import { readPoFile } from "../catalog/parse.js";
import { serializePo } from "../catalog/serialize.js";
import { normalizeCatalog } from "../catalog/normalize.js";
import { expandLinks } from "../book/links.js";
import { enforce, inspectFile, realPath } from "../output/inspect.js";
import { decideOutputFile } from "../output/rules.js";

interface NormalizeFlags {
  output?: string;
  root: string;
  force?: boolean;
}

/**
 * Book sources named in `#:` references, relative to `root`, with
 * `{{#include}}` expanded as the extractor sees them; undefined where
 * unreadable. They only help (link definitions, recognising current
 * messages), so a missing file or a broken include is not an error here.
 */
function sourceReader(root: string): (path: string) => string | undefined {
  let read: (path: string) => string;
  let config: BookConfig | undefined;
  try {
    config = readBookConfig(root, false);
  } catch {
    // A broken book.toml only loses its read-root here.
  }
  try {
    // Confined like every other reader of the book (see runtime/book-reader.ts).
    read = bookReader(root, findReadRoot(root, config));
  } catch {
    return () => undefined;
  }
  return (path) => {
    let text: string;
    try {
      text = read(path);
    } catch {
      return undefined;
    }
    try {
      return expandLinks(text, { path, read });
    } catch {
      return text;
    }
  };
}

export function registerNormalize(program: Command): void {
  program
    .command("normalize")
    .description("re-segment catalogs made with older mdbook-i18n-helpers into today's messages (like mdbook-i18n-normalize)")
    .argument("<file...>", "PO or POT files, rewritten in place")
    .option("-o, --output <FILE>", "write the result here instead (one input only)")
    .option("--root <DIR>", "directory the #: references are relative to (the book root)", ".")
    .option("--force", "with -o, overwrite an existing file that is not a gettext catalog (never a book source)")
    .action((files: string[], flags: NormalizeFlags) => {
      if (flags.output !== undefined && files.length !== 1) {
        throw new PobookError("-o/--output takes exactly one input file");
      }
      const readSource = sourceReader(flags.root);
      // Read and normalize everything first: a bad catalog stops the command before any file is written.
      const results = files.map((path) => ({ path, ...normalizeCatalog(readPoFile(path), { readSource }) }));
      if (flags.output !== undefined) {
        // Never over a book source, nor over a file that is not a catalog unless --force (src/output/rules.ts).
        const config = readBookConfig(flags.root, false);
        const sources = config ? { directories: [realPath(join(flags.root, config.src))], files: [realPath(join(flags.root, "book.toml"))] } : { directories: [], files: [] };
        enforce(decideOutputFile(inspectFile(flags.output), sources, "catalog"), flags.force === true, flags.output);
      }
      const targets = results.map(({ path }) => checkCatalogWritable(flags.output ?? path));
      for (const [i, { path, catalog, stats }] of results.entries()) {
        writeCatalogFile(targets[i]!, serializePo(catalog));
        process.stdout.write(
          `${path}: messages ${stats.before} -> ${stats.after}, kept ${stats.kept}, fuzzy ${stats.fuzzy}` +
            (stats.obsoleted > 0 ? `, made obsolete ${stats.obsoleted}` : "") +
            (stats.superseded > 0 ? `, obsolete duplicates dropped ${stats.superseded}` : "") +
            "\n",
        );
      }
    });
}
