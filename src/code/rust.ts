/**
 * highlight.js's Rust grammar adjusted to syntect's: inside the braces of a
 * `struct` body syntect scopes only comments, so the string arguments of
 * field attributes (`#[arg(short = "n")]`) and ABI strings in field types
 * (`f: extern "C" fn()`) are no messages, nor are comments inside a field
 * type's parentheses. A function's parameter list is alike: its comments
 * are comments, its strings (parameter attributes, `extern "C"` types) are
 * not. Elsewhere (enum bodies, functions, items) strings and
 * comments are as highlight.js finds them, except that a `'` opens a
 * character literal only where one character (or one escape) and a closing
 * `'` follow, as in syntect's `char` rule: Cairo short strings (`'abc'`) in
 * ```` ```rust ```` blocks are no strings there, highlight.js's `'...'` is.
 */
import type { HLJSApi, Language, Mode } from "highlight.js";
import rust from "highlight.js/lib/languages/rust";

/** One character other than `'` and `\\` (a surrogate pair counts as one). */
const ONE_CHARACTER = "[^'\\\\\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]";
/** syntect Rust's `escaped_char` (also used for bytes here). */
const ESCAPE = "\\\\(?:x[0-9a-fA-F]{2}|n|r|t|0|\"|'|\\\\|u\\{[0-9a-fA-F]{1,6}\\})";

export function syntectRust(hljs: HLJSApi): Language {
  const language = rust(hljs);
  const parentheses: Mode = { begin: /\(/, end: /\)/, contains: ["self"] };
  const structBody: Mode = {
    // A where clause's comments are comments: the body starts only at a `{` with no comment before it.
    begin: /\bstruct\s+[A-Za-z_]\w*\s*(?:<[^{};]*>)?\s*(?:where\b(?:[^{};/]|\/(?![/*]))*)?\{/,
    end: /\}/,
    contains: [hljs.C_LINE_COMMENT_MODE, hljs.COMMENT(/\/\*/, /\*\//, { contains: ["self"] }), parentheses],
  };
  const parameters: Mode = {
    begin: /\bfn\s+[A-Za-z_]\w*\s*(?:<(?:[^<>]|<(?:[^<>]|<[^<>]*>)*>)*>)?\s*\(/,
    end: /\)/,
    contains: [hljs.C_LINE_COMMENT_MODE, hljs.COMMENT(/\/\*/, /\*\//, { contains: ["self"] }), parentheses],
  };
  const notCharLiteral: Mode = { begin: new RegExp(`b?'(?!(?:${ONE_CHARACTER}|${ESCAPE})')`), relevance: 0 };
  const contains = language.contains ?? [];
  // After the lifetime rule (`'a` stays a symbol), before highlight.js's `'...'` string rule.
  const lifetime = contains.findIndex((mode) => typeof mode === "object" && (mode as Mode).scope === "symbol");
  return { ...language, contains: [structBody, parameters, ...contains.slice(0, lifetime + 1), notCharLiteral, ...contains.slice(lifetime + 1)] };
}
