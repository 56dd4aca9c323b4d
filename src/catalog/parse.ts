/**
 * Reads a PO file into a Catalog.
 *
 * Written by hand rather than with gettext-parser because pobook needs what
 * gettext-parser does not give: the line of every entry (for errors and
 * `check`), `#|` previous fields, obsolete `#~` entries in file order (also
 * their `#~|` lines), duplicate detection that names both lines, and errors
 * with file:line. The grammar follows GNU gettext's PO reader (read-po-lex.c /
 * read-catalog-abstract.c): comments, keywords, C-style escapes, obsolete lines.
 */
import { readFileSync } from "node:fs";
import { PobookError } from "../errors.js";
import type { Catalog, PoEntry, PreviousMessage } from "./types.js";
import { entryKey } from "./types.js";
import { decodeStrictUtf8 } from "../utf8.js";

const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
  "\\": "\\",
  '"': '"',
  "'": "'",
  "?": "?",
};

type Keyword = "msgctxt" | "msgid" | "msgid_plural" | "msgstr";

/**
 * msgstr (index -1) and msgstr[N] of one message: what a Map<number, string>
 * would hold, in an array (slot index + 1), as every message has one and a
 * Map costs several times the memory and time to make.
 */
class MsgstrFields {
  private readonly slots: Array<string | undefined> = [];
  size = 0;

  has(index: number): boolean {
    return this.slots[index + 1] !== undefined;
  }

  get(index: number): string | undefined {
    return this.slots[index + 1];
  }

  set(index: number, value: string): void {
    if (this.slots[index + 1] === undefined) this.size++;
    this.slots[index + 1] = value;
  }

  /** Replaces every value with `change(value, index)`. */
  update(change: (value: string, index: number) => string): void {
    this.slots.forEach((value, slot) => {
      if (value !== undefined) this.slots[slot] = change(value, slot - 1);
    });
  }
}

interface Fields {
  msgctxt?: string;
  msgid?: string;
  msgidPlural?: string;
  /** msgstr (index -1) or msgstr[N]. */
  msgstr: MsgstrFields;
  /**
   * Fields ("msgid", "msgstr[0]", ...) holding escaped bytes 0x80–0xFF, with
   * where each such byte is in the value and its line; undefined (most
   * messages) when there are none.
   */
  escapedBytes?: Map<string, Array<{ offset: number; line: number }>>;
}

/**
 * Bytes written as `\ooo` / `\xhh` escapes, 0x80–0xFF, are held as the lone
 * surrogates U+DC80–U+DCFF (Python's "surrogateescape") until the whole field
 * is read: GNU concatenates a field's bytes and only then decodes them in the
 * catalog's charset, so a UTF-8 sequence may be split across escapes,
 * strings and lines (`"\303" "\251"` is "é"). Text decoded from a file never
 * holds lone surrogates, so they cannot be confused with real characters.
 */
const BYTE_SURROGATE_BASE = 0xdc00;

/** A partly read entry: comments so far, then keyword fields. */
interface Pending {
  line: number;
  translatorComments: string[];
  extractedComments: string[];
  references: string[];
  flags: string[];
  /** `#|` fields, when the entry has any (few do). */
  previous?: Fields;
  fields: Fields;
  /** Field that continuation strings append to. */
  current?: { target: "fields" | "previous"; keyword: Keyword; index: number };
  obsolete?: boolean;
  msgidLine?: number;
}

function emptyPending(line: number): Pending {
  return {
    line,
    translatorComments: [],
    extractedComments: [],
    references: [],
    flags: [],
    fields: { msgstr: new MsgstrFields() },
  };
}

