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
 *   follows the delimiter on the first line, `> file`, is not).
 */
import type { HLJSApi, Language, Mode } from "highlight.js";
import bash from "highlight.js/lib/languages/bash";

/** An assignment value: unquoted word characters, escapes and quoted parts, up to a blank or an operator. */
const VALUE = String.raw`(?:\$\([^()]*\)|\$\{[^}]*\}|[^\s;&|()<>"'\\]|\\.|"(?:[^"\\]|\\.)*"|'[^']*')+`;
const NAME = String.raw`[A-Za-z_][A-Za-z0-9_]*`;
/** Where an assignment can stand: at a command's start, after `export`-like builtins, or after other assignments. */
const COMMAND_START = String.raw`(?<=(?:^[ \t]*|[;&|(][ \t]*|\b(?:export|local|declare|readonly|typeset)[ \t]+)(?:${NAME}=(?:${VALUE})?[ \t]+)*)`;

export function syntectBash(hljs: HLJSApi): Language {
  const language = bash(hljs);
  const contains = (language.contains ?? []).filter((mode) => (mode as Mode).scope !== "meta" && (mode as Mode).className !== "meta");
  const assignment: Mode = {
    // `+=` appends; syntect takes it with no name too (a table rule `+====+` gives the string `===+`).
    match: [new RegExp(`${COMMAND_START}(?:${NAME})?`), /\+?=/, new RegExp(VALUE)],
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
        end: /^[ \t]*\w+$/,
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
  return {
    ...language,
    contains: [hereDocument, assignment, ...contains.filter((mode) => !isHereDocument(mode as Mode)).map((mode) => (isComment(mode as Mode) ? comment : mode))],
  };
}

function isComment(mode: Mode): boolean {
  const scope = (mode as { scope?: unknown }).scope;
  return typeof scope === "object" && scope !== null && (scope as Record<number, string>)[2] === "comment";
}

function isHereDocument(mode: Mode): boolean {
  return String(mode.begin) === String(/<<-?\s*(?=\w+)/);
}
