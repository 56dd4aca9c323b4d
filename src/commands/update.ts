import type { Command } from "commander";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { updateCatalogFile, type FileUpdateOptions, type UpdateOutcome } from "../runtime/update-catalog.js";
import { updateCatalogFiles } from "../runtime/update-pool.js";
import { replyError } from "../runtime/worker-failure.js";
import { PobookError } from "../errors.js";
import { readPoFileWithText } from "../catalog/parse.js";
import { getHeader, setHeader, type Catalog } from "../catalog/types.js";
import { mergeCatalog, UPDATE_MERGE_OPTIONS } from "../catalog/merge.js";
import { catalogStats } from "../stats/compute.js";
import type { ReadBookFile } from "../book/links.js";
import type { BookConfig } from "../book/config.js";
import { progress, readWithProgress } from "./progress.js";
import { checkLanguage } from "./catalog-files.js";
import { catalogNames } from "./po-files.js";
import { catalogDir, readBookConfig, storedTemplate, type CurrentTemplate } from "./book-config.js";
import { bookRoot } from "./plain-book.js";
import { isTree, loadTree, parseSplit, planTreeWrite, readBookOutline, treeLanguages, writeCatalogs } from "./catalog-tree.js";
import { splitCatalog } from "../catalog/tree.js";
import { treeLayout } from "../book/catalog-tree-layout.js";

interface UpdateFlags {
  pot?: string;
  poDir?: string;
  book: string;
  obsolete: boolean;
  fuzzyMatching: boolean;
  autoClear: boolean;
  legacyInlineHtml?: boolean;
  json?: boolean;
  split?: string;
  jobs?: string;
  language: string[];
}

function jobsOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new PobookError(`--jobs must be a positive integer, got "${value}"`);
  return Number(value);
}

/**
 * Threads for several catalog files. On 2 cores (shared with other work)
 * 21 catalogs without fuzzy matching took 13.9 s on two threads against
 * 7.8 s on one (each isolate warms up its own JIT and heap: +30% CPU), so
 * workers start only with more cores, as for extract.
 */
function defaultUpdateThreads(): number {
  const cores = availableParallelism();
  return cores > 2 ? Math.min(cores, 8) : 1;
}

/**
 * The catalogs to update: files `LANG.po` and trees `LANG/` (directories
 * ending in `/`). A language with both has both updated, each kept as it is.
 */
function catalogPaths(poDir: string, languages: string[]): string[] {
  if (languages.length > 0) {
    return languages.flatMap((language) => {
      const path = join(poDir, `${checkLanguage(language)}.po`);
      const tree = join(poDir, language);
      const found = [...(existsSync(path) ? [path] : []), ...(isTree(tree) ? [`${tree}/`] : [])];
      if (found.length === 0) throw new PobookError("no such catalog (create it with `pobook init`)", { file: path });
      return found;
    });
  }
  const paths = existsSync(poDir)
    ? [...catalogNames(readdirSync(poDir)).map((name) => join(poDir, name)), ...treeLanguages(poDir).map((language) => `${join(poDir, language)}/`)]
    : [];
  if (paths.length === 0) throw new PobookError("no catalogs (*.po) to update", { file: poDir });
  return paths;
}

/**
 * What merging against a book needs besides its POT: the Markdown parser and
 * extractor (templates from the sources, recognising a legacy catalog).
 * Loaded only when there is a book: merging a POT into catalogs, as
 * msgmerge does, then starts in a fraction of the time.
 */
async function bookSide() {
  const [legacyHtml, legacyCatalogs, againstSources, extract, bookFiles, reader] = await Promise.all([
    import("../book/legacy-inline-html.js"),
    import("./legacy-catalogs.js"),
    import("../stats/against-sources.js"),
    import("./extract.js"),
    import("./book-files.js"),
    // The reader pulls in the Markdown parser (SUMMARY.md, for chapters mdBook creates).
    import("../runtime/book-reader.js"),
  ]);
  const { legacyInlineHtmlVerdict, templatesOf, withLegacyInlineHtml } = legacyHtml;
  const { bookArgument, lazyBothSegmentations, legacyCatalogError } = legacyCatalogs;
  return {
    legacyInlineHtmlVerdict,
    templatesOf,
    withLegacyInlineHtml,
    bookArgument,
    lazyBothSegmentations,
    legacyCatalogError,
    templateCatalog: againstSources.templateCatalog,
    potCreationDate: extract.potCreationDate,
    extractTemplate: bookFiles.extractTemplate,
    bookReader: reader.bookReader,
    findReadRoot: reader.findReadRoot,
  };
}

