/**
 * Minimal edits of book.toml text: set a key of a table, append to an
 * array, drop a table. Every other byte (comments, order, spacing, the
 * way values are written) stays as the author wrote it.
 *
 * Hand-written because smol-toml (like every TOML library for Node we
 * know) parses to plain data and stringifies from it, losing comments and
 * layout. The edits work on lines; `checkedEdit` then parses the result
 * with smol-toml and compares it with the data the edit should give, so an
 * edit the line scanner got wrong (a header-like line inside a multi-line
 * string) is refused instead of written.
 */
import { isDeepStrictEqual } from "node:util";
import { parse as parseToml } from "smol-toml";
import { PobookError } from "../errors.js";

type Table = Record<string, unknown>;

const KEY_PART = String.raw`(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')`;
const KEY_PATH = new RegExp(String.raw`^\s*(${KEY_PART}(?:\s*\.\s*${KEY_PART})*)\s*=\s*`);
const HEADER = new RegExp(String.raw`^\s*(\[\[?)\s*(${KEY_PART}(?:\s*\.\s*${KEY_PART})*)\s*\]\]?\s*(#.*)?\r?$`);

function splitKey(path: string): string[] {
  const parts: string[] = [];
  const part = new RegExp(KEY_PART, "g");
  for (const match of path.matchAll(part)) {
    const text = match[0];
    parts.push(text.startsWith('"') ? (JSON.parse(text) as string) : text.startsWith("'") ? text.slice(1, -1) : text);
  }
  return parts;
}

/** One line of book.toml as the scanner sees it. */
interface Line {
  text: string;
  /** The table it belongs to (dotted path parts), `[]` before any header. */
  table: string[];
  /** Set on `[table]` / `[[table]]` lines. */
  header?: string[];
  /** Set on the first line of `key = value`: the key's path inside its table. */
  key?: string[];
  /** Index of the value's last line (a multi-line string or array ends later). */
  end?: number;
  /** Inside a multi-line value (not a header, whatever it looks like). */
  continuation?: boolean;
}

/** The line index where a value starting at `start` (text after `=`) ends. */
function valueEnd(lines: readonly string[], index: number, start: string): number {
  for (const quote of ['"""', "'''"]) {
    if (start.startsWith(quote)) {
      if (start.indexOf(quote, 3) !== -1) return index;
      for (let next = index + 1; next < lines.length; next++) if (lines[next]!.includes(quote)) return next;
      return lines.length - 1;
    }
  }
  if (start.startsWith("[") || start.startsWith("{")) {
    // Brackets outside strings and comments; arrays may span lines, inline tables may not (TOML 1.0).
    let depth = 0;
    for (let line = index; line < lines.length; line++) {
      const text = line === index ? start : lines[line]!;
      let quote: string | undefined;
      for (let i = 0; i < text.length; i++) {
        const c = text[i]!;
        if (quote) {
          if (c === "\\" && quote === '"') i++;
          else if (c === quote) quote = undefined;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === "#") break;
        else if (c === "[" || c === "{") depth++;
        else if (c === "]" || c === "}") {
          depth--;
          if (depth === 0) return line;
        }
      }
    }
    return lines.length - 1;
  }
  return index;
}

function scan(text: string): { lines: Line[]; eol: string } {
  const raw = text.split("\n");
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines: Line[] = [];
  let table: string[] = [];
  for (let index = 0; index < raw.length; index++) {
    const textLine = raw[index]!;
    const header = HEADER.exec(textLine);
    if (header) {
      table = splitKey(header[2]!);
      lines.push({ text: textLine, table, header: table });
      continue;
    }
    const key = KEY_PATH.exec(textLine);
    if (key) {
      const end = valueEnd(raw, index, textLine.slice(key[0].length));
      lines.push({ text: textLine, table, key: splitKey(key[1]!), end });
      for (let next = index + 1; next <= end; next++) lines.push({ text: raw[next]!, table, continuation: true });
      index = end;
      continue;
    }
    lines.push({ text: textLine, table });
  }
  return { lines, eol };
}

