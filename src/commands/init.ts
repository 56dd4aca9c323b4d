import type { Command } from "commander";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { PobookError } from "../errors.js";
import { writeFileAtomic } from "../fs.js";
import { readPoFile } from "../catalog/parse.js";
import { serializePo } from "../catalog/serialize.js";
import { initCatalog } from "../catalog/init.js";
import { checkLanguage, templatePath } from "./catalog-files.js";

interface InitFlags {
  lang: string;
  pot?: string;
  poDir?: string;
  force?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("create po/LANG.po from the template (like msginit)")
    .argument("[book]", "book directory", ".")
    .requiredOption("-l, --lang <LANG>", "language of the new catalog (ja, pt-BR, zh-CN, ...)")
    .option("--pot <FILE>", "template to start from (default: PO_DIR/messages.pot)")
    .option("--po-dir <DIR>", "catalog directory (default: BOOK/po)")
    .option("--force", "overwrite an existing catalog")
    .action((book: string, flags: InitFlags) => {
      const language = checkLanguage(flags.lang);
      const poDir = flags.poDir ?? join(book, "po");
      const target = join(poDir, `${language}.po`);
      if (existsSync(target) && !flags.force) {
        throw new PobookError("catalog already exists; use --force to overwrite it", { file: target });
      }
      const template = readPoFile(templatePath(poDir, flags.pot));
      const { catalog, knownPluralForms } = initCatalog(template, { language });
      writeFileAtomic(target, serializePo(catalog));
      if (!knownPluralForms) {
        process.stderr.write(`pobook: ${target}: unknown language '${language}', check the Plural-Forms header\n`);
      }
      process.stdout.write(`created ${relative(process.cwd(), target) || target} (${catalog.entries.length} messages)\n`);
    });
}
