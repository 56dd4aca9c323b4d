/**
 * mdBook's `links` preprocessor, which runs before extraction upstream:
 * `{{#include file}}`, `{{#include file:N}}`, `{{#include file:N:M}}`,
 * `{{#include file:anchor}}`, `{{#rustdoc_include ...}}`, `{{#playground ...}}`,
 * `{{#title ...}}`; `\{{#include ...}}` stays literal (without the backslash).
 */
import { dirname, isAbsolute, join, normalize, relative } from "node:path";
import { PobookError } from "../errors.js";

/** Reads a file of the book by its path relative to the book root. */
export type ReadBookFile = (path: string) => string;

export interface ExpandOptions {
  /** Path of the document relative to the book root (for relative includes and errors). */
  path: string;
  read: ReadBookFile;
}

const LINK = /\\\{\{#.*?\}\}|\{\{\s*#([a-zA-Z0-9_]+)\s+([^}]+)\}\}/g;
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

const ANCHOR_LINE = /ANCHOR(?:_END)?:\s*[\w_-]+/;

function anchorLines(text: string, name: string): string[] | undefined {
  const start = new RegExp(`ANCHOR:\\s*${name}\\b`);
  const end = new RegExp(`ANCHOR_END:\\s*${name}\\b`);
  const lines = splitLines(text);
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (!inside) {
      if (start.test(line)) inside = true;
      continue;
    }
    if (end.test(line)) return out;
    if (!ANCHOR_LINE.test(line)) out.push(line);
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
    const start = new RegExp(`ANCHOR:\\s*${range.name}\\b`);
    const stop = new RegExp(`ANCHOR_END:\\s*${range.name}\\b`);
    const inside = new Set<number>();
    let open = false;
    all.forEach((line, index) => {
      if (start.test(line)) open = true;
      else if (stop.test(line)) open = false;
      else if (open) inside.add(index);
    });
    visible = (index) => inside.has(index);
  }
  return all
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => range.kind !== "anchor" || !ANCHOR_LINE.test(line))
    .map(({ line, index }) => (visible(index) ? line : line === "" ? "#" : `# ${line}`))
    .join("\n");
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) line++;
  return line;
}

/** Expands mdBook links in `content` (recursively, as mdBook does, up to 10 levels). */
export function expandLinks(content: string, options: ExpandOptions, depth = 0): string {
  return content.replace(LINK, (match: string, type: string | undefined, args: string | undefined, offset: number) => {
    if (match.startsWith("\\")) return match.slice(1);
    const line = lineAt(content, offset);
    const fail = (message: string): never => {
      throw new PobookError(message, { file: options.path, line });
    };
    if (type === "title") return "";
    if (type !== "include" && type !== "rustdoc_include" && type !== "playground" && type !== "playpen") return match;
    const [target = "", ...properties] = args!.trim().split(/\s+/);
    const [file = "", ...rangeParts] = target.split(":");
    const range = parseRange(rangeParts[0], rangeParts.slice(1));
    const includePath = normalize(join(dirname(options.path), file));
    if (isAbsolute(file) || includePath.startsWith("..") || relative(".", includePath).startsWith("..")) {
      fail(`{{#${type}}} of ${file} resolves outside the book`);
    }
    let text: string;
    try {
      text = options.read(includePath);
    } catch (error) {
      const reason = error instanceof Error && "code" in error ? String((error as NodeJS.ErrnoException).code) : String(error);
      return fail(`cannot read included file ${includePath} (${reason})`);
    }
    let expanded: string;
    if (type === "rustdoc_include") {
      expanded = rustdocLines(text, range);
    } else {
      // Like mdBook, an anchor that is not in the file includes nothing.
      expanded = selectLines(text, range) ?? "";
    }
    if (type === "playground" || type === "playpen") {
      const attributes = properties.length ? `,${properties.join(",")}` : "";
      expanded = `\`\`\`rust${attributes}\n${expanded}${expanded.endsWith("\n") ? "" : "\n"}\`\`\``;
    }
    if (depth + 1 >= MAX_DEPTH) return expanded;
    return expandLinks(expanded, { path: includePath, read: options.read }, depth + 1);
  });
}
