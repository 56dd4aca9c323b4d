import { Option, type Command } from "commander";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PobookError } from "../errors.js";
import { checkCatalogWritable, writeCatalogFile } from "../catalog-file.js";
import { serializePo } from "../catalog/serialize.js";
import { initCatalog } from "../catalog/init.js";
import { checkLanguage } from "./catalog-files.js";
import { catalogDir, currentTemplate, readBookConfig } from "./book-files.js";
import { addBookOption, chosenBook, shownPath } from "./book-option.js";
import { bookRoot } from "./plain-book.js";

interface InitFlags {
  language?: string;
  lang?: string;
  pot?: string;
  poDir?: string;
  force?: boolean;
  book?: string;
}

export function registerInit(program: Command): void {
  const command = program
    .command("init")
    .description("create po/LANG.po from the template (like msginit)")
    .argument("[book]", "book directory (default: .)");
  addBookOption(command)
    .option("-l, --language <LANG>", "language of the new catalog (ja, pt-BR, zh-CN, ...)")
    .addOption(new Option("--lang <LANG>").hideHelp())
    .option("--pot <FILE>", "template to start from (default: the book's POT in PO_DIR, else its sources extracted in memory)")
    .option("--po-dir <DIR>", "catalog directory (default: the book's po-dir, po)")
    .option("--force", "overwrite an existing catalog")
    .action((bookArg: string | undefined, flags: InitFlags) => {
      const book = bookRoot(chosenBook(bookArg, flags.book));
      const requested = flags.language ?? flags.lang;
      if (requested === undefined) throw new PobookError("give the new catalog's language with -l LANG");
      const language = checkLanguage(requested);
      const config = readBookConfig(book, false);
      const poDir = catalogDir(book, config, flags.poDir);
      const target = join(poDir, `${language}.po`);
      if (existsSync(target) && !flags.force) {
        throw new PobookError("catalog already exists; use --force to overwrite it", { file: target });
      }
      const template = currentTemplate(book, config, poDir, flags.pot).catalog;
      const { catalog, knownPluralForms } = initCatalog(template, { language });
      writeCatalogFile(checkCatalogWritable(target), serializePo(catalog));
      if (!knownPluralForms) {
        process.stderr.write(`pobook: ${target}: unknown language '${language}', check the Plural-Forms header\n`);
      }
      process.stdout.write(`created ${shownPath(target)} (${catalog.entries.length} messages)\n`);
    });
}
