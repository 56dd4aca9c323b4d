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
