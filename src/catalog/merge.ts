/**
 * Merge a new template into an existing catalog, with GNU msgmerge --previous
 * semantics (msgmerge.c: match_domain / message_merge):
 * - a template msgid found in the old catalog (active or obsolete) keeps its
 *   msgstr, fuzzy flag and translator comments; references, extracted
 *   comments and other flags come from the template;
 * - otherwise the most similar translated old message (fuzzy-match.ts) lends
 *   its msgstr, marked fuzzy, with its msgid as `#| msgid`;
 * - otherwise the entry comes untranslated from the template;
 * - old messages no entry used become obsolete, at the end, in old order.
 * The header keeps every field and order; only POT-Creation-Date is taken
 * from the template (GNU also re-sorts the header fields; we don't rewrite them).
 */
import type { Catalog, PoEntry, PreviousMessage } from "./types.js";
import { cloneEntry, entryKey, getHeader, isFuzzy } from "./types.js";
import { FuzzyIndex, type FuzzyIndexOptions } from "./fuzzy-match.js";
import { pluralCount } from "./plural-forms.js";
import { messageFamily } from "./message-kind.js";
import { carryTrivialChange } from "./trivial-change.js";

export interface MergeOptions {
  /** Look for similar old messages for new msgids (msgmerge's default; --no-fuzzy-matching turns it off). */
  fuzzyMatching?: boolean;
  /** Keep unused old messages as obsolete `#~` entries (--no-obsolete drops them). */
  keepObsolete?: boolean;
  /**
   * Fuzzy-match only within a family of messages (prose, code comments, code
   * strings, whole code blocks: message-kind.ts), unlike GNU. Off by default (GNU's result).
   */
  separateKinds?: boolean;
  /**
   * Do not mark fuzzy a match whose msgid changed only in whitespace, link
   * destinations or code spans: carry the change over to the translation
   * (trivial-change.ts). Off by default (GNU's result).
   */
  autoClear?: boolean;
  /** Speed/agreement trade-off of the fuzzy search (defaults are tuned on Comprehensive Rust). */
  fuzzyIndex?: FuzzyIndexOptions;
}

/** How `pobook update` (and `stats`, predicting it) merges, beyond GNU's defaults. */
export const UPDATE_MERGE_OPTIONS = { separateKinds: true, autoClear: true } as const satisfies MergeOptions;

export interface MergeStats {
  /** Template entries found with the same msgid (and context) in the old catalog. */
  kept: number;
  /** New entries that got a similar old translation, marked fuzzy. */
  fuzzy: number;
  /** New entries left untranslated. */
  new: number;
  /** Translated old entries that the template no longer has (kept as #~, or dropped with keepObsolete: false). */
  obsolete: number;
  /** Similar old translations taken over without fuzzy, their msgid's change being trivial (autoClear). */
  autoCleared: number;
  /** New entries whose most similar old message was of another kind, so not used (separateKinds). */
  refusedCrossKind: number;
}

/** What happened to one template entry that was not found as it is (for reports and reviews). */
export interface FuzzyEvent {
  msgid: string;
  /** The old msgid whose translation was used, or (refused) that GNU would have used. */
  from: string;
  outcome: "fuzzy" | "auto-cleared" | "refused";
  /** For refused matches: the old message that was used instead, if any. */
  instead?: string;
}

export interface MergeResult {
  catalog: Catalog;
  stats: MergeStats;
  /** Every fuzzy match, auto-clear and refusal, in template order. */
  events: FuzzyEvent[];
}

function copyEntry(entry: PoEntry): PoEntry {
  const copy = cloneEntry(entry);
  delete copy.line;
  return copy;
}

function withoutFuzzy(flags: readonly string[]): string[] {
  return flags.filter((flag) => flag !== "fuzzy");
}

