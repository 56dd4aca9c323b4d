/**
 * `pobook translate`: writes a localized copy of the book's source tree from
 * PO catalogs (see src/translate/ for how messages are applied).
 */
import type { Command } from "commander";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseBookConfig, withCompat } from "../book/config.js";
import { posix } from "node:path";
import { readPoFile } from "../catalog/parse.js";
import { PobookError } from "../errors.js";
import { readUtf8 } from "../fs.js";
import { bookReaderKeepingBom, confinedBytes, findReadRoot } from "../runtime/book-reader.js";
import type { BookTranslation, PreparedBook } from "../translate/book.js";
import { catalogLookup } from "../translate/lookup.js";
import { recordingReader, TranslationCache } from "../runtime/translation-cache.js";
import { bookPaths, enforce, environment, inspectDir, realPath } from "../output/inspect.js";
import { decideOutputDir, isInside } from "../output/rules.js";
import { readSourceTree, type SourceEntry } from "../output/source-tree.js";
import { writeTree, type ProducedEntry } from "../output/tree-writer.js";
import { OUTSIDE_FOLDER, withheldWarning } from "../translate/outside-book.js";
import { catalogNames } from "./po-files.js";
import type { Catalog } from "../catalog/types.js";
import { addBookOption, chosenBook, shownPath } from "./book-option.js";
import { bookRoot, plainBookAt } from "./plain-book.js";
import { languageOfCatalog } from "./catalog-language.js";
import { asOfNote, openCommitBook, parseAsOf, planAsOf } from "./as-of.js";
import { gitTranslatedTree } from "../output/git-source-tree.js";
import type { GitCommit } from "../runtime/git-tree.js";
import { availableParallelism } from "node:os";
import { createdChapters, outcomeOf, type LanguageResult } from "../runtime/language-translator.js";

/** What one language is translated from: the work tree, or a commit (`--as-of`). */
interface BookSource {
  /** Parsed when first needed: a translation served by the cache parses nothing. */
  book: () => Promise<PreparedBook>;
  /** The work tree's files read so far, and those that could not be read (for the translation cache). */
  reads?: { files: Set<string>; absent: Set<string> };
  tomlText: string | undefined;
  tree: (translated: ReadonlyMap<string, string>, relocated: ReadonlyMap<string, string>) => ProducedEntry[];
  /**
   * Chapters the book lists but lacks, which mdBook creates (src/book/created-chapters.ts): written
   * into the copy translated. Only a parsed book has them: a translation with one is never cached
   * (the cache hashes every file read, and a created chapter has no file).
   */
  created: (book: PreparedBook) => ReadonlySet<string>;
  commit?: GitCommit;
}

import { publishSettings } from "../publish/settings.js";
import { translateBookMessages, type BookMessageTranslation } from "../publish/book-messages.js";
import type { MessageCounts } from "../translate/verify.js";
import { isPickerFile, notedChapter, pickerFiles, publishTree, siteLanguages } from "../publish/publish.js";
import { languageCatalog, loadTree, parseSplit, readBookOutline, treeLanguages, type LoadedTree } from "./catalog-tree.js";

interface TranslateFlags {
  language?: string;
  po?: string;
  output?: string;
  all?: boolean;
  threshold?: string;
  legacyInlineHtml?: boolean;
  compat?: string;
  json?: boolean;
  force?: boolean;
  book?: string;
  asOf?: string;
  split?: string;
  cache: boolean;
  cacheDir?: string;
  jobs?: string;
}

interface Job {
  language: string;
  poPath: string;
  outDir: string;
  /** The catalog and output directory as the user named them, for messages. */
  poShown: string;
  outShown: string;
  /** Already read (a `--po` catalog, for its Language header). */
  catalog?: Catalog;
  /** The language's catalog is a tree `<po-dir>/LANG/` (src/catalog/tree.ts). */
  treeDir?: string;
}

/** Fewer languages to translate than this are not worth starting threads (one language is the parse and its check, which no thread shares). */
const MIN_LANGUAGES_FOR_THREADS = 3;

