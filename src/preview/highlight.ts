/**
 * Syntax highlighting of the preview's code blocks with highlight.js, as
 * rehype-highlight does it with lowlight's `common` grammars (the same
 * classes, `hljs` on the `<code>`, `hljs-` scopes as spans), but loading
 * only the grammars the page's blocks name: importing every grammar up front
 * was a quarter of the preview's start-up.
 */
import type { Element, ElementContent, Root as HastRoot } from "hast";
import hljs from "highlight.js/lib/core";
import type { HLJSApi, HLJSOptions, Language } from "highlight.js";
import { createRequire } from "node:module";
import { subLanguages } from "../code/tokens.js";

type LanguageFn = (api: HLJSApi) => Language;

// The CommonJS builds (same grammar code) load synchronously from a rehype step.
const require = createRequire(import.meta.url);

/** lowlight's `common` set, the languages rehype-highlight highlights by default. */
export const PREVIEW_GRAMMARS: readonly string[] = [
  "arduino", "bash", "c", "cpp", "csharp", "css", "diff", "go", "graphql", "ini", "java", "javascript", "json", "kotlin",
  "less", "lua", "makefile", "markdown", "objectivec", "perl", "php", "php-template", "plaintext", "python", "python-repl",
  "r", "ruby", "rust", "scss", "shell", "sql", "swift", "typescript", "vbnet", "wasm", "xml", "yaml",
];

/**
 * Each grammar's aliases (lower case), as the grammars declare them, known
 * without loading them (test/preview-highlight.test.ts checks the table
 * against the installed grammars).
 */
export const PREVIEW_ALIASES: Readonly<Record<string, string>> = {
  ino: "arduino", sh: "bash", zsh: "bash", h: "c", cc: "cpp", "c++": "cpp", "h++": "cpp", hpp: "cpp", hh: "cpp",
  hxx: "cpp", cxx: "cpp", cs: "csharp", "c#": "csharp", patch: "diff", golang: "go", gql: "graphql", toml: "ini",
  jsp: "java", js: "javascript", jsx: "javascript", mjs: "javascript", cjs: "javascript", jsonc: "json", json5: "json",
  kt: "kotlin", kts: "kotlin", ktm: "kotlin", ktx: "kotlin", pluto: "lua", mk: "makefile", mak: "makefile",
  make: "makefile", md: "markdown", mkdown: "markdown", mkd: "markdown", mm: "objectivec", objc: "objectivec",
  "obj-c": "objectivec", "obj-c++": "objectivec", "objective-c++": "objectivec", pl: "perl", pm: "perl",
  text: "plaintext", txt: "plaintext", py: "python", gyp: "python", ipython: "python", pycon: "python-repl", rb: "ruby",
  gemspec: "ruby", podspec: "ruby", thor: "ruby", irb: "ruby", rs: "rust", console: "shell", shellsession: "shell",
  ts: "typescript", tsx: "typescript", mts: "typescript", cts: "typescript", vb: "vbnet", html: "xml", xhtml: "xml",
  rss: "xml", atom: "xml", xjb: "xml", xsd: "xml", xsl: "xml", plist: "xml", wsf: "xml", svg: "xml", yml: "yaml",
};

const known = new Set(PREVIEW_GRAMMARS);
// An instance of its own: extraction registers syntect-adjusted grammars under the same names on the shared one.
const highlighter = hljs.newInstance();

/** The grammar a block's language names, or undefined when the preview does not highlight it. */
export function grammarName(language: string): string | undefined {
  const lower = language.toLowerCase();
  if (known.has(lower)) return lower;
  return Object.hasOwn(PREVIEW_ALIASES, lower) ? PREVIEW_ALIASES[lower] : undefined;
}

/** Registers `name` and every grammar it embeds (xml's `<script>` is javascript), as when all were registered. */
export function loadPreviewGrammar(name: string): void {
  if (highlighter.getLanguage(name) || !known.has(name)) return;
  highlighter.registerLanguage(name, require(`highlight.js/lib/languages/${name}`) as LanguageFn);
  for (const sub of subLanguages(highlighter.getLanguage(name)!)) loadPreviewGrammar(sub);
}

