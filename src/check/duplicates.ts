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

/**
 * The first line of the entry whose `msgid` keyword is on `msgidLine`: the
 * comment lines and `msgctxt` (with its continuation strings) above it.
 * The reader names a duplicate by its msgid line; findings name entries by
 * their first line.
 */
export function entryStartLine(text: string, msgidLine: number): number {
  const lines = text.split("\n");
  let start = msgidLine; // 1-based
  const above = (): string | undefined => (start >= 2 ? lines[start - 2] : undefined);
  // msgctxt "..." possibly continued by string lines.
  let probe = start;
  while (probe >= 2 && /^\s*"/.test(lines[probe - 2]!)) probe -= 1;
  if (probe >= 2 && /^msgctxt\b/.test(lines[probe - 2]!)) start = probe - 1;
  while (above() !== undefined && /^#(?!~)/.test(above()!)) start -= 1;
  return start;
}
