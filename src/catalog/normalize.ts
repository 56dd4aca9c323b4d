/**
 * Brings a catalog made with older or coarser segmentation up to today's
 * messages, like mdbook-i18n-normalize: each old msgid and its msgstr are
 * segmented again with the extractor's rules and the parts are paired up.
 *
 * Pairing follows upstream's rule: parts are paired in order; when the counts
 * differ the translated results are marked fuzzy, surplus translation parts
 * are joined (as paragraphs) into the last message and missing ones are left
 * empty. Entries that result in the same msgid are merged: the first wins,
 * references are combined, a later translation fills an empty one.
 *
 * Unlike upstream, an entry whose msgid already is a current message is left
 * exactly as it is (msgstr included), so normalizing twice changes nothing:
 * code-block messages (`// comment\n`, `"string"`) are not Markdown and would
 * otherwise be damaged by being parsed as a document.
 */
import { segmentMarkdown, type Message, type SegmentOptions } from "../markdown/segment.js";
import type { Catalog, PoEntry } from "./types.js";
import { cloneEntry, entryKey, getHeader, isFuzzy, setHeader } from "./types.js";

export interface NormalizeOptions {
  /**
   * The text of a book source file named in a `#:` reference, or undefined if
   * it is not available. Used to recognise messages the current extractor
   * gives for that file, and to resolve reference links whose definitions
   * were not part of the old message (catalogs from 0.1 to 0.2).
   */
  readSource?: (path: string) => string | undefined;
}

export interface NormalizeStats {
  /** Active (non-obsolete) messages before and after. */
  before: number;
  after: number;
  /** Translated, not fuzzy, after. */
  kept: number;
  /** Fuzzy after. */
  fuzzy: number;
  /** Old entries that were re-segmented. */
  resegmented: number;
  /** Translated entries that yield no message any more (`<b>`, a block of HTML): kept as obsolete. */
  obsoleted: number;
  /** Obsolete entries dropped because an active entry now has their msgid (their translation fills it if empty). */
  superseded: number;
}

export interface NormalizeResult {
  catalog: Catalog;
  stats: NormalizeStats;
  /** Whether any entry changed (the header's POT-Creation-Date is only advanced then). */
  changed: boolean;
}

/** `src/a.md:12` → path and line; a bare path has no line. */
function splitReference(reference: string): { path: string; line?: number } {
  const match = /^(.*):(\d+)$/.exec(reference);
  return match ? { path: match[1]!, line: Number(match[2]) } : { path: reference };
}

function segmentOptionsFor(path: string | undefined): SegmentOptions {
  return path !== undefined && /(^|\/)SUMMARY\.md$/.test(path) ? { stripLinks: true } : {};
}

// Inline HTML elements: `<b>` alone was a message of old extractors and now yields none,
// whereas `<stdio.h>` or `<string>` is a string from a C/C++ code block.
const INLINE_HTML = new Set(
  "a abbr b bdi bdo br cite code data del dfn em i img ins kbd mark q rp rt ruby s samp small span strong sub sup time u var wbr".split(" "),
);

/**
 * Messages that cannot have been made from a Markdown text block, so they are
 * not re-segmented. Code-block messages are runs of strings and comments: a
 * run of line comments keeps its final newline, a string its quotes. Markdown
 * messages never start or end with white space, so such a message is a
 * fragment split at inline HTML by extractors before 0.3.x. Old whole-block
 * messages, which do need splitting, include the fence.
 */
