/**
 * Literal backtick runs as the source wrote them. The msgid writer (like
 * pulldown-cmark-to-cmark) escapes only the first backtick of a literal run:
 * the text "``" is written "\``", whose second backtick can pair with a later
 * one and read the words between as a code span (the helix editor's book:
 * <code>(){}[]''""``</code>, ... `auto-pairs`). A translation that copies the
 * msgid's markup would render that span. Where the msgid reads as other code
 * spans than the source has, and escaping the rest of each run gives the
 * source's back, the translation's runs are written as the source wrote them.
 * Hand-written: no library rewrites backslash escapes of a Markdown string.
 */
import type { Nodes } from "mdast";
import { parseMarkdown } from "../markdown/parse.js";

/** `\`` followed by more backticks, the backslash itself not escaped. */
const PARTLY_ESCAPED_RUN = /(?<!\\)((?:\\\\)*)\\`(`+)/g;

/** `text` with each partly escaped backtick run escaped whole (`\``` → `\`\``). */
export function escapeWholeRuns(text: string): string {
  return text.replace(PARTLY_ESCAPED_RUN, (_match, backslashes: string, rest: string) => `${backslashes}\\\`${rest.replace(/`/g, "\\`")}`);
}

/** The code spans `text` reads as, their white space collapsed (the msgid joins lines). */
function codeSpans(text: string): string {
  const spans: string[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "inlineCode") spans.push(node.value.replace(/\s+/g, " "));
    if ("children" in node) for (const child of node.children) visit(child);
  };
  visit(parseMarkdown(text));
  return JSON.stringify(spans);
}

/** `text` with each partly escaped backtick run written bare, as the source wrote it (`\``` → ````). */
function bareRuns(text: string): string {
  return text.replace(PARTLY_ESCAPED_RUN, (_match, backslashes: string, rest: string) => `${backslashes}\`${rest}`);
}

/**
 * `msgstr` with its partly escaped backtick runs written as literal runs,
 * when the msgid's form of the source (`sourceText`) would otherwise read as
 * code spans the source does not have; `msgstr` itself otherwise. A run is
 * written bare, as the source had it (extracting it again gives the msgstr
 * back), unless a bare run would pair with another: then escaped whole.
 */
export function backticksForSource(sourceText: string, msgid: string, msgstr: string): string {
  if (!msgid.includes("\\``") || escapeWholeRuns(msgid) === msgid) return msgstr;
  const sourceSpans = codeSpans(sourceText);
  if (codeSpans(msgid) === sourceSpans || codeSpans(escapeWholeRuns(msgid)) !== sourceSpans) return msgstr;
  const intended = escapeWholeRuns(msgstr);
  const bare = bareRuns(msgstr);
  return codeSpans(bare) === codeSpans(intended) ? bare : intended;
}
