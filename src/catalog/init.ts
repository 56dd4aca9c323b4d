/**
 * A new translation catalog from a template, as msginit makes it: every
 * template message untranslated, and a header for the language.
 */
import type { Catalog, PoEntry } from "./types.js";
import { getHeader } from "./types.js";
import { DEFAULT_PLURAL_FORMS, gettextLocale, pluralCount, pluralFormsFor } from "./plural-forms.js";

export interface InitOptions {
  /** Language tag as the user gave it (`pt-BR`, `ja`). */
  language: string;
  /** PO-Revision-Date; the current time by default. */
  now?: Date;
}

export interface InitResult {
  catalog: Catalog;
  /** False when the language is not in pobook's plural table and the default was used. */
  knownPluralForms: boolean;
}

/** `2024-07-09 12:20-0700`, the date format of msginit and Poedit. */
export function formatPoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}${zone}`
  );
}

export function initCatalog(template: Catalog, options: InitOptions): InitResult {
  const known = pluralFormsFor(options.language);
  const pluralForms = known ?? DEFAULT_PLURAL_FORMS;
  const nplurals = pluralCount(pluralForms);
  const headers: Array<[string, string]> = [["Project-Id-Version", getHeader(template, "Project-Id-Version") ?? ""]];
  const bugs = getHeader(template, "Report-Msgid-Bugs-To");
  if (bugs !== undefined) headers.push(["Report-Msgid-Bugs-To", bugs]);
  headers.push(
    ["POT-Creation-Date", getHeader(template, "POT-Creation-Date") ?? ""],
    ["PO-Revision-Date", formatPoDate(options.now ?? new Date())],
    ["Last-Translator", ""],
    ["Language-Team", ""],
    ["Language", gettextLocale(options.language)],
    ["MIME-Version", "1.0"],
    ["Content-Type", "text/plain; charset=UTF-8"],
    ["Content-Transfer-Encoding", "8bit"],
    ["Plural-Forms", pluralForms],
  );
  const entries: PoEntry[] = template.entries
    .filter((entry) => !entry.obsolete)
    .map((entry) => {
      const fresh: PoEntry = {
        ...entry,
        msgstr: Array.from({ length: entry.msgidPlural === undefined ? 1 : nplurals }, () => ""),
        translatorComments: [],
        extractedComments: [...entry.extractedComments],
        references: [...entry.references],
        flags: entry.flags.filter((flag) => flag !== "fuzzy"),
      };
      delete fresh.previous;
      delete fresh.line;
      return fresh;
    });
  return {
    catalog: { headerComments: [...template.headerComments], headers, headerFlags: [], entries },
    knownPluralForms: known !== undefined,
  };
}
