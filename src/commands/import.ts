/**
 * `pobook import BOOK --translated DIR -l LANG [-o PO]`: a catalog from a
 * hand-translated copy of the book (src/import/ aligns the two). The
 * catalog is new work: an existing file is never merged into, only
 * replaced with --force (merge it yourself with msgcat or `pobook update`).
 */
import { Option, type Command } from "commander";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { PobookError } from "../errors.js";
import { readUtf8 } from "../fs.js";
import { parseBookConfig, withCompat } from "../book/config.js";
import { checkCatalogWritable, writeCatalogFile } from "../catalog-file.js";
import { serializePo } from "../catalog/serialize.js";
import { bookReader, findReadRoot } from "../runtime/book-reader.js";
import { enforce, inspectFile, realPath } from "../output/inspect.js";
import { decideOutputFile } from "../output/rules.js";
import { importTranslations, type ImportResult } from "../import/import-book.js";
import { checkLanguage } from "./catalog-files.js";
import { addBookOption, chosenBook, shownPath } from "./book-option.js";
import { potCreationDate } from "./extract.js";

interface ImportFlags {
  translated?: string;
  language?: string;
  output?: string;
  force?: boolean;
  legacyInlineHtml?: boolean;
  compat?: string;
  json?: boolean;
  verbose?: boolean;
  book?: string;
}

/** A msgid shortened for one report line. */
function excerpt(msgid: string): string {
  const flat = msgid.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > 60 ? `${flat.slice(0, 59)}…` : flat);
}

function reportLines(result: ImportResult, summaryPath: string, verbose: boolean): string[] {
  const lines = result.missingChapters.map((chapter) => `${summaryPath}:${chapter.line}: chapter ${chapter.file} is not in the translated copy; its messages stay untranslated`);
  for (const item of result.unmatched) {
    const where = `${item.place.file}:${item.place.line}`;
    lines.push(item.side === "source" ? `${where}: no block of the translated copy matches ${excerpt(item.msgid)}` : `${where}: translated block matches no message of the book: ${excerpt(item.msgid)}`);
  }
  if (verbose) {
    for (const item of result.fuzzy) lines.push(`${item.source.file}:${item.source.line}: fuzzy (${item.reason}), translated at ${item.translated.file}:${item.translated.line}: ${excerpt(item.msgid)}`);
  }
  return lines;
}

/** The `[book] language` of the copy's book.toml, when it has one other than the book's. */
function copyLanguage(translatedRoot: string, bookLanguage: string): string | undefined {
  const tomlPath = join(translatedRoot, "book.toml");
  if (!existsSync(tomlPath)) return undefined;
  const language = parseBookConfig(readUtf8(tomlPath), tomlPath).language;
  return language !== bookLanguage ? language : undefined;
}

