/**
 * What kind of book text a message is, for fuzzy matching: a translation
 * made for one kind is no draft for another (a chapter title does not
 * inherit a code comment's translation because their words overlap).
 *
 * The template tells the kinds apart by the message itself and its `#:`
 * references (a POT carries nothing else, and the old catalog has only that):
 * - `title`: referenced from SUMMARY.md (a chapter title, and the heading
 *   that opens the chapter, which has the same msgid);
 * - `code-comment`: a comment from a code block (`// ...`, `/* ...`, `# ...`:
 *   mdbook-xgettext escapes a `#` that starts a Markdown paragraph, and never
 *   writes `//` at the start of a paragraph message without code);
 * - `code-string`: a string literal from a code block (`"..."`, `r"..."`,
 *   `b"..."`, `'...'`): starts and ends with the same quote;
 * - `code-block`: a whole fenced block (``` ```lang ... ``` ```) of a
 *   language mdbook-xgettext cannot tokenize;
 * - `book-setting`: book.toml's title and description (referenced as
 *   `book.toml`, src/publish/book-messages.ts): a heading is no draft of them;
 * - `text`: everything else (paragraphs, list items, headings inside a
 *   chapter, table cells).
 */
export type MessageKind = "title" | "code-comment" | "code-string" | "code-block" | "book-setting" | "text";

export const MESSAGE_KINDS: readonly MessageKind[] = ["title", "code-comment", "code-string", "code-block", "book-setting", "text"];

const COMMENT_START = /^[ \t]*(\/\/|\/\*|#(?:[ \t!\n]|$)|--[ \t]|;;?[ \t])/;
const STRING_LITERAL = /^(?:[rbcf]|rb|br)?(?:"[^]*"|'[^]*')$/s;
const FENCE_START = /^[ \t]*(```|~~~)/;

function isSummary(reference: string): boolean {
  const path = reference.replace(/:\d+$/, "");
  return path === "SUMMARY.md" || path.endsWith("/SUMMARY.md");
}

export function messageKind(entry: { msgid: string; references: readonly string[] }): MessageKind {
  const { msgid } = entry;
  if (entry.references.some((reference) => reference.replace(/:\d+$/, "") === "book.toml")) return "book-setting";
  if (FENCE_START.test(msgid)) return "code-block";
  if (COMMENT_START.test(msgid)) return "code-comment";
  if (STRING_LITERAL.test(msgid)) {
    const quote = msgid.replace(/^[rbcf]+/, "")[0]!;
    if (msgid.length >= 2 && msgid.endsWith(quote)) return "code-string";
  }
  if (entry.references.some(isSummary)) return "title";
  return "text";
}

/**
 * Kinds whose translations may stand in for each other. Titles and text are
 * one family: the POT cannot tell a chapter's headings from its paragraphs,
 * and an obsolete title has lost the SUMMARY.md reference that made it one,
 * so splitting them would refuse a renamed chapter its old title.
 */
export function messageFamily(entry: { msgid: string; references: readonly string[] }): string {
  const kind = messageKind(entry);
  return kind === "title" ? "text" : kind;
}
