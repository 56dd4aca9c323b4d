/**
 * `checkCatalog`: every per-catalog rule family over one parsed catalog.
 * (`msgid-changes` needs a second revision of the file and lives in
 * msgid-changes.ts.)
 */
import type { Catalog } from "../catalog/types.js";
import { checkCFormat } from "./c-format.js";
import { checkDuplicates } from "./duplicates.js";
import { resolveFindings, type Finding, type RawFinding, type SeverityOverrides } from "./findings.js";
import { checkCharset, checkHeaderFields } from "./header.js";
import { checkEntryMarkup } from "./markup.js";
import { localisationContext } from "./localisation.js";
import { checkPluralForms } from "./plural-forms.js";
import { checkFragmentLinks } from "./fragment-links.js";

/**
 * `sourceLanguage`: the book's (`[book] language`), the language links point to in msgids.
 * `fragments`: each chapter's anchors (src/book/chapter-anchors.ts), for `fragment-link`; read only when an entry needs them.
 */
export function checkCatalog(catalog: Catalog, file: string, overrides: SeverityOverrides = {}, sourceLanguage = "en", fragments?: () => ReadonlyMap<string, ReadonlySet<string>> | undefined): Finding[] {
  const context = localisationContext(catalog, sourceLanguage);
  const raw: RawFinding[] = [
    ...checkHeaderFields(catalog),
    ...checkCharset(catalog),
    ...checkPluralForms(catalog),
    ...checkDuplicates(catalog),
  ];
  for (const entry of catalog.entries) {
    raw.push(...checkCFormat(entry), ...checkEntryMarkup(entry, context));
    if (fragments !== undefined && overrides["fragment-link"] !== "off" && entry.msgstr.some((msgstr) => msgstr.includes("#"))) {
      const pages = fragments();
      if (pages !== undefined) raw.push(...checkFragmentLinks(entry, pages));
    }
  }
  return sortFindings(resolveFindings(raw, file, overrides));
}

/** Line order; rules in a stable order within a line. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}

export { RULES, hasErrors, isRuleId, type Finding, type RuleId, type Severity, type SeverityOverrides } from "./findings.js";
