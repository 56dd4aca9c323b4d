/**
 * Markup rules: a translation is Markdown too, and must keep the markup of
 * its msgid. Both sides are parsed with the book's Markdown parser and
 * compared construct by construct; text is free to change, markup is not.
 */
import type { Nodes, Root, Text } from "mdast";
import { visit } from "unist-util-visit";
import type { PoEntry } from "../catalog/types.js";
import type { RawFinding, RuleId } from "./findings.js";
import { parseMessage } from "./markdown.js";
import { isLocalisedCode, isLocalisedUrl, pairLocalised, type LocalisationContext } from "./localisation.js";
import { PobookError } from "../errors.js";

/** The markup of one message that a translation must preserve. */
export interface MarkupSummary {
  codeSpans: string[];
  linkTargets: string[];
  imageTargets: string[];
  footnoteRefs: string[];
  /** Tag names, closing tags with a leading `/` (`kbd`, `/kbd`). */
  htmlTags: string[];
  /** Block constructs other than a single paragraph (`heading`, `list`, ...). */
  blocks: string[];
  /** `*`/`_` delimiter runs the parser left as text, e.g. half of a broken `**bold*`. */
  strayDelimiters: string[];
  /** The text outside code, links' text included, joined by spaces. */
  plainText: string;
}

const BLOCK_TYPES = new Set(["heading", "list", "code", "thematicBreak", "blockquote", "table"]);
const BLOCK_NAMES: Record<string, string> = {
  heading: "heading",
  list: "list",
  code: "code block",
  thematicBreak: "thematic break",
  blockquote: "block quote",
  table: "table",
  paragraphBreak: "paragraph break",
};

export function summarizeMarkup(message: string): MarkupSummary {
  const tree: Root = parseMessage(message);
  const summary: MarkupSummary = {
    codeSpans: [],
    linkTargets: [],
    imageTargets: [],
    footnoteRefs: [],
    htmlTags: [],
    blocks: [],
    strayDelimiters: [],
    plainText: "",
  };
  const texts: string[] = [];
  const paragraphs = tree.children.filter((node) => node.type === "paragraph").length;
  if (paragraphs > 1) summary.blocks.push("paragraphBreak");
  visit(tree, (node: Nodes) => {
    switch (node.type) {
      case "inlineCode":
        summary.codeSpans.push(node.value);
        break;
      case "link":
        summary.linkTargets.push(node.url);
        break;
      case "image":
        summary.imageTargets.push(node.url);
        break;
      case "footnoteReference":
        summary.footnoteRefs.push(node.label ?? node.identifier);
        break;
      case "html":
        summary.htmlTags.push(...htmlTagNames(node.value));
        break;
      case "text":
        summary.strayDelimiters.push(...strayDelimiterRuns(message, node));
        texts.push(node.value);
        break;
      default:
        if (BLOCK_TYPES.has(node.type)) summary.blocks.push(node.type);
    }
  });
  summary.plainText = texts.join(" ");
  return summary;
}

/** Tag names in an HTML node's source; comments, doctypes and CDATA carry none. */
function htmlTagNames(html: string): string[] {
  return [...html.matchAll(/<(\/?)([A-Za-z][A-Za-z0-9-]*)/g)].map((match) => `${match[1]}${match[2]!.toLowerCase()}`);
}

const WHITESPACE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;

/**
 * `*` and `_` runs in a text node's source that CommonMark would have
 * treated as emphasis delimiters (left- or right-flanking) had they been
 * paired: a run the parser left as text is a broken `**bold**` or `_em_`.
 * Hand-written because the parser discards exactly this information; the
 * flanking rules are those of CommonMark §6.2. Backslash-escaped
 * characters are literal on purpose and skipped.
 */
function strayDelimiterRuns(source: string, node: Text): string[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  const runs: string[] = [];
  let index = start;
  while (index < end) {
    const char = source[index]!;
    if (char === "\\") {
      index += 2;
      continue;
    }
    if (char !== "*" && char !== "_") {
      index += 1;
      continue;
    }
    let runEnd = index;
    while (runEnd < end && source[runEnd] === char) runEnd += 1;
    const before = index > 0 ? source[index - 1]! : " ";
    const after = runEnd < source.length ? source[runEnd]! : " ";
    if (isDelimiterRun(char, before, after)) runs.push(source.slice(index, runEnd));
    index = runEnd;
  }
  return runs;
}

