/**
 * Plural forms: the Plural-Forms header must parse, its expression must
 * pick a form in 0..nplurals-1, and every plural entry must have exactly
 * nplurals msgstr forms (what `msgfmt -c` checks).
 */
import { getHeader, type Catalog } from "../catalog/types.js";
import type { RawFinding } from "./findings.js";
import { HEADER_LINE } from "./header.js";

export interface PluralForms {
  nplurals: number;
  /** Index of the form for `n`. */
  select(n: number): number;
}

/** Only `n`, integers, C operators and parentheses may appear in a plural expression. */
const SAFE_EXPRESSION = /^[\sn0-9()?:<>=!&|%+\-*/]+$/;

/**
 * Parse `nplurals=N; plural=EXPR;`. Returns an error message when it does not parse.
 *
 * Hand-written: no allowed dependency evaluates gettext plural
 * expressions. They are C expressions over `n`; after the character
 * whitelist above they are also valid JavaScript with the same meaning
 * (booleans count as 0/1).
 */
export function parsePluralForms(value: string): PluralForms | string {
  const nplurals = /(?:^|;)\s*nplurals\s*=\s*(\d+)/.exec(value)?.[1];
  const expression = /(?:^|;)\s*plural\s*=\s*([^;]+)/.exec(value)?.[1]?.trim();
  if (nplurals === undefined) return `Plural-Forms '${value}' has no nplurals=N`;
  if (expression === undefined) return `Plural-Forms '${value}' has no plural=EXPRESSION`;
  const count = Number(nplurals);
  if (count < 1) return `Plural-Forms nplurals=${count} must be at least 1`;
  if (!SAFE_EXPRESSION.test(expression)) return `Plural-Forms expression '${expression}' is not a C expression over n`;
  // C's `/` truncates and JavaScript's does not; no common Plural-Forms uses it.
  if (expression.includes("/")) return `Plural-Forms expression '${expression}' uses division, which pobook does not evaluate`;
  let evaluate: (n: number) => unknown;
  try {
    evaluate = new Function("n", `"use strict"; return (${expression});`) as (n: number) => unknown;
  } catch {
    return `Plural-Forms expression '${expression}' does not parse`;
  }
  const select = (n: number): number => Number(evaluate(n));
  for (const n of [...Array(1000).keys(), 1_000_000]) {
    let form: number;
    try {
      form = select(n);
    } catch {
      return `Plural-Forms expression '${expression}' fails for n=${n}`;
    }
    if (!Number.isInteger(form) || form < 0 || form >= count) {
      return `Plural-Forms expression '${expression}' gives form ${form} for n=${n}, outside 0..${count - 1}`;
    }
  }
  return { nplurals: count, select };
}

export function checkPluralForms(catalog: Catalog): RawFinding[] {
  const plurals = catalog.entries.filter((entry) => !entry.obsolete && entry.msgidPlural !== undefined);
  const header = getHeader(catalog, "Plural-Forms");
  const line = HEADER_LINE;
  if (header === undefined) {
    return plurals.length > 0
      ? [{ line, rule: "plural-forms", message: `catalog has ${plurals.length} plural entries but no Plural-Forms header` }]
      : [];
  }
  const forms = parsePluralForms(header);
  if (typeof forms === "string") return [{ line, rule: "plural-forms", message: forms }];
  return plurals
    .filter((entry) => entry.msgstr.length !== forms.nplurals)
    .map((entry) => ({
      line: entry.line ?? 0,
      rule: "plural-forms" as const,
      message: `entry has ${entry.msgstr.length} msgstr forms, Plural-Forms says nplurals=${forms.nplurals}`,
    }));
}
