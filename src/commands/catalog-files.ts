/** Where the commands find templates and catalogs (shared by init and update). */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PobookError } from "../errors.js";

/** The template: --pot FILE, or PO_DIR/messages.pot. */
export function templatePath(poDir: string, pot: string | undefined): string {
  const path = pot ?? join(poDir, "messages.pot");
  if (!existsSync(path)) {
    throw new PobookError(
      pot
        ? "template not found"
        : "no template: give --pot FILE, or write it first with `pobook extract` (mdbook-xgettext's messages.pot)",
      { file: path },
    );
  }
  return path;
}

/** A language tag as used for file names: `pt-BR`, `zh-CN`, `ja`. */
export function checkLanguage(language: string): string {
  if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(language)) {
    throw new PobookError(`'${language}' is not a language tag (like ja, pt-BR, zh-CN)`);
  }
  return language;
}
