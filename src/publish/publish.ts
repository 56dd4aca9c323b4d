/**
 * What turns a translated copy of the book into a publishable one (beyond
 * the translated Markdown): its book.toml (published-toml.ts), the
 * language picker's files, and the note on chapters left in the source
 * language. Pure: the command reads the inputs and writes the result.
 */
import type { BookConfig } from "../book/config.js";
import { PobookError } from "../errors.js";
import type { BookMessageTranslation } from "./book-messages.js";
import { languageInfo, type LanguageInfo } from "./languages.js";
import { PICKER_SCRIPT, PICKER_STYLE, pickerScript, pickerStyle, type PickerLanguage } from "./picker.js";
import { publishedBookToml } from "./published-toml.js";
import { languageFolder, type PublishSettings } from "./settings.js";
import { noteHtml, withNote } from "./untranslated-note.js";

/** The first line of the files pobook writes for the picker: a file starting so is pobook's to replace. */
export const PICKER_MARK = "written by `pobook translate`";

export interface Site {
  /** Every language, the source first, then the others by code. */
  languages: PickerLanguage[];
  source: string;
  settings: PublishSettings;
}

/**
 * The site's languages: the source language and every `codes` entry,
 * each named (or a PobookError naming `where(code)`, the catalog or
 * option that brought the code in).
 */
export function siteLanguages(config: BookConfig, settings: PublishSettings, codes: readonly string[], where: (code: string) => { file?: string }): Site {
  const seen = new Map<string, LanguageInfo>();
  const add = (code: string): void => {
    if (!seen.has(code)) seen.set(code, languageInfo(code, settings.names, where(code)));
  };
  add(config.language);
  for (const code of [...codes].sort()) add(code);
  const languages = [...seen.values()].map((info) => ({ ...info, path: languageFolder(settings, info.code, config.language) }));
  const folders = new Map<string, string>();
  for (const language of languages) {
    const other = folders.get(language.path);
    if (other !== undefined) throw new PobookError(`${other} and ${language.code} would share the site folder "${language.path}": give preprocessor.gettext.publish.path and source-path different folders`, where(language.code));
    folders.set(language.path, language.code);
  }
  return { languages, source: config.language, settings };
}

export interface PublishedTree {
  /** Files to write in the copy (book.toml, the picker's files), by path. */
  files: Map<string, string>;
  /** How the catalog translated the title and description. */
  bookMessages: BookMessageTranslation[];
}

export interface PublishInput {
  config: BookConfig;
  tomlText: string;
  tomlPath: string;
  site: Site;
  language: string;
  /** How the language's catalog translates book.toml's title and description (book-messages.ts). */
  bookMessages: BookMessageTranslation[];
}

export function publishTree(input: PublishInput): PublishedTree {
  const { site, language } = input;
  const info = site.languages.find((entry) => entry.code === language)!;
  const { bookMessages } = input;
  const translated = (key: string): string | undefined => bookMessages.find((message) => message.key === key && message.status === "translated")?.text;
  const files = new Map<string, string>();
  const picker = site.settings.picker;
  files.set(
    "book.toml",
    publishedBookToml(input.tomlText, input.tomlPath, {
      language,
      dir: info.dir,
      title: translated("title"),
      description: translated("description"),
      folder: info.path,
      sourceFolder: languageFolder(site.settings, site.source, site.source),
      js: picker ? [PICKER_SCRIPT] : [],
      css: [PICKER_STYLE],
    }),
  );
  for (const [path, text] of pickerFiles(site)) files.set(path, text);
  return { files, bookMessages };
}

/** The picker's script and stylesheet (the stylesheet also styles the untranslated note); the same for every language of the site. */
export function pickerFiles(site: Site): Map<string, string> {
  const files = new Map<string, string>();
  if (site.settings.picker) files.set(PICKER_SCRIPT, pickerScript({ languages: site.languages, source: site.source }));
  files.set(PICKER_STYLE, pickerStyle());
  return files;
}

/** A chapter below the threshold, with its note (untranslated-note.ts). */
export function notedChapter(text: string, config: BookConfig, site: Site, language: string): string {
  const info = site.languages.find((entry) => entry.code === language)!;
  const template = site.settings.note[language] ?? site.settings.note.default!;
  if (template === "") return text;
  return withNote(text, noteHtml({ language, dir: info.dir, source: site.source, template }), config.coursePreprocessor);
}

/** Whether a book file at a picker path is pobook's (a copy of a picker it wrote). */
export function isPickerFile(text: string): boolean {
  return text.slice(0, 200).includes(PICKER_MARK);
}