function isVerbatimFragment(msgid: string): boolean {
  if (/^[ \t]*(```|~~~)/m.test(msgid)) return false;
  if (msgid !== msgid.trim()) return true;
  const include = /^<([\w./+-]+)>$/.exec(msgid);
  if (include) return !INLINE_HTML.has(include[1]!.toLowerCase());
  return /^(\/\/|\/\*|(?:[bcfru]|br|rb|cr)?#*["'])/.test(msgid) && /(\*\/|["'])$/.test(msgid);
}

// Link reference definitions, one per line (`[label]: url "title"`). A regular
// expression is enough here: they are only appended to a message so that the
// segmenter can resolve `[text][label]`, never rewritten.
const DEFINITION_LINE = /^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$/gm;
const MAY_HAVE_REFERENCE = /\]\[|\[[^\]\n]*\](?![(:])/;

class SourceIndex {
  private readonly sourceCache = new Map<string, string | undefined>();
  private readonly definitionCache = new Map<string, { msgid: string; msgstr: string }>();
  private readonly currentCache = new Map<string, Set<string>>();
  private readonly messagesByPath = new Map<string, PoEntry[]>();

  constructor(
    entries: readonly PoEntry[],
    private readonly readSource: NormalizeOptions["readSource"],
  ) {
    for (const entry of entries) {
      if (entry.obsolete) continue;
      for (const reference of entry.references) {
        const { path } = splitReference(reference);
        let list = this.messagesByPath.get(path);
        if (!list) this.messagesByPath.set(path, (list = []));
        list.push(entry);
      }
    }
  }

  /** Link definitions for each field, from the catalog's messages of this path and the source file. */
  definitions(path: string): { msgid: string; msgstr: string } {
    let definitions = this.definitionCache.get(path);
    if (definitions) return definitions;
    const source = this.source(path);
    const definitionsOf = (texts: string[]): string =>
      [...new Set(texts.flatMap((text) => text.match(DEFINITION_LINE) ?? []))].join("\n");
    const entries = this.messagesByPath.get(path) ?? [];
    const fromSource = source === undefined ? [] : [source];
    definitions = {
      msgid: definitionsOf([...entries.map((entry) => entry.msgid), ...fromSource]),
      msgstr: definitionsOf([...entries.map((entry) => entry.msgstr[0] ?? ""), ...fromSource]),
    };
    this.definitionCache.set(path, definitions);
    return definitions;
  }

  /** msgids the current extractor gives for the file (with and without the legacy inline-HTML split). */
  currentMessages(path: string): Set<string> {
    let current = this.currentCache.get(path);
    if (current) return current;
    current = new Set<string>();
    const source = this.source(path);
    if (source !== undefined) {
      for (const legacyInlineHtml of [false, true]) {
        for (const message of segmentMarkdown(source, { ...segmentOptionsFor(path), legacyInlineHtml })) current.add(message.msgid);
      }
    }
    this.currentCache.set(path, current);
    return current;
  }

  private source(path: string): string | undefined {
    if (!this.sourceCache.has(path)) this.sourceCache.set(path, this.readSource?.(path));
    return this.sourceCache.get(path);
  }
}

/**
 * Segments one old msgid or msgstr. If it has a reference link whose
 * definition lives elsewhere, the path's definitions are appended and the
 * messages that start after the text itself are dropped again.
 */
function segmentText(text: string, path: string | undefined, definitions: string): Message[] {
  const options = segmentOptionsFor(path);
  if (definitions === "" || !MAY_HAVE_REFERENCE.test(text)) return segmentMarkdown(text, options);
  const lineCount = text.split("\n").length;
  return segmentMarkdown(`${text}\n\n${definitions}\n`, options).filter((message) => message.line <= lineCount);
}

/**
 * One line with no character Markdown gives a meaning to and no list marker:
 * it is its own only message. Most messages are like this, and the check
 * spares parsing them (a catalog has thousands).
 */
export function isPlainText(msgid: string): boolean {
  return (
    msgid !== "" &&
    msgid === msgid.trim() &&
    !/[\n*_`[\]<>#|\\&~]/.test(msgid) &&
    // A leading list or break marker is escaped or changes the block (`-a` is written `\-a`).
    !/^([-+=]|\d+[.)])/.test(msgid)
  );
}

/** Text without Markdown backslash escapes and surrounding white space. */
function plainText(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, "$1").trim();
}