/** Parse PO text. `file` is only used in error messages. */
export function parsePo(text: string, file: string): Catalog {
  const catalog: Catalog = { headerComments: [], headers: [], headerFlags: [], entries: [] };
  const seen = new Map<string, number>();
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  let pending: Pending | undefined;
  let headerLine = 0;
  /** Offsets, in the value readStrings is building, of the escaped high bytes it read. */
  const highBytes: number[] = [];

  const fail = (message: string, line: number): never => {
    throw new PobookError(message, { file, line });
  };

  const finish = (endLine: number): void => {
    if (!pending) return;
    const p = pending;
    pending = undefined;
    if (p.fields.msgid === undefined) {
      // Comments without a message: GNU ignores trailing comments at EOF.
      if (endLine > lines.length) return;
      fail("comment not followed by a message (expected msgid)", endLine);
    }
    const msgidLine = p.msgidLine ?? p.line;
    decodeFields(p.fields);
    if (p.previous) decodeFields(p.previous);
    let msgstr: string[];
    if (p.fields.msgidPlural !== undefined) {
      if (p.fields.msgstr.size === 0) fail("missing 'msgstr[]' section", msgidLine);
      if (p.fields.msgstr.has(-1)) fail("plural entry (msgid_plural) has msgstr instead of msgstr[0]", msgidLine);
      if (!p.fields.msgstr.has(0)) fail("plural entry (msgid_plural) without msgstr[0]", msgidLine);
      msgstr = [];
      for (let i = 0; p.fields.msgstr.has(i); i++) msgstr.push(p.fields.msgstr.get(i)!);
      if (msgstr.length !== p.fields.msgstr.size) fail("msgstr[N] indexes are not consecutive from 0", msgidLine);
    } else {
      if (!p.fields.msgstr.has(-1)) {
        if (p.fields.msgstr.size > 0) fail("msgstr[N] without msgid_plural", msgidLine);
        fail("missing 'msgstr' section", msgidLine);
      }
      msgstr = [p.fields.msgstr.get(-1)!];
    }
    const key = entryKey({ msgctxt: p.fields.msgctxt, msgid: p.fields.msgid! });
    const first = seen.get(key);
    if (first !== undefined) fail(`duplicate message definition (first defined at line ${first})`, msgidLine);
    seen.set(key, msgidLine);

    if (p.fields.msgid === "" && p.fields.msgctxt === undefined && !p.obsolete) {
      headerLine = msgidLine;
      catalog.headerComments = p.translatorComments;
      catalog.headerFlags = p.flags;
      catalog.headers = parseHeaderFields(msgstr[0]!);
      return;
    }
    // Built as newEntry builds it (same fields in the same order), without its spread of an options object.
    const entry: PoEntry = {
      msgid: p.fields.msgid!,
      msgstr,
      translatorComments: p.translatorComments,
      extractedComments: p.extractedComments,
      references: p.references,
      flags: p.flags,
      obsolete: p.obsolete ?? false,
      line: p.line,
    };
    if (p.fields.msgctxt !== undefined) entry.msgctxt = p.fields.msgctxt;
    if (p.fields.msgidPlural !== undefined) entry.msgidPlural = p.fields.msgidPlural;
    if (p.previous) {
      const previous: PreviousMessage = {};
      if (p.previous.msgctxt !== undefined) previous.msgctxt = p.previous.msgctxt;
      if (p.previous.msgid !== undefined) previous.msgid = p.previous.msgid;
      if (p.previous.msgidPlural !== undefined) previous.msgidPlural = p.previous.msgidPlural;
      if (Object.keys(previous).length > 0) entry.previous = previous;
    }
    catalog.entries.push(entry);
  };

  /** A message that has its msgid but no msgstr yet, when a line can only start the next entry: msgfmt's error. */
  const requireMsgstr = (): void => {
    if (pending?.fields.msgid !== undefined && pending.fields.msgstr.size === 0) {
      fail(pending.fields.msgidPlural !== undefined ? "missing 'msgstr[]' section" : "missing 'msgstr' section", pending.msgidLine ?? pending.line);
    }
  };

  /** Start a new entry if the current one already has a msgstr (a comment or msgid begins the next). */
  const entryFor = (lineNo: number): Pending => {
    if (pending && pending.fields.msgstr.size > 0) finish(lineNo);
    pending ??= emptyPending(lineNo);
    return pending;
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i]!;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    const trimmed = line.trimStart();
    if (trimmed === "") continue;

    if (trimmed.startsWith("#~")) {
      // Obsolete entry: `#~ keyword "..."`, `#~ "..."` or `#~| previous`.
      let rest = trimmed.slice(2);
      let previous = false;
      if (rest.startsWith("|")) {
        previous = true;
        rest = rest.slice(1);
      }
      rest = rest.trimStart();
      if (rest === "") continue;
      readKeywordLine(rest, lineNo, previous ? "previous" : "fields", true);
      continue;
    }
    if (trimmed.startsWith("#|")) {
      const rest = trimmed.slice(2).trimStart();
      if (rest === "") continue;
      readKeywordLine(rest, lineNo, "previous", false);
      continue;
    }
    if (trimmed.startsWith("#")) {
      requireMsgstr();
      const entry = entryFor(lineNo);
      if (entry.fields.msgid !== undefined || entry.current?.target === "fields") {
        fail("comment inside a message (between msgid and msgstr)", lineNo);
      }
      const kind = trimmed[1];
      if (kind === ".") entry.extractedComments.push(stripOneSpace(trimmed.slice(2)));
      else if (kind === ":") {
        for (const ref of splitWhitespace(trimmed.slice(2))) {
          if (ref !== "" && !entry.references.includes(ref)) entry.references.push(ref);
        }
      } else if (kind === "," || kind === "!") {
        for (const flag of splitFlags(trimmed.slice(2))) {
          if (flag !== "" && !entry.flags.includes(flag)) entry.flags.push(flag);
        }
      } else entry.translatorComments.push(stripOneSpace(trimmed.slice(1)));
      continue;
    }
    readKeywordLine(trimmed, lineNo, "fields", false);
  }
  finish(lines.length + 1);

  checkCharset(catalog, file, headerLine);
  return catalog;

  function readKeywordLine(rest: string, lineNo: number, target: "fields" | "previous", obsolete: boolean): void {
    if (rest.startsWith('"')) {
      // Continuation of the current field.
      const p = pending;
      if (!p?.current || p.current.target !== target) fail("string without a keyword before it", lineNo);
      const value = readStrings(rest, lineNo);
      const { keyword, index } = p!.current!;
      const fields = target === "fields" ? p!.fields : p!.previous!;
      appendField(fields, keyword, index, value, lineNo);
      return;
    }
    const match = matchKeyword(rest);
    if (!match) {
      const word = /^\S+/.exec(rest)?.[0] ?? rest;
      // What a failed `git merge` leaves: say so rather than "syntax error".
      if (/^(<{7}|={7}|>{7}|\|{7})(\s|$)/.test(rest)) fail(conflictMarkerMessage(word), lineNo);
      fail(`syntax error: unexpected '${word}'`, lineNo);
    }
    const keyword = match![1] as Keyword;
    const index = match![2] === undefined ? -1 : Number(match![2]);
    if (match![2] !== undefined && keyword !== "msgstr") fail(`syntax error: '${keyword}[' is not a keyword`, lineNo);
    const value = readStrings(rest.slice(match![0].length).trimStart(), lineNo);

    if (target === "previous") {
      requireMsgstr();
      const p = entryFor(lineNo);
      if (p.fields.msgid !== undefined || p.current?.target === "fields") fail("#| line inside a message", lineNo);
      if (keyword === "msgstr") fail("#| lines may only hold msgctxt, msgid and msgid_plural", lineNo);
      p.previous ??= { msgstr: new MsgstrFields() };
      setField(p.previous, keyword, index, value, lineNo);
      p.current = { target, keyword, index };
      return;
    }
    // A message field: msgctxt/msgid start an entry once the previous one has its msgstr.
    if (keyword === "msgctxt" || keyword === "msgid") requireMsgstr();
    const p = keyword === "msgctxt" || keyword === "msgid" ? entryFor(lineNo) : pending;
    if (!p || (keyword !== "msgctxt" && keyword !== "msgid" && p.fields.msgid === undefined)) {
      fail(`${keyword} without msgid before it`, lineNo);
    }
    if (keyword === "msgid" && p!.fields.msgid !== undefined) fail("missing msgstr before this msgid", lineNo);
    if (keyword === "msgctxt" && p!.fields.msgctxt !== undefined) fail("missing msgid after msgctxt", lineNo);
    if (keyword === "msgstr" || keyword === "msgid_plural") {
      if (p!.fields.msgstr.size > 0 && keyword === "msgid_plural") fail("msgid_plural after msgstr", lineNo);
    }
    if (keyword === "msgctxt" || (keyword === "msgid" && p!.fields.msgctxt === undefined)) {
      p!.obsolete = obsolete;
    } else if (p!.obsolete !== obsolete) {
      fail("obsolete (#~) and active lines mixed in one message", lineNo);
    }
    if (keyword === "msgid") p!.msgidLine = lineNo;
    setField(p!.fields, keyword, index, value, lineNo);
    p!.current = { target, keyword, index };
  }

  function setField(fields: Fields, keyword: Keyword, index: number, value: string, lineNo: number): void {
    noteEscapedBytes(fields, keyword, index, 0, lineNo);
    if (keyword === "msgstr") {
      if (fields.msgstr.has(index)) fail(`duplicate ${index < 0 ? "msgstr" : `msgstr[${index}]`}`, lineNo);
      fields.msgstr.set(index, value);
      return;
    }
    const name = keyword === "msgid_plural" ? "msgidPlural" : keyword;
    if (fields[name] !== undefined) fail(`duplicate ${keyword}`, lineNo);
    fields[name] = value;
  }

  function appendField(fields: Fields, keyword: Keyword, index: number, value: string, lineNo: number): void {
    const before = keyword === "msgstr" ? fields.msgstr.get(index)! : fields[keyword === "msgid_plural" ? "msgidPlural" : keyword]!;
    noteEscapedBytes(fields, keyword, index, before.length, lineNo);
    if (keyword === "msgstr") fields.msgstr.set(index, before + value);
    else fields[keyword === "msgid_plural" ? "msgidPlural" : keyword] = before + value;
  }

  /** Remember the escaped high bytes the line just read (highBytes) put into a field, starting at `offset` of its value. */
  function noteEscapedBytes(fields: Fields, keyword: Keyword, index: number, offset: number, lineNo: number): void {
    if (highBytes.length === 0) return;
    fields.escapedBytes ??= new Map();
    const name = fieldName(keyword, index);
    const notes = fields.escapedBytes.get(name) ?? [];
    for (const at of highBytes) notes.push({ offset: offset + at, line: lineNo });
    fields.escapedBytes.set(name, notes);
    highBytes.length = 0;
  }

  /** Turns escaped bytes into text once every string of the message is read. */
  function decodeFields(fields: Fields): void {
    if (fields.escapedBytes === undefined) return;
    const decode = (value: string, name: string): string => {
      const notes = fields.escapedBytes!.get(name);
      if (notes === undefined) return value;
      const result = decodeEscapedBytes(value);
      if (typeof result === "string") return result;
      // A bad sequence starts at an escaped byte (a stray or cut-short one): name that byte's line.
      const line = notes.filter((note) => note.offset <= result.offset).pop()?.line ?? notes[0]!.line;
      return fail(`${result.problem} multibyte sequence: the escaped bytes (\\ooo, \\xhh) are not UTF-8`, line);
    };
    if (fields.msgctxt !== undefined) fields.msgctxt = decode(fields.msgctxt, "msgctxt");
    if (fields.msgid !== undefined) fields.msgid = decode(fields.msgid, "msgid");
    if (fields.msgidPlural !== undefined) fields.msgidPlural = decode(fields.msgidPlural, "msgid_plural");
    fields.msgstr.update((value, index) => decode(value, fieldName("msgstr", index)));
  }

  /** One or more "..." strings on a line, concatenated. */
  function readStrings(rest: string, lineNo: number): string {
    highBytes.length = 0;
    let value = "";
    let pos = 0;
    let any = false;
    while (pos < rest.length) {
      const ch = rest[pos]!;
      if (ch === " " || ch === "\t") {
        pos++;
        continue;
      }
      if (ch === "#" && any) break; // trailing comment, as GNU's lexer allows
      if (ch !== '"') fail(`syntax error: expected a string in double quotes, found '${rest.slice(pos, pos + 10)}'`, lineNo);
      pos++;
      // Most strings hold no escape: take them whole.
      const quote = rest.indexOf('"', pos);
      if (quote >= 0) {
        const backslash = rest.indexOf("\\", pos);
        if (backslash < 0 || backslash > quote) {
          value += rest.slice(pos, quote);
          pos = quote + 1;
          any = true;
          continue;
        }
      }
      let closed = false;
      let start = pos;
      while (pos < rest.length) {
        const c = rest[pos]!;
        if (c === '"') {
          value += rest.slice(start, pos);
          pos++;
          closed = true;
          break;
        }
        if (c === "\\") {
          value += rest.slice(start, pos);
          const [decoded, length] = readEscape(rest, pos, lineNo);
          if (decoded.charCodeAt(0) > BYTE_SURROGATE_BASE) highBytes.push(value.length);
          value += decoded;
          pos += length;
          start = pos;
          continue;
        }
        pos++;
      }
      if (!closed) fail("unterminated string", lineNo);
      any = true;
    }
    if (!any) fail("syntax error: keyword without a string", lineNo);
    return value;
  }

  function readEscape(rest: string, pos: number, lineNo: number): [string, number] {
    const next = rest[pos + 1];
    if (next === undefined) fail("unterminated string (backslash at end of line)", lineNo);
    const simple = SIMPLE_ESCAPES[next!];
    if (simple !== undefined) return [simple, 2];
    // A numeric escape is one byte; GNU reads every hex digit and keeps the low byte.
    const octal = /^[0-7]{1,3}/.exec(rest.slice(pos + 1, pos + 4));
    if (octal) return [escapedByte(parseInt(octal[0], 8) & 0xff, rest.slice(pos, pos + 1 + octal[0].length), lineNo), 1 + octal[0].length];
    const hex = /^x([0-9a-fA-F]+)/.exec(rest.slice(pos + 1));
    if (hex) return [escapedByte(parseInt(hex[1]!.slice(-2), 16), rest.slice(pos, pos + 1 + hex[0].length), lineNo), 1 + hex[0].length];
    return fail(`invalid escape sequence '\\${next}'`, lineNo);
  }

  function escapedByte(byte: number, escape: string, lineNo: number): string {
    // GNU keeps C strings: a NUL silently cuts the message there. Losing the rest of a translation unseen is worse than an error.
    if (byte === 0) fail(`'${escape}' is a NUL byte, which GNU gettext cuts the string at; remove it`, lineNo);
    return String.fromCharCode(byte < 0x80 ? byte : BYTE_SURROGATE_BASE + byte);
  }
}

