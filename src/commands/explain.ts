/**
 * `pobook explain FILE[:LINE] [-l LANG]`: which messages a chapter (or one
 * of its lines) gives and why, why a block gives none, and with a language
 * what the catalog does with each (src/explain/explain.ts).
 */
import type { Command } from "commander";
import { existsSync } from "node:fs";
import { isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { withCompat } from "../book/config.js";
import { readOutline } from "../book/extract-book.js";
import { readPoFile } from "../catalog/parse.js";
import { PobookError } from "../errors.js";
import { explainDocument, type ExplainedBlock } from "../explain/explain.js";
import { prepareChapterDocument, prepareSummaryDocument } from "../translate/book.js";
import { catalogLookup, linkEscapingLookup } from "../translate/lookup.js";
import { bookReader, findReadRoot } from "../runtime/book-reader.js";
import { addBookOption, shownPath } from "./book-option.js";
import { catalogDir, readBookConfig } from "./book-config.js";
import { catalogLanguage } from "./catalog-language.js";
import { bookRoot } from "./plain-book.js";

interface ExplainFlags {
  book?: string;
  language?: string;
  po?: string;
  json?: boolean;
  compat?: string;
  legacyInlineHtml?: boolean;
}

/** `FILE` or `FILE:LINE` (a file whose name ends in `:N` wins when it exists). */
function fileAndLine(argument: string): { file: string; line?: number } {
  const match = /^(.*):(\d+)$/.exec(argument);
  if (!match || existsSync(argument)) return { file: argument };
  const line = Number(match[2]);
  if (line < 1) throw new PobookError(`line numbers start at 1, got ${match[2]}`, { file: match[1] });
  return { file: match[1]!, line };
}

function shorten(text: string, width = 72): string {
  const flat = JSON.stringify(text);
  return flat.length > width ? `${flat.slice(0, width - 4)}..."` : flat;
}

function lines(block: ExplainedBlock): string {
  return block.endLine > block.line ? `${block.line}-${block.endLine}` : String(block.line);
}

function renderText(file: string, blocks: readonly ExplainedBlock[], po: string | undefined): string {
  let out = "";
  for (const block of blocks) {
    out += `${file}:${lines(block)}: ${block.kind}: ${block.reason}\n`;
    for (const message of block.messages) {
      let context = message.msgctxt !== undefined ? ` (msgctxt ${JSON.stringify(message.msgctxt)})` : "";
      if (message.comment !== undefined) context += ` (#. ${message.comment})`;
      let status = "";
      if (message.status) {
        const where = message.poLine !== undefined ? ` at ${po}:${message.poLine}` : "";
        status = ` -> ${message.status}${where}${message.problem ? `: ${message.problem}` : ""}`;
      }
      out += `    line ${message.line}: ${shorten(message.msgid)}${context}${status}\n`;
    }
  }
  const messages = blocks.flatMap((block) => block.messages);
  const counts = new Map<string, number>();
  for (const message of messages) if (message.status) counts.set(message.status, (counts.get(message.status) ?? 0) + 1);
  const tally = [...counts].map(([status, count]) => `${count} ${status}`).join(", ");
  out += `${messages.length} message${messages.length === 1 ? "" : "s"} in ${blocks.length} block${blocks.length === 1 ? "" : "s"}${tally ? `: ${tally}` : ""}\n`;
  return out;
}

export function registerExplain(program: Command): void {
  const command = program
    .command("explain")
    .description("say which messages a chapter (or one line of it) gives and why, why a block gives none, and with -l whether each is translated, fuzzy, untranslated, missing or rejected")
    .argument("<file[:line]>", "a chapter listed in SUMMARY.md, or SUMMARY.md (path as given on the command line), optionally with a line");
  addBookOption(command)
    .option("-l, --language <lang>", "also say what <po-dir>/<lang>.po does with each message")
    .option("--po <file>", "the catalog to look messages up in instead of <po-dir>/<lang>.po")
    .option("--compat <version>", "msgids of this mdbook-i18n-helpers version: 0.3 (default) or 0.4")
    .option("--legacy-inline-html", "messages as mdbook-xgettext made them before inline HTML stayed in messages")
    .option("--json", "print the explanation as JSON")
    .action((argument: string, flags: ExplainFlags) => {
      const root = bookRoot(flags.book ?? ".");
      const config = withCompat(readBookConfig(root)!, flags.compat);
      const { file, line } = fileAndLine(argument);
      const inBook = relative(resolve(root), resolve(file));
      if (inBook.startsWith("..") || isAbsolute(inBook)) throw new PobookError("is not inside the book", { file });
      const path = inBook.split(sep).join(posix.sep);
      const read = bookReader(root, findReadRoot(root, config), config);
      const options = { legacyInlineHtml: flags.legacyInlineHtml };
      const outline = readOutline(config, read, options);
      const isSummary = path === outline.summaryPath;
      if (!isSummary && !outline.chapters.some((chapter) => chapter.path === path)) {
        throw new PobookError(`not a chapter listed in ${outline.summaryPath} (an included file's messages are explained in the chapter that includes it)`, { file });
      }
      const text = isSummary ? outline.summaryText : read(path);
      const document = isSummary ? prepareSummaryDocument(config, path, text, options) : prepareChapterDocument(config, path, text, options);
      const lineCount = document.parsed.split("\n").length;
      if (line !== undefined && line > lineCount) throw new PobookError(`line ${line} is past the end of the file (${lineCount} lines)`, { file });
      let po: string | undefined;
      let language = flags.language;
      if (flags.po !== undefined) {
        po = flags.po;
        language = catalogLanguage(flags.po, flags.language, config.language);
      } else if (flags.language !== undefined) po = join(catalogDir(root, config), `${flags.language}.po`);
      if (po !== undefined && !existsSync(po)) throw new PobookError("no such catalog", { file: po });
      const catalog = po === undefined ? undefined : readPoFile(po);
      const lookup = catalog && (isSummary ? catalogLookup(catalog) : linkEscapingLookup(catalogLookup(catalog)));
      const blocks = explainDocument(
        { text: document.parsed, tree: document.tree, messages: document.messages, options: document.options, summary: isSummary, mdbookLinks: !isSummary, original: document.original },
        lookup,
        line,
      );
      const shown = shownPath(resolve(file));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ file: path, ...(line ? { line } : {}), ...(language ? { language, po: shownPath(resolve(po!)) } : {}), blocks }, null, 2)}\n`);
        return;
      }
      if (line !== undefined && blocks.length === 0) {
        process.stdout.write(`${shown}:${line}: no block here (a blank line, or inside a block's container markup)\n`);
        return;
      }
      process.stdout.write(renderText(shown, blocks, po === undefined ? undefined : shownPath(resolve(po))));
    });
}