/**
 * Whether the msgid already is a message of today's extractor. A message that
 * re-segments into one message differing only in backslash escapes or
 * surrounding spaces counts as current: such fragments come from a split at
 * inline HTML (`You can use ` before `<kbd>`) or a preprocessor, and "fixing"
 * them would give a msgid no extractor produces.
 */
function isCurrentMessage(entry: PoEntry, sources: SourceIndex): boolean {
  if (isPlainText(entry.msgid) || isVerbatimFragment(entry.msgid)) return true;
  const paths = entry.references.map((reference) => splitReference(reference).path);
  const definitions = paths[0] === undefined ? "" : sources.definitions(paths[0]).msgid;
  const again = segmentText(entry.msgid, paths[0], definitions);
  if (again.length === 1 && plainText(again[0]!.msgid) === plainText(entry.msgid)) return true;
  // Text that splits into several messages is old-style whatever the source says; only look up the rest.
  return again.length <= 1 && paths.some((path) => sources.currentMessages(path).has(entry.msgid));
}

function shiftReferences(references: readonly string[], delta: number): string[] {
  return references.map((reference) => {
    const { path, line } = splitReference(reference);
    return line === undefined ? reference : `${path}:${line + delta}`;
  });
}

/** The new entries one old entry becomes (none if nothing translatable is left). */
function resegment(entry: PoEntry, sources: SourceIndex): PoEntry[] {
  const path = entry.references.length > 0 ? splitReference(entry.references[0]!).path : undefined;
  const definitions = path === undefined ? { msgid: "", msgstr: "" } : sources.definitions(path);
  const ids = segmentText(entry.msgid, path, definitions.msgid);
  if (ids.length === 0) return [];
  const oldMsgstr = entry.msgstr[0] ?? "";
  const strs = oldMsgstr === "" ? [] : segmentText(oldMsgstr, path, definitions.msgstr).map((message) => message.msgid);
  const fuzzy = oldMsgstr !== "" && (isFuzzy(entry) || ids.length !== strs.length);
  if (strs.length > ids.length) {
    // Surplus translation goes, as paragraphs, into the last message (upstream does the same; it keeps the result stable).
    strs.splice(ids.length - 1, strs.length, strs.slice(ids.length - 1).join("\n\n"));
  }
  const otherFlags = entry.flags.filter((flag) => flag !== "fuzzy");
  return ids.map((message, index) => {
    const msgstr = strs[index] ?? "";
    const first = index === 0;
    const result: PoEntry = {
      msgid: message.msgid,
      msgstr: [msgstr],
      translatorComments: first ? [...entry.translatorComments] : [],
      extractedComments: first ? [...entry.extractedComments] : [],
      references: shiftReferences(entry.references, message.line - 1),
      flags: msgstr !== "" && fuzzy ? [...otherFlags, "fuzzy"] : [...otherFlags],
      obsolete: false,
    };
    if (entry.msgctxt !== undefined) result.msgctxt = entry.msgctxt;
    // `#|` describes the old message as a whole; it still fits if it stays one message.
    if (entry.previous && ids.length === 1 && msgstr !== "" && fuzzy) result.previous = entry.previous;
    return result;
  });
}

function appendUnique(target: string[], items: readonly string[]): void {
  for (const item of items) if (!target.includes(item)) target.push(item);
}

/** Folds `later` into `first`, which has the same msgctxt and msgid. */
function mergeInto(first: PoEntry, later: PoEntry): void {
  appendUnique(first.references, later.references);
  appendUnique(first.translatorComments, later.translatorComments);
  appendUnique(first.extractedComments, later.extractedComments);
  if ((first.msgstr[0] ?? "") === "" && (later.msgstr[0] ?? "") !== "") {
    first.msgstr = [...later.msgstr];
    first.flags = [...later.flags];
    if (later.previous) first.previous = later.previous;
  }
}

/**
 * `POT-Creation-Date` plus one minute, in UTC, as upstream marks a normalized
 * catalog; undefined if the date is not in an ISO 8601-like form.
 */
