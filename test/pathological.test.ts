// Pathological Markdown: deep nesting, huge paragraphs of delimiters, many
// lists. Each input is big enough that the old code overflowed the stack or
// ran for tens of seconds; time is measured as this process's CPU time so
// that a loaded machine does not make the limits flaky.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { PobookError } from "../src/errors.js";
import { MAX_INLINE_DELIMITERS, MAX_NESTING } from "../src/markdown/limits.js";
import { segmentMarkdown } from "../src/markdown/segment.js";
import { startPreview } from "../src/preview/server.js";
import { compareMarkup } from "../src/check/markup.js";
import { translateDocument } from "../src/translate/document.js";
import { makeTree, runInProcess } from "./helpers/cli.js";

function cpuSeconds<T>(work: () => T): { result: T; seconds: number } {
  const start = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(start);
  return { result, seconds: (used.user + used.system) / 1e6 };
}

function limitError(text: string): PobookError {
  try {
    segmentMarkdown(text);
  } catch (error) {
    if (error instanceof PobookError) return error;
    throw error;
  }
  throw new Error("no error");
}

const same = (msgid: string) => ({ status: "translated" as const, msgstr: msgid });

describe("deep nesting", () => {
  for (const [name, marker] of [["block quotes", "> "], ["bullet lists", "- "], ["ordered lists", "1. "]] as const) {
    it(`10,000 nested ${name}: a one-line error at the line, quickly`, () => {
      const text = `Intro.\n\n${marker.repeat(10_000)}deep\n`;
      const { result: error, seconds } = cpuSeconds(() => limitError(text));
      expect(error.line).toBe(3);
      expect(error.message).toBe(`block quotes and lists nested ${MAX_NESTING + 1}+ levels deep (pobook's limit is ${MAX_NESTING})`);
      expect(seconds).toBeLessThan(2);
    });

    it(`${MAX_NESTING} nested ${name} still give their message`, () => {
      const text = `${marker.repeat(MAX_NESTING)}deep *text*\n`;
      const { result, seconds } = cpuSeconds(() => segmentMarkdown(text));
      expect(result.map((message) => message.msgid)).toEqual(["deep _text_"]);
      expect(translateDocument(text, same).text).toBe(text);
      expect(seconds).toBeLessThan(3);
    });
  }

  it("nesting built up by indentation, one level per line", () => {
    const lines = (levels: number) => Array.from({ length: levels }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n") + "\n";
    expect(segmentMarkdown(lines(MAX_NESTING))).toHaveLength(MAX_NESTING);
    expect(limitError(lines(MAX_NESTING + 1)).line).toBe(MAX_NESTING + 1);
    const quotes = Array.from({ length: 2_000 }, (_, i) => `${"> ".repeat(i + 1)}q`).join("\n");
    expect(cpuSeconds(() => limitError(quotes)).seconds).toBeLessThan(2);
  });

  it("deep indentation, thematic breaks and fenced code open no container", () => {
    const fenced = `- item\n\n  \`\`\`\n${Array.from({ length: 300 }, () => "> ".repeat(300)).join("\n")}\n  \`\`\`\n`;
    expect(segmentMarkdown(fenced)).toHaveLength(1);
    expect(segmentMarkdown(`${"* ".repeat(300)}\n\n${" ".repeat(600)}code\n${"\t".repeat(200)}more\n`)).toEqual([]);
  });
});

describe("paragraphs full of delimiters", () => {
  const cases = {
    "`*a**a**a…` 50,000 times": "*a" + "**a".repeat(50_000),
    "50,000 links": "[a](b) ".repeat(50_000),
    "50,000 emphasis runs": "*a* ".repeat(50_000),
  };
  for (const [name, paragraph] of Object.entries(cases)) {
    it(`${name}: a one-line error at the paragraph, quickly`, () => {
      const { result: error, seconds } = cpuSeconds(() => limitError(`# Title\n\n${paragraph}\n`));
      expect(error.line).toBe(3);
      expect(error.message).toContain(`pobook's limit is ${MAX_INLINE_DELIMITERS} per paragraph`);
      expect(seconds).toBeLessThan(2);
    });
  }

  it("paragraphs just under the limit are extracted and translated", () => {
    const links = "[a](b) ".repeat(MAX_INLINE_DELIMITERS / 2 - 1).trim();
    const nested = "*".repeat(MAX_INLINE_DELIMITERS / 2 - 1) + "a" + "*".repeat(MAX_INLINE_DELIMITERS / 2 - 1);
    const { result, seconds } = cpuSeconds(() => [segmentMarkdown(`${links}\n`), segmentMarkdown(`${nested}\n`)]);
    expect(result[0]!.map((message) => message.msgid)).toEqual([links]);
    expect(result[1]).toHaveLength(1);
    expect(translateDocument(`${links}\n`, same).text).toBe(`${links}\n`);
    expect(seconds).toBeLessThan(8);
  });

  it("the limit is per paragraph: many short paragraphs, list items and table rows are fine", () => {
    const item = "- see [the docs](https://example.com/docs) and *this*\n";
    const text = item.repeat(3_000) + "\n| a | b |\n|---|---|\n" + "| [x](y) | *z* |\n".repeat(2_000);
    const messages = segmentMarkdown(text);
    expect(messages).toHaveLength(3_000 + 2 + 4_000);
  });

  it("HTML blocks and indented code do not count", () => {
    const html = `<table>\n${"<tr><td>[x] a_b_c *d*</td></tr>\n".repeat(1_000)}</table>\n`;
    const code = `Code:\n\n${"    let v = a[i][j] * b[j][i];\n".repeat(1_000)}`;
    expect(() => segmentMarkdown(html + "\n" + code)).not.toThrow();
  });
});

describe("many lists in one chapter", () => {
  it("190 KB of short lists parse in linear time (was quadratic: 18 s)", () => {
    let text = "";
    let count = 0;
    while (text.length < 190_000) {
      text += `- item ${count} one\n- item ${count} two\n\ntext ${count}\n\n`;
      count++;
    }
    const { result, seconds } = cpuSeconds(() => segmentMarkdown(text));
    expect(result).toHaveLength(count * 3);
    expect(result[result.length - 1]!.msgid).toBe(`text ${count - 1}`);
    expect(seconds).toBeLessThan(9);
  });
});

describe("the commands report the limit with the file and line", () => {
  const book = (chapter: string) =>
    makeTree({
      "book.toml": '[book]\ntitle = "Deep"\n',
      "src/SUMMARY.md": "# Summary\n\n- [Deep](deep.md)\n",
      "src/deep.md": chapter,
    });

  it("extract: exit 2, one line, no POT", async () => {
    const root = book(`# Deep\n\n${"> ".repeat(10_000)}x\n`);
    const result = await runInProcess(["extract", root]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`pobook: src/deep.md:3: block quotes and lists nested ${MAX_NESTING + 1}+ levels deep (pobook's limit is ${MAX_NESTING})`);
    expect(existsSync(join(root, "po", "messages.pot"))).toBe(false);
  });

  it("translate: exit 2, one line naming the chapter", async () => {
    const root = book(`# Deep\n\n${"*a* ".repeat(50_000)}\n`);
    writeFileSync(join(root, "xx.po"), 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n');
    const result = await runInProcess(["translate", root, "--po", join(root, "xx.po"), "-l", "eo", "-o", join(root, "book", "xx")]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^pobook: src\/deep\.md:3: paragraph with more than 5000 emphasis and link delimiters/);
    expect(existsSync(join(root, "book", "xx"))).toBe(false);
  });
});

describe("the preview", () => {
  it("a chapter past a limit: the page names the file and line, not a 500", async () => {
    const book = join(mkdtempSync(join(tmpdir(), "pobook-preview-")), "book");
    cpSync(resolve(import.meta.dirname, "../fixtures/preview-book"), book, { recursive: true });
    writeFileSync(join(book, "src/intro.md"), `# Intro\n\n${"- ".repeat(10_000)}deep\n`);
    const server = await startPreview({ root: book, language: "fr", port: 0 });
    try {
      const response = await fetch(new URL("/intro.html", server.url));
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/<div id="pobook-error"[^>]*>[^<]*src\/intro\.md:3: block quotes and lists nested 101\+ levels deep/);
    } finally {
      await server.close();
    }
  });
});

describe("check", () => {
  it("a msgstr past a limit is a block-structure finding, quickly, not a crash", () => {
    const { result, seconds } = cpuSeconds(() => compareMarkup("Deep text", `${"> ".repeat(10_000)}deep`));
    expect(result).toEqual([{ rule: "block-structure", message: expect.stringContaining("block quotes and lists nested 101+ levels deep") }]);
    expect(compareMarkup("*a*", "*a* ".repeat(50_000))[0]!.message).toContain("emphasis and link delimiters");
    expect(seconds).toBeLessThan(2);
  });
});

describe("the mdBook preprocessor", () => {
  it("a chapter past a limit: exit 2 and one line naming the chapter", async () => {
    const fixtures = resolve(import.meta.dirname, "../fixtures/mdbook");
    const [context, book] = JSON.parse(readFileSync(join(fixtures, "gettext-de.json"), "utf8").replaceAll("/home/user/protocol-book", join(fixtures, "book")));
    const first = book.sections.find((item: { Chapter?: { content: string } }) => item.Chapter?.content);
    first.Chapter.content = `# Deep\n\n${"> ".repeat(10_000)}x\n`;
    const result = await runInProcess(["mdbook", "gettext"], { input: JSON.stringify([context, book]) });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).toBe(`pobook: src/${first.Chapter.path}:3: block quotes and lists nested ${MAX_NESTING + 1}+ levels deep (pobook's limit is ${MAX_NESTING})`);
  });
});
