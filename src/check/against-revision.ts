/**
 * `check --against REV`: a catalog compared with itself at an earlier git
 * revision, entry by entry (never line by line), for what review of a
 * catalog change must catch:
 *
 * - lost-translations: translations the old revision had that the catalog
 *   no longer carries anywhere (not under the same msgid, not moved to a new
 *   msgid by a fuzzy match);
 * - msgid-changes: msgids edited by hand. A msgid is the sources' text, so a
 *   new msgid that is neither in the template nor in the old catalog, while
 *   an old entry with the same msgstr or referenced files vanished, was typed into
 *   the catalog. Without a template the POT-Creation-Date tells a template
 *   refresh (date moved: new msgids expected) from hand edits;
 * - mixed-change: one change that both refreshes the template and adds
 *   translations, which reviewers cannot tell apart.
 *
 * Pure: both revisions and the template come in parsed.
 */
import { entryKey, getHeader, isTranslated, type Catalog, type PoEntry } from "../catalog/types.js";
import type { RawFinding } from "./findings.js";
import { HEADER_LINE } from "./header.js";
import { checkMsgidChanges } from "./msgid-changes.js";

export interface RevisionInputs {
  /** The catalog at the revision (`git show REV:po/xx.po`). */
  before: Catalog;
  /** The catalog now. */
  after: Catalog;
  /** The revision as the user named it, for messages. */
  revision: string;
  /** The book's current template, when there is one; called only when a new msgid needs it. */
  template?: () => Catalog | undefined;
}

/** Below this many msgids added plus removed, an unchanged POT-Creation-Date means no refresh (msgmerge and pobook update always move it). */
export const REFRESH_MSGID_CHANGES = 10;

export function checkAgainstRevision(inputs: RevisionInputs): RawFinding[] {
  const edits = handEdits(inputs);
  return [...lostTranslations(inputs), ...msgidChanges(inputs, edits, true), ...mixedChange(inputs, new Set(edits.map(({ entry }) => entry)))];
}

const active = (catalog: Catalog): PoEntry[] => catalog.entries.filter((entry) => !entry.obsolete);
const msgstrText = (entry: PoEntry): string => entry.msgstr.join("\u0000");
const hasMsgstr = (entry: PoEntry): boolean => entry.msgstr.some((text) => text !== "");

export function lostTranslations({ before, after, revision }: RevisionInputs): RawFinding[] {
  const oldKeys = new Set(before.entries.map(entryKey));
  // A translation survives under its msgid (any state, obsolete too) or carried to a new msgid (msgmerge's fuzzy match).
  const keptUnder = new Set(after.entries.filter(hasMsgstr).map(entryKey));
  const carried = new Set(after.entries.filter((entry) => hasMsgstr(entry) && !oldKeys.has(entryKey(entry))).map(msgstrText));
  const translatedBefore = active(before).filter(isTranslated);
  const lost = translatedBefore.filter((entry) => !keptUnder.has(entryKey(entry)) && !carried.has(msgstrText(entry)));
  // A fuzzy match a translator then translated anew (and un-fuzzied, dropping `#|`): each new translated msgid excuses one vanished entry of its files.
  const newKeys = new Set(after.entries.map(entryKey));
  const vanished = new Candidates(lost.filter((entry) => !newKeys.has(entryKey(entry))));
  const excused = new Set<PoEntry>();
  for (const entry of active(after)) {
    if (!isTranslated(entry) || oldKeys.has(entryKey(entry))) continue;
    const original = vanished.take(entry, false);
    if (original !== undefined) excused.add(original);
  }
  if (excused.size > 0) lost.splice(0, lost.length, ...lost.filter((entry) => !excused.has(entry)));
  if (lost.length === 0) return [];
  const translatedAfter = active(after).filter(isTranslated).length;
  const first = lost[0]!;
  return [
    {
      line: HEADER_LINE,
      rule: "lost-translations",
      message:
        `${lost.length} translation${lost.length === 1 ? "" : "s"} of ${revision} lost (translated messages ${translatedBefore.length} → ${translatedAfter}): ` +
        `gone or emptied, first ${JSON.stringify(shorten(first.msgid))} (line ${first.line ?? "?"} at ${revision})`,
    },
  ];
}

export interface HandEdit {
  /** The entry now, with the msgid that is not from the sources. */
  entry: PoEntry;
  /** The entry at the revision it was edited from. */
  original: PoEntry;
  /** How it was told: the template lacks the msgid, or (no template) POT-Creation-Date did not move. */
  evidence: "template" | "pot-creation-date";
}

/** Entries whose msgid was edited by hand, each paired with the old entry it came from. */
export function handEdits(inputs: RevisionInputs): HandEdit[] {
  const { before, after } = inputs;
  const oldKeys = new Set(before.entries.map(entryKey));
  const candidates = active(after).filter((entry) => !oldKeys.has(entryKey(entry)));
  if (candidates.length === 0) return [];
  const template = inputs.template?.();
  const dateMoved = getHeader(before, "POT-Creation-Date") !== getHeader(after, "POT-Creation-Date");
  // Without a template, new msgids after a refresh are expected: only the date can say there was none.
  if (template === undefined && dateMoved) return [];
  const templateKeys = new Set(template?.entries.filter((entry) => !entry.obsolete).map(entryKey) ?? []);
  const newKeys = new Set(after.entries.map(entryKey));
  const vanished = new Candidates(active(before).filter((entry) => !newKeys.has(entryKey(entry))));
  const edits: HandEdit[] = [];
  for (const entry of candidates) {
    if (templateKeys.has(entryKey(entry))) continue;
    const original = vanished.take(entry, true);
    if (original === undefined) continue;
    edits.push({ entry, original, evidence: template === undefined ? "pot-creation-date" : "template" });
  }
  return edits;
}

