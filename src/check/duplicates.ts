/**
 * Duplicate msgids: two active entries with the same msgctxt + msgid.
 * gettext keys translations by that pair, so one of the two is silently
 * lost (msgfmt refuses the catalog).
 */
import { entryKey, type Catalog } from "../catalog/types.js";
import type { RawFinding } from "./findings.js";

export function checkDuplicates(catalog: Catalog): RawFinding[] {
  const firstLine = new Map<string, number>();
  const findings: RawFinding[] = [];
  for (const entry of catalog.entries) {
    if (entry.obsolete) continue;
    const key = entryKey(entry);
    const line = entry.line ?? 0;
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, line);
    else findings.push({ line, rule: "duplicate-msgid", message: `duplicate of the entry at line ${first}` });
  }
  return findings;
}