/** message_merge: the template entry `ref` filled from the old entry `def`. */
function mergeEntry(def: PoEntry, ref: PoEntry, forceFuzzy: boolean, nplurals: number): PoEntry {
  let fuzzy = isFuzzy(def) || forceFuzzy;
  let msgstr = [...def.msgstr];
  // The previous msgid is what the translation was made for: a fuzzy entry's own
  // `#|` if it has one, else (a match made now) the old msgid, so no fuzzy entry is left without one.
  const previous: PreviousMessage | undefined =
    isFuzzy(def) && def.previous
      ? { ...def.previous }
      : isFuzzy(def) && !forceFuzzy
        ? undefined
        : { msgctxt: def.msgctxt, msgid: def.msgid, msgidPlural: def.msgidPlural };
  if (ref.msgidPlural !== def.msgidPlural) fuzzy = true;
  if (ref.msgidPlural !== undefined && def.msgidPlural === undefined) {
    msgstr = Array.from({ length: nplurals }, () => def.msgstr[0] ?? "");
  } else if (ref.msgidPlural === undefined && def.msgidPlural !== undefined) {
    msgstr = [def.msgstr[0] ?? ""];
  }
  const result: PoEntry = {
    msgid: ref.msgid,
    msgstr,
    translatorComments: [...def.translatorComments],
    extractedComments: [...ref.extractedComments],
    references: [...ref.references],
    flags: fuzzy ? ["fuzzy", ...withoutFuzzy(ref.flags)] : withoutFuzzy(ref.flags),
    obsolete: false,
  };
  if (ref.msgctxt !== undefined) result.msgctxt = ref.msgctxt;
  if (ref.msgidPlural !== undefined) result.msgidPlural = ref.msgidPlural;
  if (fuzzy && (msgstr[0] ?? "") !== "" && previous) {
    const kept = Object.fromEntries(Object.entries(previous).filter(([, v]) => v !== undefined)) as PreviousMessage;
    if (Object.keys(kept).length > 0) result.previous = kept;
  }
  return result;
}

/**
 * The translation of `def` carried over to `merged`'s msgid when only
 * whitespace, link destinations or code spans changed; undefined otherwise
 * (and always for a translation that was fuzzy already, or plural messages).
 */
function autoClearable(def: PoEntry, merged: PoEntry): string | undefined {
  if (isFuzzy(def) || def.msgidPlural !== undefined || merged.msgidPlural !== undefined) return undefined;
  if (def.msgctxt !== merged.msgctxt || def.msgstr.length !== 1) return undefined;
  return carryTrivialChange(def.msgid, merged.msgid, def.msgstr[0]!, { exactWhitespace: messageFamily(merged) !== "text" });
}

/** The old header with the template's POT-Creation-Date. */
function mergeHeader(old: Catalog, template: Catalog): Pick<Catalog, "headerComments" | "headers" | "headerFlags"> {
  if (old.headers.length === 0 && old.headerComments.length === 0 && old.headerFlags.length === 0) {
    return {
      headerComments: [...template.headerComments],
      headers: template.headers.map(([n, v]) => [n, v] as [string, string]),
      headerFlags: [...template.headerFlags],
    };
  }
  const headers = old.headers.map(([n, v]) => [n, v] as [string, string]);
  const date = getHeader(template, "POT-Creation-Date");
  if (date !== undefined) {
    const existing = headers.find(([name]) => name.toLowerCase() === "pot-creation-date");
    if (existing) existing[1] = date;
    else {
      // Where GNU puts it: after Project-Id-Version (and Report-Msgid-Bugs-To).
      let at = 0;
      headers.forEach(([name], i) => {
        if (["project-id-version", "report-msgid-bugs-to"].includes(name.toLowerCase())) at = i + 1;
      });
      headers.splice(at, 0, ["POT-Creation-Date", date]);
    }
  }
  return { headerComments: [...old.headerComments], headers, headerFlags: [...old.headerFlags] };
}

