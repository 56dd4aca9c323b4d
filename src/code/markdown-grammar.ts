/**
 * highlight.js's Markdown grammar adjusted to what syntect's Markdown grammar
 * scopes as strings and comments (as upstream runs it, on the whole block at
 * once): HTML comments are comments, attribute values of inline HTML are
 * strings, and link text, which highlight.js calls `string`, is not (see
 * NOT_TRANSLATABLE in tokens.ts).
 */
import type { HLJSApi, Language } from "highlight.js";
import markdown from "highlight.js/lib/languages/markdown";

export function syntectMarkdown(hljs: HLJSApi): Language {
  const language = markdown(hljs);
  return { ...language, contains: [hljs.COMMENT(/<!--/, /-->/), ...(language.contains ?? [])] };
}
