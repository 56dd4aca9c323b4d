/**
 * highlight.js's Bash grammar adjusted to scope what syntect's "Bourne Again
 * Shell (bash)" grammar scopes as strings and comments:
 * - the value of an assignment at the start of a command (`A=1 cmd`,
 *   `export PATH=...`, `A+=1`) is `string.unquoted.shell`, quotes and `$VAR`
 *   inside included (highlight.js gives it no scope);
 * - a shebang is an ordinary `#` comment (highlight.js calls it `meta`);
 * - `#` after an escaped space (`\ #`) does not start a comment;
 * - a here-document is a string from `<<` to its delimiter word and again
 *   from the newline ending its first line to the closing delimiter (what
 *   follows the delimiter on the first line, `> file`, is not), and on to
 *   the last of the empty lines that follow the delimiter;
 * - an assignment's name is any run without blanks, `=`, brackets or parens
 *   (`--flag=val` at a command's start is one), and its value runs to a blank
 *   or `;` (`a|b`, `x&&y` included);
 * - `$'...'` (with `\'` escapes) and `$"..."` are strings `$` included;
 * - quoted strings inside `${...}` and single-quoted ones inside `$(...)` are
 *   strings.
 */
import type { HLJSApi, Language, Mode } from "highlight.js";
import bash from "highlight.js/lib/languages/bash";

/** An assignment value: expansions, escapes, quoted parts and anything else up to a blank or `;` (not starting with `&` or `(`). */
const VALUE = String.raw`(?![&(])(?:\$\((?:[^()]|\([^()]*\))*\)|\$\{[^}]*\}|\\.|"(?:[^"\\]|\\.)*"|'[^']*'|[^\s;"'\\])+`;
/** syntect's `is_variable` name: no blanks, `=`, braces or parens, except one `[...]`/`(...)` part (`a[1]=x`). */
const NAME = String.raw`[^{}()=\s]*(?:[({][^{}()=\s]*[)}])?[^{}()=\s]*`;
/**
 * Where an assignment can stand: at a command's start (a line's start, not after a `\` continuation, or
 * after `;&|(`), there after an `export`-like builtin, or after other assignments.
 */
const COMMAND_START = String.raw`(?<=(?:(?<!\\\n[ \t]*)^|[;&|(])[ \t]*(?:(?:export|local|declare|readonly|typeset)[ \t]+)?(?:${NAME}[+\-?]?=(?:${VALUE})?[ \t]+)*)`;

export function syntectBash(hljs: HLJSApi): Language {
  const language = bash(hljs);
  const contains = (language.contains ?? []).filter((mode) => (mode as Mode).scope !== "meta" && (mode as Mode).className !== "meta");
  const assignment: Mode = {
    // `+=` appends; syntect takes it with no name too (a table rule `+====+` gives the string `===+`).
    match: [new RegExp(`${COMMAND_START}${NAME}`), /[+\-?]?=/, new RegExp(VALUE)],
    scope: { 3: "string" },
  };
  let delimiter = "";
  const hereDocument: Mode = {
    scope: "string",
    match: /<<-?[ \t]*(["']?)(\w+)\1/,
    "on:begin": (match) => {
      delimiter = match[2]!;
    },
    starts: {
      end: /$/,
      starts: {
        scope: "string",
        begin: /\n/,
        // Followed by empty lines, the delimiter line's newline and theirs stay in syntect's string.
        end: /^[ \t]*\w+(?:\n\n+|$)/,
        "on:end": (match: RegExpMatchArray, response: { ignoreMatch(): void }) => {
          if (match[0].trim() !== delimiter) response.ignoreMatch();
        },
      },
    },
  };
  const comment: Mode = {
    match: [/(?:^|(?<!\\)\s)/, /#.*$/],
    scope: { 2: "comment" },
  };
  const escape: Mode = { match: /\\./ };
  const quoted: Mode[] = [
    { scope: "string", begin: /"/, end: /"/, contains: [escape] },
    { scope: "string", begin: /'/, end: /'/ },
  ];
  const ansiC: Mode = { scope: "string", begin: /\$'/, end: /'/, contains: [escape] };
  // `$` right before `"`: a string piece that joins the quoted string after it.
  const locale: Mode = { scope: "string", match: /\$(?=")/ };
  const bracedVariable: Mode = { begin: /\$\{/, end: /\}/, contains: [...quoted, "self"] };
  const substitution: Mode = { begin: /\$\(/, end: /\)/, contains: [escape, ...quoted, "self"] };
  return {
    ...language,
    contains: [hereDocument, assignment, ansiC, locale, bracedVariable, substitution, ...contains.filter((mode) => !isHereDocument(mode as Mode)).map((mode) => (isComment(mode as Mode) ? comment : mode))],
  };
}

function isComment(mode: Mode): boolean {
  const scope = (mode as { scope?: unknown }).scope;
  return typeof scope === "object" && scope !== null && (scope as Record<number, string>)[2] === "comment";
}

function isHereDocument(mode: Mode): boolean {
  return String(mode.begin) === String(/<<-?\s*(?=\w+)/);
}