function isDelimiterRun(char: string, before: string, after: string): boolean {
  const leftFlanking = !WHITESPACE.test(after) && (!PUNCTUATION.test(after) || WHITESPACE.test(before) || PUNCTUATION.test(before));
  const rightFlanking = !WHITESPACE.test(before) && (!PUNCTUATION.test(before) || WHITESPACE.test(after) || PUNCTUATION.test(after));
  if (char === "*") return leftFlanking || rightFlanking;
  // `_` inside a word (snake_case) is never a delimiter.
  const canOpen = leftFlanking && (!rightFlanking || PUNCTUATION.test(before));
  const canClose = rightFlanking && (!leftFlanking || PUNCTUATION.test(after));
  return canOpen || canClose;
}

/** Items of `expected` missing from `actual`, and extra items of `actual`, counting repeats. */
function multisetDifference(expected: readonly string[], actual: readonly string[]): { missing: string[]; extra: string[] } {
  const counts = new Map<string, number>();
  for (const item of expected) counts.set(item, (counts.get(item) ?? 0) + 1);
  const extra: string[] = [];
  for (const item of actual) {
    const count = counts.get(item) ?? 0;
    if (count > 0) counts.set(item, count - 1);
    else extra.push(item);
  }
  const missing = [...counts].flatMap(([item, count]) => Array<string>(count).fill(item));
  return { missing, extra };
}

function describeDifference(
  what: string,
  quote: (item: string) => string,
  expected: string[],
  actual: string[],
  localised?: (source: string, target: string) => boolean,
): string | undefined {
  const { missing, extra } = multisetDifference(expected, actual);
  if (localised !== undefined) pairLocalised(missing, extra, localised);
  return describeItems(what, quote, missing, extra);
}

function describeItems(what: string, quote: (item: string) => string, missing: string[], extra: string[]): string | undefined {
  if (missing.length === 0 && extra.length === 0) return undefined;
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`msgid's ${missing.map(quote).join(", ")} missing`);
  if (extra.length > 0) parts.push(`msgstr adds ${extra.map(quote).join(", ")}`);
  return `${what} differ: ${parts.join("; ")}`;
}

