/**
 * Three-way merge of two catalogs that diverged from a common ancestor (two
 * branches of a repository, a stale volunteer pull request): what a git
 * merge driver for PO files needs. Line-based merging fails on PO files
 * because a template refresh rewraps, moves and re-references every entry.
 *
 * Entries are matched by (msgctxt, msgid), and the result holds the union:
 * - the translation (msgstr and fuzzy flag) follows, in this order: a
 *   translation beats none, a non-fuzzy one beats a fuzzy one, a side that
 *   changed it beats one that left it as in the base; two different
 *   translations of the same standing are a conflict: ours is kept, marked
 *   fuzzy, with theirs in a translator comment (`# merge conflict, their
 *   translation: "..."`), so nothing is lost and a translator decides;
 * - every other field (comments, references, flags, obsolete or not) is
 *   merged the three-way way: a side that changed it wins, ours when both did
 *   (translator comments: both sides' lines);
 * - an entry one side removed (a template refresh that no longer has the
 *   msgid, with --no-obsolete or because msgmerge used it for a fuzzy
 *   match) is dropped only if it has no translation on the other side and
 *   the other side left it as it was; with a translation it is kept as an
 *   obsolete `#~` entry: the remover's set of messages holds, the
 *   translation stays in the file (and `update` revives it if it comes back);
 * - order: ours, with entries only theirs has placed after the entry they
 *   follow in theirs.
 * The header is merged field by field the same way (the later date wins
 * when both sides changed PO-Revision-Date or POT-Creation-Date).
 */
import type { Catalog, PoEntry } from "./types.js";
import { cloneEntry, entryKey, isFuzzy } from "./types.js";

export interface ThreeWayStats {
  /** Entries (active and obsolete) in the result. */
  entries: number;
  /** Entries the result has from theirs only (added there). */
  addedByTheirs: number;
  /** Entries whose translation the result takes from theirs (they changed it, or theirs is the better one). */
  translationsFromTheirs: number;
  /** Both sides translated differently: ours kept as fuzzy, theirs in a comment. */
  conflicts: number;
  /** Entries one side removed that the other side still translates (kept as obsolete) or changed (kept). */
  keptDespiteRemoval: number;
  /** Entries one side removed, untranslated and unchanged on the other: dropped. */
  removed: number;
}

export interface ThreeWayResult {
  catalog: Catalog;
  stats: ThreeWayStats;
  /** Keys of the conflicting entries, in result order. */
  conflicts: Array<{ msgctxt?: string; msgid: string }>;
}

/** The translator-comment prefix that holds the other side's translation of a conflict. */
export const CONFLICT_COMMENT = "merge conflict, their translation";

const ESCAPES: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r", "\\": "\\\\", '"': '\\"' };

/** A msgstr as one comment-safe line: PO string escapes, so no newline ends the comment. */
export function quoteForComment(text: string): string {
  return `"${text.replace(/[\n\t\r\\"]/g, (ch) => ESCAPES[ch]!)}"`;
}

/** The translator comment lines recording `msgstr` as the other side's translation. */
export function conflictComments(msgstr: readonly string[], plural: boolean): string[] {
  return msgstr.map((text, i) => `${CONFLICT_COMMENT}${plural ? ` [${i}]` : ""}: ${quoteForComment(text)}`);
}

type Translation = Pick<PoEntry, "msgstr" | "flags" | "previous">;

