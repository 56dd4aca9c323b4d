/**
 * How a book publishes its languages, from book.toml:
 *
 *   [preprocessor.gettext.publish]
 *   path = "{lang}/"            # each translation's folder under the site root
 *   source-path = ""            # the source language's folder ("" = the site root)
 *   language-picker = true
 *   untranslated-note = "🌐 {language}"   # or a table: { default = "...", fr = "..." }
 *
 *   [preprocessor.gettext.publish.names]
 *   tok = "toki pona"           # names for codes CLDR does not know
 *
 * In the gettext preprocessor's table, as `check`'s settings are: mdBook
 * 0.5 rejects unknown top-level tables and runs a renderer for every
 * `[output.X]`, while a preprocessor's table is its own to fill.
 */
import type { BookConfig } from "../book/config.js";
import { PobookError } from "../errors.js";

export interface PublishSettings {
  /** Folder of a translation under the site root, `{lang}` standing for its code; ends with `/`. */
  path: string;
  /** Folder of the source language's book ("" = the site root). */
  sourcePath: string;
  picker: boolean;
  /** Note text per language code (`default` for the others); `{language}` is the source language's name in the reader's language, `{code}` its code. */
  note: Record<string, string>;
  names: Record<string, string>;
}

export const DEFAULT_NOTE = "🌐 {language}";

function table(value: unknown, name: string, file: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new PobookError(`${name} must be a table`, { file });
  return value as Record<string, unknown>;
}

function folder(value: unknown, name: string, file: string, fallback: string, needsLang: boolean): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string") throw new PobookError(`${name} must be a string like "{lang}/"`, { file });
  const path = value === "" || value.endsWith("/") ? value : `${value}/`;
  if (path.startsWith("/") || /^[a-z]+:/i.test(path) || path.split("/").some((part) => part === ".." || part === ".")) {
    throw new PobookError(`${name} must be a folder under the site root, like "{lang}/", got "${value}"`, { file });
  }
  if (needsLang && !path.includes("{lang}")) throw new PobookError(`${name} must contain {lang} (each language needs its own folder), got "${value}"`, { file });
  return path;
}

export function publishSettings(config: BookConfig, file: string): PublishSettings {
  const preprocessor = table(config.raw.preprocessor, "preprocessor", file);
  const gettext = table(preprocessor.gettext, "preprocessor.gettext", file);
  const publish = table(gettext.publish, "preprocessor.gettext.publish", file);
  const where = "preprocessor.gettext.publish";
  const picker = publish["language-picker"] ?? true;
  if (typeof picker !== "boolean") throw new PobookError(`${where}.language-picker must be true or false`, { file });
  const rawNote = publish["untranslated-note"];
  let note: Record<string, string>;
  if (rawNote === undefined) note = { default: DEFAULT_NOTE };
  else if (typeof rawNote === "string") note = { default: rawNote };
  else {
    note = { default: DEFAULT_NOTE };
    for (const [code, text] of Object.entries(table(rawNote, `${where}.untranslated-note`, file))) {
      if (typeof text !== "string") throw new PobookError(`${where}.untranslated-note.${code} must be a string`, { file });
      note[code] = text;
    }
  }
  const names: Record<string, string> = {};
  for (const [code, name] of Object.entries(table(publish.names, `${where}.names`, file))) {
    if (typeof name !== "string" || name.trim() === "") throw new PobookError(`${where}.names.${code} must be the language's name, a non-empty string`, { file });
    names[code] = name;
  }
  return {
    path: folder(publish.path, `${where}.path`, file, "{lang}/", true),
    sourcePath: folder(publish["source-path"], `${where}.source-path`, file, "", false),
    picker,
    note,
    names,
  };
}

/** The folder of `language`'s book under the site root. */
export function languageFolder(settings: PublishSettings, language: string, source: string): string {
  return (language === source ? settings.sourcePath : settings.path).replaceAll("{lang}", language);
}
