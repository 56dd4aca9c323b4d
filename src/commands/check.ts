import { Option, type Command } from "commander";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePo, readPoFile } from "../catalog/parse.js";
import type { Catalog, PoEntry } from "../catalog/types.js";
import type { BookConfig } from "../book/config.js";
import { checkCatalog, hasErrors, isRuleId, RULES, sortFindings, type Finding, type SeverityOverrides } from "../check/index.js";
import { resolveFindings, type RawFinding, type RuleId } from "../check/findings.js";
import { entryStartLine } from "../check/duplicates.js";
import { readAtRevision, requireRevision } from "../check/git-revision.js";
import { checkIntrawordEmphasis, intrawordCandidates } from "../check/intraword-emphasis.js";
import { bookReader, findReadRoot } from "../runtime/book-reader.js";
import { messageSources, prepareBook, type PreparedBook } from "../translate/book.js";
import { HEADER_LINE } from "../check/header.js";
import { checkAgainstRevision, msgidChanges, type RevisionInputs } from "../check/against-revision.js";
import { findingsToGithub, findingsToJson, formatFinding, summarizeFindings } from "../check/report.js";
import { EXIT_FAILURE, PobookError } from "../errors.js";
import { poFilesOrDefault } from "./po-files.js";
import { catalogDir, readBookConfig } from "./book-config.js";
import { bookRoot } from "./plain-book.js";
import { configuredSeverities } from "./check-config.js";
import { progress } from "./progress.js";
import { bookFragments } from "../book/chapter-anchors.js";

/** The book's chapter anchors for `fragment-link`, read once when first needed; a book that cannot be read leaves the rule unchecked, with a note. */
function fragmentsOnce(root: string, config: BookConfig | undefined): () => ReadonlyMap<string, ReadonlySet<string>> | undefined {
  let known: ReadonlyMap<string, ReadonlySet<string>> | undefined | null = null;
  return () => {
    if (known !== null) return known;
    known = undefined;
    if (config === undefined) return known;
    try {
      known = bookFragments(config, bookReader(root, findReadRoot(root, config), config));
    } catch (error) {
      if (!(error instanceof PobookError)) throw error;
      process.stderr.write(`pobook: fragment-link not checked: ${error.format()}\n`);
    }
    return known;
  };
}
import { catalogsAndTrees, loadTree, loadTreeWithoutBook, readBookOutline } from "./catalog-tree.js";

