/**
 * Header rules: the fields gettext tools expect (the list `msgfmt -c`
 * checks) and the charset, which pobook requires to be UTF-8 because it
 * reads and writes every catalog as UTF-8.
 */
import { getHeader, type Catalog } from "../catalog/types.js";
import type { RawFinding } from "./findings.js";

/** Fields msgfmt -c requires, with the template value msginit/xgettext leave in them. */
const REQUIRED_FIELDS: Array<[name: string, templateValue: string | undefined]> = [
  ["Project-Id-Version", "PACKAGE VERSION"],
  ["PO-Revision-Date", "YEAR-MO-DA"],
  ["Last-Translator", "FULL NAME"],
  ["Language-Team", "LANGUAGE"],
  ["MIME-Version", undefined],
  ["Content-Type", "text/plain; charset=CHARSET"],
  ["Content-Transfer-Encoding", "ENCODING"],
  ["Language", undefined],
];

/**
 * The line of the header entry. Like an entry's line it is the entry's
 * first line (its comments included), and the header is the first entry
 * of every catalog that gettext or pobook wrote.
 */
export const HEADER_LINE = 1;

export function checkHeaderFields(catalog: Catalog): RawFinding[] {
  const line = HEADER_LINE;
  if (catalog.headers.length === 0) {
    return [{ line, rule: "header-field", message: "catalog has no header entry (msgid \"\")" }];
  }
  const findings: RawFinding[] = [];
  for (const [name, templateValue] of REQUIRED_FIELDS) {
    const value = getHeader(catalog, name);
    if (value === undefined) {
      findings.push({ line, rule: "header-field", message: `header field '${name}' is missing` });
    } else if (name === "Language" && value.trim() === "") {
      findings.push({ line, rule: "header-field", message: "header field 'Language' is empty" });
    } else if (templateValue !== undefined && value.startsWith(templateValue)) {
      findings.push({ line, rule: "header-field", message: `header field '${name}' still has its template value '${value}'` });
    }
  }
  return findings;
}

export function checkCharset(catalog: Catalog): RawFinding[] {
  const line = HEADER_LINE;
  const contentType = getHeader(catalog, "Content-Type");
  if (contentType === undefined) {
    return [{ line, rule: "charset", message: "no Content-Type header: charset unknown (pobook needs charset=UTF-8)" }];
  }
  const charset = /charset\s*=\s*([^\s;]+)/i.exec(contentType)?.[1];
  if (charset === undefined) {
    return [{ line, rule: "charset", message: `Content-Type '${contentType}' names no charset (pobook needs charset=UTF-8)` }];
  }
  if (!/^utf-?8$/i.test(charset)) {
    return [{ line, rule: "charset", message: `charset '${charset}' is not UTF-8: pobook reads and writes catalogs as UTF-8` }];
  }
  return [];
}
