/**
 * highlight.js's Rust grammar adjusted to syntect's: inside the braces of a
 * `struct` body syntect scopes only comments, so the string arguments of
 * field attributes (`#[arg(short = "n")]`) and ABI strings in field types
 * (`f: extern "C" fn()`) are no messages, nor are comments inside a field
 * type's parentheses. A function's parameter list is alike: its comments
 * are comments, its strings (parameter attributes, `extern "C"` types) are
 * not. Elsewhere (enum bodies, functions, items) strings and
 * comments are as highlight.js finds them.
 */
import type { HLJSApi, Language, Mode } from "highlight.js";
import rust from "highlight.js/lib/languages/rust";

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
  return { ...language, contains: [structBody, parameters, ...(language.contains ?? [])] };
}