const startsWith = (path: readonly string[], prefix: readonly string[]): boolean => prefix.every((part, i) => path[i] === part);
const isComment = (text: string): boolean => /^\s*#/.test(text);
const isBlank = (text: string): boolean => text.trim() === "";

/** A TOML basic string for `value`. */
export function tomlString(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * book.toml text without the tables (and dotted keys) under any of
 * `prefixes` (`["preprocessor", "gettext"]`). A table's own comment lines
 * right above its header go with it; comments above the next table stay.
 */
export function dropTables(text: string, prefixes: ReadonlyArray<readonly string[]>): string {
  const { lines } = scan(text);
  const drop = new Set<number>();
  const dropped = (path: readonly string[]): boolean => prefixes.some((prefix) => startsWith(path, prefix));
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.header && dropped(line.header)) {
      let end = index + 1;
      while (end < lines.length && !lines[end]!.header) end++;
      // The comment lines right above the next header belong to it; blank lines go with the table.
      let keep = end;
      if (end < lines.length) while (keep > index + 1 && isComment(lines[keep - 1]!.text) && !lines[keep - 1]!.continuation) keep--;
      for (let i = index; i < keep; i++) drop.add(i);
      let above = index - 1;
      for (; above >= 0 && isComment(lines[above]!.text); above--) drop.add(above);
      // At the end of the file, the blank lines that separated it go too.
      if (end === lines.length) for (; above >= 0 && isBlank(lines[above]!.text); above--) drop.add(above);
      index = end - 1;
    } else if (line.key && !line.header && dropped([...line.table, ...line.key])) {
      for (let i = index; i <= line.end!; i++) drop.add(i);
    }
  }
  const result = lines.filter((_, index) => !drop.has(index)).map((line) => line.text).join("\n");
  // The file's final newline stays.
  return text.endsWith("\n") && !result.endsWith("\n") && result !== "" ? `${result}\n` : result;
}

/** `table` header line index, or -1. */
function headerIndex(lines: readonly Line[], table: readonly string[]): number {
  return lines.findIndex((line) => line.header !== undefined && line.header.length === table.length && startsWith(line.header, table) && !line.text.trimStart().startsWith("[["));
}

/** Where a new key of the table whose header is at `header` goes: after its last key (its last value line). */
function insertionPoint(lines: readonly Line[], header: number): number {
  let point = header + 1;
  for (let index = header + 1; index < lines.length && !lines[index]!.header; index++) {
    if (!isBlank(lines[index]!.text) && !isComment(lines[index]!.text)) point = index + 1;
  }
  return point;
}

function keyLine(lines: readonly Line[], table: readonly string[], key: string): number {
  const header = table.length === 0 ? 0 : headerIndex(lines, table);
  if (header === -1) return -1;
  for (let index = table.length === 0 ? 0 : header + 1; index < lines.length && !lines[index]!.header; index++) {
    const line = lines[index]!;
    if (line.key && line.key.length === 1 && line.key[0] === key) return index;
  }
  return -1;
}

/** book.toml text with `table.key = value` (a TOML value written as `literal`), replacing the old value in place. */
export function setKey(text: string, table: readonly string[], key: string, literal: string): string {
  const { lines } = scan(text);
  const out = lines.map((line) => line.text);
  const at = keyLine(lines, table, key);
  if (at !== -1) {
    const line = lines[at]!;
    const prefix = KEY_PATH.exec(line.text)![0];
    const last = out[line.end!]!;
    // What follows the old value on its last line (a comment) stays.
    const tail = line.end === at ? trailingComment(line.text.slice(prefix.length)) : trailingComment(closingRest(last));
    out.splice(at, line.end! - at + 1, `${prefix}${literal}${tail}`);
    return out.join("\n");
  }
  const header = headerIndex(lines, table);
  const entry = `${tomlKey(key)} = ${literal}`;
  if (header !== -1) {
    out.splice(insertionPoint(lines, header), 0, entry);
    return out.join("\n");
  }
  const block = `[${table.map(tomlKey).join(".")}]\n${entry}\n`;
  // A new [book] goes first, where mdBook's own examples put it; any other table at the end.
  if (table.length === 1 && table[0] === "book") return `${block}\n${text}`;
  return `${text}${text.endsWith("\n") || text === "" ? "" : "\n"}\n${block}`;
}