export function registerImport(program: Command): void {
  const command = program
    .command("import")
    .description("make a catalog from a hand-translated copy of the book, block by block")
    .argument("[book]", "book root, with book.toml (default: .)");
  addBookOption(command)
    .requiredOption("-t, --translated <DIR>", "the translated copy: a directory laid out like the book (DIR/book.toml, DIR/src/...)")
    .option("-l, --language <LANG>", "language of the translated copy (ja, pt-BR, ...; default: the copy's book.toml language)")
    .option("-o, --output <PO>", "catalog to write, or - for standard output (default: <po-dir>/<LANG>.po)")
    .option("--force", "replace an existing catalog (import never merges into one)")
    .option("--legacy-inline-html", "messages as mdbook-xgettext made them before inline HTML stayed in messages (2024 and earlier)")
    .option("--compat <version>", "messages of this mdbook-i18n-helpers version: 0.3 (default) or 0.4")
    .option("--json", "print the counts, unmatched blocks and fuzzy pairs as JSON")
    .option("-v, --verbose", "also list each fuzzy message and why it is fuzzy")
    .addOption(new Option("--lang <LANG>").hideHelp())
    .action((bookArgument: string | undefined, flags: ImportFlags & { lang?: string }) => {
      const bookArg = chosenBook(bookArgument, flags.book);
      const root = resolve(bookArg);
      const tomlPath = join(root, "book.toml");
      if (!existsSync(tomlPath)) throw new PobookError("no book.toml here (give the book's root)", { file: join(bookArg, "book.toml") });
      const translatedArg = flags.translated!;
      const translatedRoot = resolve(translatedArg);
      if (!existsSync(translatedRoot) || !statSync(translatedRoot).isDirectory()) throw new PobookError("no such directory (--translated names the translated copy of the book)", { file: translatedArg });
      const config = withCompat(parseBookConfig(readUtf8(tomlPath), tomlPath), flags.compat);
      // Without -l, the copy's book.toml may say its language (pobook translate writes it there).
      const requested = flags.language ?? flags.lang ?? copyLanguage(translatedRoot, config.language);
      if (requested === undefined) throw new PobookError("give the translated copy's language with -l LANG");
      const language = checkLanguage(requested);
      if (realPath(translatedRoot) === realPath(root)) throw new PobookError("--translated is the book itself; give its translated copy", { file: translatedArg });
      const sourceSummary = join(config.src, "SUMMARY.md");
      if (!existsSync(join(translatedRoot, sourceSummary)) && existsSync(join(translatedRoot, "SUMMARY.md"))) {
        throw new PobookError(`has SUMMARY.md at its top: give the directory that holds the copy's ${config.src}/ (laid out like the book)`, { file: translatedArg });
      }

      const output = flags.output ?? join(bookArg, config.poDir, `${language}.po`);
      const toStdout = output === "-";
      if (toStdout && flags.json) throw new PobookError("-o - and --json both write to standard output: give -o a file");
      let target;
      if (!toStdout) {
        // The catalog is new work: an existing file is replaced only with --force, and never a book source.
        if (existsSync(output) && !flags.force) throw new PobookError("exists; import writes a new catalog: use --force to replace it, or -o another file (and merge with msgcat or pobook update)", { file: output });
        // The translated copy is someone's work too: never written over.
        const sources = { directories: [realPath(join(root, config.src)), realPath(join(translatedRoot, config.src))], files: [realPath(tomlPath), realPath(join(translatedRoot, "book.toml"))] };
        enforce(decideOutputFile(inspectFile(output), sources, "catalog"), flags.force === true, output);
        target = checkCatalogWritable(output);
      }

      const readSource = bookReader(root, findReadRoot(root, config), config);
      const readTranslated = bookReader(translatedRoot, findReadRoot(translatedRoot), undefined);
      const shownTranslated = relative(process.cwd(), translatedRoot) || ".";
      const result = importTranslations(config, readSource, readTranslated, {
        language,
        legacyInlineHtml: flags.legacyInlineHtml,
        potCreationDate: potCreationDate(),
        translatedPrefix: shownTranslated.startsWith("..") ? translatedRoot : shownTranslated,
      });
      const text = serializePo(result.catalog);
      if (toStdout) process.stdout.write(text);
      else {
        mkdirSync(dirname(target!.realPath), { recursive: true });
        writeCatalogFile(target!, text);
      }
      const { counts } = result;
      if (flags.json) {
        const json = { catalog: toStdout ? "-" : shownPath(output), language, ...counts, missingChapters: result.missingChapters, unmatched: result.unmatched, fuzzyPairs: result.fuzzy };
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      for (const line of reportLines(result, join(bookArg, sourceSummary), flags.verbose === true)) process.stderr.write(`pobook: ${line}\n`);
      const summary = `${counts.messages} messages: ${counts.translated} translated, ${counts.fuzzy} fuzzy, ${counts.untranslated} untranslated; ${result.unmatched.length} blocks unmatched`;
      if (toStdout) process.stderr.write(`pobook: ${summary}\n`);
      else process.stdout.write(`wrote ${shownPath(output)}: ${summary}\n`);
    });
}
