/** Language tags as catalog file names (shared by init and update). */
import { PobookError } from "../errors.js";

/** A language tag as used for file names: `pt-BR`, `zh-CN`, `ja`. */
export function checkLanguage(language: string): string {
  if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(language)) {
    throw new PobookError(`'${language}' is not a language tag (like ja, pt-BR, zh-CN)`);
  }
  return language;
}
