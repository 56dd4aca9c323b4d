/**
 * Keeping mdBook's directives as the source had them. mdBook's links
 * preprocessor reads chapters (and the files they include) as plain text
 * before Markdown: `{{#include x}}` is expanded anywhere, even in a code
 * span, and `\{{#include x}}` is shown as `{{#include x}}`. Extraction sees
 * the text after that step, so a msgid shows an escaped directive without
 * its backslash, and a translator copying it would write a live directive.
 * A msgstr is therefore written with a directive live only where the
 * source's text of the message had that directive live; every other one is
 * escaped, or refused when no backslash can escape it.
 */
import { LINK_TYPES, scanLinks } from "../book/links.js";

/** The directives mdBook would act on in `text`, by their text. */
function liveDirectives(text: string): string[] {
  return scanLinks(text)
    .filter((link) => link.type !== undefined && LINK_TYPES.has(link.type))
    .map((link) => link.text);
}

/**
 * `msgstr` with each directive the source text did not have live escaped
 * (`\{{#...}}`, which mdBook shows as the msgstr wrote it), or why it cannot
 * be written so.
 */
export function escapeNewDirectives(sourceText: string, msgstr: string): string | { text: string } {
  if (!msgstr.includes("{{")) return { text: msgstr };
  const allowed = liveDirectives(sourceText);
  // How many of the msgstr's directives the source has live: those must stay live.
  const left = [...allowed];
  const kept = liveDirectives(msgstr).filter((directive) => {
    const index = left.indexOf(directive);
    if (index !== -1) left.splice(index, 1);
    return index !== -1;
  }).length;
  let text = msgstr;
  // One backslash at a time: mdBook's escape reaches to the last `}}` of its line, so it may cover the next directives too.
  for (;;) {
    const unused = [...allowed];
    const added = scanLinks(text).find((link) => {
      if (link.type === undefined || !LINK_TYPES.has(link.type)) return false;
      const index = unused.indexOf(link.text);
      if (index === -1) return true;
      unused.splice(index, 1);
      return false;
    });
    if (!added) break;
    // mdBook's escape is a backslash right before `{{#` with `}}` on its line: `{{ #include x}}` or a directive over lines has none.
    if (!added.text.startsWith("{{#") || added.text.includes("\n")) {
      return `the translation adds the mdBook directive \`${added.text.replace(/\s+/g, " ")}\`, which mdBook would expand (write it as \`\\{{#...}}\` on one line)`;
    }
    text = `${text.slice(0, added.index)}\\${text.slice(added.index)}`;
  }
  if (liveDirectives(text).length !== kept) {
    return "an escaped `{{#...}}` of the translation would hide a directive the source has on the same line (move it to its own line)";
  }
  return { text };
}