/**
 * Threads by default: on two cores, languages in parallel measured no faster
 * (bench/translate.ts: the second thread's languages cost more CPU, and the
 * parse of the first language is not shared), so one; beyond, one per core up to 8.
 */
function defaultThreads(): number {
  const cores = availableParallelism();
  return cores > 2 ? Math.min(cores, 8) : 1;
}

function jobsOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new PobookError(`--jobs must be a positive integer, got "${value}"`);
  return Number(value);
}

function parseThreshold(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 100) throw new PobookError(`--threshold must be a percentage from 0 to 100, got ${value}`);
  return number;
}

/**
 * The output tree of one language: the book's tree with translated files in
 * place. A symlink whose file has a translation stays a link only when its
 * target gets the same text in the copy; otherwise the translation is
 * written in its place.
 */
function translatedTree(
  root: string,
  tree: readonly SourceEntry[],
  translated: ReadonlyMap<string, string>,
  relocated: ReadonlyMap<string, string>,
  warn: (line: string) => void,
): ProducedEntry[] {
  const paths = new Set(tree.map((entry) => entry.path));
  const copies = new Set(relocated.values());
  const reserved = tree.find((entry) => entry.path === OUTSIDE_FOLDER || entry.path.startsWith(`${OUTSIDE_FOLDER}/`));
  if (reserved && copies.size > 0) throw new PobookError(`the book has ${OUTSIDE_FOLDER}, where pobook writes the files the book includes from above its root; rename it`, { file: join(root, reserved.path) });
  for (const path of translated.keys()) {
    if (!paths.has(path) && !copies.has(path) && translated.get(path) !== readUtf8OrUndefined(join(root, path))) warn(`pobook: ${path}: reached through a symlinked directory, which is copied as a symlink; its translation is not written`);
  }
  // Files from above the book root, with their modes (outside-book.ts).
  // Resolved from the real book root, as the reader resolved them.
  const realRoot = relocated.size > 0 ? realpathSync(root) : root;
  const outside = [...relocated].map(([source, copy]): ProducedEntry => ({ path: copy, kind: "file", data: translated.get(copy)!, mode: statSync(join(realRoot, source)).mode }));
  return tree.map((entry): ProducedEntry => {
    if (entry.kind === "directory") return entry;
    const text = translated.get(entry.path);
    if (entry.kind === "file") {
      return text === undefined ? { path: entry.path, kind: "file", copyFrom: entry.source, mode: entry.mode } : { path: entry.path, kind: "file", data: text, mode: entry.mode };
    }
    const link: ProducedEntry = { path: entry.path, kind: "symlink", target: entry.target };
    if (text === undefined || (entry.resolvesTo !== undefined && (translated.get(entry.resolvesTo) ?? readUtf8OrUndefined(join(root, entry.resolvesTo))) === text)) return link;
    return { path: entry.path, kind: "file", data: text, mode: statSync(join(root, entry.path)).mode };
  }).concat(outside);
}

function readBytesOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function readUtf8OrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Messages as `pobook stats` counts them: a msgid used in several places counts once, and
 * book.toml's title and description count with the Markdown's when the catalog has their
 * entries (a catalog made before pobook extracted them has none, and stats counts none).
 * applied + fuzzy + untranslated + not applied = total.
 */
function messageCounts(tally: BookTranslation["tally"], bookMessages: readonly BookMessageTranslation[]): MessageCounts {
  const counts = { ...tally.messages };
  for (const message of bookMessages) {
    if (message.line === undefined) continue;
    counts.total++;
    if (message.status === "translated") counts.applied++;
    else if (message.status === "fuzzy") counts.fuzzy++;
    else counts.untranslated++;
  }
  return counts;
}

function summaryLine(language: string, counts: MessageCounts, warnings: readonly unknown[], outDir: string): string {
  return `${language}: ${counts.applied} applied, ${counts.fuzzy} fuzzy skipped, ${counts.untranslated} untranslated, ${counts.notApplied} not applied, ${warnings.length} warnings -> ${outDir}`;
}

