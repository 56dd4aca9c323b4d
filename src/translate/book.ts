/**
 * A whole book, translated: SUMMARY.md titles, every chapter, and the files
 * chapters `{{#include}}`.
 *
 * Chapters are translated as files, with their `{{#include}}` directives left
 * in place (mdBook expands them when it builds the translated copy), so that
 * every byte outside a message stays the chapter's own. Included files are
 * translated on their own where the included text has messages:
 * - a file included (or `rustdoc_include`d) inside a fenced code block in a
 *   language with a grammar is segmented as the include shows it (see
 *   include-view.ts: the anchor's lines, `# ` hidden lines), as in the
 *   expanded chapter, and the translations are written back into the file;
 * - a Markdown file included outside code is segmented as Markdown.
 * What cannot be written back this way (text included into a code block
 * without a grammar, which is part of a whole-block message upstream; text
 * on the line of an include) is found by `translateBook`, which extracts the
 * translated book again and reports every translation it does not yield.
 */
import { posix } from "node:path";
import type { Root } from "mdast";
import type { BookConfig } from "../book/config.js";
import { chapterEntries, summaryFromTree } from "../book/summary.js";
import { findLanguage, languageToken } from "../code/languages.js";
import { parseMarkdown } from "../markdown/parse.js";
import { segmentTree, type Message } from "../markdown/segment.js";
import type { Nodes } from "mdast";
import { linkEscapingLookup, type Lookup } from "./lookup.js";
import { isMovedCopy, isOutsideBook, outsideLayout, relocateDirectives } from "./outside-book.js";
import { inFile, PobookError } from "../errors.js";
import { chapterReadFailure, chapterSegmentOptions, outlinePath, segmentationOptions } from "../book/extract-book.js";
import { plainSummaryText } from "../book/plain-book.js";
import { parseIncludeArguments, ReadRefusal, resolveIncludePath } from "../book/include-path.js";
import { expandLinks, isAnchorLine, scanLinks } from "../book/links.js";
import { translateMessages, translateWithOutcomes, type DocumentTranslation, type Edit, type TranslateOptions, type TranslationWarning } from "./document.js";
import { editInFile, includeView, parseRange, type IncludeKind, type IncludeView } from "./include-view.js";
import { expandInlineIncludeMessages } from "./inline-includes.js";
import { headingIdOptions, keepSourceAnchors, sourceAnchors, type SourceAnchors } from "./stable-anchors.js";
import type { ChapterProblem } from "../book/chapter-problems.js";
import { extractForCheck, tallyTranslation, type BookTally, type ExtractedFile } from "./verify.js";

export type DocumentRole = "summary" | "chapter" | "include";

/** A book file parsed and segmented once, ready for any number of catalogs. */
export interface PreparedDocument {
  /** Path relative to the book root. */
  path: string;
  role: DocumentRole;
  /** The text that was parsed (file text, masked or wrapped in a code fence). */
  parsed: string;
  /** What is written where nothing is translated (same length as `parsed`). */
  original: string;
  tree: Root;
  messages: Message[];
  options: TranslateOptions;
  /** The file starts with a byte-order mark (not in `parsed` or `original`; written back in front of the text). */
  bom?: boolean;
  /** For an included code file: how each include shows it (its `tree` is then empty, `messages` those of the views). */
  views?: PreparedView[];
  /**
   * Length of the link reference definitions appended to `parsed` and `original` (see
   * includedDefinitions): parsed with the chapter, never written.
   */
  hiddenSuffix?: number;
  /** A chapter's heading ids, once computed (stable-anchors.ts). */
  anchors?: SourceAnchors;
}

export interface PreparedBook {
  documents: PreparedDocument[];
  /** Labels an included file uses that its includers define differently (translated with the first includer's). */
  definitionConflicts?: DefinitionConflict[];
  /** Includes that cannot be expanded (a missing file, a cycle): the copy keeps their directives as written, as mdBook does. */
  includeProblems?: ChapterProblem[];
  /** What re-extraction needs to check a translated copy (see verify.ts). */
  check?: {
    config: BookConfig;
    read: (path: string) => string;
    options: PrepareOptions;
    source?: ExtractedFile[];
    /** Every file extracting the source book read (chapters and what their includes reach, at any depth), with its text. */
    reached?: Map<string, string>;
    /** The source book's messages by expanded chapter text, reused for chapters a translation leaves unchanged. */
    segmented?: Map<string, Message[]>;
  };
}

