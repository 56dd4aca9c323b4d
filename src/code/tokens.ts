/**
 * Finds the string literals and comments of a piece of code with
 * highlight.js grammars (a real tokenizer per language), as the character
 * ranges mdbook-xgettext would see in string or comment scopes.
 */
import hljs from "highlight.js/lib/core";
import type { HLJSApi, Language } from "highlight.js";
import { createRequire } from "node:module";
import { syntectBatch, syntectSql } from "./batch-sql.js";
import { syntectJava } from "./java.js";
import { syntectMarkdown } from "./markdown-grammar.js";
import { syntectRust } from "./rust.js";
import { syntectBash } from "./shell.js";
import { yamlSpans } from "./yaml.js";

type LanguageFn = (hljs: HLJSApi) => Language;

// Grammars are loaded when a code block first needs one (a book uses a few of
// them; loading all 36 costs every thread ~130 ms). `require` because a sync
// function must load them; the CommonJS builds are the same grammar code.
const require = createRequire(import.meta.url);
const stock = (name: string) => (): LanguageFn => require(`highlight.js/lib/languages/${name}`) as LanguageFn;

const GRAMMARS: Record<string, () => LanguageFn> = {
  applescript: stock("applescript"), bash: () => syntectBash, c: stock("c"), clojure: stock("clojure"), cpp: stock("cpp"),
  csharp: stock("csharp"), css: stock("css"), d: stock("d"), delphi: stock("delphi"), diff: stock("diff"), dos: () => syntectBatch,
  erlang: stock("erlang"), go: stock("go"), groovy: stock("groovy"), haskell: stock("haskell"), java: () => syntectJava,
  javascript: stock("javascript"), json: stock("json"), latex: stock("latex"), lisp: stock("lisp"), lua: stock("lua"),
  makefile: stock("makefile"), markdown: () => syntectMarkdown, matlab: stock("matlab"), objectivec: stock("objectivec"),
  ocaml: stock("ocaml"), perl: stock("perl"), php: stock("php"), properties: stock("properties"), python: stock("python"),
  r: stock("r"), ruby: stock("ruby"), rust: () => syntectRust, scala: stock("scala"), sql: () => syntectSql, tcl: stock("tcl"),
  xml: stock("xml"),
};

/** Names a grammar embeds with `subLanguage` (Markdown's inline HTML is `xml`, whose `<script>` is `javascript`, ...). */
export function subLanguages(language: Language): Set<string> {
  const names = new Set<string>();
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (typeof value !== "object" || value === null || seen.has(value)) return;
    seen.add(value);
    const sub = (value as { subLanguage?: string | string[] }).subLanguage;
    for (const name of typeof sub === "string" ? [sub] : (sub ?? [])) names.add(name);
    for (const child of Array.isArray(value) ? value : Object.values(value)) walk(child);
  };
  walk(language);
  return names;
}

/**
 * Registers `name`'s grammar and every grammar it embeds, so that highlighting
 * sees the same languages as with all of them registered. (No embedded name
 * is an alias of another grammar; test/code-tokens.test.ts checks it.)
 */
function loadGrammar(name: string): boolean {
  if (hljs.getLanguage(name)) return true;
  const load = GRAMMARS[name];
  if (!load) return false;
  hljs.registerLanguage(name, load());
  for (const sub of subLanguages(hljs.getLanguage(name)!)) loadGrammar(sub);
  return true;
}

/** Every grammar's name (for tests). */
export const GRAMMAR_NAMES: readonly string[] = Object.keys(GRAMMARS);

/** Loads every grammar (tests compare lazy loading with it). */
export function loadAllGrammars(): void {
  for (const name of GRAMMAR_NAMES) loadGrammar(name);
}

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

/** C-family grammars, whose preprocessor directives highlight.js scopes `meta`. */
const C_FAMILY = new Set(["c", "cpp", "objectivec"]);

/**
 * Directives in which syntect's C grammars end a `//` comment before the
 * newline (the directive's context takes it); after `#endif` or an unknown
 * directive the comment takes it as anywhere else.
 */
const DIRECTIVE_KEEPS_NEWLINE = /^#[ \t]*(?:define|undef|if|ifdef|ifndef|elif|else|error|warning|line|pragma|include|include_next|import)\b/;

/**
 * Grammars whose `'use strict'` / `"use asm"` directive highlight.js scopes
 * `meta` and syntect as the string it is.
 */
const DIRECTIVE_STRINGS = new Set(["javascript"]);

