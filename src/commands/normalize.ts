import { Option, type Command } from "commander";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { bookReader, findReadRoot } from "../runtime/book-reader.js";
import { readBookConfig } from "./book-config.js";
import type { BookConfig } from "../book/config.js";
import { PobookError } from "../errors.js";
import { checkCatalogWritable, writeCatalogFile } from "../catalog-file.js";
import { readPoFile } from "../catalog/parse.js";
import { serializePo } from "../catalog/serialize.js";
import { advancedCreationDate, normalizeCatalog } from "../catalog/normalize.js";
import { getHeader, setHeader, type Catalog } from "../catalog/types.js";
import { expandLinks } from "../book/links.js";
import { enforce, inspectFile, realPath } from "../output/inspect.js";
import { decideOutputFile } from "../output/rules.js";
import { legacyInlineHtmlVerdict, migrateLegacyInlineHtml, type LegacyMigration } from "../book/legacy-inline-html.js";
import { lazyBothSegmentations } from "./legacy-catalogs.js";
import { progress, readWithProgress } from "./progress.js";

interface NormalizeFlags {
  output?: string;
  book?: string;
  root?: string;
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
    read = bookReader(root, findReadRoot(root, config), config);
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

/** `--book`, or the older `--root` (kept so that existing scripts work); both must agree. */
function bookDirectory(flags: NormalizeFlags): string {
  if (flags.root !== undefined && flags.book !== undefined && flags.book !== "." && flags.root !== flags.book) {
    throw new PobookError(`--book ${flags.book} and --root ${flags.root} name different books; give one`);
  }
  const root = flags.root ?? flags.book ?? ".";
  if (!existsSync(root)) throw new PobookError("no such book directory", { file: root });
  return root;
}

function advanceDate(catalog: Catalog): void {
  const date = getHeader(catalog, "POT-Creation-Date");
  const advanced = date === undefined ? undefined : advancedCreationDate(date);
  if (advanced !== undefined) setHeader(catalog, "POT-Creation-Date", advanced);
}

function legacySummary(migration: LegacyMigration): string {
  return (
    `; made before inline HTML stayed in messages: ${migration.migrated} messages rebuilt from ${migration.fragments} fragments` +
    ` (${migration.migrated - migration.fuzzy} translated, ${migration.fuzzy} fuzzy), ${migration.obsoleted} fragments made obsolete` +
    (migration.failed > 0 ? `, ${migration.failed} messages left as fragments (their text could not be rebuilt)` : "")
  );
}

export function registerNormalize(program: Command): void {
  program
    .command("normalize")
    .description("re-segment catalogs made with older mdbook-i18n-helpers into today's messages (like mdbook-i18n-normalize)")
    .argument("<file...>", "PO or POT files, rewritten in place")
    .option("-o, --output <FILE>", "write the result here instead (one input only)")
    .option("-b, --book <DIR>", "the book (directory with book.toml) the catalogs translate; #: references are relative to it", ".")
    .addOption(new Option("--root <DIR>").hideHelp())
    .option("--force", "with -o, overwrite an existing file that is not a gettext catalog (never a book source)")
    .action((files: string[], flags: NormalizeFlags) => {
      if (flags.output !== undefined && files.length !== 1) {
        throw new PobookError("-o/--output takes exactly one input file");
      }
      const root = bookDirectory(flags);
      const readSource = sourceReader(root);
      const config = readBookConfig(root, false);
      const report = progress();
      const book = config === undefined ? undefined : lazyBothSegmentations(root, config, readWithProgress(bookReader(root, findReadRoot(root, config), config), report, "pobook normalize: reading the book"));
      // Read and normalize everything first: a bad catalog stops the command before any file is written.
      const results = files.map((path) => {
        report.update(`pobook normalize: ${path}`);
        const original = readPoFile(path);
        // A catalog of the legacy inline-HTML split is first rebuilt from the book's sources.
        const legacy = book !== undefined && legacyInlineHtmlVerdict(original, book()).legacy ? migrateLegacyInlineHtml(original, book()) : undefined;
        const result = normalizeCatalog(legacy?.catalog ?? original, { readSource });
        if (legacy !== undefined && legacy.migrated > 0 && !result.changed) advanceDate(result.catalog);
        return { path, before: original.entries.filter((entry) => !entry.obsolete).length, legacy, ...result };
      });
      report.done();
      if (flags.output !== undefined) {
        // Never over a book source, nor over a file that is not a catalog unless --force (src/output/rules.ts).
        const sources = config ? { directories: [realPath(join(root, config.src))], files: [realPath(join(root, "book.toml"))] } : { directories: [], files: [] };
        enforce(decideOutputFile(inspectFile(flags.output), sources, "catalog"), flags.force === true, flags.output);
      }
      const targets = results.map(({ path }) => checkCatalogWritable(flags.output ?? path));
      for (const [i, { path, before, legacy, catalog, stats }] of results.entries()) {
        writeCatalogFile(targets[i]!, serializePo(catalog));
        process.stdout.write(
          `${path}: messages ${before} -> ${stats.after}, kept ${stats.kept}, fuzzy ${stats.fuzzy}` +
            (stats.obsoleted > 0 ? `, made obsolete ${stats.obsoleted}` : "") +
            (stats.superseded > 0 ? `, obsolete duplicates dropped ${stats.superseded}` : "") +
            (legacy !== undefined ? legacySummary(legacy) : "") +
            "\n",
        );
      }
    });
}
