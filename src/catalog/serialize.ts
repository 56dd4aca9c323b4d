/**
 * Writes a Catalog as GNU gettext 0.21 writes PO files (write-po.c), so that
 * `msgcat` leaves pobook's output byte-identical: same comment order, same
 * escapes, strings folded at 79 columns by UAX #14 (line-break.ts), `#:`
 * references refilled like GNU. gettext-parser's compiler folds differently
 * (only after spaces, at its own width), hence this writer.
 */
import type { Catalog, PoEntry, PreviousMessage } from "./types.js";
import { isFuzzy, newEntry } from "./types.js";
import { BREAK_PROHIBITED, BREAK_UNDEFINED, possibleLinebreaksInto, widthLinebreaksInto } from "./line-break.js";

/** GNU's default page width (msgcat -w). */
export const PAGE_WIDTH = 79;

/** The escape of each character GNU writes escaped, by char code (undefined: written as it is). */
const ESCAPES: Array<string | undefined> = [];
for (const [ch, escape] of Object.entries({ "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v", "\\": "\\\\", '"': '\\"' })) {
  ESCAPES[ch.charCodeAt(0)] = escape;
}
const TO_ESCAPE = /[\x07\b\f\n\r\t\v\\"]/g;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Scratch space of wrapString, grown as needed: a catalog write folds every
 * string, and typed arrays reused across calls keep that from allocating per
 * character (it was most of `update`'s time).
 */
let codePoints = new Int32Array(1024);
/** Where each code point starts in the escaped text (one more slot for its end). */
let offsets = new Int32Array(1025);
let overrides = new Int8Array(1024);
let marks = new Int8Array(1024);
let breaks = new Uint8Array(1024);

function reserve(length: number): void {
  if (length <= codePoints.length) return;
  const size = Math.max(length, codePoints.length * 2);
  codePoints = new Int32Array(size);
  offsets = new Int32Array(size + 1);
  overrides = new Int8Array(size);
  marks = new Int8Array(size);
  breaks = new Uint8Array(size);
}

/**
 * `keyword "value"` lines, folded as GNU's wrap(): the value is cut after
 * each `\n`; a portion longer than the line, or a value with several
 * portions, starts with `keyword ""`.
 */
export function wrapString(prefix: string, keyword: string, value: string, wrap = true): string {
  const width = (wrap ? PAGE_WIDTH : Number.MAX_SAFE_INTEGER) - 1 - (prefix.length + 1);
  // Fast path (most msgids): printable ASCII on one line that fits needs no folding.
  if (PRINTABLE_ASCII.test(value)) {
    const escaped = value.replace(/[\\"]/g, "\\$&");
    if (keyword.length + 1 + escaped.length <= width) return `${prefix}${keyword} "${escaped}"\n`;
  }
  let out = "";
  let firstLine = true;
  let portionStart = 0;
  do {
    const newline = value.indexOf("\n", portionStart);
    const portionEnd = newline < 0 ? value.length : newline + 1;
    const raw = value.slice(portionStart, portionEnd);
    portionStart = portionEnd;
    const more = portionStart < value.length;
    // The escaped portion; an escape's second character may not start a line.
    const text = raw.replace(TO_ESCAPE, (ch) => ESCAPES[ch.charCodeAt(0)]!);
    reserve(text.length);
    let count = 0;
    for (let at = 0; at < text.length; ) {
      const code = text.codePointAt(at)!;
      offsets[count] = at;
      codePoints[count] = code;
      overrides[count] = BREAK_UNDEFINED;
      count++;
      if (code === 0x5c) {
        // Every backslash of `text` starts an escape (a value's own are doubled).
        offsets[count] = at + 1;
        codePoints[count] = text.charCodeAt(at + 1);
        overrides[count] = BREAK_PROHIBITED;
        count++;
        at += 2;
      } else {
        at += code > 0xffff ? 2 : 1;
      }
    }
    offsets[count] = text.length;
    // Never break just before the final "\n".
    if (raw.endsWith("\n")) overrides[count - 2] = BREAK_PROHIBITED;

    let startColumn = firstLine ? keyword.length + 1 : 0;
    // The break opportunities do not depend on the start column: found once for both foldings.
    possibleLinebreaksInto(codePoints, count, marks);
    let anyBreak = widthLinebreaksInto(codePoints, count, width, startColumn, overrides, marks, breaks);
    if (firstLine && count > 0 && (more || startColumn > width || anyBreak)) {
      out += `${prefix}${keyword} ""\n`;
      firstLine = false;
      startColumn = 0;
      anyBreak = widthLinebreaksInto(codePoints, count, width, startColumn, overrides, marks, breaks);
    }
    let head = firstLine ? `${prefix}${keyword} "` : `${prefix}"`;
    firstLine = false;
    let lineStart = 0;
    if (anyBreak) {
      for (let i = 0; i < count; i++) {
        if (breaks[i]) {
          out += `${head}${text.slice(offsets[lineStart]!, offsets[i]!)}"\n`;
          head = `${prefix}"`;
          lineStart = i;
        }
      }
    }
    out += `${head}${text.slice(offsets[lineStart]!)}"\n`;
  } while (portionStart < value.length);
  return out;
}

/** `#:` lines: references joined by spaces, a new line when 79 columns would be passed. */
export function formatReferences(references: readonly string[]): string {
  if (references.length === 0) return "";
  let out = "#:";
  let column = 2;
  for (const reference of references) {
    const text = reference.replace(/^(\.\/)+/, "");
    const length = charCount(text) + 1;
    if (column > 2 && column + length > PAGE_WIDTH) {
      out += "\n#:";
      column = 2;
    }
    out += " " + text;
    column += length;
  }
  return out + "\n";
}

/** GNU counts bytes here; column widths only matter for ASCII file names in practice. */
function charCount(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

function commentLines(marker: string, lines: readonly string[]): string {
  return lines.map((line) => (line === "" ? `${marker}\n` : `${marker} ${line}\n`)).join("");
}

function previousLines(prefix: string, previous: PreviousMessage | undefined, wrap: boolean): string {
  if (!previous) return "";
  let out = "";
  if (previous.msgctxt !== undefined) out += wrapString(prefix, "msgctxt", previous.msgctxt, wrap);
  if (previous.msgid !== undefined) out += wrapString(prefix, "msgid", previous.msgid, wrap);
  if (previous.msgidPlural !== undefined) out += wrapString(prefix, "msgid_plural", previous.msgidPlural, wrap);
  return out;
}

function flagLine(flags: readonly string[]): string {
  return flags.length === 0 ? "" : `#, ${flags.join(", ")}\n`;
}

/** Fuzzy first, as GNU writes it; the other flags keep their order. */
function orderedFlags(entry: PoEntry): string[] {
  const others = [...new Set(entry.flags.filter((flag) => flag !== "fuzzy"))];
  return isFuzzy(entry) ? ["fuzzy", ...others] : others;
}

/**
 * The `msgid` lines of active, wrapped entries by msgid, for a writer that
 * writes nearly the same entries again (extract after editing one chapter):
 * folding is most of the time of writing a template.
 */
export type FoldedMsgids = Map<string, string>;

function msgidLines(prefix: string, msgid: string, wrap: boolean, folded: FoldedMsgids | undefined): string {
  if (!folded || prefix !== "" || !wrap) return wrapString(prefix, "msgid", msgid, wrap);
  let lines = folded.get(msgid);
  if (lines === undefined) folded.set(msgid, (lines = wrapString(prefix, "msgid", msgid, wrap)));
  return lines;
}

function messageLines(prefix: string, entry: PoEntry, wrap: boolean, folded?: FoldedMsgids): string {
  let out = "";
  if (entry.msgctxt !== undefined) out += wrapString(prefix, "msgctxt", entry.msgctxt, wrap);
  out += msgidLines(prefix, entry.msgid, wrap, folded);
  if (entry.msgidPlural !== undefined) {
    out += wrapString(prefix, "msgid_plural", entry.msgidPlural, wrap);
    entry.msgstr.forEach((msgstr, i) => {
      out += wrapString(prefix, `msgstr[${i}]`, msgstr, wrap);
    });
  } else {
    out += wrapString(prefix, "msgstr", entry.msgstr[0] ?? "", wrap);
  }
  return out;
}

/** One entry as GNU's message_print / message_print_obsolete write it ("" if GNU writes nothing). */
export function serializeEntry(entry: PoEntry, folded?: FoldedMsgids): string {
  const wrap = !entry.flags.includes("no-wrap");
  const comments =
    commentLines("#", entry.translatorComments) +
    commentLines("#.", entry.extractedComments) +
    formatReferences(entry.references);
  if (entry.obsolete) {
    // GNU drops untranslated obsolete entries, and keeps only the flags that matter for them.
    if ((entry.msgstr[0] ?? "") === "") return "";
    const flags = orderedFlags(entry).filter((f) => f === "fuzzy" || f === "no-wrap" || f.endsWith("-format"));
    return comments + flagLine(flags) + previousLines("#~| ", entry.previous, wrap) + messageLines("#~ ", entry, wrap);
  }
  // An untranslated entry is not fuzzy, whatever its flags say.
  const flags = (entry.msgstr[0] ?? "") === "" ? orderedFlags(entry).filter((f) => f !== "fuzzy") : orderedFlags(entry);
  return comments + flagLine(flags) + previousLines("#| ", entry.previous, wrap) + messageLines("", entry, wrap, folded);
}

/** The header as an entry: msgid "" with `Name: value\n` lines as msgstr. */
export function headerEntry(catalog: Catalog): PoEntry | undefined {
  if (catalog.headers.length === 0 && catalog.headerComments.length === 0 && catalog.headerFlags.length === 0) {
    return undefined;
  }
  return newEntry("", {
    msgstr: [catalog.headers.map(([name, value]) => `${name}: ${value}\n`).join("")],
    translatorComments: catalog.headerComments,
    flags: catalog.headerFlags,
  });
}

/** The whole catalog: header, active entries in order, then obsolete entries (`folded`: see FoldedMsgids). */
export function serializePo(catalog: Catalog, folded?: FoldedMsgids): string {
  const blocks: string[] = [];
  const header = headerEntry(catalog);
  if (header) blocks.push(serializeEntry(header));
  for (const entry of catalog.entries) if (!entry.obsolete) blocks.push(serializeEntry(entry, folded));
  for (const entry of catalog.entries) if (entry.obsolete) blocks.push(serializeEntry(entry));
  return blocks.filter((block) => block !== "").join("\n");
}

export interface TemplateHeader {
  projectIdVersion: string;
  /** e.g. `2024-07-09T12:20:23-07:00` (mdbook-xgettext writes RFC 3339, seconds). */
  potCreationDate: string;
  /** The book's language (book.language); may be empty. */
  language?: string;
}

/** A POT catalog with the header mdbook-xgettext writes (polib: every field, empty where unknown). */
export function createTemplate(header: TemplateHeader, entries: PoEntry[]): Catalog {
  return {
    headerComments: [],
    headers: [
      ["Project-Id-Version", header.projectIdVersion],
      ["POT-Creation-Date", header.potCreationDate],
      ["PO-Revision-Date", ""],
      ["Last-Translator", ""],
      ["Language-Team", ""],
      ["MIME-Version", "1.0"],
      ["Content-Type", "text/plain; charset=UTF-8"],
      ["Content-Transfer-Encoding", "8bit"],
      ["Language", header.language ?? ""],
      ["Plural-Forms", "nplurals=1; plural=0;"],
    ],
    headerFlags: [],
    entries,
  };
}