/** The language syntect's HTML embeds in the attribute value starting at `start` (`style="..."`, `onclick="..."`), if any. */
function attributeLanguage(code: string, start: number): string | undefined {
  const name = /(?:^|[\s"'])(style|on[A-Za-z]+)\s*=\s*$/i.exec(code.slice(Math.max(0, start - 40), start))?.[1];
  if (!name) return undefined;
  return name.toLowerCase() === "style" ? "css" : "javascript";
}

/**
 * String and comment ranges of `code`, in order. A comment that runs to the
 * end of its line includes the newline, as syntect's `$\n?` line-comment
 * scopes do; a block comment (`*​/`) does not.
 */
export function translatableSpans(code: string, grammar: string): Span[] {
  if (grammar === "yaml") return yamlSpans(code);
  if (!loadGrammar(grammar)) return [];
  const result = hljs.highlight(code, { language: grammar, ignoreIllegals: true });
  const root = (result as unknown as { _emitter: { rootNode: TokenNode } })._emitter.rootNode;
  const spans: Span[] = [];
  let offset = 0;
  const pushPiece = (start: number, end: number): void => {
    if (end > start) spans.push([start, end]);
  };
  const walk = (node: TokenNode, inside: boolean, language = grammar, inDirective = false): void => {
    // Embedded code (Markdown's inline HTML) follows its own grammar's rules.
    if (node.scope?.startsWith("language:")) language = node.scope.slice("language:".length);
    if (node.scope === "meta" && C_FAMILY.has(language) && DIRECTIVE_KEEPS_NEWLINE.test(code.slice(offset, offset + 40))) inDirective = true;
    const directiveString = node.scope === "meta" && DIRECTIVE_STRINGS.has(language) && /^['"]use /.test(code.slice(offset, offset + 5));
    const translatable = !inside && (directiveString || isTranslatable(node.scope, language));
    let start = offset;
    if (translatable && PREFIX_OUTSIDE_STRING.has(language) && node.scope!.startsWith("string")) {
      const prefix = /^[A-Za-z]*/.exec(code.slice(start, start + 4))![0];
      // A docstring (a triple-quoted statement of its own) keeps an `r`/`u` prefix inside syntect's string.
      const lineStart = code.lastIndexOf("\n", start - 1) + 1;
      const docstring = /^[rRuU]$/.test(prefix) && /^[ \t]*$/.test(code.slice(lineStart, start)) && /^("{3}|'{3})/.test(code.slice(start + 1, start + 4));
      if (!docstring) start += prefix.length;
    }
    // syntect's C has no raw strings: the `R` (`u8R`, ...) is an identifier before an ordinary string.
    if (translatable && language === "c" && node.scope === "string") start += /^(?:u8?|U|L)?R(?=")/.exec(code.slice(start, start + 4))?.[0].length ?? 0;
    // syntect's Objective-C takes an encoding prefix into the string; highlight.js leaves it out.
    if (translatable && language === "objectivec" && node.scope === "string" && /^["']/.test(code[start] ?? "")) {
      start -= /(?<![\w@])(?:u8|u|U|L)$/.exec(code.slice(Math.max(0, start - 3), start))?.[0].length ?? 0;
    }
    for (const child of node.children) {
      if (typeof child === "string") offset += child.length;
      else if (translatable && child.scope === "subst" && CODE_INTERPOLATION.has(language)) {
        pushPiece(start, offset);
        walk(child, false, language, inDirective);
        start = offset;
      } else walk(child, inside || translatable, language, inDirective);
    }
    if (translatable) {
      let end = offset;
      const isComment = node.scope!.startsWith("comment");
      const isBlockComment = /^(\/\*|<!--|\{-|\(\*|--\[=*\[)/.test(code.slice(start, end));
      // In HTML, a script's last line comment leaves its newline to the `</script>` escape.
      const beforeScriptEnd = language !== grammar && /^\s*<\/script/i.test(code.slice(end, end + 100));
      if (isComment && code[end] === "\n" && !isBlockComment && !COMMENT_WITHOUT_NEWLINE.has(language) && !inDirective && !beforeScriptEnd) end++;
      const embedded = language === "xml" && node.scope === "string" ? attributeLanguage(code, start) : undefined;
      if (embedded) {
        // `style` and `on...` values are CSS and JavaScript in syntect: only their quotes and the strings and comments inside.
        const quote = code[start];
        if ((quote === '"' || quote === "'") && end - start >= 2 && code[end - 1] === quote) {
          pushPiece(start, start + 1);
          for (const [from, to] of translatableSpans(code.slice(start + 1, end - 1), embedded)) pushPiece(start + 1 + from, start + 1 + to);
          pushPiece(end - 1, end);
        }
        return;
      }
      pushPiece(start, end);
    }
  };
  walk(root, false);
  // A line comment's newline was claimed above; the next token starts after it.
  return spans.filter((span, index) => index === 0 || span[0] >= spans[index - 1]![1]);
}
