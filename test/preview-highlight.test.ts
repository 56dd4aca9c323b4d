// The preview highlights code with highlight.js grammars loaded on first use
// (src/preview/highlight.ts): only the languages a page names, the classes
// rehype-highlight gave, embedded languages found as with every grammar loaded.
import { describe, expect, test } from "vitest";
import hljs from "highlight.js/lib/core";
import { createRequire } from "node:module";
import { grammarName, highlightTokens, loadedPreviewGrammars, PREVIEW_ALIASES, PREVIEW_GRAMMARS } from "../src/preview/highlight.js";
import { markdownToHtml } from "../src/preview/render.js";

const require = createRequire(import.meta.url);

describe("grammars loaded on first use", () => {
  // First in the file: the highlighter's registry is the module's, shared by the tests below.
  test("a Rust page loads the Rust grammar and no other", () => {
    expect(loadedPreviewGrammars()).toEqual([]);
    const html = markdownToHtml('```rust,editable\nfn main() { println!("hi"); }\n```\n', [], { poName: "" });
    expect(html).toContain('<code class="hljs language-rust">');
    expect(html).toContain('<span class="hljs-string">"hi"</span>');
    expect(loadedPreviewGrammars()).toEqual(["rust"]);
  });

  test("an HTML block loads the grammars it embeds: its script is JavaScript, its style CSS", () => {
    const html = markdownToHtml("```html\n<script>let a = 1;</script><style>p { color: red }</style>\n```\n", [], { poName: "" });
    expect(html).toContain('<span class="hljs-keyword">let</span>');
    expect(html).toContain('<span class="hljs-attribute">color</span>');
    expect(loadedPreviewGrammars()).toEqual(expect.arrayContaining(["xml", "javascript", "css"]));
  });

  test("aliases resolve without loading: toml is ini, console is shell, case does not matter", () => {
    expect(grammarName("toml")).toBe("ini");
    expect(grammarName("Console")).toBe("shell");
    expect(grammarName("RS")).toBe("rust");
    expect(grammarName("constructor")).toBeUndefined();
    expect(grammarName("dockerfile")).toBeUndefined();
  });

  test("a language the preview has no grammar for keeps its text, with the hljs class", () => {
    expect(highlightTokens("FROM node", "dockerfile")).toBeUndefined();
    expect(markdownToHtml("```dockerfile\nFROM node\n```\n", [], { poName: "" })).toContain('<code class="hljs language-dockerfile">FROM node\n</code>');
  });

  test("nested scopes are classes as highlight.js writes them (title.function → hljs-title function_)", () => {
    expect(markdownToHtml("```rust\nfn main() {}\n```\n", [], { poName: "" })).toContain('<span class="hljs-title function_">main</span>');
  });

  test("the alias table is what the installed grammars declare", () => {
    const all = hljs.newInstance();
    for (const name of PREVIEW_GRAMMARS) all.registerLanguage(name, require(`highlight.js/lib/languages/${name}`));
    const declared: Record<string, string> = {};
    for (const name of PREVIEW_GRAMMARS) for (const alias of all.getLanguage(name)!.aliases ?? []) declared[alias.toLowerCase()] = name;
    expect(PREVIEW_ALIASES).toEqual(declared);
    // And each resolves as highlight.js resolves it with every grammar registered.
    for (const alias of Object.keys(declared)) expect(all.getLanguage(alias)).toBe(all.getLanguage(grammarName(alias)!));
  });
});
