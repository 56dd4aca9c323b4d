/**
 * highlight.js's Batch (`dos`) and SQL grammars adjusted to syntect's:
 * - Batch: `rem` starts a comment anywhere as a word (the keyword itself is
 *   not part of it, its text and newline are), and `::`-style comments (a
 *   colon and one of `+=,;: `) at a line's start or after `&` are comments;
 *   highlight.js takes `rem` into the comment and knows no `::` comments;
 *   `"..."` (to the quote or the end of the line) and `set` values are strings.
 * - SQL: double-quoted and backquoted names are strings in syntect
 *   (highlight.js gives `"..."` no scope and knows no backquotes).
 */
import type { HLJSApi, Language, Mode } from "highlight.js";
import dos from "highlight.js/lib/languages/dos";
import sql from "highlight.js/lib/languages/sql";

function scopeOf(mode: Mode | "self"): string | undefined {
  if (mode === "self") return undefined;
  return (mode.scope as string | undefined) ?? mode.className;
}

export function syntectBatch(hljs: HLJSApi): Language {
  const language = dos(hljs);
  const rem: Mode = { match: [/\b[Rr][Ee][Mm]\b/, /[^\n]+/], scope: { 2: "comment" } };
  const colon: Mode = { match: [/(?:^|&)[ \t]*/, /:[+=,;: ][^\n]*/], scope: { 2: "comment" } };
  // A string ends at its quote or at the end of the line (the newline included).
  const string: Mode = { scope: "string", begin: /"/, end: /"|\n/ };
  // `set NAME=value`: the value is `string.unquoted` up to the line's end or a command separator.
  const set: Mode = { match: [/\b[Ss][Ee][Tt][ \t]+[^ ="\n/][^=\n]*=/, /[^\n&|<>]+/], scope: { 2: "string" } };
  const contains = (language.contains ?? []).filter((mode) => scopeOf(mode) !== "comment");
  return { ...language, contains: [rem, colon, set, string, ...contains] };
}

export function syntectSql(hljs: HLJSApi): Language {
  const language = sql(hljs);
  const contains = (language.contains ?? []).map((mode) =>
    typeof mode === "object" && scopeOf(mode) === undefined && String(mode.begin) === String(/"/) ? { ...mode, scope: "string" } : mode,
  );
  return { ...language, contains: [{ scope: "string", begin: /`/, end: /`/ }, ...contains] };
}