/**
 * `onlyAdded`: say nothing of msgids that were only removed (with --against,
 * lost-translations reports what that loses).
 */
export function msgidChanges(inputs: RevisionInputs, edits = handEdits(inputs), onlyAdded = false): RawFinding[] {
  const { before, after, revision } = inputs;
  if (edits.length === 0) {
    // handEdits read the template only if a msgid is new; reading it here for none would extract a whole book.
    const oldKeys = new Set(before.entries.map(entryKey));
    const anyNew = active(after).some((entry) => !oldKeys.has(entryKey(entry)));
    if (onlyAdded && !anyNew) return [];
    if (anyNew && inputs.template?.() !== undefined) return [];
    // Without a template, msgids added or dropped with the date kept: the catalog-level rule still says so.
    return checkMsgidChanges(before, after, revision);
  }
  return edits.map(({ entry, original, evidence }) => ({
    line: entry.line ?? HEADER_LINE,
    rule: "msgid-changes",
    message: `msgid edited by hand (${evidence === "template" ? "not in the template" : `POT-Creation-Date unchanged since ${revision}`}): was ${JSON.stringify(shorten(original.msgid))} (line ${original.line ?? "?"} at ${revision}), now ${JSON.stringify(shorten(entry.msgid))}; msgids must come from the sources via 'pobook update'`,
  }));
}

/** Old entries that vanished, indexed by translation and by referenced files; each can be taken once. */
class Candidates {
  private readonly byTranslation = new Map<string, PoEntry[]>();
  private readonly byFiles = new Map<string, PoEntry[]>();
  private readonly taken = new Set<PoEntry>();

  constructor(entries: readonly PoEntry[]) {
    for (const entry of entries) {
      if (hasMsgstr(entry)) push(this.byTranslation, msgstrText(entry), entry);
      if (entry.references.length > 0) push(this.byFiles, referencedFiles(entry), entry);
    }
  }

  /** The vanished entry `entry` was edited from: the same translation (when `byTranslation`), else the same files and the most similar msgid. */
  take(entry: PoEntry, byTranslation: boolean): PoEntry | undefined {
    let found: PoEntry | undefined;
    if (byTranslation && hasMsgstr(entry)) found = this.byTranslation.get(msgstrText(entry))?.find((old) => !this.taken.has(old));
    if (found === undefined && entry.references.length > 0) {
      let bestScore = -1;
      for (const old of this.byFiles.get(referencedFiles(entry)) ?? []) {
        if (this.taken.has(old)) continue;
        const score = sharedEnds(old.msgid, entry.msgid);
        if (score > bestScore) [found, bestScore] = [old, score];
      }
    }
    if (found !== undefined) this.taken.add(found);
    return found;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** The files an entry's references name, without line numbers (which move with any edit above, and with `granularity`). */
function referencedFiles(entry: PoEntry): string {
  return [...new Set(entry.references.map((reference) => reference.replace(/:\d+$/, "")))].sort().join(" ");
}

/** Characters the two texts share at their start plus at their end: a cheap similarity for picking among candidates. */
function sharedEnds(a: string, b: string): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return start + end;
}

/**
 * What `pobook update` may change on its own when it clears a fuzzy entry
 * (whitespace, link destinations, inline code): two texts equal in this
 * shape differ by such a change only, not by a translator's work.
 */
function refreshShape(text: string): string {
  return text
    .replace(/`[^`]*`/g, "``")
    .replace(/\]\([^)]*\)/g, "]()")
    .replace(/\s+/g, "");
}

/** `handEdited`: entries msgid-changes reports; a msgid typed over is not translation work. */
export function mixedChange({ before, after, revision }: RevisionInputs, handEdited: ReadonlySet<PoEntry> = new Set()): RawFinding[] {
  const oldDate = getHeader(before, "POT-Creation-Date");
  const newDate = getHeader(after, "POT-Creation-Date");
  const oldKeys = new Set(active(before).map(entryKey));
  const newKeys = new Set(active(after).map(entryKey));
  const added = [...newKeys].filter((key) => !oldKeys.has(key)).length;
  const removed = [...oldKeys].filter((key) => !newKeys.has(key)).length;
  const refreshed = oldDate !== newDate || added + removed >= REFRESH_MSGID_CHANGES;
  if (!refreshed) return [];
  const translatedBefore = new Map(active(before).filter(isTranslated).map((entry) => [entryKey(entry), msgstrText(entry)]));
  const refreshShapes = new Set(before.entries.filter(hasMsgstr).map((entry) => `${refreshShape(entry.msgid)}\u0000${refreshShape(msgstrText(entry))}`));
  const translations = active(after).filter(
    (entry) =>
      isTranslated(entry) &&
      !handEdited.has(entry) &&
      translatedBefore.get(entryKey(entry)) !== msgstrText(entry) &&
      !refreshShapes.has(`${refreshShape(entry.msgid)}\u0000${refreshShape(msgstrText(entry))}`),
  );
  if (translations.length === 0) return [];
  const refresh = oldDate !== newDate ? `POT-Creation-Date ${oldDate ?? "absent"} → ${newDate ?? "absent"}` : `${added} msgids added, ${removed} removed`;
  return [
    {
      line: translations[0]!.line ?? HEADER_LINE,
      rule: "mixed-change",
      message:
        `since ${revision} this catalog both had its template refreshed (${refresh}) and got ${translations.length} new or changed translation${translations.length === 1 ? "" : "s"} (the first here): ` +
        `commit the 'pobook update' on its own so the translations can be reviewed`,
    },
  ];
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