interface CheckOptions {
  book: string;
  json?: boolean;
  warn?: string[];
  error?: string[];
  msgidChanges?: string;
  against?: string;
  pot?: string;
  format?: "text" | "json" | "github";
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * The reader refuses two catalog problems that `check` has rules for:
 * duplicate msgids and a non-UTF-8 charset. They become findings of those
 * rules (at the line the reader names); any other read error is bad input.
 */
const READER_ERROR_RULES: Array<{ pattern: RegExp; rule: RuleId; line: (file: string, line: number) => number }> = [
  // The reader names the duplicate's msgid line; findings name the entry's first line.
  { pattern: /^duplicate message definition/, rule: "duplicate-msgid", line: (file, line) => entryStartLine(readFileSync(file, "utf8"), line) },
  // At the header entry's first line, like the charset rule's own findings.
  { pattern: /^unsupported charset/, rule: "charset", line: () => HEADER_LINE },
  { pattern: /^invalid UTF-8/, rule: "charset", line: (_file, line) => line },
];

function readForCheck(file: string): Catalog | RawFinding {
  try {
    return readPoFile(file);
  } catch (error) {
    if (error instanceof PobookError) {
      const known = READER_ERROR_RULES.find(({ pattern }) => pattern.test(error.message));
      if (known !== undefined) return { line: known.line(file, error.line ?? HEADER_LINE), rule: known.rule, message: error.message };
    }
    throw error;
  }
}

function severityOverrides(options: CheckOptions, configured: SeverityOverrides): SeverityOverrides {
  const overrides: SeverityOverrides = { ...configured };
  for (const [names, severity] of [
    [options.warn ?? [], "warning"],
    [options.error ?? [], "error"],
  ] as const) {
    for (const name of names) {
      if (!isRuleId(name)) throw new PobookError(`unknown rule '${name}' (rules: ${Object.keys(RULES).join(", ")})`);
      overrides[name] = severity;
    }
  }
  return overrides;
}

/** Source texts of the candidates' msgids, or undefined when the book's sources cannot be read (a catalog checked on its own). */
function bookSources(root: string, config: BookConfig): (candidates: readonly PoEntry[]) => Map<string, string[]> | undefined {
  // Read once per run, and only when some catalog has a candidate.
  let book: PreparedBook | null | undefined;
  return (candidates) => {
    if (book === undefined) {
      try {
        book = prepareBook(config, bookReader(root, findReadRoot(root, config), config));
      } catch {
        book = null;
      }
    }
    return book ? messageSources(book, new Set(candidates.map((entry) => entry.msgid))) : undefined;
  };
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("check PO catalogs: Markdown markup kept in translations, header, plural forms, formats, duplicates")
    .argument("[po...]", "PO files or catalog trees (directories of .po files; each file checked, and the tree for conflicting translations) (default: the book's <po-dir>/*.po and <po-dir>/LANG/ trees, po/*.po without book.toml)")
    .option("-b, --book <DIR>", "the book directory: its book.toml gives po-dir, the source language and [preprocessor.gettext.check] rule severities", ".")
    .option("--json", "print findings as JSON")
    .addOption(new Option("--warn <rule>", "report RULE as a warning (repeatable)").argParser(collect))
    .addOption(new Option("--error <rule>", "report RULE as an error (repeatable)").argParser(collect))
    .option("--against <rev>", "also compare each catalog with itself at git revision REV: lost translations, msgids edited by hand, a template refresh mixed with new translations")
    .option("--msgid-changes <rev>", "like --against REV, reporting only msgids edited by hand")
    .option("--pot <file>", "with --against: the template msgids come from (default: the book's POT in its po-dir, else its sources extracted in memory)")
    .addOption(new Option("--format <format>", "how to print findings: text, json, or github (workflow annotations)").choices(["text", "json", "github"]))
    .addHelpText("after", `\nRules:\n${Object.entries(RULES).map(([id, rule]) => `  ${id.padEnd(16)} ${rule.severity.padEnd(8)} ${rule.summary}`).join("\n")}\n`)
    .action(async (files: string[], options: CheckOptions, command: Command) => {
      const format = options.format ?? (options.json ? "json" : "text");
      if (options.json && format !== "json") throw new PobookError(`--json and --format ${format} disagree; give one`);
      if (options.against !== undefined && options.msgidChanges !== undefined) throw new PobookError("give --against REV or --msgid-changes REV, not both");
      if (options.pot !== undefined && options.against === undefined && options.msgidChanges === undefined) throw new PobookError("--pot is the template for --against: give --against REV too");
      const revision = options.against ?? options.msgidChanges;
      const revisionOption = options.against !== undefined ? "--against" : "--msgid-changes";
      const compare = options.against !== undefined ? checkAgainstRevision : msgidChanges;
      options.book = bookRoot(options.book);
      // The working directory taken by default (no -b) is a plain Markdown book only when it has
      // the catalogs' po/ too: `pobook check fr.po` in a folder of unrelated Markdown (a home
      // directory, /tmp) must not parse all of it for fragment-link.
      const implicitFolder = command.getOptionValueSource("book") === "default" && !existsSync(join(options.book, "book.toml")) && !existsSync(join(options.book, "po"));
      const config = implicitFolder ? undefined : readBookConfig(options.book, false);
      const overrides = severityOverrides(options, config === undefined ? {} : configuredSeverities(config, join(options.book, "book.toml")));
      const named = config === undefined && files.length === 0 ? poFilesOrDefault(files).map((path) => ({ path, tree: false })) : catalogsAndTrees(files, catalogDir(options.book, config));
      // A tree is bad input when its files contradict each other or hold messages of no chapter: said before any finding.
      const outline = config !== undefined && named.some(({ tree }) => tree) ? await readBookOutline(options.book, config) : undefined;
      // A tree is checked as the one catalog it makes (rules look across messages), its findings placed back in its files.
      const trees = new Map(named.filter(({ tree }) => tree).map(({ path }) => [path, outline !== undefined ? loadTree(path, config!, outline, undefined, true) : loadTreeWithoutBook(path)]));
      const poFiles = named.map(({ path }) => path);
      const template = revision === undefined ? undefined : await lazyTemplate(options, config, catalogDir(options.book, config));
      const findings: Finding[] = [];
      const sourcesOf = config === undefined ? undefined : bookSources(options.book, config);
      const fragments = fragmentsOnce(options.book, config);
      // A bad revision (or no repository) is a usage error: said before the rules run, which take seconds on a big catalog.
      if (revision !== undefined) for (const file of poFiles) if (!trees.has(file) && existsSync(file)) requireRevision(file, revision, revisionOption);
      const report = progress();
      for (const file of poFiles) {
        report.update(`pobook check: ${file}`);
        const tree = trees.get(file);
        const catalog = tree?.catalog ?? readForCheck(file);
        if (!("entries" in catalog)) {
          findings.push(...resolveFindings([catalog], file, overrides));
          continue;
        }
        const fileFindings = checkCatalog(catalog, file, overrides, config?.language, fragments);
        const candidates = intrawordCandidates(catalog);
        if (candidates.length > 0 && config !== undefined) {
          const sources = sourcesOf!(candidates);
          if (sources) fileFindings.push(...resolveFindings(checkIntrawordEmphasis(candidates, (msgid) => sources.get(msgid) ?? []), file, overrides));
        }
        if (revision !== undefined && tree === undefined) {
          const before = readAtRevision(file, revision, revisionOption);
          // A catalog the revision did not have is new: nothing to compare.
          if (before !== undefined) {
            const raw = compare({ before: parsePo(before, `${revision}:${file}`), after: catalog, revision, template });
            fileFindings.push(...resolveFindings(raw, file, overrides));
          }
        }
        findings.push(...sortFindings(tree ? fileFindings.map((finding) => ({ ...finding, ...tree.place(finding.line) })) : fileFindings));
      }
      report.done();
      if (format === "json") {
        process.stdout.write(findingsToJson(findings, poFiles.length));
      } else if (format === "github") {
        process.stdout.write(findingsToGithub(findings));
        process.stderr.write(`${summarizeFindings(findings, poFiles.length)}\n`);
      } else {
        process.stdout.write(findings.map((finding) => `${formatFinding(finding)}\n`).join(""));
        process.stderr.write(`${summarizeFindings(findings, named.length)}\n`);
      }
      if (hasErrors(findings)) process.exitCode = EXIT_FAILURE;
    });
}

/**
 * The template hand-edited msgids are told by: --pot, else the book's POT,
 * else (with a book.toml) the sources extracted in memory; read at most
 * once, and only when a catalog has a msgid its old revision lacked.
 */
async function lazyTemplate(options: CheckOptions, config: BookConfig | undefined, poDir: string): Promise<RevisionInputs["template"]> {
  const stored = join(poDir, config?.potFile ?? "messages.pot");
  if (options.pot !== undefined && !existsSync(options.pot)) throw new PobookError("template not found", { file: options.pot });
  if (options.pot === undefined && config === undefined && !existsSync(stored)) return undefined;
  const { currentTemplate } = await import("./book-files.js");
  let template: Catalog | undefined;
  return () => (template ??= currentTemplate(options.book, config, poDir, options.pot).catalog);
}
