/**
 * mdBook's `links` preprocessor, which runs before extraction upstream:
 * `{{#include file}}`, `{{#include file:N}}`, `{{#include file:N:M}}`,
 * `{{#include file:anchor}}`, `{{#rustdoc_include ...}}`, `{{#playground ...}}`,
 * `{{#title ...}}`; `\{{#include ...}}` stays literal (without the backslash).
 */
import { PobookError } from "../errors.js";
import { parseIncludeArguments, ReadRefusal, resolveIncludePath } from "./include-path.js";

/** Reads a file of the book by its path relative to the book root. */
export type ReadBookFile = (path: string) => string;

export interface ExpandOptions {
  /** Path of the document relative to the book root (for relative includes and errors). */
  path: string;
  read: ReadBookFile;
  /**
   * Where problems go (an unreadable or refused include, a cycle), each a
   * one-line error at the directive, which stays in the text as mdBook
   * leaves it. Without it, the first problem is thrown.
   */
  problems?: PobookError[];
}

// As mdBook's: an escape reaches to the last `}}` of its line (greedy), and only its own
// backslash is dropped, so `\{{#a}} {{#b}}` shows both and `\{{#a}} \{{#b}}` keeps the second `\`.
const LINK = /\\\{\{#[^\n]*\}\}|\{\{\s*#([a-zA-Z0-9_]+)\s+([^}]+)\}\}/g;
/** The directives `expandLinks` acts on (the rest of `{{#...}}` stays as written). */
export const LINK_TYPES: ReadonlySet<string> = new Set(["include", "rustdoc_include", "playground", "playpen", "title"]);

/** `text` as mdBook shows its escaped links (`\{{#...}}` without the backslash), other links as written. */
export function dropLinkEscapes(text: string): string {
  return text.replace(LINK, (match: string) => (match.startsWith("\\") ? match.slice(1) : match));
}

/** Each `{{#...}}` mdBook reads in `text`: escaped (`\{{#...}}`, shown without the backslash) or a directive with its type. */
export function scanLinks(text: string): Array<{ index: number; text: string; type?: string; args?: string }> {
  return [...text.matchAll(LINK)].map((match) => (match[0].startsWith("\\") ? { index: match.index, text: match[0] } : { index: match.index, text: match[0], type: match[1], args: match[2] }));
}

const MAX_DEPTH = 10;

type Range = { kind: "all" } | { kind: "lines"; start: number; end?: number } | { kind: "anchor"; name: string };

function parseRange(spec: string | undefined, rest: string[]): Range {
  if (spec === undefined) return { kind: "all" };
  const parts = [spec, ...rest];
  const first = parts[0]!;
  if (first !== "" && !/^\d+$/.test(first)) return { kind: "anchor", name: first };
  const start = first === "" ? 1 : Math.max(1, Number(first));
  if (parts.length === 1) return { kind: "lines", start, end: start };
  const second = parts[1]!;
  if (second === "") return { kind: "lines", start };
  return { kind: "lines", start, end: Number(second) };
}

/**
 * mdBook's anchor markers (`ANCHOR: name`, `ANCHOR_END: name`, `\w` as Rust's
 * Unicode class): the name is compared as a token, never made into a
 * regular expression.
 */
const ANCHOR_START = /ANCHOR:\s*([\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}_-]+)/u;
const ANCHOR_END = /ANCHOR_END:\s*([\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}_-]+)/u;

/** The name a line's `ANCHOR:` marker opens (undefined: none). */
export const startName = (line: string): string | undefined => ANCHOR_START.exec(line)?.[1];
/** The name a line's `ANCHOR_END:` marker closes (undefined: none). */
export const endName = (line: string): string | undefined => ANCHOR_END.exec(line)?.[1];
/** A line mdBook drops from an anchored include (any anchor's start or end marker). */
export const isAnchorLine = (line: string): boolean => ANCHOR_START.test(line) || ANCHOR_END.test(line);

function anchorLines(text: string, name: string): string[] | undefined {
  const lines = splitLines(text);
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (!inside) {
      if (startName(line) === name) inside = true;
      continue;
    }
    const end = endName(line);
    if (end === name) return out;
    if (end === undefined && !ANCHOR_START.test(line)) out.push(line);
  }
  return inside ? out : undefined;
}

/** Rust's `str::lines()`: no empty last line after a final newline, `\r\n` accepted. */
function splitLines(text: string): string[] {
  const lines = text.split("\n").map((line) => line.replace(/\r$/, ""));
  if (text.endsWith("\n")) lines.pop();
  return lines;
}

/** The included lines, joined without a final newline as mdBook does (even for a whole file). */
function selectLines(text: string, range: Range): string | undefined {
  if (range.kind === "anchor") return anchorLines(text, range.name)?.join("\n");
  const all = splitLines(text);
  if (range.kind === "all") return all.join("\n");
  return all.slice(range.start - 1, range.end ?? all.length).join("\n");
}

