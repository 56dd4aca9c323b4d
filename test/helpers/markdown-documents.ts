/**
 * Generated Markdown chapters for the translate property: documents made of
 * the constructs whose msgids lose source markup (escapes, intraword
 * emphasis, heading braces, hard breaks, fences, includes), written with a
 * small vocabulary so that "translating" can change exactly the words.
 */
import fc from "fast-check";
import { extractBook } from "../../src/book/extract-book.js";
import { catalogOf, checkTranslationInvariant, memoryBook, type InvariantReport } from "./translation-invariant.js";

export const WORDS = ["alpha", "beta", "gamma", "delta", "omega", "kappa"] as const;
const WORD = new RegExp(`\\b(${WORDS.join("|")})\\b`, "g");

/** The "translation": every vocabulary word upper-cased, all markup kept. */
export function shout(msgid: string): string {
  return msgid.replace(WORD, (word) => word.toUpperCase());
}

const word = fc.constantFrom(...WORDS);
const inline = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 1, arbitrary: word.map((w) => `*${w}*`) },
  { weight: 1, arbitrary: word.map((w) => `_${w}_`) },
  { weight: 1, arbitrary: word.map((w) => `**${w}**`) },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `*${a}*${b}`) },
  { weight: 1, arbitrary: word.map((w) => `*_${w}_*`) },
  { weight: 1, arbitrary: word.map((w) => `\`${w}\``) },
  { weight: 1, arbitrary: word.map((w) => `[${w}](${w}.md)`) },
  { weight: 1, arbitrary: fc.constantFrom("\\*", "\\_", "\\#", "\\[x\\]", "`\\{{#include lib.rs}}`", "&amp;", "<b>x</b>") },
);
const line = fc.array(inline, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(" "));
const paragraphLines = fc.array(line, { minLength: 1, maxLength: 3 });

const block = fc.oneof(
  { weight: 4, arbitrary: paragraphLines.map((lines) => lines.join("\n")) },
  { weight: 1, arbitrary: fc.tuple(paragraphLines, fc.constantFrom("  \n", "\\\n")).map(([lines, brk]) => lines.join(brk)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("1\\. ", "\\+ ", "\\- ", "\\> ", "\\# "), line).map(([marker, text]) => marker + text) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), line).map(([level, text]) => `${"#".repeat(level)} ${text}`) },
  { weight: 1, arbitrary: fc.tuple(line, word).map(([text, w]) => `### ${text} \\{${w},${w}\\}`) },
  { weight: 1, arbitrary: fc.tuple(paragraphLines, fc.constantFrom("===", "---")).map(([lines, rule]) => `${lines.join("  \n")}\n${rule}`) },
  { weight: 2, arbitrary: fc.array(line, { minLength: 1, maxLength: 3 }).map((items) => items.map((item) => `- ${item}`).join("\n")) },
  { weight: 1, arbitrary: fc.array(line, { minLength: 1, maxLength: 3 }).map((items) => items.map((item, index) => `${index + 1}. ${item}`).join("\n")) },
  { weight: 1, arbitrary: paragraphLines.map((lines) => lines.map((text) => `> ${text}`).join("\n")) },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `\`\`\`rust\nfn main() {\n    // ${a} ${b}\n    println!("${b}");\n}\n\`\`\``) },
  { weight: 1, arbitrary: fc.tuple(word, fc.constantFrom("~~~text `x`", "```text")).map(([w, fence]) => `${fence}\nsay "${w}"\n${fence.slice(0, 3)}`) },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `| ${a} | ${b} |\n|---|---|\n| ${b} | ${a} |`) },
  { weight: 1, arbitrary: fc.constantFrom("```rust\n{{#include lib.rs:part}}\n```", "```rust\n{{#rustdoc_include lib.rs:part}}\n```", "```toml\n{{#include Cargo.toml}}\n```") },
);

export const chapters = fc.array(block, { minLength: 1, maxLength: 6 }).map((blocks) => `${blocks.join("\n\n")}\n`);

const LIB = 'use std::io;\n// ANCHOR: part\n// alpha beta\n// ANCHOR: inner\n// gamma\n// ANCHOR_END: inner\nfn f() { println!("delta"); }\n// ANCHOR_END: part\n';
const CARGO = '[package]\nname = "omega"\n';

/** Translates a one-chapter book holding `chapter` with every msgid shouted, and checks the invariant. */
export function shoutedBook(chapter: string): InvariantReport {
  const { config, read } = memoryBook({ "src/SUMMARY.md": "# Summary\n\n- [Alpha](ch.md)\n", "src/ch.md": chapter, "src/lib.rs": LIB, "src/Cargo.toml": CARGO });
  const msgids = extractBook(config, read).flatMap((file) => file.entries.map((entry) => entry.msgid));
  const catalog = catalogOf(msgids.map((msgid) => [msgid, shout(msgid)] as const));
  return checkTranslationInvariant(config, read, catalog);
}
