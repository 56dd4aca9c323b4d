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
  let text = "";
  let position = 0;
  for (const link of scanLinks(msgstr)) {
    if (link.type === undefined || !LINK_TYPES.has(link.type)) continue;
    const index = allowed.indexOf(link.text);
    if (index !== -1) {
      allowed.splice(index, 1);
      continue;
    }
    // mdBook's escape is a backslash right before `{{#` on one line: `{{ #include x}}` or a directive over lines has none.
    if (!link.text.startsWith("{{#") || link.text.includes("\n")) {
      return `the translation adds the mdBook directive \`${link.text.replace(/\s+/g, " ")}\`, which mdBook would expand (write it as \`\\{{#...}}\` on one line)`;
    }
    text += msgstr.slice(position, link.index) + "\\";
    position = link.index;
  }
  return { text: text + msgstr.slice(position) };
}
