/**
 * Markup differences that are localisation, not breakage. A translation may
 * point a link at the same page in its own language (`en.wikipedia.org` →
 * `pt.wikipedia.org`, `/en/` → `/pt-BR/`), and a code span that quotes code
 * from a code block may translate the code's string literals the way the
 * catalog translates them in the block (`"small"` → `"pequeno"`: the
 * translated book shows that code with those strings). Anything else that
 * differs is still reported.
 */
import { getHeader, isFuzzy, type Catalog } from "../catalog/types.js";

export interface LocalisationContext {
  /** The book's source language (`[book] language`, default `en`). */
  sourceLanguage: string;
  /** The catalog's language (its `Language` header), if it has one. */
  language?: string;
  /** How the catalog translates code-block string literals: `"small"` → `"pequeno"`. */
  literals: ReadonlyMap<string, string>;
}

const STRING_LITERAL = /"(?:[^"\\\n]|\\.)*"/g;
const WHOLE_LITERAL = /^"(?:[^"\\\n]|\\.)*"$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i;

export function localisationContext(catalog: Catalog, sourceLanguage = "en"): LocalisationContext {
  const literals = new Map<string, string>();
  for (const entry of catalog.entries) {
    const msgstr = entry.msgstr[0] ?? "";
    if (entry.obsolete || isFuzzy(entry) || msgstr === "" || entry.msgctxt !== undefined) continue;
    if (WHOLE_LITERAL.test(entry.msgid) && WHOLE_LITERAL.test(msgstr)) literals.set(entry.msgid, msgstr);
  }
  const language = getHeader(catalog, "Language")?.trim();
  return { sourceLanguage, language: language === "" ? undefined : language, literals };
}

const tagOf = (tag: string): string => tag.toLowerCase().replace(/_/g, "-");
const primary = (tag: string): string => tagOf(tag).split("-")[0]!;

/** `en`, `en-US`, `en_us` for a source language `en`. */
function isSourceTag(segment: string, context: LocalisationContext): boolean {
  return LANGUAGE_TAG.test(segment) && primary(segment) === primary(context.sourceLanguage);
}

/** `pt`, `pt-BR`, `pt-br` for a catalog in `pt_BR` (any tag when the catalog names no language). */
function isTargetTag(segment: string, context: LocalisationContext): boolean {
  if (!LANGUAGE_TAG.test(segment) || primary(segment) === primary(context.sourceLanguage)) return false;
  if (context.language === undefined) return true;
  return tagOf(segment) === tagOf(context.language) || tagOf(segment) === primary(context.language);
}

/** Two lists equal but at most at one place, where `source` has a source-language tag and `target` the catalog's. */
function differByLanguageOnly(source: readonly string[], target: readonly string[], context: LocalisationContext): number {
  if (source.length !== target.length) return -1;
  let differences = 0;
  for (let index = 0; index < source.length; index++) {
    if (source[index] === target[index]) continue;
    if (!isSourceTag(source[index]!, context) || !isTargetTag(target[index]!, context)) return -1;
    differences++;
  }
  return differences;
}

/** The same page in the catalog's language: host and path equal but for one language label or segment. */
export function isLocalisedUrl(source: string, target: string, context: LocalisationContext): boolean {
  let from: URL;
  let to: URL;
  try {
    // A relative link is compared as a path.
    from = new URL(source, "relative:/");
    to = new URL(target, "relative:/");
  } catch {
    return false;
  }
  if (from.protocol !== to.protocol || from.port !== to.port || from.search !== to.search || from.hash !== to.hash) return false;
  const host = differByLanguageOnly(from.hostname.split("."), to.hostname.split("."), context);
  const path = differByLanguageOnly(from.pathname.split("/"), to.pathname.split("/"), context);
  return host >= 0 && path >= 0 && host + path === 1;
}

/** The code of `source` with only string literals changed, each to the catalog's translation of it. */
export function isLocalisedCode(source: string, target: string, context: LocalisationContext): boolean {
  const sourceLiterals = source.match(STRING_LITERAL) ?? [];
  const targetLiterals = target.match(STRING_LITERAL) ?? [];
  if (sourceLiterals.length === 0 || sourceLiterals.length !== targetLiterals.length) return false;
  if (source.split(STRING_LITERAL).join("\u0000") !== target.split(STRING_LITERAL).join("\u0000")) return false;
  return sourceLiterals.every((literal, index) => literal === targetLiterals[index] || context.literals.get(literal) === targetLiterals[index]);
}

/**
 * Removes from `missing` and `extra` the pairs that `localised` accepts (one
 * msgid item for one msgstr item), and returns them.
 */
export function pairLocalised(
  missing: string[],
  extra: string[],
  localised: (source: string, target: string) => boolean,
): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let index = 0; index < missing.length; index++) {
    const match = extra.findIndex((candidate) => localised(missing[index]!, candidate));
    if (match === -1) continue;
    pairs.push([missing[index]!, extra[match]!]);
    missing.splice(index--, 1);
    extra.splice(match, 1);
  }
  return pairs;
}
