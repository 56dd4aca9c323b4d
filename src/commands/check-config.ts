/**
 * Rule severities a book sets for `pobook check`, in book.toml:
 *
 *   [preprocessor.gettext.check]
 *   link-target = "warning"
 *   code-span-style = "off"
 *
 * They live in the gettext preprocessor's table, next to `po-dir`: mdBook
 * 0.5 rejects unknown top-level tables and runs a renderer for every
 * `[output.X]` table, while a preprocessor's table is its own to fill.
 * `--warn`/`--error` on the command line win over these.
 */
import type { BookConfig } from "../book/config.js";
import { isRuleId, RULES, type SeverityOverrides } from "../check/index.js";
import { PobookError } from "../errors.js";

const SEVERITIES = ["error", "warning", "off"] as const;

export function configuredSeverities(config: BookConfig, file: string): SeverityOverrides {
  const preprocessor = config.raw.preprocessor as Record<string, unknown> | undefined;
  const gettext = preprocessor?.gettext as Record<string, unknown> | undefined;
  const table = gettext?.check;
  if (table === undefined) return {};
  if (typeof table !== "object" || table === null || Array.isArray(table)) {
    throw new PobookError("preprocessor.gettext.check must be a table of rule = \"error\" | \"warning\" | \"off\"", { file });
  }
  const overrides: SeverityOverrides = {};
  for (const [rule, severity] of Object.entries(table)) {
    if (!isRuleId(rule)) throw new PobookError(`preprocessor.gettext.check: unknown rule '${rule}' (rules: ${Object.keys(RULES).join(", ")})`, { file });
    if (typeof severity !== "string" || !(SEVERITIES as readonly string[]).includes(severity)) {
      throw new PobookError(`preprocessor.gettext.check.${rule} must be "error", "warning" or "off"`, { file });
    }
    overrides[rule] = severity as (typeof SEVERITIES)[number];
  }
  return overrides;
}
