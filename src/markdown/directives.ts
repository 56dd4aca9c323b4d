/**
 * Extractor directives in HTML comments, as mdbook-xgettext reads them:
 * `<!-- i18n:skip -->`, `<!-- i18n:skip-start -->`, `<!-- i18n:skip-end -->`,
 * `<!-- i18n:comment: Text for translators -->`, and the older
 * `mdbook-xgettext:` prefix for each. pobook adds
 * `<!-- i18n:context: X -->` (the next message gets msgctxt X), read with
 * the same spelling variants as `comment`; mdbook-xgettext ignores it.
 */
export type Directive =
  | { kind: "skip" }
  | { kind: "skip-start" }
  | { kind: "skip-end" }
  | { kind: "comment"; text: string }
  | { kind: "context"; text: string };

const DIRECTIVE = /<!-{2,}\s*(?:i18n|mdbook-xgettext)\s*:(.*[^-])-{2,}>/su;

function isDelimiter(char: string): boolean {
  return /\s/u.test(char) || char === ":" || char === "-";
}

/** Reads the directive in one line of HTML, if it holds one. */
export function findDirective(html: string): Directive | undefined {
  const match = DIRECTIVE.exec(html.trim());
  if (!match) return undefined;
  const command = match[1]!.trim();
  const tokens = command.split(/[\s:-]+/u).filter((token) => token !== "");
  const [first, second] = tokens;
  if (first === "skip" && tokens.length === 1) return { kind: "skip" };
  if (first === "skip" && second === "start") return { kind: "skip-start" };
  if (first === "skip" && second === "end") return { kind: "skip-end" };
  if (first === "comment" || first === "context") {
    let rest = command.slice(command.indexOf(first) + first.length);
    const next = rest[0];
    if (next !== undefined && isDelimiter(next)) rest = rest.slice(1);
    return { kind: first, text: rest.trim() };
  }
  return undefined;
}
