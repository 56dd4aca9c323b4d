/**
 * Finds the string literals and comments of a piece of code with
 * highlight.js grammars (a real tokenizer per language), as the character
 * ranges mdbook-xgettext would see in string or comment scopes.
 */
import hljs from "highlight.js/lib/core";
import applescript from "highlight.js/lib/languages/applescript";
import c from "highlight.js/lib/languages/c";
import clojure from "highlight.js/lib/languages/clojure";
import cpp from "highlight.js/lib/languages/cpp";
import csharp from "highlight.js/lib/languages/csharp";
import css from "highlight.js/lib/languages/css";
import d from "highlight.js/lib/languages/d";
import delphi from "highlight.js/lib/languages/delphi";
import diff from "highlight.js/lib/languages/diff";
import dos from "highlight.js/lib/languages/dos";
import erlang from "highlight.js/lib/languages/erlang";
import go from "highlight.js/lib/languages/go";
import groovy from "highlight.js/lib/languages/groovy";
import haskell from "highlight.js/lib/languages/haskell";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import latex from "highlight.js/lib/languages/latex";
import lisp from "highlight.js/lib/languages/lisp";
import lua from "highlight.js/lib/languages/lua";
import makefile from "highlight.js/lib/languages/makefile";
import matlab from "highlight.js/lib/languages/matlab";
import objectivec from "highlight.js/lib/languages/objectivec";
import ocaml from "highlight.js/lib/languages/ocaml";
import perl from "highlight.js/lib/languages/perl";
import php from "highlight.js/lib/languages/php";
import properties from "highlight.js/lib/languages/properties";
import python from "highlight.js/lib/languages/python";
import r from "highlight.js/lib/languages/r";
import ruby from "highlight.js/lib/languages/ruby";
import scala from "highlight.js/lib/languages/scala";
import sql from "highlight.js/lib/languages/sql";
import tcl from "highlight.js/lib/languages/tcl";
import xml from "highlight.js/lib/languages/xml";
import { syntectJava } from "./java.js";
import { syntectMarkdown } from "./markdown-grammar.js";
import { syntectRust } from "./rust.js";
import { syntectBash } from "./shell.js";
import { yamlSpans } from "./yaml.js";

const GRAMMARS = {
  applescript, bash: syntectBash, c, clojure, cpp, csharp, css, d, delphi, diff, dos, erlang, go, groovy, haskell, java: syntectJava,
  javascript, json, latex, lisp, lua, makefile, markdown: syntectMarkdown, matlab, objectivec, ocaml, perl, php, properties,
  python, r, ruby, rust: syntectRust, scala, sql, tcl, xml,
};
for (const [name, grammar] of Object.entries(GRAMMARS)) hljs.registerLanguage(name, grammar);

/** A half-open character range `[start, end)` of the code. */
export type Span = [start: number, end: number];

interface TokenNode {
  scope?: string;
  children: Array<TokenNode | string>;
}

/**
 * Scopes that syntect's grammar calls strings where highlight.js says
 * otherwise: JSON object keys are `attr` in highlight.js and
 * `string.quoted.double.json` in Sublime's JSON syntax; JavaScript regular
 * expression literals are `regexp` there and `string.regexp.js` in syntect.
 */
const STRING_LIKE: Record<string, string[]> = { json: ["attr"], javascript: ["regexp"] };

/**
 * Scopes highlight.js gives where syntect has neither string nor comment:
 * Markdown link text is `string` in highlight.js; syntect's Diff grammar has
 * no string or comment scope at all (highlight.js makes headers `comment`).
 */
const NOT_TRANSLATABLE: Record<string, string[]> = { markdown: ["string"], diff: ["comment", "string"] };

function isTranslatable(scope: string | undefined, grammar: string): boolean {
  if (scope === undefined) return false;
  if (STRING_LIKE[grammar]?.includes(scope)) return true;
  if (NOT_TRANSLATABLE[grammar]?.includes(scope)) return false;
  return scope === "string" || scope.startsWith("string.") || scope === "comment" || scope.startsWith("comment.");
}

/**
 * Grammars whose interpolations (`subst`: Python's f-string `{...}`,
 * JavaScript's `${...}`) are code in syntect, not string: the string is cut
 * there, and strings inside the interpolation are messages of their own.
 * (Bash `$(...)`, Ruby `#{...}` and PHP `{$x}` stay inside the string scope.)
 */
const CODE_INTERPOLATION = new Set(["python", "javascript"]);

/** Grammars whose string prefixes (`f`, `r`, `b`, `rb`, ...) syntect scopes `storage.type.string`, outside the string. */
const PREFIX_OUTSIDE_STRING = new Set(["python"]);

/** Grammars whose line comments stop before the newline in syntect (Makefile's `#` comments). */
const COMMENT_WITHOUT_NEWLINE = new Set(["makefile"]);

/**
 * String and comment ranges of `code`, in order. A comment that runs to the
 * end of its line includes the newline, as syntect's `$\n?` line-comment
 * scopes do; a block comment (`*​/`) does not.
 */
export function translatableSpans(code: string, grammar: string): Span[] {
  if (grammar === "yaml") return yamlSpans(code);
  if (!hljs.getLanguage(grammar)) return [];
  const result = hljs.highlight(code, { language: grammar, ignoreIllegals: true });
  const root = (result as unknown as { _emitter: { rootNode: TokenNode } })._emitter.rootNode;
  const spans: Span[] = [];
  let offset = 0;
  const pushPiece = (start: number, end: number): void => {
    if (end > start) spans.push([start, end]);
  };
  const walk = (node: TokenNode, inside: boolean, language = grammar): void => {
    // Embedded code (Markdown's inline HTML) follows its own grammar's rules.
    if (node.scope?.startsWith("language:")) language = node.scope.slice("language:".length);
    const translatable = !inside && isTranslatable(node.scope, language);
    let start = offset;
    if (translatable && PREFIX_OUTSIDE_STRING.has(language) && node.scope!.startsWith("string")) {
      start += /^[A-Za-z]*/.exec(code.slice(start, start + 4))![0].length;
    }
    for (const child of node.children) {
      if (typeof child === "string") offset += child.length;
      else if (translatable && child.scope === "subst" && CODE_INTERPOLATION.has(language)) {
        pushPiece(start, offset);
        walk(child, false, language);
        start = offset;
      } else walk(child, inside || translatable, language);
    }
    if (translatable) {
      let end = offset;
      const isComment = node.scope!.startsWith("comment");
      const isBlockComment = /^(\/\*|<!--|\{-|\(\*|--\[=*\[)/.test(code.slice(start, end));
      if (isComment && code[end] === "\n" && !isBlockComment && !COMMENT_WITHOUT_NEWLINE.has(language)) end++;
      pushPiece(start, end);
    }
  };
  walk(root, false);
  // A line comment's newline was claimed above; the next token starts after it.
  return spans.filter((span, index) => index === 0 || span[0] >= spans[index - 1]![1]);
}