/** Text after a value that ends a multi-line value's last line: after its closing `"""`, `'''` or `]`. */
function closingRest(line: string): string {
  for (const close of ['"""', "'''"]) {
    const at = line.lastIndexOf(close);
    if (at !== -1) return line.slice(at + 3);
  }
  const at = line.lastIndexOf("]");
  return at === -1 ? "" : line.slice(at + 1);
}

/** The ` # comment` after a one-line value, with the spaces before it. */
function trailingComment(valueAndRest: string): string {
  let quote: string | undefined;
  for (let i = 0; i < valueAndRest.length; i++) {
    const c = valueAndRest[i]!;
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return valueAndRest.slice(i).length > 0 ? ` ${valueAndRest.slice(i).trimEnd()}` : "";
  }
  return valueAndRest.endsWith("\r") ? "\r" : "";
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

/** book.toml text with `items` appended to the array `table.key` (created when missing), the array's layout kept. */
export function appendToArray(text: string, table: readonly string[], key: string, items: readonly string[]): string {
  const { lines } = scan(text);
  const at = keyLine(lines, table, key);
  if (at === -1) return setKey(text, table, key, `[${items.map(tomlString).join(", ")}]`);
  const out = lines.map((line) => line.text);
  const line = lines[at]!;
  const end = line.end!;
  const added = items.map(tomlString);
  if (end === at) {
    // `key = ["a", "b"]  # comment`: before the closing bracket.
    const prefix = KEY_PATH.exec(line.text)![0];
    const value = line.text.slice(prefix.length);
    const close = value.lastIndexOf("]", value.length - trailingComment(value).length);
    if (close === -1) throw new PobookError(`${table.join(".")}.${key} is not an array`);
    const inside = value.slice(1, close).trim();
    const joined = inside === "" ? added.join(", ") : `${inside.replace(/,\s*$/, "")}, ${added.join(", ")}`;
    out[at] = `${prefix}[${joined}${value.slice(close)}`;
    return out.join("\n");
  }
  // A multi-line array: one new line per item before the closing line, indented like the items.
  let last = end - 1;
  while (last > at && (isBlank(out[last]!) || isComment(out[last]!))) last--;
  const indent = last > at ? /^\s*/.exec(out[last]!)![0] : "  ";
  if (last > at && !/,\s*(#.*)?$/.test(out[last]!)) {
    const comment = trailingComment(out[last]!);
    const code = comment === "" ? out[last]! : out[last]!.slice(0, out[last]!.lastIndexOf(comment.trim())).trimEnd();
    out[last] = `${code},${comment}`;
  }
  out.splice(last + 1, 0, ...added.map((item) => `${indent}${item},`));
  return out.join("\n");
}

/**
 * Applies `edit` to book.toml text and checks that the result parses to
 * `expected(data)`; a mismatch is a one-line error naming the file.
 */
export function checkedEdit(text: string, file: string, edit: (text: string) => string, expected: (data: Table) => Table): string {
  const before = parseToml(text) as Table;
  const result = edit(text);
  let after: Table;
  try {
    after = parseToml(result) as Table;
  } catch {
    throw new PobookError("cannot edit this book.toml without rewriting it (a table or key pobook must change is written in a way its line editor does not follow); write [book], [output.html] and [preprocessor.gettext] as plain tables", { file });
  }
  if (!isDeepStrictEqual(toPlain(after), toPlain(expected(structuredClone(before))))) {
    throw new PobookError("cannot edit this book.toml without rewriting it (a table or key pobook must change is written in a way its line editor does not follow); write [book], [output.html] and [preprocessor.gettext] as plain tables", { file });
  }
  return result;
}

/** TOML dates and the like as strings, so data compare by value. */
function toPlain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)));
}