export interface PrepareOptions {
  /** Segment like mdbook-xgettext before inline HTML was kept in messages. */
  legacyInlineHtml?: boolean;
}

const INCLUDE_TYPES: ReadonlySet<string> = new Set(["include", "rustdoc_include", "playground", "playpen"]);

/** mdbook-course's `{{%...}}` lines, blanked to spaces so that offsets stay put. */
function maskCourseDirectives(text: string): string {
  return text.replace(/^\{\{%[^}]*\}\}[ \t]*$/gm, (line) => " ".repeat(line.length));
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

const BOM = "\uFEFF";

function prepareMarkdown(path: string, role: DocumentRole, original: string, parsed: string, options: TranslateOptions): PreparedDocument {
  // The parser drops a byte-order mark from its positions: segment without it, write it back.
  const bom = original.startsWith(BOM);
  if (bom) {
    original = original.slice(1);
    parsed = parsed.slice(1);
  }
  const tree = inFile(path, () => parseMarkdown(parsed, options));
  const document: PreparedDocument = { path, role, parsed, original, tree, messages: inFile(path, () => segmentTree(tree, parsed, { ...options, stripLinks: options.summary })), options };
  if (bom) document.bom = true;
  return document;
}

/** One way a code file is included: its view, parsed as the body of a fenced block in the use's language. */
export interface PreparedView {
  view: IncludeView;
  parsed: string;
  tree: Root;
  messages: Message[];
  options: TranslateOptions;
  /** Length of the opening fence line: view offset = parsed offset - head. */
  head: number;
  /** The first chapter that includes the file this way (named in warnings). */
  chapter: string;
}

function prepareView(view: IncludeView, language: string, chapter: string, options: TranslateOptions): PreparedView {
  const fence = "`".repeat(Math.max(3, longestRun(view.text, "`") + 1));
  const head = `${fence}${language}\n`;
  const parsed = `${head}${view.text}\n${fence}\n`;
  const viewOptions = { ...options, frontMatter: false };
  const tree = inFile(chapter, () => parseMarkdown(parsed, viewOptions));
  return { view, parsed, tree, messages: segmentTree(tree, parsed, viewOptions), options: viewOptions, head: head.length, chapter };
}

