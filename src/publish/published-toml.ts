/**
 * The book.toml of a translated tree: one that plain `mdbook build` builds
 * as it is. The gettext preprocessor and the xgettext renderer are
 * dropped (the tree is translated already: the preprocessor would
 * translate it again from a po-dir the tree does not have, the renderer
 * would extract a template of the translation), `[book] language` is the
 * target language, the title and description are the catalog's, the text
 * direction follows the language, `site-url` points at the language's
 * folder and the language picker is added to the HTML renderer.
 */
import { parse as parseToml } from "smol-toml";
import { appendToArray, checkedEdit, dropTables, setKey, tomlString } from "./book-toml.js";

/** Tables only mdbook-i18n-helpers (and pobook) read. */
export const GETTEXT_TABLES: ReadonlyArray<readonly string[]> = [
  ["preprocessor", "gettext"],
  ["output", "xgettext"],
];

export interface PublishedToml {
  language: string;
  dir: "ltr" | "rtl";
  title?: string;
  description?: string;
  /** The language's folder under the site root ("pt-BR/"), and the source's (""): `site-url` is moved from one to the other. */
  folder: string;
  sourceFolder: string;
  /** Files to add to `[output.html] additional-js` / `additional-css`, when the book renders HTML. */
  js: readonly string[];
  css: readonly string[];
}

type Table = Record<string, unknown>;

const sub = (value: unknown): Table | undefined => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Table) : undefined);

/** Whether mdBook builds HTML for this configuration: an `[output.html]` table, or no output table at all (mdBook's default). */
function rendersHtml(data: Table): boolean {
  const output = sub(data.output);
  return output === undefined || Object.keys(output).length === 0 || "html" in output;
}

/** `site-url` of the language's book: the source's, with the source folder replaced by the language's. */
function movedSiteUrl(siteUrl: string, sourceFolder: string, folder: string): string {
  const base = siteUrl.endsWith("/") ? siteUrl : `${siteUrl}/`;
  const root = sourceFolder !== "" && base.endsWith(`/${sourceFolder}`) ? base.slice(0, -sourceFolder.length) : base;
  return `${root}${folder}`;
}

function missing(list: unknown, items: readonly string[]): string[] {
  const present = Array.isArray(list) ? list.map((item) => String(item).replace(/^\.\//, "")) : [];
  return items.filter((item) => !present.includes(item));
}

function without(data: Table, path: readonly string[]): void {
  let table: Table | undefined = data;
  for (const part of path.slice(0, -1)) table = sub(table?.[part]);
  if (table) delete table[path[path.length - 1]!];
}

export function publishedBookToml(text: string, file: string, options: PublishedToml): string {
  const edit = (source: string): string => {
    let toml = dropTables(source, GETTEXT_TABLES);
    toml = setKey(toml, ["book"], "language", tomlString(options.language));
    if (options.title !== undefined) toml = setKey(toml, ["book"], "title", tomlString(options.title));
    if (options.description !== undefined) toml = setKey(toml, ["book"], "description", tomlString(options.description));
    const data = parseToml(source) as Table;
    const book = sub(data.book);
    // mdBook derives the direction from a few language codes; pobook says it for every right-to-left one (CLDR).
    if (options.dir === "rtl" || book?.["text-direction"] !== undefined) toml = setKey(toml, ["book"], "text-direction", tomlString(options.dir));
    const html = sub(sub(data.output)?.html);
    if (typeof html?.["site-url"] === "string") toml = setKey(toml, ["output", "html"], "site-url", tomlString(movedSiteUrl(html["site-url"], options.sourceFolder, options.folder)));
    const pruned = structuredClone(data);
    for (const path of GETTEXT_TABLES) without(pruned, path);
    if (rendersHtml(pruned)) {
      // A file the list already names (the source book has the picker too) is not named twice.
      const js = missing(html?.["additional-js"], options.js);
      const css = missing(html?.["additional-css"], options.css);
      if (js.length > 0) toml = appendToArray(toml, ["output", "html"], "additional-js", js);
      if (css.length > 0) toml = appendToArray(toml, ["output", "html"], "additional-css", css);
    }
    return toml;
  };
  return checkedEdit(text, file, edit, (data) => {
    const html = sub(sub(data.output)?.html);
    const siteUrl = typeof html?.["site-url"] === "string" ? html["site-url"] : undefined;
    for (const path of GETTEXT_TABLES) without(data, path);
    const preprocessor = sub(data.preprocessor);
    if (preprocessor && Object.keys(preprocessor).length === 0 && !/^\s*\[\s*preprocessor\s*\]/m.test(text)) delete data.preprocessor;
    const output = sub(data.output);
    const htmlBuilt = rendersHtml(data);
    if (output && Object.keys(output).length === 0 && !/^\s*\[\s*output\s*\]/m.test(text)) delete data.output;
    const book = (sub(data.book) ?? (data.book = {})) as Table;
    book.language = options.language;
    if (options.title !== undefined) book.title = options.title;
    if (options.description !== undefined) book.description = options.description;
    if (options.dir === "rtl" || book["text-direction"] !== undefined) book["text-direction"] = options.dir;
    if (siteUrl !== undefined) ((sub(data.output)!).html as Table)["site-url"] = movedSiteUrl(siteUrl, options.sourceFolder, options.folder);
    const js = missing(html?.["additional-js"], options.js);
    const css = missing(html?.["additional-css"], options.css);
    if (htmlBuilt && (js.length > 0 || css.length > 0)) {
      const outputTable = (sub(data.output) ?? (data.output = {})) as Table;
      const htmlTable = (sub(outputTable.html) ?? (outputTable.html = {})) as Table;
      if (js.length > 0) htmlTable["additional-js"] = [...((htmlTable["additional-js"] as unknown[]) ?? []), ...js];
      if (css.length > 0) htmlTable["additional-css"] = [...((htmlTable["additional-css"] as unknown[]) ?? []), ...css];
    }
    return data;
  });
}
