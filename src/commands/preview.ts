/**
 * `pobook preview [BOOK] -l LANG [--port N] [--po FILE]`: serves the
 * translated book on 127.0.0.1 and refreshes open pages when the catalog or a
 * chapter changes (see src/preview/).
 */
import type { Command } from "commander";
import { resolve } from "node:path";
import { PobookError } from "../errors.js";
import { startPreview } from "../preview/server.js";
import { addBookOption, chosenBook, shownPath } from "./book-option.js";
import { catalogLanguage } from "./catalog-language.js";
import { readBookConfig } from "./book-config.js";
import { bookRoot } from "./plain-book.js";
import { parseSplit } from "./catalog-tree.js";

interface PreviewFlags {
  language?: string;
  port: string;
  po?: string;
  legacyInlineHtml?: boolean;
  compat?: string;
  book?: string;
  split?: string;
}

export function registerPreview(program: Command): void {
  const command = program
    .command("preview")
    .description("serve the translated book as HTML on 127.0.0.1 as mdBook renders it, with live reload, untranslated/fuzzy marks and a picker over every catalog of the po-dir (other languages at /LANG/)")
    .argument("[book]", "book root (directory holding book.toml, or a folder or quoted glob of plain Markdown files; default: .)");
  addBookOption(command)
    .option("-l, --language <lang>", "language to preview (reads <po-dir>/<lang>.po; with --po, its Language header)")
    .option("--port <n>", "port on 127.0.0.1 (0 picks a free one)", "3000")
    .option("--po <file>", "catalog to preview instead of <po-dir>/<lang>.po")
    .option("--split <mode>", "preview the catalog tree <po-dir>/LANG/**.po split by chapter or part (needed only when <po-dir>/LANG.po exists too)")
    .option("--legacy-inline-html", "catalog made by mdbook-xgettext before inline HTML stayed in messages (also: [preprocessor.gettext] legacy-inline-html = true)")
    .option("--compat <version>", "catalog made with this mdbook-i18n-helpers version's msgids: 0.3 (default) or 0.4 (also: compat = \"0.4\" in book.toml)")
    .action(async (bookArg: string | undefined, flags: PreviewFlags) => {
      const book = bookRoot(chosenBook(bookArg, flags.book));
      const language = flags.po !== undefined ? catalogLanguage(flags.po, flags.language, readBookConfig(book, false)?.language) : flags.language;
      if (!language) throw new PobookError("give the language to preview with -l LANG");
      if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65535) throw new PobookError(`--port must be a port number, got "${flags.port}"`);
      const server = await startPreview({
        root: resolve(book),
        language,
        poPath: flags.po ? resolve(flags.po) : undefined,
        port: Number(flags.port),
        legacyInlineHtml: flags.legacyInlineHtml ? true : undefined,
        compat: flags.compat,
        split: parseSplit(flags.split),
        // Without book.toml, a folder of Markdown files (found again on each change).
        loadConfig: readBookConfig(book, false)?.plain ? () => readBookConfig(book)! : undefined,
      });
      process.stdout.write(`pobook preview: ${language} from ${flags.po ?? shownPath(server.poPath)} at ${server.url} (Ctrl-C to stop)\n`);
      await new Promise<void>((done) => {
        const stop = (): void => {
          void server.close().then(done);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