/** The template to merge: `--pot`, the book's POT, else (with a book) its sources extracted now. */
function currentTemplate(config: BookConfig | undefined, poDir: string, pot: string | undefined, extract: (() => Catalog) | undefined): CurrentTemplate {
  const stored = storedTemplate(config, poDir, pot);
  if (stored) return stored;
  if (extract) return { catalog: extract(), fromSources: true };
  throw new PobookError("no template: give --pot FILE, run `pobook extract`, or run in a book directory", { file: join(poDir, "messages.pot") });
}

export function registerUpdate(program: Command): void {
  program
    .command("update")
    .description("merge the template into the catalogs (like msgmerge --update --previous)")
    .argument("[lang...]", "languages to update (default: every PO_DIR/*.po)")
    // As translate, init and preview name the language: `-l fr` and `fr` are the same here.
    .option("-l, --language <lang>", "a language to update, like a LANG argument (repeatable)", (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option("-b, --book <DIR>", "book directory (its book.toml says where the catalogs are)", ".")
    .option("--pot <FILE>", "template (default: the book's POT in PO_DIR, else its sources extracted in memory)")
    .option("--po-dir <DIR>", "catalog directory (default: the book's po-dir, po)")
    .option("--no-obsolete", "drop messages the template no longer has instead of keeping them as #~")
    .option("--no-fuzzy-matching", "do not reuse translations of similar messages")
    .option("--no-auto-clear", "keep fuzzy a match whose msgid changed only in whitespace, link destinations or `code` spans (default: carry the change into the translation, not fuzzy)")
    .option("--legacy-inline-html", "merge the book's messages as mdbook-xgettext made them before inline HTML stayed in messages (2024 and earlier)")
    .option("--json", "print what happened to each catalog as JSON")
    .option("-j, --jobs <n>", "threads to merge several catalog files on (default: one per CPU)")
    .option("--split <mode>", "write the catalog trees <po-dir>/LANG/ split by chapter or part (default: as each tree is split now)")
    .action(async (positional: string[], flags: UpdateFlags) => {
      const languages = [...positional, ...flags.language.filter((language) => !positional.includes(language))];
      flags.book = bookRoot(flags.book);
      const config = readBookConfig(flags.book, false);
      const poDir = catalogDir(flags.book, config, flags.poDir);
      // Read and merge everything first: a bad catalog stops the command before any file is written.
      const paths = catalogPaths(poDir, languages);
      if (flags.legacyInlineHtml && config === undefined && flags.pot === undefined) {
        throw new PobookError("--legacy-inline-html extracts the book's sources: give the book with --book DIR (or a legacy template with --pot)");
      }
      // A stored POT holds whichever messages `extract` was asked for: the legacy ones come from the sources.
      const report = progress();
      const side = config === undefined ? undefined : await bookSide();
      const read: ReadBookFile | undefined = side && readWithProgress(side.bookReader(flags.book, side.findReadRoot(flags.book, config), config), report, "pobook update: reading the book");
      const checksLegacy = config !== undefined && !flags.legacyInlineHtml && !config.segmentation.legacyInlineHtml;
      const book = checksLegacy ? side!.lazyBothSegmentations(flags.book, config, read!) : undefined;
      const fromSources = flags.pot === undefined && config !== undefined && !existsSync(join(poDir, config.potFile));
      let template;
      if (flags.legacyInlineHtml && flags.pot === undefined && config !== undefined) {
        template = { catalog: side!.extractTemplate(flags.book, side!.withLegacyInlineHtml(config, true), read!), fromSources: true };
      } else if (fromSources && book !== undefined) {
        // The book is parsed once, for today's template and for recognising a legacy catalog.
        const catalog = side!.templateCatalog(config!, side!.templatesOf(config!, book(), false));
        setHeader(catalog, "POT-Creation-Date", side!.potCreationDate());
        template = { catalog, fromSources: true };
      } else {
        template = currentTemplate(config, poDir, flags.pot, config === undefined ? undefined : () => side!.extractTemplate(flags.book, config, read!));
      }
      const legacy = book === undefined ? undefined : (catalog: Catalog) => side!.legacyInlineHtmlVerdict(catalog, book());
      const split = parseSplit(flags.split);
      const hasTrees = paths.some((path) => path.endsWith("/"));
      if (hasTrees && config === undefined) throw new PobookError("catalog trees are laid out by the book's SUMMARY.md: give the book with --book DIR");
      const outline = hasTrees ? await readBookOutline(flags.book, config!) : undefined;
      const fileOptions: FileUpdateOptions = { keepObsolete: flags.obsolete, fuzzyMatching: flags.fuzzyMatching, autoClear: flags.autoClear, fromSources: template.fromSources === true };
      // Several catalog files are merged on all cores; each outcome is kept until its turn below, so errors come in path order.
      const files = paths.filter((path) => !path.endsWith("/"));
      const threads = Math.min(jobsOption(flags.jobs) ?? defaultUpdateThreads(), files.length);
      let parallel: Array<UpdateOutcome | undefined> | undefined;
      if (threads > 1) {
        report.update(`pobook update: merging ${files.length} catalogs`);
        const outcomes = await updateCatalogFiles(files, template.catalog, fileOptions, threads);
        parallel = paths.map((path) => (path.endsWith("/") ? undefined : outcomes[files.indexOf(path)]));
      }
      const results = paths.map((path, index) => {
        report.update(`pobook update: merging ${path}`);
        if (path.endsWith("/")) {
          const tree = loadTree(path.slice(0, -1), config!, outline!, undefined, false);
          const { catalog, stats } = mergeCatalog(tree.catalog, template.catalog, { keepObsolete: flags.obsolete, fuzzyMatching: flags.fuzzyMatching, ...UPDATE_MERGE_OPTIONS, autoClear: flags.autoClear });
          if (legacy !== undefined && stats.fuzzy + stats.obsolete > 0) {
            const verdict = legacy(tree.catalog);
            if (verdict.legacy) throw side!.legacyCatalogError(path, verdict, side!.bookArgument(flags.book));
          }
          const layout = split === undefined ? tree.layout : treeLayout(split, config!, outline!);
          const origin = (entry: { msgctxt?: string; msgid: string }) => tree.origin.get(entry.msgctxt === undefined ? entry.msgid : `${entry.msgctxt}\u0004${entry.msgid}`);
          const plan = () => planTreeWrite(tree.dir, splitCatalog(catalog, layout, origin), tree.texts, catalog);
          let writes = plan();
          if (template.fromSources) {
            // As for a single file: a template extracted now does not re-date an unchanged tree.
            const date = getHeader(tree.catalog, "POT-Creation-Date");
            const now = getHeader(catalog, "POT-Creation-Date");
            if (date !== undefined) {
              setHeader(catalog, "POT-Creation-Date", date);
              writes = plan();
              if (writes.length > 0 && now !== undefined) {
                setHeader(catalog, "POT-Creation-Date", now);
                writes = plan();
              }
            }
          }
          return { path, text: "", writes, changed: writes.length > 0, stats, totals: catalogStats(catalog, path).messages };
        }
        let outcome = parallel?.[index];
        let old: Catalog | undefined;
        if (outcome === undefined) {
          const updated = updateCatalogFile(path, template.catalog, fileOptions);
          outcome = { update: updated.update };
          old = updated.old;
        }
        if ("failure" in outcome) throw replyError(outcome.failure);
        const { text, changed, stats, totals } = outcome.update;
        // Only a merge that would make translations fuzzy or obsolete needs the (slower) look at the sources.
        if (legacy !== undefined && stats.fuzzy + stats.obsolete > 0) {
          const verdict = legacy(old ?? readPoFileWithText(path).catalog);
          if (verdict.legacy) throw side!.legacyCatalogError(path, verdict, side!.bookArgument(flags.book));
        }
        return { path, text, writes: changed ? [{ path, text }] : [], changed, stats, totals };
      });
      report.done();
      // Every catalog to rewrite must be writable before any is written.
      writeCatalogs(results.flatMap(({ writes }) => writes));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(results.map(({ path, changed, stats, totals }) => ({ catalog: path, changed, ...stats, totals })), null, 2)}\n`);
        return;
      }
      for (const { path, changed, stats, totals } of results) {
        process.stdout.write(
          `${path}: kept ${stats.kept}, fuzzy ${stats.fuzzy}, new ${stats.new}, obsolete ${stats.obsolete}` +
            `${stats.autoCleared > 0 ? `, auto-cleared ${stats.autoCleared}` : ""}` +
            `${stats.refusedCrossKind > 0 ? `, cross-kind matches refused ${stats.refusedCrossKind}` : ""}; ` +
            `now ${totals.translated} translated, ${totals.fuzzy} fuzzy, ${totals.untranslated} untranslated, ${totals.obsolete} obsolete` +
            `${changed ? "" : " (unchanged)"}\n`,
        );
      }
    });
}
