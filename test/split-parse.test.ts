// Big documents are parsed in pieces (src/markdown/split-parse.ts); the pieces
// must add up to exactly the tree and the messages of one whole parse.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseMarkdown, parseMarkdownWhole, SPLIT_ABOVE } from "../src/markdown/parse.js";
import { parseInPieces, pieceStarts } from "../src/markdown/split-parse.js";
import { segmentTree } from "../src/markdown/segment.js";
import { BN_BOOK, hasCorpus, NO_CORPUS } from "./helpers/corpus.js";

function repeatUntil(size: number, unit: (index: number) => string): string {
  const parts: string[] = [];
  for (let index = 0, length = 0; length < size; index++) {
    parts.push(unit(index));
    length += parts[index]!.length;
  }
  return parts.join("");
}

function corpusChapters(): string {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith(".md")) files.push(path);
    }
  };
  walk(join(BN_BOOK, "src"));
  return files.map((file) => readFileSync(file, "utf8")).join("\n");
}

const messagesOf = (tree: ReturnType<typeof parseMarkdown>, text: string, frontMatter: boolean) =>
  segmentTree(tree, text, { frontMatter }).map(({ msgid, line, start, end, comment, context }) => ({ msgid, line, start, end, comment, context }));

/** Split and whole parses of `text` (small pieces, so that even small inputs are cut many times). */
function expectSameAsWhole(text: string, frontMatter = false, pieceSize = 2_000): number {
  const whole = parseMarkdownWhole(text, { frontMatter });
  const pieces = pieceStarts(text, pieceSize).length;
  const split = parseInPieces(text, pieceSize, (piece) => parseMarkdownWhole(piece, { frontMatter }));
  expect(messagesOf(split, text, frontMatter)).toEqual(messagesOf(whole, text, frontMatter));
  expect(split).toEqual(whole);
  return pieces;
}

describe("parsing in pieces", () => {
  it("many lists, a CHANGELOG, headings and paragraphs: the same tree and messages, cut many times", () => {
    const lists = repeatUntil(60_000, (i) => `- item ${i} one\n- item ${i} two\n\ntext ${i}\n\n`);
    const changelog = repeatUntil(60_000, (v) => `## [0.${v}.0] - 2024\n\n### Added\n\n- Support *feature ${v}* ([#${v}](https://x/${v}))\n\n- Crash when **input** is empty\n  (thanks @user${v})\n\n`);
    expect(expectSameAsWhole(lists)).toBeGreaterThan(20);
    expect(expectSameAsWhole(changelog)).toBeGreaterThan(20);
  });

  it("references to definitions in other pieces, in either direction, and footnotes", () => {
    const body = repeatUntil(20_000, (i) => `See [the docs][Docs ${i % 7}] and [Other] and [ docs\n  3 ][] and[^note${i % 3}].\n\n`);
    const text = `[other]: /other\n\n${body}[docs 0]: /d0\n\n[DOCS  1]: /d1 "One"\n\n[docs 3]: /d3\n\n[^note0]: The note.\n\n    indented\n\n[^note1]: Another.\n\n${body}`;
    expect(expectSameAsWhole(text)).toBeGreaterThan(10);
  });

  it("labels with escaped brackets, backslashes and line breaks, defined in another piece", () => {
    const body = repeatUntil(6_000, (i) => `Use [A\\]B] and [c\\\\d] and [e\\\nf][] and [^Note${i % 2}] here ${i}.\n\n`);
    const text = `${body}[a\\]b]: /ab\n\n[C\\\\D]: /cd\n\n[e\\ f]: /ef\n\n[^note0]: Zero.\n\n[^NOTE1]: One.\n\n${body}`;
    const whole = parseMarkdownWhole(text);
    expect(JSON.stringify(whole)).toContain('"type":"linkReference"');
    expect(JSON.stringify(whole)).toContain('"type":"footnoteReference"');
    expect(expectSameAsWhole(text)).toBeGreaterThan(5);
  });

  it("no cut inside fenced code, raw HTML blocks, front matter or CRLF text", () => {
    const filler = repeatUntil(3_000, (i) => `Paragraph ${i}.\n\n`);
    const fenced = `${filler}\`\`\`\`md\n\n# not a heading\n\n\`\`\`\nstill code\n\n~~~\n\nplain\n\n\`\`\`\`\n\n${filler}~~~\n\nx\n\n~~~\n\n${filler}`;
    const html = `${filler}<!--\n\n# comment\n\n-->\n\n${filler}<pre>\n\n*no*\n\n</pre>\n\n${filler}<div>\n\ntext\n\n</div>\n\n${filler}`;
    expectSameAsWhole(fenced);
    expectSameAsWhole(html);
    expectSameAsWhole(`---\ntitle: x\n\n# yaml comment\n\n${filler}---\n\n${filler}`, true);
    expectSameAsWhole(`${filler}${filler}`.replace(/\n/g, "\r\n"));
  });

  it("only documents above the threshold are cut", () => {
    const small = repeatUntil(SPLIT_ABOVE - 100, (i) => `Paragraph ${i}.\n\n`);
    expect(parseMarkdown(small)).toEqual(parseMarkdownWhole(small));
  });

  it.skipIf(!hasCorpus)(hasCorpus ? "every corpus chapter concatenated: the same tree and messages (default piece size and small pieces)" : NO_CORPUS, () => {
    const text = corpusChapters();
    expect(text.length).toBeGreaterThan(SPLIT_ABOVE);
    const whole = parseMarkdownWhole(text, { frontMatter: true });
    const messages = messagesOf(whole, text, true);
    for (const split of [parseMarkdown(text, { frontMatter: true }), parseInPieces(text, 5_000, (piece) => parseMarkdownWhole(piece, { frontMatter: true }))]) {
      expect(messagesOf(split, text, true)).toEqual(messages);
      expect(split).toEqual(whole);
    }
    expect(pieceStarts(text, 5_000).length).toBeGreaterThan(100);
  }, 120_000);
});