export function advancedCreationDate(value: string): string | undefined {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, zone] = match;
  let offsetMinutes = 0;
  if (zone && zone !== "Z") {
    const digits = zone.replace(":", "");
    offsetMinutes = (digits[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const utc = Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +(second ?? 0)) - offsetMinutes * 60_000 + 60_000;
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) return undefined;
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}+0000`;
}

/**
 * GNU gettext rejects an obsolete entry with the msgid of an active one, and
 * splitting can produce such a pair (`* a\n* b` → `a`, while `#~ msgid "a"`
 * was kept). As msgmerge does with an exact obsolete match, its translation
 * fills an untranslated active entry; then the obsolete copy goes. Returns how
 * many obsolete entries went.
 */
function resolveObsoleteDuplicates(entries: PoEntry[]): number {
  const active = new Map(entries.filter((entry) => !entry.obsolete).map((entry) => [entryKey(entry), entry]));
  const seenObsolete = new Set<string>();
  let removed = 0;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!;
    if (!entry.obsolete) continue;
    const key = entryKey(entry);
    const twin = active.get(key);
    if (twin === undefined && !seenObsolete.has(key)) {
      seenObsolete.add(key);
      continue;
    }
    if (twin && (twin.msgstr[0] ?? "") === "" && (entry.msgstr[0] ?? "") !== "" && twin.msgidPlural === entry.msgidPlural) {
      twin.msgstr = [...entry.msgstr];
      twin.flags = [...twin.flags.filter((flag) => flag !== "fuzzy"), ...(isFuzzy(entry) ? ["fuzzy"] : [])];
    }
    entries.splice(index--, 1);
    removed++;
  }
  return removed;
}

export function normalizeCatalog(catalog: Catalog, options: NormalizeOptions = {}): NormalizeResult {
  const sources = new SourceIndex(catalog.entries, options.readSource);
  const entries: PoEntry[] = [];
  const byKey = new Map<string, PoEntry>();
  let changed = false;
  let resegmented = 0;
  let obsoleted = 0;

  const add = (original: PoEntry): void => {
    // A copy: merging later duplicates into it must not touch the caller's catalog.
    const entry = cloneEntry(original);
    const key = entryKey(entry);
    const first = byKey.get(key);
    if (first) {
      mergeInto(first, entry);
      changed = true;
      return;
    }
    byKey.set(key, entry);
    entries.push(entry);
  };

  for (const entry of catalog.entries) {
    if (entry.obsolete) {
      entries.push(entry);
      continue;
    }
    // Plural messages are never made from Markdown.
    if (entry.msgidPlural !== undefined || isCurrentMessage(entry, sources)) {
      add(entry);
      continue;
    }
    changed = true;
    resegmented++;
    const parts = resegment(entry, sources);
    if (parts.length === 0) {
      // Nothing to translate any more (an HTML tag, say); a translation is kept for reference, not dropped.
      if ((entry.msgstr[0] ?? "") !== "") {
        entries.push({ ...entry, obsolete: true });
        obsoleted++;
      }
      continue;
    }
    for (const part of parts) add(part);
  }

  const superseded = resolveObsoleteDuplicates(entries);
  if (superseded > 0) changed = true;

  const result: Catalog = { ...catalog, headers: catalog.headers.map(([name, value]) => [name, value]), entries };
  if (changed) {
    const date = getHeader(result, "POT-Creation-Date");
    const advanced = date === undefined ? undefined : advancedCreationDate(date);
    if (advanced !== undefined) setHeader(result, "POT-Creation-Date", advanced);
  }
  const active = entries.filter((entry) => !entry.obsolete);
  const stats: NormalizeStats = {
    before: catalog.entries.filter((entry) => !entry.obsolete).length,
    after: active.length,
    kept: active.filter((entry) => !isFuzzy(entry) && entry.msgstr.length > 0 && entry.msgstr.every((s) => s !== "")).length,
    fuzzy: active.filter((entry) => isFuzzy(entry) && (entry.msgstr[0] ?? "") !== "").length,
    resegmented,
    obsoleted,
    superseded,
  };
  return { catalog: result, stats, changed };
}
