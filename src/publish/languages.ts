/**
 * What a published book needs to know about a language code: its name in
 * its own language (for the language picker) and its text direction.
 * Both come from the ICU data Node ships (CLDR), through `Intl`.
 */
import { PobookError, type ErrorLocation } from "../errors.js";

/** Scripts written right to left (ISO 15924), for codes whose CLDR text info says nothing (`dv`, Thaana). */
const RTL_SCRIPTS: ReadonlySet<string> = new Set(["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", "Mend", "Yezi"]);

/** The BCP 47 form of a catalog name: gettext spells `pt_BR`, `Intl` wants `pt-BR` (`sr@latin` has no BCP 47 form). */
export function bcp47(code: string): string | undefined {
  const tag = code.replace(/_/g, "-");
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

export interface LanguageInfo {
  /** The code as the book names it (catalog file name, `-l`). */
  code: string;
  /** The language's name in itself, first letter capitalised as at the start of a menu item ("Português (Brasil)", "日本語"). */
  name: string;
  dir: "ltr" | "rtl";
}

/**
 * The name and direction of `code`, or a PobookError when pobook cannot
 * name it (not a BCP 47 tag, or no CLDR name for it and none in
 * `names`, book.toml's own names for such codes).
 */
export function languageInfo(code: string, names: Readonly<Record<string, string>> = {}, where: ErrorLocation = {}): LanguageInfo {
  const tag = bcp47(code);
  if (tag === undefined) throw new PobookError(`"${code}" is not a language code pobook can name (a BCP 47 tag like pt-BR, zh-Hant or fr)`, where);
  const own = names[code] ?? names[tag];
  const name = own ?? new Intl.DisplayNames([tag], { type: "language", fallback: "none" }).of(tag);
  if (name === undefined || name === "") {
    throw new PobookError(`no name known for language "${code}": give one in book.toml ([preprocessor.gettext.publish.names] ${JSON.stringify(code)} = "...")`, where);
  }
  return { code, name: own ?? capitalise(name, tag), dir: direction(tag) };
}

export function direction(tag: string): "ltr" | "rtl" {
  const locale = new Intl.Locale(tag);
  // `textInfo` (V8) became `getTextInfo()` in newer engines; both give CLDR's character order.
  const info = (locale as unknown as { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } });
  const fromCldr = typeof info.getTextInfo === "function" ? info.getTextInfo().direction : info.textInfo?.direction;
  if (fromCldr === "rtl") return "rtl";
  const script = locale.maximize().script;
  return script !== undefined && RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
}

/** The first letter upper-cased by the language's own rules: menu items start with a capital where the script has one. */
function capitalise(name: string, tag: string): string {
  const first = String.fromCodePoint(name.codePointAt(0)!);
  return first.toLocaleUpperCase(tag) + name.slice(first.length);
}

/** `code`'s name in the reader's language `reader` ("inglês" for en in pt-BR), or the code. */
export function nameIn(code: string, reader: string): string {
  const tag = bcp47(code);
  const readerTag = bcp47(reader);
  if (tag === undefined || readerTag === undefined) return code;
  return new Intl.DisplayNames([readerTag], { type: "language", fallback: "code" }).of(tag) ?? code;
}

/** `code`'s own name for a menu that must not fail (the preview's language links): the code itself where pobook cannot name it. */
export function languageNameOrCode(code: string): string {
  try {
    return languageInfo(code).name;
  } catch {
    return code;
  }
}
