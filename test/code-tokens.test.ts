// Grammars load on first use (src/code/tokens.ts): a grammar that embeds
// another (Markdown's inline HTML is `xml`) must find it loaded, as when every
// grammar was registered up front.
import { describe, expect, it } from "vitest";
import hljs from "highlight.js/lib/core";
import { GRAMMAR_NAMES, loadAllGrammars, subLanguages, translatableSpans } from "../src/code/tokens.js";

describe("lazily loaded grammars", () => {
  it("a Markdown block loads the HTML grammar it embeds: an HTML comment is a comment", () => {
    const code = "Some *text*\n\n<!-- a note -->\n";
    expect(hljs.getLanguage("xml")).toBeUndefined();
    expect(translatableSpans(code, "markdown")).toEqual([[13, 28]]);
    expect(hljs.getLanguage("xml")).toBeDefined();
  });

  it("no embedded language is named by an alias (lazy loading looks grammars up by name)", () => {
    loadAllGrammars();
    const byAlias = new Map<string, string>();
    for (const name of GRAMMAR_NAMES) for (const alias of hljs.getLanguage(name)!.aliases ?? []) byAlias.set(alias.toLowerCase(), name);
    for (const name of GRAMMAR_NAMES) {
      for (const sub of subLanguages(hljs.getLanguage(name)!)) expect(byAlias.get(sub.toLowerCase()), `${name} embeds ${sub}`).toBeUndefined();
    }
    expect(subLanguages(hljs.getLanguage("markdown")!)).toContain("xml");
  });
});
