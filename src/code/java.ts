/**
 * highlight.js's Java grammar adjusted to syntect's: string arguments of
 * annotations (`@SuppressWarnings("unchecked")`) are strings there, while
 * highlight.js takes the whole annotation as one `meta` token.
 */
import type { HLJSApi, Language, Mode } from "highlight.js";
import java from "highlight.js/lib/languages/java";

export function syntectJava(hljs: HLJSApi): Language {
  const language = java(hljs);
  const annotation = findMode(language.contains ?? [], (mode) => mode.className === "meta" && String(mode.begin).startsWith("@"));
  const parentheses = annotation?.contains?.[0] as Mode | undefined;
  parentheses?.contains?.push(hljs.QUOTE_STRING_MODE, hljs.APOS_STRING_MODE);
  return language;
}

function findMode(modes: ReadonlyArray<Mode | "self">, test: (mode: Mode) => boolean, seen = new Set<Mode>()): Mode | undefined {
  for (const mode of modes) {
    if (mode === "self" || seen.has(mode)) continue;
    seen.add(mode);
    if (test(mode)) return mode;
    const found = findMode([...(mode.contains ?? []), ...(mode.variants ?? [])], test, seen);
    if (found) return found;
  }
  return undefined;
}