/** rustdoc_include: the whole file, lines outside the selection hidden with `# `. */
function rustdocLines(text: string, range: Range): string {
  const all = splitLines(text);
  if (range.kind === "all") return all.join("\n");
  let visible: (index: number) => boolean;
  if (range.kind === "lines") {
    const end = range.end ?? all.length;
    visible = (index) => index >= range.start - 1 && index < end;
  } else {
    const inside = new Set<number>();
    let open = false;
    all.forEach((line, index) => {
      if (startName(line) === range.name) open = true;
      else if (endName(line) === range.name) open = false;
      else if (open) inside.add(index);
    });
    visible = (index) => inside.has(index);
  }
  return all
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => range.kind !== "anchor" || !isAnchorLine(line))
    .map(({ line, index }) => (visible(index) ? line : line === "" ? "#" : `# ${line}`))
    .join("\n");
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) line++;
  return line;
}

function readFailure(path: string, error: unknown): string {
  if (error instanceof ReadRefusal) return `cannot read included file ${path}: ${error.message}`;
  const reason = error instanceof Error && "code" in error ? String((error as NodeJS.ErrnoException).code) : String(error);
  return `cannot read included file ${path} (${reason})`;
}

/**
 * Expands mdBook links in `content` (recursively, as mdBook does, up to 10
 * levels). A file that includes itself, directly or through others, is a
 * cycle: reported with the chain, not expanded (mdBook would copy it until
 * the depth limit, 4^10 times for four self-includes).
 */
export function expandLinks(content: string, options: ExpandOptions): string {
  const problems = options.problems;
  const report = (error: PobookError): void => {
    if (!problems) throw error;
    if (!problems.some((known) => known.format() === error.format())) problems.push(error);
  };
  /** Each file being expanded, with what of it was selected (`path:range`): the same selection again would repeat forever. */
  type Link = { path: string; selection: string };
  const expand = (text: string, chain: readonly Link[], depth: number): string => {
    const path = chain[chain.length - 1]!.path;
    return text.replace(LINK, (match: string, type: string | undefined, args: string | undefined, offset: number) => {
      if (match.startsWith("\\")) return match.slice(1);
      if (type === "title") return "";
      if (type !== "include" && type !== "rustdoc_include" && type !== "playground" && type !== "playpen") return match;
      const fail = (message: string): string => {
        report(new PobookError(message, { file: path, line: lineAt(text, offset) }));
        return match;
      };
      const { file, rangeParts, properties } = parseIncludeArguments(args!);
      const range = parseRange(rangeParts[0], rangeParts.slice(1));
      const resolved = resolveIncludePath(path, file);
      if (resolved.path === undefined) return fail(`{{#${type}}} ${resolved.reason}`);
      const includePath = resolved.path;
      // A part of a file may include another part of it (mdBook allows it, the depth limit ends it);
      // the same part again is a cycle.
      const selection = `${includePath}:${type === "rustdoc_include" ? "rustdoc:" : ""}${rangeParts.join(":")}`;
      const repeated = chain.findIndex((link) => link.selection === selection);
      if (repeated !== -1) {
        const cycle = [...chain.slice(repeated).map((link) => link.path), includePath];
        return fail(`{{#${type}}} cycle: ${cycle.join(" -> ")}`);
      }
      let included: string;
      try {
        included = options.read(includePath);
      } catch (error) {
        if (error instanceof PobookError) throw error;
        return fail(readFailure(includePath, error));
      }
      let expanded: string;
      if (type === "rustdoc_include") {
        expanded = rustdocLines(included, range);
      } else {
        // Like mdBook, an anchor that is not in the file includes nothing.
        expanded = selectLines(included, range) ?? "";
      }
      if (type === "playground" || type === "playpen") {
        const attributes = properties.length ? `,${properties.join(",")}` : "";
        expanded = `\`\`\`rust${attributes}\n${expanded}${expanded.endsWith("\n") ? "" : "\n"}\`\`\``;
      }
      if (depth + 1 >= MAX_DEPTH) return expanded;
      return expand(expanded, [...chain, { path: includePath, selection }], depth + 1);
    });
  };
  return expand(content, [{ path: options.path, selection: `${options.path}:` }], 0);
}

/** An include-like directive mdBook expands (`include`, `rustdoc_include`, `playground`, `playpen`), with where its file name is. */
export interface IncludeDirective {
  type: string;
  file: string;
  /** Offsets of the file name in the text (before its `:range`). */
  fileStart: number;
  fileEnd: number;
}

/** The include-like directives of `text`, found as `expandLinks` finds them (escaped ones skipped). */
export function includeDirectives(text: string): IncludeDirective[] {
  const found: IncludeDirective[] = [];
  for (const match of text.matchAll(LINK)) {
    const [whole, type, args] = match;
    if (type === undefined || args === undefined) continue;
    if (type !== "include" && type !== "rustdoc_include" && type !== "playground" && type !== "playpen") continue;
    const { file } = parseIncludeArguments(args);
    // The arguments end just before the closing `}}`; the file name opens them after any whitespace.
    const argsStart = match.index + whole.length - 2 - args.length;
    const fileStart = argsStart + (args.length - args.trimStart().length);
    found.push({ type, file, fileStart, fileEnd: fileStart + file.length });
  }
  return found;
}
