/**
 * msgid-changes: msgids come from the book's sources through `pobook
 * update` (or msgmerge), which also moves POT-Creation-Date. A catalog
 * whose msgids changed while that date did not was edited by hand: its
 * msgids no longer match the sources and those translations are lost.
 */
import { entryKey, getHeader, type Catalog } from "../catalog/types.js";
import type { RawFinding } from "./findings.js";
import { HEADER_LINE } from "./header.js";

export function checkMsgidChanges(before: Catalog, after: Catalog, base: string): RawFinding[] {
  const activeKeys = (catalog: Catalog): Set<string> =>
    new Set(catalog.entries.filter((entry) => !entry.obsolete).map((entry) => entryKey(entry)));
  const oldKeys = activeKeys(before);
  const newKeys = activeKeys(after);
  const added = after.entries.filter((entry) => !entry.obsolete && !oldKeys.has(entryKey(entry)));
  const removed = [...oldKeys].filter((key) => !newKeys.has(key));
  if (added.length === 0 && removed.length === 0) return [];

  const oldDate = getHeader(before, "POT-Creation-Date");
  const newDate = getHeader(after, "POT-Creation-Date");
  if (oldDate !== newDate) return [];

  const example = added[0];
  const line = example?.line ?? HEADER_LINE;
  const counts = `${added.length} added, ${removed.length} removed`;
  const sample = example !== undefined ? `, first new msgid ${JSON.stringify(shorten(example.msgid))}` : "";
  return [
    {
      line,
      rule: "msgid-changes",
      message: `msgids changed since ${base} (${counts}${sample}) but POT-Creation-Date is still ${oldDate ?? "absent"}: msgids must come from the sources via 'pobook update', not be edited`,
    },
  ];
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