/** ASCII without control characters or spaces other than " ": what `#:` and `#,` lines hold but for odd files. */
const PLAIN_ASCII = /^[\x21-\x7e ]*$/;

/** `text.split(/\s+/)`; a string split at " " when it holds no other whitespace (splitting at a regular expression is several times slower). */
function splitWhitespace(text: string): string[] {
  return PLAIN_ASCII.test(text) ? text.split(" ") : text.split(/\s+/);
}

/** `text.split(/[\s,]+/)`, with splitWhitespace's fast path; the empty strings of either are skipped by the caller. */
function splitFlags(text: string): string[] {
  return PLAIN_ASCII.test(text) ? text.split(/[ ,]/) : text.split(/[\s,]+/);
}

const KEYWORD_LINE = /^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?(?=[\s"]|$)/;

/**
 * KEYWORD_LINE's match: [whole, keyword, index?]. The common lines
 * (`msgid "`, `msgstr "`) are told without running the expression.
 */
function matchKeyword(rest: string): [string, string, string | undefined] | null {
  for (const keyword of ["msgid", "msgstr"]) {
    if (rest.startsWith(keyword) && rest.charCodeAt(keyword.length) === 0x20 /* space */) return [keyword, keyword, undefined];
  }
  const match = KEYWORD_LINE.exec(rest);
  return match ? [match[0], match[1]!, match[2]] : null;
}

function fieldName(keyword: Keyword, index: number): string {
  return index < 0 ? keyword : `${keyword}[${index}]`;
}

/**
 * The UTF-8 text of a value holding escaped bytes (see BYTE_SURROGATE_BASE), or
 * where (in UTF-16 units of `value`) its first bad sequence starts.
 */
function decodeEscapedBytes(value: string): string | { offset: number; problem: "invalid" | "incomplete" } {
  const encoder = new TextEncoder();
  const bytes: number[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= BYTE_SURROGATE_BASE + 0x80 && code <= BYTE_SURROGATE_BASE + 0xff) {
      bytes.push(code - BYTE_SURROGATE_BASE);
      offsets.push(offset);
    } else {
      for (const byte of encoder.encode(ch)) {
        bytes.push(byte);
        offsets.push(offset);
      }
    }
    offset += ch.length;
  }
  const data = Uint8Array.from(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    // Streaming decoding fails only on an invalid byte, not on a sequence cut short at the end: bisect for the first.
    const validPrefix = (length: number): boolean => {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(data.subarray(0, length), { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    if (validPrefix(data.length)) {
      let start = data.length - 1;
      while (start > 0 && (data[start]! & 0xc0) === 0x80) start--;
      return { offset: offsets[start]!, problem: "incomplete" };
    }
    let low = 0;
    let high = data.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (validPrefix(mid + 1)) low = mid + 1;
      else high = mid;
    }
    return { offset: offsets[low]!, problem: "invalid" };
  }
}

function stripOneSpace(text: string): string {
  return text.startsWith(" ") ? text.slice(1) : text;
}

/** `Name: value\n` lines of the header msgstr. */
function parseHeaderFields(msgstr: string): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  for (const line of msgstr.split("\n")) {
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon < 0) headers.push([line, ""]);
    else headers.push([line.slice(0, colon), stripOneSpace(line.slice(colon + 1))]);
  }
  return headers;
}

/** pobook reads and writes UTF-8 only; a POT's `charset=CHARSET` placeholder means "not yet chosen". */
function checkCharset(catalog: Catalog, file: string, headerLine: number): void {
  const contentType = catalog.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1];
  const charset = contentType ? /charset=([^\s;]+)/i.exec(contentType)?.[1] : undefined;
  if (charset === undefined) return;
  const normalized = charset.toLowerCase().replace(/[-_]/g, "");
  if (["utf8", "charset", "ascii", "usascii"].includes(normalized)) return;
  throw new PobookError(
    `unsupported charset '${charset}' in the header (pobook reads UTF-8 only; convert with: msgconv -t UTF-8)`,
    { file, line: headerLine },
  );
}

/** Read a PO file from disk, rejecting bytes that are not UTF-8 with the line they are on. */
export function readPoFile(path: string): Catalog {
  return readPoFileWithText(path).catalog;
}

/** readPoFile, also giving the file's text (without a BOM), for commands that rewrite a catalog only when it changes. */
export function readPoFileWithText(path: string): { text: string; catalog: Catalog } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new PobookError(`cannot read: ${reason}`, { file: path });
  }
  const text = decodeUtf8(bytes, path);
  return { text, catalog: parsePo(text, path) };
}

/** What every command says of a git conflict marker left in a catalog (the reader's and `merge`/`fmt`'s check). */
export function conflictMarkerMessage(marker: string): string {
  return `git conflict marker '${marker}': a line-based merge left this catalog half-merged; resolve it first (pobook merge merges catalogs entry by entry)`;
}

export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const decoded = decodeStrictUtf8(bytes);
  if ("text" in decoded) return decoded.text.startsWith("\uFEFF") ? decoded.text.slice(1) : decoded.text;
  throw new PobookError("invalid UTF-8 (pobook reads UTF-8 only; convert with: msgconv -t UTF-8)", { file, line: decoded.invalidLine });
}
