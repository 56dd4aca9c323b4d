/**
 * `pobook translate`: writes a localized copy of the book's source tree from
 * PO catalogs (see src/translate/ for how messages are applied).
 */
import type { Command } from "commander";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { randomBytes } from "node:crypto";
import { parseBookConfig, withCompat } from "../book/config.js";
import { readPoFile } from "../catalog/parse.js";
import { PobookError } from "../errors.js";
import { readUtf8 } from "../fs.js";
import { bookReaderKeepingBom } from "../runtime/book-reader.js";
import { prepareBook, setBookLanguage, translateBook, type BookTranslation } from "../translate/book.js";
import { catalogLookup } from "../translate/lookup.js";

interface TranslateFlags {
  language?: string;
  po?: string;
  output?: string;
  all?: boolean;
  threshold?: string;
  legacyInlineHtml?: boolean;
  compat?: string;
  json?: boolean;
}

interface Job {
  language: string;
  poPath: string;
  outDir: string;
}

/** Every file of the book root, relative, except VCS data, build output and translated copies. */
function bookFiles(root: string, skip: ReadonlySet<string>): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (skip.has(resolve(path)) || entry.name === ".git") continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return files.sort();
}

function parseThreshold(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 100) throw new PobookError(`--threshold must be a percentage from 0 to 100, got ${value}`);
  return number;
}

/** Writes the whole copy into a temporary sibling, then renames it into place: no partial output. */
function writeCopy(root: string, files: readonly string[], translated: ReadonlyMap<string, string>, outDir: string): void {
  const staging = join(dirname(outDir), `.${basename(outDir)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    for (const file of files) {
      const target = join(staging, file);
      mkdirSync(dirname(target), { recursive: true });
      const text = translated.get(file);
      writeFileSync(target, text ?? readFileSync(join(root, file)));
    }
    rmSync(outDir, { recursive: true, force: true });
    renameSync(staging, outDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** applied + fuzzy + untranslated + not applied = the source book's messages. */
function summaryLine(language: string, { tally, warnings }: BookTranslation, outDir: string): string {
  return `${language}: ${tally.applied} applied, ${tally.fuzzy} fuzzy skipped, ${tally.untranslated} untranslated, ${tally.notApplied.length} not applied, ${warnings.length} warnings -> ${outDir}`;
}

export function registerTranslate(program: Command): void {
  program
    .command("translate")
    .description("write a translated copy of the book's source tree from PO catalogs")
    .argument("[book]", "book root (directory holding book.toml)", ".")
    .option("-l, --language <lang>", "target language (reads <po-dir>/<lang>.po)")
    .option("--po <file>", "catalog to apply instead of <po-dir>/<lang>.po")
    .option("-o, --output <dir>", "output directory (default <book>/book/<lang>-src; with --all, <dir>/<lang>)")
    .option("--all", "translate into every <po-dir>/*.po")
    .option("--threshold <percent>", "write chapters translated below this percentage in the source language")
    .option("--legacy-inline-html", "catalog made by mdbook-xgettext before inline HTML stayed in messages (2024 and earlier)")
    .option("--compat <version>", "catalog made with this mdbook-i18n-helpers version's msgids: 0.3 (default) or 0.4")
    .option("--json", "print one JSON report of every language (applied, fuzzy, untranslated, not applied, warnings, held-back chapters)")
    .action((bookArg: string, flags: TranslateFlags) => {
      const root = resolve(bookArg);
      const tomlPath = join(root, "book.toml");
      if (!existsSync(tomlPath)) throw new PobookError("no book.toml here", { file: tomlPath });
      const tomlText = readUtf8(tomlPath);
      const config = withCompat(parseBookConfig(tomlText, tomlPath), flags.compat);
      const threshold = parseThreshold(flags.threshold);
      const poDir = join(root, config.poDir);
      const defaultOut = (language: string): string => join(root, "book", `${language}-src`);
      let jobs: Job[];
      if (flags.all) {
        if (flags.language || flags.po) throw new PobookError("--all translates every catalog; do not combine it with -l or --po");
        const catalogs = existsSync(poDir) ? readdirSync(poDir).filter((name) => name.endsWith(".po")).sort() : [];
        if (catalogs.length === 0) throw new PobookError("no .po catalogs", { file: poDir });
        jobs = catalogs.map((name) => {
          const language = name.slice(0, -3);
          return { language, poPath: join(poDir, name), outDir: flags.output ? resolve(flags.output, language) : defaultOut(language) };
        });
      } else {
        if (!flags.language) throw new PobookError("give the target language with -l LANG (or --all)");
        const language = flags.language;
        jobs = [{ language, poPath: flags.po ? resolve(flags.po) : join(poDir, `${language}.po`), outDir: flags.output ? resolve(flags.output) : defaultOut(language) }];
      }
      // Read every catalog first: a bad one stops the run before anything is written.
      const catalogs = jobs.map((job) => readPoFile(job.poPath));
      const buildDir = resolve(root, typeof (config.raw.build as Record<string, unknown> | undefined)?.["build-dir"] === "string" ? String((config.raw.build as Record<string, unknown>)["build-dir"]) : "book");
      const files = bookFiles(root, new Set([buildDir, ...jobs.map((job) => job.outDir)]));
      const readBookFile = bookReaderKeepingBom(root);
      // Parsing dominates; each catalog is then applied to the same parsed book.
      // Applying is a few milliseconds of lookups and splicing per language, so
      // languages run in this thread (worker threads would each re-parse the book).
      const book = prepareBook(config, readBookFile, { legacyInlineHtml: flags.legacyInlineHtml });
      const tty = process.stderr.isTTY === true && !flags.json;
      const report: unknown[] = [];
      jobs.forEach((job, index) => {
        if (tty) process.stderr.write(`\r\x1b[K[${index + 1}/${jobs.length}] ${job.language}…`);
        const translation = translateBook(book, catalogLookup(catalogs[index]!), { threshold });
        const results = translation.files;
        const translated = new Map(results.map((file) => [file.path, file.text]));
        translated.set("book.toml", setBookLanguage(tomlText, job.language));
        writeCopy(root, files, translated, job.outDir);
        if (tty) process.stderr.write("\r\x1b[K");
        const poName = relative(process.cwd(), job.poPath);
        if (flags.json) {
          const { tally } = translation;
          report.push({
            language: job.language,
            catalog: poName,
            output: job.outDir,
            messages: tally.total,
            applied: tally.applied,
            fuzzy: tally.fuzzy,
            untranslated: tally.untranslated,
            notApplied: tally.notApplied.length,
            warnings: translation.warnings,
            belowThreshold: results.filter((file) => file.belowThreshold).map((file) => file.path),
          });
          return;
        }
        for (const warning of translation.warnings) {
          process.stderr.write(`pobook: ${poName}:${warning.poLine ?? "?"}: ${warning.file}:${warning.line}: ${warning.message}${warning.kind === "rejected" ? "; source text kept" : ""}\n`);
        }
        process.stdout.write(`${summaryLine(job.language, translation, relative(process.cwd(), job.outDir) || ".")}\n`);
        const below = results.filter((file) => file.belowThreshold);
        if (below.length > 0) {
          process.stdout.write(`${job.language}: ${below.length} chapters below ${threshold}% written in ${config.language}: ${below.map((file) => file.path).join(", ")}\n`);
        }
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    });
}