export function mergeCatalog(old: Catalog, template: Catalog, options: MergeOptions = {}): MergeResult {
  const fuzzyMatching = options.fuzzyMatching ?? true;
  const keepObsolete = options.keepObsolete ?? true;
  const nplurals = pluralCount(getHeader(old, "Plural-Forms"));
  const stats: MergeStats = { kept: 0, fuzzy: 0, new: 0, obsolete: 0, autoCleared: 0, refusedCrossKind: 0 };
  const events: FuzzyEvent[] = [];

  const byKey = new Map<string, number>();
  old.entries.forEach((entry, i) => byKey.set(entryKey(entry), i));
  const used = new Uint8Array(old.entries.length);

  // Fuzzy candidates: every old message with a translation, obsolete and fuzzy ones included (as GNU).
  const translated = old.entries.map((entry, i) => ({ entry, i })).filter(({ entry }) => (entry.msgstr[0] ?? "") !== "");
  let index: FuzzyIndex | undefined;
  // Per family: the old translated messages of that family, as indexes into `translated`.
  const families = new Map<string, { members: number[]; index?: FuzzyIndex }>();
  if (options.separateKinds) {
    translated.forEach(({ entry }, k) => {
      const family = messageFamily(entry);
      let group = families.get(family);
      if (!group) families.set(family, (group = { members: [] }));
      group.members.push(k);
    });
  }
  const searchFamily = (ref: PoEntry): number => {
    const group = families.get(messageFamily(ref));
    if (!group) return -1;
    group.index ??= new FuzzyIndex(
      group.members.map((k) => translated[k]!.entry),
      options.fuzzyIndex,
    );
    const found = group.index.search(ref.msgctxt, ref.msgid);
    return found < 0 ? -1 : group.members[found]!;
  };

  const entries: PoEntry[] = [];
  for (const ref of template.entries) {
    if (ref.obsolete) continue;
    const exact = byKey.get(entryKey(ref));
    if (exact !== undefined) {
      entries.push(mergeEntry(old.entries[exact]!, ref, false, nplurals));
      used[exact] = 1;
      stats.kept++;
      continue;
    }
    if (fuzzyMatching && translated.length > 0) {
      index ??= new FuzzyIndex(
        translated.map(({ entry }) => entry),
        options.fuzzyIndex,
      );
      let found = index.search(ref.msgctxt, ref.msgid);
      if (found >= 0 && options.separateKinds && messageFamily(translated[found]!.entry) !== messageFamily(ref)) {
        const refused = translated[found]!.entry.msgid;
        found = searchFamily(ref);
        stats.refusedCrossKind++;
        const event: FuzzyEvent = { msgid: ref.msgid, from: refused, outcome: "refused" };
        if (found >= 0) event.instead = translated[found]!.entry.msgid;
        events.push(event);
      }
      if (found >= 0) {
        const { entry, i } = translated[found]!;
        const merged = mergeEntry(entry, ref, true, nplurals);
        used[i] = 1;
        const carried = options.autoClear ? autoClearable(entry, merged) : undefined;
        if (carried !== undefined) {
          merged.msgstr = [carried];
          merged.flags = withoutFuzzy(merged.flags);
          delete merged.previous;
          stats.autoCleared++;
        } else {
          stats.fuzzy++;
        }
        events.push({ msgid: ref.msgid, from: entry.msgid, outcome: carried !== undefined ? "auto-cleared" : "fuzzy" });
        entries.push(merged);
        continue;
      }
    }
    const copy = copyEntry(ref);
    const untranslated = copy.msgstr.every((s) => s === "");
    if (copy.msgidPlural !== undefined && untranslated) copy.msgstr = Array.from({ length: nplurals }, () => "");
    if (!isFuzzy(copy) || untranslated) delete copy.previous;
    entries.push(copy);
    stats.new++;
  }

  old.entries.forEach((entry, i) => {
    if (used[i]) return;
    const translatedEntry = (entry.msgstr[0] ?? "") !== "";
    if (!entry.obsolete && translatedEntry) stats.obsolete++;
    // GNU writes no obsolete entry without a translation.
    if (!keepObsolete || !translatedEntry) return;
    const obsolete = copyEntry(entry);
    obsolete.obsolete = true;
    obsolete.extractedComments = [];
    obsolete.references = [];
    entries.push(obsolete);
  });

  return { catalog: { ...mergeHeader(old, template), entries }, stats, events };
}