export function registerTranslate(program: Command): void {
  const command = program
    .command("translate")
    .description("write a translated copy of the book's source tree from PO catalogs, ready for plain `mdbook build` (language picker included)")
    .argument("[book]", "book root (directory holding book.toml, or a folder or quoted glob of plain Markdown files; default: .)");
  addBookOption(command)
    .option("-l, --language <lang>", "target language (reads <po-dir>/<lang>.po; with --po, default: its Language header)")
    .option("--po <file>", "catalog to apply instead of <po-dir>/<lang>.po (its Language header gives the language)")
    .option("-o, --output <dir>", "output directory (default <book>/book/<lang>-src; with --all, <dir>/<lang>)")
    .option("--all", "translate into every <po-dir>/*.po and every catalog tree <po-dir>/LANG/ (and print what the source book needs for the same language picker)")
    .option("--split <mode>", "read the catalog tree <po-dir>/LANG/**.po split by chapter or part (needed only when <po-dir>/LANG.po exists too)")
    .option("--threshold <percent>", "write chapters translated below this percentage in the source language, with a note saying so ([preprocessor.gettext.publish] untranslated-note)")
    .option("--legacy-inline-html", "catalog made by mdbook-xgettext before inline HTML stayed in messages (2024 and earlier)")
    .option("--compat <version>", "catalog made with this mdbook-i18n-helpers version's msgids: 0.3 (default) or 0.4")
    .option("--force", "write into a non-empty directory pobook did not write, or one inside the book outside its build directory (files pobook does not write are kept)")
    .option("--as-of <when>", "pot-date: build each language from the sources at its catalog's POT-Creation-Date (the last commit before it, read from git objects, no checkout)")
    .option("--no-cache", "do not reuse or keep the last run's translation")
    .option("--cache-dir <dir>", "keep the translation cache in this directory (default: $XDG_CACHE_HOME/pobook)")
    .option("-j, --jobs <n>", "threads translating languages at once (default: one per CPU up to 8, one on two cores; never more than the CPUs)")
    .option("--json", "print one JSON report of every language (applied, fuzzy, untranslated, not applied, warnings, held-back chapters)")
    .action(async (bookArgument: string | undefined, flags: TranslateFlags) => {
      const bookArg = bookRoot(chosenBook(bookArgument, flags.book));
      const root = resolve(bookArg);
      const tomlPath = join(root, "book.toml");
      const plain = existsSync(tomlPath) ? undefined : plainBookAt(root);
      if (!existsSync(tomlPath) && !plain) throw new PobookError("no book.toml here", { file: join(bookArg, "book.toml") });
      const tomlText = plain ? undefined : readUtf8(tomlPath);
      const config = withCompat(plain ?? parseBookConfig(tomlText!, tomlPath), flags.compat);
      const threshold = parseThreshold(flags.threshold);
      const asOf = parseAsOf(flags.asOf);
      if (flags.cacheDir !== undefined && !flags.cache) throw new PobookError("--cache-dir and --no-cache contradict each other: give one");
      if (flags.cacheDir !== undefined && existsSync(flags.cacheDir) && !statSync(flags.cacheDir).isDirectory()) throw new PobookError("--cache-dir must name a directory", { file: flags.cacheDir });
      const cacheDir = flags.cacheDir === undefined ? undefined : resolve(flags.cacheDir);
      const poDir = join(root, config.poDir);
      const defaultOut = (language: string): string => join(root, "book", `${language}-src`);
      const defaultOutShown = (language: string): string => join(bookArg, "book", `${language}-src`);
      const split = parseSplit(flags.split);
      if (split !== undefined && flags.po !== undefined) throw new PobookError("--po names one catalog file and --split a catalog tree: give one of them");
      let jobs: Job[];
      if (flags.all) {
        if (flags.language || flags.po) throw new PobookError("--all translates every catalog; do not combine it with -l or --po");
        const files = existsSync(poDir) ? catalogNames(readdirSync(poDir)).map((name) => name.slice(0, -3)) : [];
        const languages = [...new Set([...files, ...treeLanguages(poDir)])].sort();
        if (languages.length === 0) throw new PobookError("no .po catalogs", { file: poDir });
        jobs = languages.map((language) => {
          const found = languageCatalog(poDir, language, files.includes(language) ? split : "chapter");
          const name = `${language}.po`;
          return {
            language,
            poPath: join(poDir, name),
            outDir: flags.output ? resolve(flags.output, language) : defaultOut(language),
            poShown: found?.kind === "tree" ? join(bookArg, config.poDir, language) : join(bookArg, config.poDir, name),
            outShown: flags.output ? join(flags.output, language) : defaultOutShown(language),
            treeDir: found?.kind === "tree" ? join(bookArg, config.poDir, language) : undefined,
          };
        });
      } else {
        // A catalog given with --po says its language (and -l must agree with it).
        const catalog = flags.po !== undefined ? readPoFile(flags.po) : undefined;
        const language = catalog !== undefined ? languageOfCatalog(catalog, flags.po!, flags.language, config.language) : flags.language;
        if (!language) throw new PobookError("give the target language with -l LANG (or --all)");
        const found = flags.po === undefined ? languageCatalog(poDir, language, split) : undefined;
        if (split !== undefined && found === undefined) throw new PobookError(`no catalog tree for ${language} (create it with \`pobook init -l ${language} --split ${split}\`)`, { file: join(bookArg, config.poDir, language) });
        const treeDir = found?.kind === "tree" ? join(bookArg, config.poDir, language) : undefined;
        jobs = [
          {
            language,
            poPath: flags.po ? resolve(flags.po) : join(poDir, `${language}.po`),
            outDir: flags.output ? resolve(flags.output) : defaultOut(language),
            poShown: flags.po ?? (treeDir ?? join(bookArg, config.poDir, `${language}.po`)),
            outShown: flags.output ?? defaultOutShown(language),
            catalog,
            treeDir,
          },
        ];
      }
      const buildDirSetting = (config.raw.build as Record<string, unknown> | undefined)?.["build-dir"];
      const buildDir = resolve(root, typeof buildDirSetting === "string" ? buildDirSetting : "book");
      // Where the copies may go (src/output/rules.ts): checked before anything is read or written.
      const paths = bookPaths(root, config.src, config.poDir, buildDir);
      const env = environment();
      for (const job of jobs) enforce(decideOutputDir(inspectDir(job.outDir), paths, env), flags.force === true, job.outShown);
      // Read every catalog first: a bad one stops the run before anything is written.
      const needsOutline = jobs.some((job) => job.treeDir !== undefined);
      const outline = needsOutline ? await readBookOutline(root, config) : undefined;
      const trees = jobs.map((job): LoadedTree | undefined => (job.treeDir === undefined ? undefined : loadTree(job.treeDir, config, outline!, split, true)));
      // Copying the tree and reading the book share one confinement: the read root.
      const readRoot = findReadRoot(root, config);
      const bookInReadRoot = relative(readRoot, realpathSync(root)).split(sep).join("/");
      // A catalog read from its file, for a book read from the work tree: the last run's translation serves while neither changed.
      const caches = jobs.map((job, index): TranslationCache | undefined => {
        if (!flags.cache || asOf !== undefined || trees[index] !== undefined || job.catalog !== undefined) return undefined;
        const bytes = readBytesOrUndefined(job.poShown);
        const settings = { config, legacy: flags.legacyInlineHtml, threshold, bookInReadRoot, language: job.language };
        return bytes && new TranslationCache(settings, confinedBytes(root, readRoot), bytes, cacheDir);
      });
      const cached = caches.map((cache) => cache?.lookup());
      // Languages not in the cache, each read from its catalog file: translated on several threads when there are enough of them (translate-pool.ts).
      const missing = jobs.flatMap((_job, index) => (cached[index] === undefined ? [index] : []));
      const threads = Math.min(jobsOption(flags.jobs) ?? defaultThreads(), availableParallelism(), missing.length);
      const parallel = asOf === undefined && threads > 1 && missing.length >= MIN_LANGUAGES_FOR_THREADS && missing.every((index) => trees[index] === undefined && jobs[index]!.catalog === undefined);
      // Those catalogs parsed as they were then; every other one is read now, so that a bad one stops the run before anything is written (the pool reads its own, before anything is written too).
      const catalogs = jobs.map((job, index) => (cached[index] || parallel ? undefined : trees[index]?.catalog ?? job.catalog ?? readPoFile(job.poShown)));
      // Every language of the site is named before anything is parsed (src/publish/).
      const publishing = publishSettings(config, tomlPath);
      const shelf = existsSync(poDir) ? catalogNames(readdirSync(poDir)).map((name) => name.slice(0, -3)) : [];
      const site = siteLanguages(config, publishing, [...shelf, ...jobs.map((job) => job.language)], (code) => {
        const job = jobs.find((entry) => entry.language === code);
        if (job) return { file: job.poShown };
        return shelf.includes(code) ? { file: join(bookArg, config.poDir, `${code}.po`) } : {};
      });
      const warn = (line: string): boolean => process.stderr.write(`${line}\n`);
      // Build output and pobook's default output area are not book content (unless they hold the sources).
      const areas = paths.outputAreas.filter((area) => !isInside(paths.sources, area) && !isInside(paths.poDir, area));
      // The catalogs are not copied: the copy is translated already (unless the po-dir holds the book).
      const catalogArea = isInside(paths.root, paths.poDir) || isInside(paths.sources, paths.poDir) ? [] : [paths.poDir];
      const skipped = [...areas, ...catalogArea, ...jobs.map((job) => realPath(job.outDir))];
      // One thread parses the book once and applies each catalog to it; with
      // several languages to translate, several threads each parse it and
      // share the languages (applying and checking a language costs about as
      // much as the parse).
      let sources: BookSource[];
      let pooled: LanguageResult[] | undefined;
      if (asOf === undefined) {
        const tree = withoutPickerCopies(readSourceTree(paths.root, { skip: new Set(skipped), warn, readRoot }), pickerFiles(site), tomlPath);
        if (parallel) {
          const { translateLanguages } = await import("../runtime/translate-pool.js");
          const setup = { root, readRoot, config, legacyInlineHtml: flags.legacyInlineHtml, threshold, bookInReadRoot, treePaths: tree.map((entry) => entry.path) };
          const results = await translateLanguages(setup, missing.map((index) => jobs[index]!.poShown), threads);
          pooled = new Array(jobs.length);
          missing.forEach((index, at) => (pooled![index] = results[at]));
        }
        const reads = recordingReader(bookReaderKeepingBom(root, readRoot, config));
        let book: PreparedBook | undefined;
        const prepared = async (): Promise<PreparedBook> => {
          // The parser and its grammars are loaded only when a translation is not in the cache.
          const { prepareBook } = await import("../translate/book.js");
          return (book ??= prepareBook(config, reads.read, { legacyInlineHtml: flags.legacyInlineHtml }));
        };
        const inTree = new Set(tree.map((entry) => entry.path));
        const created = (parsed: PreparedBook) => createdChapters(parsed, config, (path) => inTree.has(path) || existsSync(join(root, path)));
        const source: BookSource = { book: prepared, reads, tomlText, created, tree: (translated, relocated) => translatedTree(paths.root, tree, translated, relocated, warn) };
        sources = jobs.map(() => source);
      } else {
        // Every commit is found (and every date checked) before a commit is read or anything written.
        const plan = planAsOf(root, catalogs.map((catalog) => catalog!), jobs.map((job) => job.poShown));
        const realRoot = realpathSync(root);
        const skip = skipped.map((area) => relative(realRoot, area).split(sep).join("/")).filter((area) => area !== "" && !area.startsWith(".."));
        const byCommit = new Map<string, BookSource>();
        sources = plan.commits.map((commit) => {
          const known = byCommit.get(commit.sha);
          if (known) return known;
          const at = openCommitBook(plan, commit, root, readRoot, bookArg, flags.compat);
          let book: PreparedBook | undefined;
          const prepared = async (): Promise<PreparedBook> => {
            const { prepareBook } = await import("../translate/book.js");
            return (book ??= prepareBook(at.config, at.read, { legacyInlineHtml: flags.legacyInlineHtml }));
          };
          const created = (parsed: PreparedBook) => createdChapters(parsed, at.config, (path) => at.git.bytes(posix.join(at.git.bookPath, path)) !== undefined);
          const source: BookSource = { book: prepared, tomlText: at.tomlText, commit, created, tree: (translated, relocated) => gitTranslatedTree(at.git, translated, relocated, { skip, warn }) };
          byCommit.set(commit.sha, source);
          return source;
        });
      }
      const tty = process.stderr.isTTY === true && !flags.json;
      const report: unknown[] = [];
      // A missing include or a cycle is the book's, not a language's: said once per run.
      const saidIncludeProblems = new Set<string>();
      for (const [index, job] of jobs.entries()) {
        if (tty) process.stderr.write(`\r\x1b[K[${index + 1}/${jobs.length}] ${job.language}…`);
        const source = sources[index]!;
        let translation = cached[index];
        let created = new Map<string, string>();
        const fromPool = pooled?.[index];
        if (fromPool) {
          translation = fromPool.outcome;
          caches[index]?.store(translation, new Set(fromPool.files), new Set(fromPool.absent));
          created = new Map(fromPool.created);
        } else if (!translation) {
          const { translateBook } = await import("../translate/book.js");
          const catalog = catalogs[index]!;
          translation = outcomeOf(translateBook(await source.book(), catalogLookup(catalog), { threshold, bookInReadRoot }), translateBookMessages(config.raw, catalog));
          caches[index]?.store(translation, source.reads!.files, source.reads!.absent);
          const parsed = await source.book();
          const createdPaths = source.created(parsed);
          created = new Map(parsed.documents.filter((document) => createdPaths.has(document.path)).map((document) => [document.path, document.original]));
        }
        // Files included from above the book root go under .pobook-outside/ (src/translate/outside-book.ts).
        const { withheld, relocated } = translation;
        const translated = new Map(translation.output);
        const published = source.tomlText === undefined ? undefined : publishTree({ config, tomlText: source.tomlText, tomlPath, site, language: job.language, bookMessages: translation.bookMessages });
        // The picker's files are new to the tree (withoutPickerCopies took out the book's copies); plain Markdown has no book.toml to publish.
        const added: ProducedEntry[] = [];
        if (published) {
          translated.set("book.toml", published.files.get("book.toml")!);
          for (const [path, data] of published.files) if (path !== "book.toml") added.push({ path, kind: "file", data, mode: 0o644 });
        }
        // A chapter left in the source language says so (src/publish/untranslated-note.ts).
        for (const path of translation.belowThreshold) {
          if (translated.has(path)) translated.set(path, notedChapter(translated.get(path)!, config, site, job.language));
        }
        for (const [path, original] of created) {
          added.push({ path, kind: "file", data: translated.get(path) ?? original, mode: 0o644 });
          translated.delete(path);
        }
        writeTree(job.outDir, [...source.tree(translated, relocated), ...added], { force: flags.force === true, shown: job.outShown });
        if (tty) process.stderr.write("\r\x1b[K");
        const poName = shownPath(job.poShown);
        // A tree's messages name the tree file and line they came from.
        const catalogTree = trees[index];
        const poWhere = (line: number | undefined): string => (catalogTree ? catalogTree.locate(line) : `${poName}:${line ?? "?"}`);
        const { tally } = translation;
        const counts = messageCounts(tally, published?.bookMessages ?? []);
        if (flags.json) {
          report.push({
            language: job.language,
            catalog: poName,
            output: job.outDir,
            // Distinct messages, as `pobook stats` counts them; `places` counts every use in the Markdown.
            messages: counts.total,
            applied: counts.applied,
            fuzzy: counts.fuzzy,
            untranslated: counts.untranslated,
            notApplied: counts.notApplied,
            places: { total: tally.total, applied: tally.applied, fuzzy: tally.fuzzy, untranslated: tally.untranslated, notApplied: tally.notApplied.length },
            includeProblems: translation.includeProblems ?? [],
            warnings: catalogTree ? translation.warnings.map((warning) => ({ ...warning, poLine: undefined, po: poWhere(warning.poLine) })) : translation.warnings,
            belowThreshold: translation.belowThreshold,
            outsideBook: Object.fromEntries(relocated),
            withheld: withheld.map((file) => file.path),
            ...(source.commit ? { asOf: { commit: source.commit.sha, date: source.commit.date, subject: source.commit.subject } } : {}),
            // book.toml's title and description (counted in the messages above, not in places).
            bookToml: (published?.bookMessages ?? []).map((message) => ({ key: message.key, status: message.status, poLine: message.line })),
          });
          continue;
        }
        for (const problem of translation.includeProblems ?? []) {
          const line = `pobook: ${problem.file}:${problem.line}: ${problem.message}; the directive is kept as written (mdBook reports it when it builds)\n`;
          if (!saidIncludeProblems.has(line)) process.stderr.write(line);
          saidIncludeProblems.add(line);
        }
        for (const file of withheld) process.stderr.write(`pobook: ${withheldWarning(file)}\n`);
        for (const warning of translation.warnings) {
          process.stderr.write(`pobook: ${poWhere(warning.poLine)}: ${warning.file}:${warning.line}: ${warning.message}${warning.kind === "rejected" ? "; source text kept" : ""}\n`);
        }
        process.stdout.write(`${summaryLine(job.language, counts, translation.warnings, shownPath(job.outShown))}${source.commit ? asOfNote(source.commit) : ""}\n`);
        const below = translation.belowThreshold;
        if (below.length > 0) {
          process.stdout.write(`${job.language}: ${below.length} chapters below ${threshold}% written in ${config.language}: ${below.join(", ")}\n`);
        }
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else if (flags.all) {
        const advice = sourcePickerAdvice(paths.root, config.language, site, jobs[0]!.outShown);
        if (advice) process.stdout.write(`${advice}\n`);
      }
    });
}

/**
 * The book's own copies of the picker's files (the source book shows the
 * picker too) are replaced in the copy by this run's; a file of the book's
 * own at those paths is refused.
 */
function withoutPickerCopies(tree: SourceEntry[], picker: ReadonlyMap<string, string>, tomlPath: string): SourceEntry[] {
  return tree.filter((entry) => {
    if (!picker.has(entry.path)) return true;
    if (entry.kind === "file" && isPickerFile(readUtf8OrUndefined(entry.source) ?? "")) return false;
    throw new PobookError(`the book has ${entry.path}, where pobook writes the language picker; rename it (or set language-picker = false under [preprocessor.gettext.publish])`, { file: join(dirname(tomlPath), entry.path) });
  });
}

/** What the source book needs for the same picker, unless it has this run's files already. */
function sourcePickerAdvice(root: string, source: string, site: ReturnType<typeof siteLanguages>, firstOut: string): string | undefined {
  const files = pickerFiles(site);
  if ([...files].every(([path, text]) => readUtf8OrUndefined(join(root, path)) === text)) return undefined;
  const names = [...files.keys()];
  const js = names.filter((name) => name.endsWith(".js"));
  const css = names.filter((name) => name.endsWith(".css"));
  const lists = [js.length > 0 ? `additional-js = [${js.map((name) => JSON.stringify(name)).join(", ")}]` : "", `additional-css = [${css.map((name) => JSON.stringify(name)).join(", ")}]`].filter(Boolean).join(" and ");
  return `${source}: for the same language picker in the source book, copy ${names.map((name) => shownPath(join(firstOut, name))).join(" and ")} next to its book.toml and add ${lists} to its [output.html]`;
}