/** 0 = no translation, 1 = fuzzy, 2 = translated. */
function standing(entry: PoEntry): number {
  if (entry.msgstr.every((s) => s === "")) return 0;
  return isFuzzy(entry) ? 1 : 2;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const translationOf = (e: PoEntry): unknown => [e.msgstr, isFuzzy(e)];

/** The three-way value of one field: the side that changed it, ours when both did. */
function pick<T>(base: T | undefined, ours: T, theirs: T): T {
  if (same(ours, theirs)) return ours;
  if (base !== undefined && same(ours, base)) return theirs;
  return ours;
}

function mergeComments(base: string[] | undefined, ours: string[], theirs: string[]): string[] {
  if (same(ours, theirs)) return [...ours];
  if (base !== undefined && same(ours, base)) return [...theirs];
  if (base !== undefined && same(theirs, base)) return [...ours];
  return [...ours, ...theirs.filter((line) => !ours.includes(line))];
}

interface EntryOutcome {
  entry: PoEntry;
  fromTheirs: boolean;
  conflict: boolean;
}

function mergeTwo(base: PoEntry | undefined, ours: PoEntry, theirs: PoEntry): EntryOutcome {
  const result = cloneEntry(ours);
  delete result.line;
  result.references = [...pick(base?.references, ours.references, theirs.references)];
  result.extractedComments = [...pick(base?.extractedComments, ours.extractedComments, theirs.extractedComments)];
  result.translatorComments = mergeComments(base?.translatorComments, ours.translatorComments, theirs.translatorComments);
  result.obsolete = pick(base?.obsolete, ours.obsolete, theirs.obsolete);
  const pluralOf = (e: PoEntry | undefined) => (e === undefined ? undefined : (e.msgidPlural ?? null));
  const plural = pick(pluralOf(base), pluralOf(ours)!, pluralOf(theirs)!);
  if (plural === null) delete result.msgidPlural;
  else result.msgidPlural = plural;
  const otherFlags = (e: PoEntry | undefined) => e?.flags.filter((f) => f !== "fuzzy");
  const flags = pick(otherFlags(base), otherFlags(ours)!, otherFlags(theirs)!);

  // The translation, by standing, then by who changed it.
  let chosen: Translation = ours;
  let fromTheirs = false;
  let conflict = false;
  if (!same(translationOf(ours), translationOf(theirs))) {
    const [so, st] = [standing(ours), standing(theirs)];
    if (st > so) [chosen, fromTheirs] = [theirs, true];
    else if (st === so) {
      if (base !== undefined && same(translationOf(ours), translationOf(base))) [chosen, fromTheirs] = [theirs, true];
      else if (base !== undefined && same(translationOf(theirs), translationOf(base))) chosen = ours;
      else if (!same(ours.msgstr, theirs.msgstr)) conflict = true;
      // Same text, one side fuzzy: only possible with equal standing if both are fuzzy or both not; nothing to do.
    }
  }
  result.msgstr = [...chosen.msgstr];
  let fuzzy = chosen.flags.includes("fuzzy");
  if (conflict) {
    fuzzy = true;
    for (const line of conflictComments(theirs.msgstr, theirs.msgidPlural !== undefined)) {
      if (!result.translatorComments.includes(line)) result.translatorComments.push(line);
    }
  }
  result.flags = fuzzy ? ["fuzzy", ...flags] : [...flags];
  const previous = fuzzy ? (chosen.previous ?? (conflict ? theirs.previous : undefined)) : undefined;
  if (previous) result.previous = { ...previous };
  else delete result.previous;
  return { entry: result, fromTheirs, conflict };
}

/** An entry one side removed, as the result keeps it: obsolete if it has a translation (see the module comment). */
function keptDespiteRemoval(entry: PoEntry): PoEntry {
  const copy = cloneEntry(entry);
  delete copy.line;
  if (standing(entry) > 0 && !copy.obsolete) {
    copy.obsolete = true;
    copy.references = [];
    copy.extractedComments = [];
  }
  return copy;
}

/** Whether an entry one side removed may go: nothing translated on the other side, and nothing changed there. */
function mayDrop(base: PoEntry, kept: PoEntry): boolean {
  return standing(kept) === 0 && same({ ...kept, line: 0 }, { ...base, line: 0 });
}

function mergeHeaders(
  base: Catalog["headers"],
  ours: Catalog["headers"],
  theirs: Catalog["headers"],
): Catalog["headers"] {
  const lookup = (headers: Catalog["headers"], name: string) => headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
  const merged: Catalog["headers"] = ours.map(([name, value]) => {
    const other = lookup(theirs, name);
    if (other === undefined) return [name, value];
    const original = lookup(base, name);
    if (value !== other && original !== undefined && value !== original && other !== original && /-date$/i.test(name)) {
      // Both changed a date: the later one (ISO-like dates compare as text).
      return [name, other > value ? other : value];
    }
    return [name, pick(original, value, other)];
  });
  for (const [name, value] of theirs) {
    if (lookup(ours, name) === undefined && lookup(base, name) === undefined) merged.push([name, value]);
  }
  return merged;
}

export function threeWayMerge(base: Catalog, ours: Catalog, theirs: Catalog): ThreeWayResult {
  const index = (catalog: Catalog) => new Map(catalog.entries.map((e) => [entryKey(e), e]));
  const [baseBy, oursBy, theirsBy] = [index(base), index(ours), index(theirs)];
  const stats: ThreeWayStats = { entries: 0, addedByTheirs: 0, translationsFromTheirs: 0, conflicts: 0, keptDespiteRemoval: 0, removed: 0 };
  const conflicts: ThreeWayResult["conflicts"] = [];

  // Entries only theirs has (added there, or removed by ours but still needed), after the entry of ours they follow in theirs.
  const after = new Map<string | undefined, Array<{ entry: PoEntry; added: boolean }>>();
  let previousKey: string | undefined;
  for (const entry of theirs.entries) {
    const key = entryKey(entry);
    if (oursBy.has(key)) {
      previousKey = key;
      continue;
    }
    const original = baseBy.get(key);
    if (original !== undefined && mayDrop(original, entry)) {
      stats.removed++;
      continue;
    }
    const list = after.get(previousKey) ?? [];
    list.push({ entry, added: original === undefined });
    after.set(previousKey, list);
  }

  const entries: PoEntry[] = [];
  const addTheirs = (key: string | undefined) => {
    for (const { entry, added } of after.get(key) ?? []) {
      if (added) {
        const copy = cloneEntry(entry);
        delete copy.line;
        entries.push(copy);
        stats.addedByTheirs++;
      } else {
        entries.push(keptDespiteRemoval(entry));
        stats.keptDespiteRemoval++;
      }
    }
  };
  addTheirs(undefined);
  for (const entry of ours.entries) {
    const key = entryKey(entry);
    const original = baseBy.get(key);
    const other = theirsBy.get(key);
    if (other === undefined) {
      if (original !== undefined && mayDrop(original, entry)) {
        stats.removed++;
      } else if (original !== undefined) {
        entries.push(keptDespiteRemoval(entry));
        stats.keptDespiteRemoval++;
      } else {
        const copy = cloneEntry(entry);
        delete copy.line;
        entries.push(copy);
      }
    } else {
      const outcome = mergeTwo(original, entry, other);
      entries.push(outcome.entry);
      if (outcome.fromTheirs) stats.translationsFromTheirs++;
      if (outcome.conflict) {
        stats.conflicts++;
        conflicts.push(entry.msgctxt === undefined ? { msgid: entry.msgid } : { msgctxt: entry.msgctxt, msgid: entry.msgid });
      }
    }
    addTheirs(key);
  }
  stats.entries = entries.length;

  const header = {
    headerComments: mergeComments(base.headerComments, ours.headerComments, theirs.headerComments),
    headers: mergeHeaders(base.headers, ours.headers, theirs.headers),
    headerFlags: [...pick(base.headerFlags, ours.headerFlags, theirs.headerFlags)],
  };
  return { catalog: { ...header, entries }, stats, conflicts };
}
