/** Rendering of check findings: one `FILE:LINE: rule: message` line each, or JSON. */
import type { Finding } from "./findings.js";

export function formatFinding(finding: Finding): string {
  const severity = finding.severity === "warning" ? " (warning)" : "";
  return `${finding.file}:${finding.line}: ${finding.rule}: ${finding.message}${severity}`;
}

export function summarizeFindings(findings: Finding[], catalogs: number): string {
  const errors = findings.filter((finding) => finding.severity === "error").length;
  const warnings = findings.length - errors;
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;
  return `${plural(catalogs, "catalog")} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

export function findingsToJson(findings: Finding[], catalogs: number): string {
  const errors = findings.filter((finding) => finding.severity === "error").length;
  return `${JSON.stringify({ catalogs, errors, warnings: findings.length - errors, findings }, null, 2)}\n`;
}

/** `%`, CR and LF are escaped in an annotation's message; `:` and `,` too in its properties (GitHub's workflow command syntax). */
function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

/** One GitHub Actions workflow command per finding (`::error file=po/fr.po,line=123,title=rule::message`), shown on the pull request's diff. */
export function findingsToGithub(findings: Finding[]): string {
  return findings
    .map((finding) => `::${finding.severity} file=${escapeProperty(finding.file)},line=${finding.line},title=${escapeProperty(`pobook check: ${finding.rule}`)}::${escapeData(finding.message)}\n`)
    .join("");
}
