/**
 * The language of a catalog given with `--po FILE`: its `Language` header,
 * which `-l` may repeat but not contradict (a French catalog is not a German
 * book).
 */
import { readPoFile } from "../catalog/parse.js";
import { getHeader, type Catalog } from "../catalog/types.js";
import { PobookError } from "../errors.js";

const sameLanguage = (a: string, b: string): boolean => a.toLowerCase().replace(/_/g, "-") === b.toLowerCase().replace(/_/g, "-");

/** `-l` if given (and it agrees with the header), else the header's language as a tag (`pt_BR` → `pt-BR`). */
export function languageOfCatalog(catalog: Catalog, file: string, requested: string | undefined, sourceLanguage = "en"): string {
  const header = getHeader(catalog, "Language")?.trim() ?? "";
  // A catalog copied from the POT (no msginit) still says the source language: -l names the real one.
  if (requested !== undefined && sameLanguage(header, sourceLanguage)) return requested;
  if (header === "") {
    if (requested !== undefined) return requested;
    throw new PobookError("the catalog's header has no Language: give it with -l LANG", { file });
  }
  if (requested !== undefined && !sameLanguage(requested, header)) {
    throw new PobookError(`the catalog's Language is ${header}, not ${requested} (-l ${requested}): drop -l, or give the ${requested} catalog`, { file });
  }
  return requested ?? header.replace(/_/g, "-");
}

/** `languageOfCatalog` for a file not read yet. */
export function catalogLanguage(file: string, requested: string | undefined, sourceLanguage?: string): string {
  return languageOfCatalog(readPoFile(file), file, requested, sourceLanguage);
}