/** Grammars registered so far (for tests). */
export const loadedPreviewGrammars = (): string[] => highlighter.listLanguages();

type Parent = HastRoot | Element;

/** highlight.js's token tree as hast: one `<span class="hljs-…">` per scope. */
class HastEmitter {
  readonly root: HastRoot = { type: "root", children: [] };
  private readonly stack: Parent[] = [this.root];

  constructor(private readonly options: HLJSOptions) {}

  private get top(): Parent {
    return this.stack[this.stack.length - 1]!;
  }

  addText(value: string): void {
    if (value === "") return;
    const last = this.top.children[this.top.children.length - 1];
    if (last?.type === "text") last.value += value;
    else (this.top.children as ElementContent[]).push({ type: "text", value });
  }

  startScope(scope: string): void {
    this.openNode(scope);
  }

  endScope(): void {
    this.closeNode();
  }

  /** A nested scope `title.function` is `hljs-title function_`, as highlight.js's HTML has it. */
  openNode(scope: string): void {
    const className = String(scope).split(".").map((part, index) => (index === 0 ? `${this.options.classPrefix}${part}` : `${part}${"_".repeat(index)}`));
    const element: Element = { type: "element", tagName: "span", properties: { className }, children: [] };
    (this.top.children as ElementContent[]).push(element);
    this.stack.push(element);
  }

  closeNode(): void {
    this.stack.pop();
  }

  __addSublanguage(other: HastEmitter, name: string | undefined): void {
    const children = other.root.children as ElementContent[];
    if (name) (this.top.children as ElementContent[]).push({ type: "element", tagName: "span", properties: { className: [name] }, children });
    else (this.top.children as ElementContent[]).push(...children);
  }

  finalize(): void {}

  toHTML(): string {
    return "";
  }
}

highlighter.configure({ __emitter: HastEmitter as never, classPrefix: "hljs-" });

/** The language a `<code>`'s classes name (`language-x`, `lang-x`); false for `no-highlight`. */
function codeLanguage(code: Element): string | false | undefined {
  const classes = code.properties.className;
  if (!Array.isArray(classes)) return undefined;
  let name: string | undefined;
  for (const value of classes.map(String)) {
    if (value === "no-highlight" || value === "nohighlight") return false;
    if (name === undefined && value.startsWith("lang-")) name = value.slice(5);
    if (name === undefined && value.startsWith("language-")) name = value.slice(9);
  }
  return name;
}

const textOf = (nodes: readonly ElementContent[]): string => nodes.map((node) => (node.type === "text" ? node.value : node.type === "element" ? textOf(node.children) : "")).join("");

/** Highlights `code`'s text as `language`; undefined when no grammar of the preview is that language. */
export function highlightTokens(code: string, language: string): ElementContent[] | undefined {
  const name = grammarName(language);
  if (name === undefined) return undefined;
  loadPreviewGrammar(name);
  const result = highlighter.highlight(code, { language: name, ignoreIllegals: true }) as unknown as { _emitter: HastEmitter };
  return result._emitter.root.children as ElementContent[];
}

/** The rehype step: every `pre > code` naming a language gets `hljs` and its tokens (no detection, as `detect: false`). */
export function rehypeLazyHighlight() {
  return (tree: HastRoot): void => {
    const visit = (node: Parent): void => {
      for (const child of node.children) {
        if (child.type !== "element") continue;
        if (child.tagName === "pre") for (const code of child.children) if (code.type === "element" && code.tagName === "code") highlightBlock(code);
        visit(child);
      }
    };
    visit(tree);
  };
}

function highlightBlock(code: Element): void {
  const language = codeLanguage(code);
  if (!language) return;
  const classes = code.properties.className as Array<string | number>;
  if (!classes.includes("hljs")) classes.unshift("hljs");
  const tokens = highlightTokens(textOf(code.children), language);
  // A language without a grammar keeps its text (rehype-highlight warns and leaves it).
  if (tokens && tokens.length > 0) code.children = tokens;
}
