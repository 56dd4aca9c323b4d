/**
 * `intraword-emphasis`: a translation pobook cannot make render as written.
 * The source's `x*n*th` (emphasis opening inside a word) is `x_n_th` in the
 * msgid, mdbook-xgettext's form; a msgstr keeping that `_` renders literal
 * underscores, and no rewrite can help, since no `_` opens inside a word.
 * (Where the `_` can open, as in `_n_th`, translate writes `*` for it.)
 * A literal `snake_case_name` looks the same in a catalog, so the rule needs
 * the book's sources: it reports only msgids whose source has such emphasis.
 */
import type { Catalog, PoEntry } from "../catalog/types.js";
import { emphasisLoss, intrawordUnderscorePairs } from "../translate/emphasis.js";
import type { RawFinding } from "./findings.js";

/** Translated entries whose msgid and msgstr both have a `_` pair opening inside a word. */
export function intrawordCandidates(catalog: Catalog): PoEntry[] {
  return catalog.entries.filter((entry) => {
    if (entry.obsolete || entry.flags.includes("fuzzy")) return false;
    const msgstr = entry.msgstr[0] ?? "";
    return msgstr !== "" && intrawordUnderscorePairs(entry.msgid).length > 0 && intrawordUnderscorePairs(msgstr).length > 0;
  });
}

/** `sourcesOf(msgid)`: the source text of each place the book yields the msgid. */
export function checkIntrawordEmphasis(candidates: readonly PoEntry[], sourcesOf: (msgid: string) => readonly string[]): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const entry of candidates) {
    const msgstr = entry.msgstr[0]!;
    if (!sourcesOf(entry.msgid).some((source) => emphasisLoss(source, entry.msgid, msgstr) !== undefined)) continue;
    const pairs = intrawordUnderscorePairs(msgstr);
    const starred = pairs.map((pair) => pair.replace(/^_+/, (run) => "*".repeat(run.length)).replace(/_+$/, (run) => "*".repeat(run.length)));
    findings.push({
      line: entry.line ?? 0,
      rule: "intraword-emphasis",
      message: `the source has emphasis inside a word, which the msgid writes with \`_\`; the msgstr's ${pairs.map((pair) => `'${pair}'`).join(", ")} renders literal underscores: write ${starred.map((pair) => `'${pair}'`).join(", ")}`,
    });
  }
  return findings;
}