/** A code file with one view per distinct way the book includes it. */
function prepareCode(path: string, text: string, uses: readonly IncludeUse[], options: TranslateOptions): PreparedDocument {
  const views: PreparedView[] = [];
  const seen = new Set<string>();
  for (const use of uses) {
    const key = `${use.kind}:${use.range.join(":")}:${use.language}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const view = includeView(text, use.kind, parseRange(use.range));
    if (view) views.push(prepareView(view, use.language!, use.chapter, options));
  }
  const messages = views.flatMap((view) => view.messages);
  return { path, role: "include", parsed: text, original: text, tree: { type: "root", children: [] }, messages, options, views };
}

interface IncludeUse {
  path: string;
  /** Language of the enclosing code block, or undefined for a Markdown include. */
  language?: string;
  anchored: boolean;
  /** The directive (first one, for a file included several times). */
  at: { file: string; line: number };
  kind: IncludeKind;
  /** The `:range` parts after the file name. */
  range: string[];
  /** The chapter holding the directive. */
  chapter: string;
}

/** The `{{#include}}`s of a chapter that bring in translatable text. */
function includeUses(chapterPath: string, text: string, tree: Root): IncludeUse[] {
  const uses: IncludeUse[] = [];
  const codeRanges: Array<{ start: number; end: number; info: string }> = [];
  const visit = (node: Nodes): void => {
    if (node.type === "code") {
      codeRanges.push({ start: node.position!.start.offset!, end: node.position!.end.offset!, info: [node.lang, node.meta].filter(Boolean).join(" ") });
    }
    if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  // The directives mdBook expands (not those an escape on their line covers).
  for (const match of scanLinks(text)) {
    if (match.type === undefined || !INCLUDE_TYPES.has(match.type)) continue;
    const { file, rangeParts: range } = parseIncludeArguments(match.args!);
    // The same resolution as extraction's (book/include-path.ts); an absolute path is extraction's error to report.
    const { path } = resolveIncludePath(chapterPath, file);
    if (path === undefined) continue;
    const at = { file: chapterPath, line: text.slice(0, match.index).split("\n").length };
    const anchored = range.length > 0 && range[0] !== "" && !/^\d+$/.test(range[0]!);
    const kind: IncludeKind = match.type === "rustdoc_include" ? "rustdoc_include" : "include";
    if (match.type === "playground" || match.type === "playpen") {
      uses.push({ path, language: "rust", anchored, kind, range, chapter: chapterPath, at });
      continue;
    }
    const code = codeRanges.find((range) => range.start <= match.index && match.index < range.end);
    if (code) {
      const token = languageToken(code.info);
      if (findLanguage(token)?.grammar !== undefined) uses.push({ path, language: token, anchored, kind, range, chapter: chapterPath, at });
    } else if (kind === "include" && path.endsWith(".md")) uses.push({ path, anchored, kind, range, chapter: chapterPath, at });
  }
  return uses;
}

/**
 * One chapter's text, parsed and segmented as \`prepareBook\` does (course
 * directives masked, front matter per the book's preprocessors). The mdBook
 * preprocessor and the preview use it on chapter text with includes expanded.
 */
export function prepareChapterDocument(config: BookConfig, path: string, text: string, options: PrepareOptions = {}): PreparedDocument {
  const parsed = config.coursePreprocessor ? maskCourseDirectives(text) : text;
  return prepareMarkdown(path, "chapter", text, parsed, chapterSegmentOptions(config, options));
}

/** SUMMARY.md as translation reads it (titles with their links stripped). */
export function prepareSummaryDocument(config: BookConfig, path: string, text: string, options: PrepareOptions = {}): PreparedDocument {
  return prepareMarkdown(path, "summary", text, text, { ...segmentationOptions(config, options), summary: true });
}

/** A Markdown text's link reference definitions: identifier → the definition as a Markdown line (first one wins, as in CommonMark). */
type DefinitionLines = Map<string, string>;

function definitionNodes(root: Root, visit: (node: Extract<Nodes, { type: "definition" }>) => void): void {
  const walk = (node: Nodes): void => {
    if (node.type === "definition") visit(node);
    else if ("children" in node) (node.children as Nodes[]).forEach(walk);
  };
  walk(root);
}

function addDefinitions(into: DefinitionLines, root: Root): void {
  definitionNodes(root, (node) => {
    if (into.has(node.identifier)) return;
    const title = node.title ? ` "${node.title.replace(/["\\]/g, (c) => `\\${c}`)}"` : "";
    into.set(node.identifier, `[${node.label ?? node.identifier}]: <${node.url.replace(/[<>\\]/g, (c) => `\\${c}`)}>${title}`);
  });
}

/**
 * The end tag a text's last block needs before anything after it is Markdown again (`""` when
 * none): an HTML block opened by `<script>`, `<pre>`, `<style>` or `<textarea>` runs to its end
 * tag or the end of the text (the Bevy cheat book ends chapters with `<script type="module" .../>`),
 * and would swallow the definitions appended after it.
 */
function closingTagOfLastBlock(tree: Root): string {
  const last = tree.children.at(-1);
  if (last?.type !== "html") return "";
  const tag = /^<(script|pre|style|textarea)(?=[\s>/]|$)/i.exec(last.value)?.[1];
  if (tag === undefined || new RegExp(`</${tag}>`, "i").test(last.value)) return "";
  return `</${tag}>\n`;
}

/**
 * The link reference definitions a text sees once mdBook has expanded its includes: its own,
 * those of the files it `{{#include}}`s, then `context`'s (for an included file, those of the
 * chapters including it: mdBook expands it into them, so `[Image][bevy::Image]` in a shared
 * snippet resolves to a definition only the chapter has). `suffix` is what to append to the text
 * for the ones it does not define itself (`""` when none): translate parses the text with its
 * directives in place, so it needs them to find the messages mdbook-xgettext made with inline links.
 */
function includedDefinitions(path: string, text: string, tree: Root, read: (path: string) => string, options: TranslateOptions, context?: DefinitionLines): { suffix: string; all: DefinitionLines; fromContext: Set<string> } {
  const all: DefinitionLines = new Map();
  addDefinitions(all, tree);
  const own = all.size;
  if (scanLinks(text).some((link) => link.type === "include")) {
    const expanded = expandLinks(text, { path, read, problems: [] });
    if (expanded !== text) addDefinitions(all, parseMarkdown(expanded, options));
  }
  const fromContext = new Set<string>();
  for (const [identifier, line] of context ?? []) {
    if (all.has(identifier)) continue;
    all.set(identifier, line);
    fromContext.add(identifier);
  }
  const lines = [...all.values()].slice(own);
  return { suffix: lines.length === 0 ? "" : `\n${closingTagOfLastBlock(tree)}\n${lines.join("\n")}\n`, all, fromContext };
}

/** `document` prepared again with the definitions its includes (and `context`) bring appended (hidden from the output), if any; and every definition it sees. */
function withIncludedDefinitions(
  document: PreparedDocument,
  prepare: (text: string) => PreparedDocument,
  read: (path: string) => string,
  context?: DefinitionLines,
): { document: PreparedDocument; definitions: DefinitionLines; fromContext: Set<string> } {
  const { suffix, all, fromContext } = includedDefinitions(document.path, document.original, document.tree, read, document.options, context);
  if (suffix === "") return { document, definitions: all, fromContext };
  const suffixed = prepare((document.bom ? BOM : "") + document.original + suffix);
  // The definitions only resolve links: kept when they add or move no message (a text ending in an unclosed fence would swallow them).
  const same = suffixed.messages.length === document.messages.length && suffixed.messages.every((message, index) => message.start === document.messages[index]!.start);
  if (!same) return { document, definitions: all, fromContext: new Set() };
  suffixed.hiddenSuffix = suffix.length;
  return { document: suffixed, definitions: all, fromContext };
}

/** `text` with every anchor marker line made spaces (same length, line ends kept). */
function blankAnchorLines(text: string): string {
  return text.replace(/[^\r\n]+/g, (line) => (isAnchorLine(line) ? " ".repeat(line.length) : line));
}

/** The identifiers of the reference links and images a tree resolves. */
function referencedIdentifiers(root: Root): Set<string> {
  const found = new Set<string>();
  const walk = (node: Nodes): void => {
    if (node.type === "linkReference" || node.type === "imageReference") found.add(node.identifier);
    if ("children" in node) (node.children as Nodes[]).forEach(walk);
  };
  walk(root);
  return found;
}

/** A label an included file uses that the files including it define differently. */
export interface DefinitionConflict {
  include: string;
  /** The label's identifier (normalized as CommonMark matches labels). */
  label: string;
  /** The includer whose definition was used. */
  used: string;
  /** Includers defining it otherwise, with the definition line each gives (none: the includer does not define it). */
  others: Array<{ includer: string; definition?: string }>;
  /** The definition line the include is translated with. */
  definition: string;
}

/** The definitions every includer of a file gives it, merged (first includer wins), and the labels they disagree on. */
function includerContext(uses: readonly IncludeUse[], definitionsByFile: ReadonlyMap<string, DefinitionLines>): { context: DefinitionLines; disagreements: Map<string, { used: string; others: DefinitionConflict["others"] }> } {
  const context: DefinitionLines = new Map();
  const usedFrom = new Map<string, string>();
  const disagreements = new Map<string, { used: string; others: DefinitionConflict["others"] }>();
  const seen = new Set<string>();
  for (const use of uses) {
    if (seen.has(use.chapter)) continue;
    seen.add(use.chapter);
    for (const [identifier, line] of definitionsByFile.get(use.chapter) ?? []) {
      const known = context.get(identifier);
      if (known === undefined) {
        context.set(identifier, line);
        usedFrom.set(identifier, use.chapter);
      } else if (known !== line) {
        const entry = disagreements.get(identifier) ?? { used: usedFrom.get(identifier)!, others: [] };
        entry.others.push({ includer: use.chapter, definition: line });
        disagreements.set(identifier, entry);
      }
    }
  }
  // An includer without the label shows the reference as text where the others show a link.
  for (const [identifier] of context) {
    for (const includer of seen) {
      if (definitionsByFile.get(includer)?.has(identifier)) continue;
      const entry = disagreements.get(identifier) ?? { used: usedFrom.get(identifier)!, others: [] };
      entry.others.push({ includer });
      disagreements.set(identifier, entry);
    }
  }
  return { context, disagreements };
}

/** Reads and segments SUMMARY.md, every chapter and every included file with messages. */
export function prepareBook(config: BookConfig, read: (path: string) => string, options: PrepareOptions = {}): PreparedBook {
  const documents: PreparedDocument[] = [];
  const base: TranslateOptions = segmentationOptions(config, options);
  const summaryPath = outlinePath(config);
  let summaryText: string;
  try {
    summaryText = config.plain ? plainSummaryText(config.plain) : read(summaryPath);
  } catch (error) {
    if (error instanceof PobookError) throw error;
    if (error instanceof ReadRefusal) throw new PobookError(error.message, { file: summaryPath });
    throw new PobookError("SUMMARY.md is missing", { file: summaryPath });
  }
  const summary = prepareMarkdown(summaryPath, "summary", summaryText, summaryText, { ...base, summary: true });
  // A plain Markdown book's outline is generated: nothing to translate or write.
  if (!config.plain) documents.push(summary);
  // The same tree gives the chapter list: SUMMARY.md is parsed once.
  const entries = chapterEntries(summaryFromTree(summary.tree, summaryPath));
  const lineOfChapter = new Map(entries.map((chapter) => [posix.join(config.src, chapter.path), chapter.line]));
  const chapters = [...lineOfChapter.keys()];
  const chapterSet = new Set(chapters);
  const includes = new Map<string, IncludeUse[]>();
  // Every definition each chapter and Markdown include sees (includes expanded): an include's context.
  const definitionsByFile = new Map<string, DefinitionLines>();
  const conflicts: DefinitionConflict[] = [];
  const includeErrors: PobookError[] = [];
  for (const path of chapters) {
    let text: string;
    try {
      text = read(path);
    } catch (error) {
      if (error instanceof PobookError) throw error;
      throw new PobookError(chapterReadFailure(path, error), { file: summaryPath, line: lineOfChapter.get(path) });
    }
    // What mdBook will report when it builds the copy (translate does not stop for it): said now, with its line.
    if (scanLinks(text).some((link) => link.type !== undefined && INCLUDE_TYPES.has(link.type))) expandLinks(text, { path, read, problems: includeErrors });
    const prepared = withIncludedDefinitions(prepareChapterDocument(config, path, text, options), (suffixed) => prepareChapterDocument(config, path, suffixed, options), read);
    const document = prepared.document;
    definitionsByFile.set(path, prepared.definitions);
    const parsed = document.parsed;
    document.messages = expandInlineIncludeMessages(path, parsed, document.tree, document.messages, read, document.options);
    documents.push(document);
    for (const use of includeUses(path, parsed, document.tree)) {
      const known = includes.get(use.path);
      if (known) known.push(use);
      else includes.set(use.path, [use]);
    }
  }
  for (const [includePath, uses] of includes) {
    // A chapter or SUMMARY.md included elsewhere is translated as itself only.
    if (chapterSet.has(includePath) || includePath === summaryPath) continue;
    let text: string;
    try {
      text = read(includePath);
    } catch (error) {
      if (error instanceof ReadRefusal) throw new PobookError(`cannot read included file ${includePath}: ${error.message}`, uses[0]!.at);
      continue; // A missing include is mdBook's error to report when it builds the book.
    }
    // A file included as Markdown somewhere is Markdown; otherwise, the code of its uses' languages.
    const code = uses.filter((use) => use.language !== undefined);
    if (code.length === uses.length) {
      documents.push(prepareCode(includePath, text, code, base));
      continue;
    }
    // Included only by anchor, it never shows its anchor lines: mdBook drops them, so a paragraph
    // next to one ends there (blanked here, offsets kept).
    const markdownUses = uses.filter((use) => use.language === undefined);
    const parsedText = markdownUses.every((use) => use.anchored) ? blankAnchorLines : (suffixed: string) => suffixed;
    // Parsed with the definitions of the chapters it is expanded into, as mdBook parses it.
    const { context, disagreements } = includerContext(markdownUses, definitionsByFile);
    const prepared = withIncludedDefinitions(prepareMarkdown(includePath, "include", text, parsedText(text), base), (suffixed) => prepareMarkdown(includePath, "include", suffixed, parsedText(suffixed), base), read, context);
    const document = prepared.document;
    definitionsByFile.set(includePath, prepared.definitions);
    if (disagreements.size > 0) {
      const used = referencedIdentifiers(document.tree);
      for (const [identifier, { used: first, others }] of disagreements) {
        // Only a label the file uses and takes from its includers (a definition of its own wins everywhere).
        if (!used.has(identifier) || !prepared.fromContext.has(identifier)) continue;
        conflicts.push({ include: includePath, label: identifier, used: first, others, definition: context.get(identifier)! });
      }
    }
    document.messages = expandInlineIncludeMessages(includePath, document.parsed, document.tree, document.messages, read, document.options);
    documents.push(document);
    // Its own includes, relative to it as mdBook expands them (a file already prepared is not prepared again).
    for (const use of includeUses(includePath, document.parsed, document.tree)) {
      const known = includes.get(use.path);
      if (known) known.push(use);
      else includes.set(use.path, [use]);
    }
  }
  const includeProblems = includeErrors.map((error) => ({ message: error.message, file: error.file!, line: error.line! }));
  return { documents, check: { config, read, options }, definitionConflicts: conflicts, includeProblems };
}

export interface FileTranslation extends DocumentTranslation {
  path: string;
  role: DocumentRole;
  /** Written in the source language because it was below the threshold. */
  belowThreshold: boolean;
}

export interface ApplyOptions {
  /** A chapter with fewer than this percentage of its messages translated is written untranslated. */
  threshold?: number;
  /** The book root's POSIX path from the read root ("" when the same): where files above the book go in the copy (see outside-book.ts). */
  bookInReadRoot?: string;
}

/** Applies one catalog to a prepared book. */
export function applyCatalog(book: PreparedBook, catalog: Lookup, options: ApplyOptions = {}): FileTranslation[] {
  const escaping = linkEscapingLookup(catalog);
  const idOptions = headingIdOptions(book.check?.config ?? { raw: {} });
  // Heading ids are mdBook's: plain Markdown (rendered by anything) gets no `{#id}` written into it.
  const stableAnchors = book.check?.config.plain === undefined;
  return book.documents.map((document) => {
    // SUMMARY.md is not read by the links preprocessor; chapters and their includes are.
    const lookup = document.role === "summary" ? catalog : escaping;
    let result: DocumentTranslation;
    if (document.views) result = translateViews(document.original, document.views, lookup);
    else if (document.role === "chapter" && stableAnchors) {
      // A chapter's headings keep the source's anchors (stable-anchors.ts).
      const { outcomes: _outcomes, edits, ...translated } = translateWithOutcomes(document.parsed, document.tree, document.messages, lookup, { ...document.options, original: document.original, mdbookLinks: true });
      document.anchors ??= sourceAnchors(document.tree, document.parsed, idOptions);
      result = { ...translated, text: keepSourceAnchors(document.original, document.anchors, edits, translated.text) };
    } else result = translateMessages(document.parsed, document.tree, document.messages, lookup, { ...document.options, original: document.original, mdbookLinks: document.role !== "summary" });
    const share = result.total === 0 ? 100 : (result.applied / result.total) * 100;
    const belowThreshold = document.role === "chapter" && options.threshold !== undefined && share < options.threshold;
    const written = belowThreshold ? document.original : result.text;
    const text = (document.bom ? BOM : "") + (document.hiddenSuffix ? written.slice(0, written.length - document.hiddenSuffix) : written);
    return { path: document.path, role: document.role, ...result, text, belowThreshold };
  });
}

/**
 * Translates each view of an included code file and writes the edits into
 * the file; two views that translate the same text differently (the file is
 * included in several places) keep the first and warn about the other.
 */
function translateViews(file: string, views: readonly PreparedView[], lookup: Lookup): DocumentTranslation {
  const total: DocumentTranslation = { text: file, total: 0, applied: 0, fuzzy: 0, untranslated: 0, warnings: [] };
  const fileLine = (view: PreparedView, line: number): number => (view.view.lines[line - 2]?.line ?? 0) + 1;
  const edits: Array<Edit & { chapter?: string }> = [];
  for (const view of views) {
    const result = translateWithOutcomes(view.parsed, view.tree, view.messages, lookup, { ...view.options, mdbookLinks: true });
    total.total += result.total;
    total.applied += result.applied;
    total.fuzzy += result.fuzzy;
    total.untranslated += result.untranslated;
    const by = ` (included by ${view.chapter})`;
    total.warnings.push(...result.warnings.map((warning) => ({ ...warning, line: fileLine(view, warning.line), message: warning.message + by })));
    for (const edit of result.edits) {
      const line = fileLine(view, edit.line ?? 0);
      const mapped = editInFile({ ...edit, start: edit.start - view.head, end: edit.end - view.head }, view.view, file);
      if (typeof mapped === "string") {
        total.applied--;
        total.warnings.push({ line, poLine: edit.poLine, message: mapped + by });
      } else edits.push({ ...mapped, poLine: edit.poLine, line, chapter: view.chapter });
    }
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let position = 0;
  let previous: Edit | undefined;
  for (const edit of edits) {
    if (previous && edit.start === previous.start && edit.end === previous.end && edit.text === previous.text) continue;
    if (edit.start < position) {
      total.applied--;
      total.warnings.push({ line: edit.line ?? 0, poLine: edit.poLine, message: `this file is included in several places and another translation of this text was written (included by ${edit.chapter})` });
      continue;
    }
    parts.push(file.slice(position, edit.start), edit.text);
    position = edit.end;
    previous = edit;
  }
  parts.push(file.slice(position));
  total.text = parts.join("");
  return total;
}

/** A warning of a translated book: the file it is about, with the PO line and the reason. */
export interface BookWarning extends TranslationWarning {
  file: string;
  /** rejected: the source text was kept; missing: re-extracting the translated book does not give the msgstr. */
  kind: "rejected" | "missing";
}

export interface BookTranslation {
  files: FileTranslation[];
  /**
   * What the copy holds where it differs from the book, by path in the copy:
   * translated files, files above the book root (under `.pobook-outside/`)
   * and files whose directives were pointed there.
   */
  output: Map<string, string>;
  /** Each file above the book root written into the copy, and its path there. */
  relocated: Map<string, string>;
  /** Files above the book root that are not written (chapters: see outside-book.ts). */
  withheld: FileTranslation[];
  /** Counts over the source book's messages; they add up to `total`. */
  tally: BookTally;
  /** Rejected translations, then translations the translated book does not yield (one per occurrence). */
  warnings: BookWarning[];
  /** The book's includes that cannot be expanded (PreparedBook.includeProblems). */
  includeProblems: ChapterProblem[];
}

/**
 * Applies one catalog and checks the result by extracting the translated
 * book again, as it is laid out in the copy: a translation counts as
 * applied only if it comes back.
 */
export function translateBook(book: PreparedBook, lookup: Lookup, options: ApplyOptions = {}): BookTranslation {
  const files = applyCatalog(book, lookup, options);
  const warnings: BookWarning[] = files.flatMap((file) => file.warnings.map((warning) => ({ file: file.path, kind: "rejected" as const, ...warning })));
  if (!book.check) throw new Error("translateBook needs a book from prepareBook");
  const check = book.check;
  if (!check.source || !check.reached) {
    const reached = new Map<string, string>();
    const recording = (path: string): string => {
      const text = check.read(path);
      reached.set(path, text);
      return text;
    };
    const known = unexpandedChapters(book);
    // An unexpanded chapter's text is its expanded text: its messages serve the copy too. So do those of a chapter
    // with `{{` that expansion leaves as it is (the map is keyed by expanded text): a 5 MB one was parsed twice more.
    check.segmented = new Map(book.documents.filter(segmentedAsWritten).map((document) => [document.original, document.messages]));
    check.source = extractForCheck(check.config, recording, check.options, known, check.segmented);
    check.reached = reached;
  }
  const { output, relocated, withheld } = copyContents(book, files, check.reached, options.bookInReadRoot);
  // The copy as it is written: nothing above its root can be read from it.
  const readCopy = (path: string): string => {
    const text = output.get(path);
    if (text !== undefined) return text;
    if (isOutsideBook(path)) throw new Error(`${path} is outside the translated copy`);
    return check.read(path);
  };
  const translated = extractForCheck(check.config, readCopy, check.options, new Map(), check.segmented);
  const heldBack = new Set(files.filter((file) => file.belowThreshold).map((file) => file.path));
  const tally = tallyTranslation(check.source, translated, lookup, heldBack);
  const rejected = new Set(warnings.map((warning) => warning.poLine).filter((line) => line !== undefined));
  // A chapter SUMMARY.md lists twice has its places twice: one warning for them.
  const warned = new Set<string>();
  for (const missing of tally.notApplied) {
    if (missing.poLine !== undefined && rejected.has(missing.poLine)) continue;
    const place = `${missing.chapter}\0${missing.line}\0${missing.poLine}`;
    if (warned.has(place)) continue;
    warned.add(place);
    const conflict = definitionConflictOf(book.definitionConflicts ?? [], missing.chapter, missing.msgid);
    warnings.push({
      file: missing.chapter,
      line: missing.line,
      poLine: missing.poLine,
      kind: "missing",
      message: conflict ?? `the translated book does not give back the translation of ${preview(missing.msgid)} here (not applied: the text comes from an include that cannot be translated in place, or the msgstr reads differently once written, e.g. an unclosed \`_\` or \`[\`)`,
    });
  }
  return { files, output, relocated, withheld, tally, warnings, includeProblems: book.includeProblems ?? [] };
}

/**
 * The copy's files that differ from the book: the translated files, and
 * every included file above the book root moved under `.pobook-outside/`
 * with the directives reaching it pointed there (outside-book.ts).
 */
function copyContents(
  book: PreparedBook,
  files: readonly FileTranslation[],
  reached: ReadonlyMap<string, string>,
  bookInReadRoot: string | undefined,
): { output: Map<string, string>; relocated: Map<string, string>; withheld: FileTranslation[] } {
  // SUMMARY.md and chapters keep their places (mdBook does not expand SUMMARY.md's directives).
  const fixed = new Set(book.documents.filter((document) => document.role !== "include").map((document) => document.path));
  const summary = book.documents.find((document) => document.role === "summary")?.path;
  const layout = outsideLayout([...reached.keys()].filter((path) => !fixed.has(path)), bookInReadRoot);
  const relocated = new Map([...layout].filter(([, copy]) => isMovedCopy(copy)));
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const output = new Map<string, string>();
  for (const [path, text] of texts) if (!isOutsideBook(path)) output.set(path, text);
  for (const [path, source] of reached) {
    if (path === summary || (fixed.has(path) && isOutsideBook(path))) continue;
    // Named by a path that climbs out and back in: the book's own file, written under its own name.
    if (isOutsideBook(path) && !relocated.has(path)) {
      const own = layout.get(path)!;
      const text = texts.get(path);
      if (text !== undefined && !texts.has(own)) output.set(own, relocateDirectives(text, own, layout));
      continue;
    }
    const text = texts.get(path) ?? source;
    const moved = relocateDirectives(text, path, layout);
    if (moved !== text || relocated.has(path) || texts.has(path)) output.set(relocated.get(path) ?? path, moved);
  }
  const withheld = files.filter((file) => isOutsideBook(file.path) && !layout.has(file.path));
  return { output, relocated, withheld };
}

/** Chapters whose text extraction would read unchanged (no links to expand, no course directives to drop). */
/** A chapter whose messages were segmented from its text as the file has it (what extraction segments when nothing expands). */
function segmentedAsWritten(document: PreparedDocument): boolean {
  return document.role === "chapter" && !document.bom && document.parsed === document.original;
}

function unexpandedChapters(book: PreparedBook): Map<string, Message[]> {
  const known = new Map<string, Message[]>();
  for (const document of book.documents) {
    if (segmentedAsWritten(document) && !document.original.includes("{{")) known.set(document.path, document.messages);
  }
  return known;
}

/**
 * Why `msgid` of `chapter` is not given back, when it holds a link to the definition this
 * chapter gives a label of an included file that another includer defines otherwise.
 */
function definitionConflictOf(conflicts: readonly DefinitionConflict[], chapter: string, msgid: string): string | undefined {
  for (const conflict of conflicts) {
    for (const other of conflict.others) {
      if (other.includer !== chapter) continue;
      if (other.definition === undefined) {
        // Here the reference stays text: mdbook-xgettext escapes its brackets.
        const label = /^\[(.*)\]: </.exec(conflict.definition)?.[1];
        if (label === undefined || !msgid.includes(`\\[${label}\\]`)) continue;
        return `${conflict.include} is included by ${conflict.used}, which defines [${label}], and here, which does not: the file is translated with ${conflict.used}'s link, so the translation of ${preview(msgid)} cannot be written back here (not applied)`;
      }
      const match = /^(\[.*\]): <(.*)>(?: "|$)/.exec(other.definition);
      if (!match || !msgid.includes(`](${match[2]!.replace(/\\([<>\\])/g, "$1")}`)) continue;
      return `${conflict.include} is included by ${conflict.used} and here, which define ${match[1]} differently: the file is translated with ${conflict.used}'s link, so the translation of ${preview(msgid)} cannot be written back here (not applied)`;
    }
  }
  return undefined;
}

function preview(msgid: string): string {
  const text = JSON.stringify(msgid);
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}


/** The source text of each place the book yields each of `msgids` (chapters, SUMMARY.md and Markdown includes; code views left out). */
export function messageSources(book: PreparedBook, msgids: ReadonlySet<string>): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  for (const document of book.documents) {
    if (document.views) continue;
    for (const message of document.messages) {
      if (!msgids.has(message.msgid)) continue;
      const known = sources.get(message.msgid);
      const text = document.parsed.slice(message.start, message.end);
      if (known) known.push(text);
      else sources.set(message.msgid, [text]);
    }
  }
  return sources;
}
