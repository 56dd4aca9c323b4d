/**
 * c-format: in an entry flagged `c-format`, every translation must consume
 * the same printf arguments as the msgid (`msgfmt -c` rejects a catalog
 * otherwise, and the program would crash or print garbage).
 */
import type { PoEntry } from "../catalog/types.js";
import type { RawFinding } from "./findings.js";

/** One printf conversion: `%[n$][flags][width][.precision][length]conversion`. */
const DIRECTIVE = /%(?:(\d+)\$)?[-+ #0']*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d+))?(?:hh|h|ll|l|L|q|j|z|Z|t)?([diouxXeEfFgGaAcCsSpnm%])?/g;

/** Argument number → conversion letter, e.g. `%s %d` → 1:s, 2:d. `%%` takes no argument. */
export function printfArguments(format: string): Map<number, string> | string {
  const args = new Map<number, string>();
  let next = 1;
  for (const match of format.matchAll(DIRECTIVE)) {
    const conversion = match[2];
    if (conversion === undefined) return `'${match[0]}' is not a complete printf directive`;
    if (conversion === "%") continue;
    const position = match[1] !== undefined ? Number(match[1]) : next++;
    args.set(position, normalizeConversion(conversion));
  }
  return args;
}

/** Conversions that take the same argument type are interchangeable (`%d` / `%i`, `%x` / `%u`). */
function normalizeConversion(conversion: string): string {
  if ("di".includes(conversion)) return "d";
  if ("ouxX".includes(conversion)) return "u";
  if ("eEfFgGaA".includes(conversion)) return "f";
  return conversion;
}

function describe(args: Map<number, string>): string {
  if (args.size === 0) return "no arguments";
  return [...args].sort(([a], [b]) => a - b).map(([position, conversion]) => `${position}:%${conversion}`).join(" ");
}

export function checkCFormat(entry: PoEntry): RawFinding[] {
  if (entry.obsolete || !entry.flags.includes("c-format") || entry.flags.includes("no-c-format")) return [];
  const line = entry.line ?? 0;
  const findings: RawFinding[] = [];
  const source = printfArguments(entry.msgid);
  if (typeof source === "string") return [{ line, rule: "c-format", message: `msgid: ${source}` }];
  entry.msgstr.forEach((msgstr, index) => {
    if (msgstr === "") return;
    const label = entry.msgidPlural !== undefined ? `msgstr[${index}]` : "msgstr";
    const expected = index > 0 && entry.msgidPlural !== undefined ? printfArguments(entry.msgidPlural) : source;
    const actual = printfArguments(msgstr);
    if (typeof actual === "string") {
      findings.push({ line, rule: "c-format", message: `${label}: ${actual}` });
    } else if (typeof expected !== "string" && describe(expected) !== describe(actual)) {
      findings.push({ line, rule: "c-format", message: `${label} takes ${describe(actual)}, msgid takes ${describe(expected)}` });
    }
  });
  return findings;
}
