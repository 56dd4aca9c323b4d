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
import { isTree, loadTree, parseSplit, planTreeWrite, readBookOutline, writeCatalogs } from "./catalog-tree.js";
import { readPoFile } from "../catalog/parse.js";
import { splitCatalog } from "../catalog/tree.js";
import { treeLayout } from "../book/catalog-tree-layout.js";

interface InitFlags {
  language?: string;
  lang?: string;
  pot?: string;
  poDir?: string;
  force?: boolean;
  book?: string;
  split?: string;
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
    .option("--split <mode>", "create the catalog tree PO_DIR/LANG/**.po, one file per chapter or part (from PO_DIR/LANG.po when it exists: every entry kept)")
    .addHelpText("after", "\nWithout --split, when only the tree PO_DIR/LANG/ exists, its files are joined into PO_DIR/LANG.po.\n")
    .action(async (bookArg: string | undefined, flags: InitFlags) => {
      const book = bookRoot(chosenBook(bookArg, flags.book));
      const requested = flags.language ?? flags.lang;
      if (requested === undefined) throw new PobookError("give the new catalog's language with -l LANG");
      const language = checkLanguage(requested);
      const config = readBookConfig(book, false);
      const poDir = catalogDir(book, config, flags.poDir);
      const target = join(poDir, `${language}.po`);
      const treeDir = join(poDir, language);
      const split = parseSplit(flags.split);
      if (split !== undefined || (!existsSync(target) && isTree(treeDir))) {
        if (config === undefined) throw new PobookError("a catalog tree is laid out by the book's SUMMARY.md: run in the book directory or give --book DIR");
        const outline = await readBookOutline(book, config);
        if (split === undefined) {
          // Joining a tree into one file: every entry of every file, in book order.
          const tree = loadTree(treeDir, config, outline, undefined, false);
          writeCatalogs([{ path: target, text: serializePo(tree.catalog) }]);
          process.stdout.write(`created ${shownPath(target)} from ${shownPath(treeDir)}/ (${tree.catalog.entries.length} messages from ${tree.files.length} files; the tree is kept)\n`);
          return;
        }
        if (isTree(treeDir) && !flags.force) throw new PobookError("catalog tree already exists; use --force to rewrite it", { file: treeDir });
        const fromFile = existsSync(target);
        const catalog = fromFile ? readPoFile(target) : initCatalog(currentTemplate(book, config, poDir, flags.pot).catalog, { language }).catalog;
        const files = splitCatalog(catalog, treeLayout(split, config, outline));
        // Rewriting a tree (--force): its files no chapter takes any more are emptied, not left to contradict the new ones.
        const before = isTree(treeDir) ? loadTree(treeDir, config, outline, undefined, false).texts : new Map<string, string>();
        writeCatalogs(planTreeWrite(treeDir, files, before, catalog));
        const from = fromFile ? ` from ${shownPath(target)}, which is kept (give translate --split while both exist)` : "";
        process.stdout.write(`created ${shownPath(treeDir)}/ (${catalog.entries.length} messages in ${files.size} files${from})\n`);
        return;
      }
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
