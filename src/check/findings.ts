/**
 * What a check reports, and the rules it can report under.
 *
 * Every rule has a default severity; `--warn RULE` / `--error RULE` override
 * it per run. Only error-level findings make `pobook check` fail.
 */

export type Severity = "error" | "warning";

export interface Finding {
  /** The PO file as the user named it (`po/xx.po`). */
  file: string;
  /** 1-based line of the entry (or of the header) at fault. */
  line: number;
  rule: RuleId;
  severity: Severity;
  message: string;
}

/** Rule ids with their default severity and a one-line description (for `--help`). */
export const RULES = {
  "code-span": { severity: "error", summary: "inline code spans differ between msgid and msgstr" },
  "code-span-style": { severity: "warning", summary: "the same text marked as code on one side only (a keyword as `if` vs if)" },
  "link-target": { severity: "error", summary: "link destinations differ" },
  "fragment-link": { severity: "error", summary: "a link to #fragment that no heading or id of its page has (needs the book)" },
  "image-target": { severity: "error", summary: "image sources differ" },
  "footnote-ref": { severity: "error", summary: "footnote references differ" },
  "html-tags": { severity: "error", summary: "inline HTML tags differ" },
  emphasis: { severity: "error", summary: "stray emphasis/strong delimiters left as text" },
  "intraword-emphasis": { severity: "warning", summary: "emphasis inside a word kept as `_` (renders literal underscores; needs the book's sources)" },
  "block-structure": { severity: "error", summary: "msgstr of an inline msgid contains a block construct" },
  "single-line": { severity: "warning", summary: "msgstr of a single-line msgid spans several lines" },
  newlines: { severity: "error", summary: "leading/trailing newlines differ" },
  "header-field": { severity: "warning", summary: "header field missing or left at its template value" },
  charset: { severity: "error", summary: "Content-Type charset missing or not UTF-8" },
  "plural-forms": { severity: "error", summary: "Plural-Forms header and plural msgstr counts disagree" },
  "c-format": { severity: "error", summary: "printf directives differ in a c-format entry" },
  "duplicate-msgid": { severity: "error", summary: "two active entries with the same msgctxt and msgid" },
  "msgid-changes": { severity: "error", summary: "msgids edited by hand since REV (--against REV, --msgid-changes REV)" },
  "lost-translations": { severity: "error", summary: "translations REV had are gone or emptied (--against REV)" },
  "mixed-change": { severity: "error", summary: "a template refresh and new translations in one change since REV (--against REV)" },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type RuleId = keyof typeof RULES;

/** Rules that compare a catalog with itself at a git revision: they report only with --against (or --msgid-changes). */
export const REVISION_RULES: readonly RuleId[] = ["msgid-changes", "lost-translations", "mixed-change"];

export function isRuleId(name: string): name is RuleId {
  return Object.hasOwn(RULES, name);
}

/** Per-run severity overrides (`--warn`, `--error`, book.toml's `[preprocessor.gettext.check]`); `off` drops the rule's findings. */
export type SeverityOverrides = Partial<Record<RuleId, Severity | "off">>;

/** A finding before file and severity are known: what a rule function returns. */
export interface RawFinding {
  line: number;
  rule: RuleId;
  message: string;
}

export function resolveFindings(raw: RawFinding[], file: string, overrides: SeverityOverrides = {}): Finding[] {
  const findings: Finding[] = [];
  for (const finding of raw) {
    const severity = overrides[finding.rule] ?? RULES[finding.rule].severity;
    if (severity === "off") continue;
    findings.push({ file, line: finding.line, rule: finding.rule, severity, message: finding.message });
  }
  return findings;
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((finding) => finding.severity === "error");
}