/** Quote a code span so that its own backticks stay readable. */
function quoteCode(code: string): string {
  const fence = "`".repeat(Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = code.startsWith("`") || code.endsWith("`") ? " " : "";
  return `${fence}${pad}${code}${pad}${fence}`;
}

const quoteTarget = (target: string): string => `(${target})`;
const quoteFootnote = (label: string): string => `[^${label}]`;
const quoteTag = (tag: string): string => `<${tag}>`;

/** `code` as a word of `text` (bounded by non-word characters where it starts or ends with one). */
function mentions(text: string, code: string): boolean {
  const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const start = /^\w/.test(code) ? "(?<!\\w)" : "";
  const end = /\w$/.test(code) ? "(?!\\w)" : "";
  return new RegExp(`${start}${escaped}${end}`, "u").test(text);
}

/**
 * Code spans: a difference is breakage (`code-span`) unless it is
 * localisation (string literals translated as in the catalog's code blocks:
 * no finding) or only style (`code-span-style`: the same text marked or
 * unmarked as code, e.g. a keyword the msgid has as a plain word).
 */
function codeSpanFindings(source: MarkupSummary, target: MarkupSummary, context: LocalisationContext | undefined): Array<{ rule: RuleId; message: string }> {
  const { missing, extra } = multisetDifference(source.codeSpans, target.codeSpans);
  if (context !== undefined) pairLocalised(missing, extra, (from, to) => isLocalisedCode(from, to, context));
  const unmarked = missing.filter((code) => mentions(target.plainText, code));
  const marked = extra.filter((code) => mentions(source.plainText, code));
  const findings: Array<{ rule: RuleId; message: string }> = [];
  const broken = describeItems(
    "code spans",
    quoteCode,
    missing.filter((code) => !unmarked.includes(code)),
    extra.filter((code) => !marked.includes(code)),
  );
  if (broken !== undefined) findings.push({ rule: "code-span", message: broken });
  const styled = [
    ...(marked.length > 0 ? [`msgstr marks ${marked.map(quoteCode).join(", ")} as code where the msgid has plain text`] : []),
    ...(unmarked.length > 0 ? [`msgstr has ${unmarked.map(quoteCode).join(", ")} as plain text where the msgid has code`] : []),
  ];
  if (styled.length > 0) findings.push({ rule: "code-span-style", message: styled.join("; ") });
  return findings;
}

/**
 * Summaries by message text, so that a message is parsed once per process: the msgids checked
 * again in each language's catalog, a catalog checked again as a tree or at a revision. Kept
 * bounded for long-lived processes; summaries are shared, never modified.
 */
const summaries = new Map<string, MarkupSummary>();
const SUMMARIES_KEPT = 50_000;

function summaryOf(message: string): MarkupSummary {
  let summary = summaries.get(message);
  if (summary === undefined) {
    summary = summarizeMarkup(message);
    if (summaries.size >= SUMMARIES_KEPT) summaries.clear();
    summaries.set(message, summary);
  }
  return summary;
}

/** Compare one msgstr with the msgid it translates (`context`: the catalog, for what counts as localisation). */
export function compareMarkup(msgid: string, msgstr: string, context?: LocalisationContext): Array<{ rule: RuleId; message: string }> {
  const findings: Array<{ rule: RuleId; message: string }> = [];
  const add = (rule: RuleId, message: string | undefined): void => {
    if (message !== undefined) findings.push({ rule, message });
  };

  add("newlines", newlineMismatch(msgid, msgstr));

  let source: MarkupSummary;
  let target: MarkupSummary;
  try {
    source = summaryOf(msgid);
    target = summaryOf(msgstr);
  } catch (error) {
    // Input past the parser's limits (markdown/limits.ts) is a finding, not the end of the check.
    if (!(error instanceof PobookError)) throw error;
    add("block-structure", `the msgid or msgstr is past pobook's Markdown limits: ${error.message}`);
    return findings;
  }
  findings.push(...codeSpanFindings(source, target, context));
  const localisedUrl = context === undefined ? undefined : (from: string, to: string): boolean => isLocalisedUrl(from, to, context);
  add("link-target", describeDifference("link targets", quoteTarget, source.linkTargets, target.linkTargets, localisedUrl));
  add("image-target", describeDifference("image sources", quoteTarget, source.imageTargets, target.imageTargets, localisedUrl));
  add("footnote-ref", describeDifference("footnote references", quoteFootnote, source.footnoteRefs, target.footnoteRefs));
  add("html-tags", describeDifference("HTML tags", quoteTag, source.htmlTags, target.htmlTags));

  const stray = multisetDifference(source.strayDelimiters, target.strayDelimiters).extra;
  if (stray.length > 0) {
    add("emphasis", `unbalanced emphasis: ${stray.map((run) => `'${run}'`).join(", ")} left as text in the msgstr`);
  }

  const inlineMsgid = source.blocks.length === 0;
  const newBlocks = [...new Set(target.blocks)];
  if (inlineMsgid && newBlocks.length > 0) {
    add("block-structure", `msgid is inline text but the msgstr has a ${newBlocks.map((block) => BLOCK_NAMES[block] ?? block).join(", ")}`);
  } else if (!msgid.includes("\n") && msgstr.replace(/^\n+|\n+$/g, "").includes("\n")) {
    // Only when no block construct was reported: a new block implies a new line.
    add("single-line", "msgid is a single line (a heading or table cell keeps it so) but the msgstr spans several lines");
  }
  return findings;
}

function newlineMismatch(msgid: string, msgstr: string): string | undefined {
  const problems: string[] = [];
  if (msgid.startsWith("\n") !== msgstr.startsWith("\n")) {
    problems.push(msgid.startsWith("\n") ? "msgid starts with a newline, msgstr does not" : "msgstr starts with a newline, msgid does not");
  }
  if (msgid.endsWith("\n") !== msgstr.endsWith("\n")) {
    problems.push(msgid.endsWith("\n") ? "msgid ends with a newline, msgstr does not" : "msgstr ends with a newline, msgid does not");
  }
  return problems.length > 0 ? problems.join("; ") : undefined;
}

/**
 * Markup findings of one entry. Only translations that a build uses are
 * checked: active, not fuzzy, non-empty msgstr forms.
 */
export function checkEntryMarkup(entry: PoEntry, context?: LocalisationContext): RawFinding[] {
  if (entry.obsolete || entry.flags.includes("fuzzy")) return [];
  const line = entry.line ?? 0;
  const findings: RawFinding[] = [];
  entry.msgstr.forEach((msgstr, index) => {
    if (msgstr === "") return;
    const msgid = index > 0 && entry.msgidPlural !== undefined ? entry.msgidPlural : entry.msgid;
    const prefix = entry.msgidPlural !== undefined ? `msgstr[${index}]: ` : "";
    for (const finding of compareMarkup(msgid, msgstr, context)) {
      findings.push({ line, rule: finding.rule, message: prefix + finding.message });
    }
  });
  return findings;
}
