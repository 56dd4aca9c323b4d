/**
 * `pobook extract [BOOK] [-o FILE|DIR]`: write the book's POT template(s).
 */
import type { Command } from "commander";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { basename, dirname, extname, join, posix, relative, resolve } from "node:path";
import { availableParallelism } from "node:os";
import { inFile, PobookError } from "../errors.js";
import { readUtf8 } from "../fs.js";
import { checkCatalogWritable, writeCatalogFile } from "../catalog-file.js";
import { compatSegmentation, withCompat, type BookConfig } from "../book/config.js";
import { readBookConfig } from "./book-config.js";
import { bookRoot, bookSources } from "./plain-book.js";
import { addBookOption, chosenBook, shownPath } from "./book-option.js";
import { buildTemplates, TemplateBuilder, type BookOutline, type ChapterRef, type TemplateEntry, type TemplateFile } from "../book/template.js";
import { ExtractionCache } from "../runtime/extraction-cache.js";
import { bookReader, confinedBytes, findReadRoot } from "../runtime/book-reader.js";
import { throwChapterProblems } from "../book/chapter-problems.js";
import type { Message } from "../markdown/segment.js";
import { createTemplate, serializePo, type FoldedMsgids, type TemplateHeader } from "../catalog/serialize.js";
import { newEntry } from "../catalog/types.js";
import { enforce, inspectFile, realPath } from "../output/inspect.js";
import { decideOutputFile } from "../output/rules.js";
import { withBookMessages } from "../publish/template-messages.js";

export interface ExtractCliOptions {
  output?: string;
  granularity?: string;
  depth?: string;
  legacyInlineHtml?: boolean;
  compat?: string;
  jobs?: string;
  cache: boolean;
  cacheDir?: string;
  json?: boolean;
  force?: boolean;
  split?: string;
}

/** `POT-Creation-Date` like mdbook-xgettext (RFC 3339, seconds); SOURCE_DATE_EPOCH makes it reproducible. */
export function potCreationDate(now = new Date(), epoch = process.env.SOURCE_DATE_EPOCH): string {
  if (epoch !== undefined && epoch !== "") {
    if (!/^\d+$/.test(epoch)) throw new PobookError(`SOURCE_DATE_EPOCH must be a number of seconds, got "${epoch}"`);
    return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  const offset = -now.getTimezoneOffset();
  const local = new Date(now.getTime() + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset > 0 ? "+" : "-";
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
  const minutes = String(Math.abs(offset) % 60).padStart(2, "0");
  return `${local}${sign}${hours}:${minutes}`;
}

function integerOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new PobookError(`${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

export function toCatalogEntries(entries: readonly TemplateEntry[]) {
  return entries.map((entry) =>
    newEntry(entry.msgid, {
      ...(entry.msgctxt === undefined ? {} : { msgctxt: entry.msgctxt }),
      references: entry.references,
      extractedComments: entry.comment === "" ? [] : [entry.comment],
    }),
  );
}

export interface ExtractResult {
  /** What was written; `-` is standard output. */
  files: Array<{ path: string; messages: number }>;
}

/** A template rendered by an earlier run with the same inputs (see ExtractionCache.lookupOutput): its POT text after the header. */
interface RenderedTemplate extends TemplateFile {
  body: string;
  messages: number;
}

interface CachedOutput {
  templates: Array<{ path: string; body: string; messages: number }>;
}

const messageCount = (template: TemplateFile): number => ("messages" in template ? (template as RenderedTemplate).messages : template.entries.length);

async function extractFromBook(root: string, options: ExtractCliOptions): Promise<{ config: BookConfig; templates: TemplateFile[]; cache?: ExtractionCache; outputKey?: string }> {
  const config = withCompat(readBookConfig(root, true, "give a book directory or a Markdown file")!, options.compat);
  config.granularity = integerOption(options.granularity, "--granularity") ?? config.granularity;
  config.depth = integerOption(options.depth, "--depth") ?? config.depth;
  const summaryPath = join(root, config.src, "SUMMARY.md");
  if (!config.plain && !existsSync(summaryPath)) throw new PobookError("SUMMARY.md is missing", { file: summaryPath });
  const readRoot = findReadRoot(root, config);
  const read = bookReader(root, readRoot, config);
  const summaryFile = posix.join(config.src, "SUMMARY.md");
  // The book by its place in the read root (its repository): a cache restored into another checkout still serves.
  const settings = { config: { ...config, raw: undefined }, legacy: options.legacyInlineHtml, book: relative(readRoot, realPath(root)) };
  const cache = options.cache ? new ExtractionCache(settings, confinedBytes(root, readRoot), cacheDirectory(options.cacheDir)) : undefined;
  // The whole templates, when no file any result was made from changed: book.toml's own messages (its raw
  // text, which the settings leave out) are the only other input. --split needs the entries themselves.
  const outputKey = cache && options.split === undefined ? createHash("sha256").update(JSON.stringify(config.raw)).digest("hex") : undefined;
  const rendered = outputKey === undefined ? undefined : cache!.lookupOutput<CachedOutput>(outputKey);
  // Served whole: nothing new to keep (outputKey unset).
  if (rendered) return { config, templates: rendered.templates.map((template) => ({ ...template, entries: [] })), cache };
  // The parser and its grammars are loaded only when something is not in the cache.
  let outline = cache?.lookup<BookOutline>(OUTLINE_KEY);
  if (!outline) {
    const { readOutline } = await import("../book/extract-book.js");
    outline = readOutline(config, read, options);
    // A plain Markdown book's outline is its file list, which the cache settings hold.
    cache?.store(OUTLINE_KEY, config.plain ? [] : [summaryFile], outline);
  }
  const messages: Message[][] = new Array(outline.chapters.length);
  const missing: Array<{ index: number; chapter: ChapterRef }> = [];
  outline.chapters.forEach((chapter, index) => {
    const cached = cache?.lookup<Message[]>(chapter.path);
    if (cached) messages[index] = cached;
    else missing.push({ index, chapter });
  });
  if (missing.length > 0) {
    const { ExtractPool } = await import("../runtime/extract-pool.js");
    const pool = new ExtractPool({ root, readRoot, config, summaryPath: summaryFile, options, read, jobs: integerOption(options.jobs, "--jobs") ?? defaultJobs() });
    try {
      const results = await pool.extract(missing.map((item) => item.chapter));
      // Every missing or refused file of the book is said at once; nothing is written.
      throwChapterProblems(results);
      missing.forEach((item, i) => {
        messages[item.index] = results[i]!.messages;
        cache?.store(item.chapter.path, results[i]!.files, results[i]!.messages);
      });
    } finally {
      pool.close();
    }
  }
  return { config, templates: withBookMessages(buildTemplates(config, outline, messages), config), cache, outputKey };
}

/**
 * The POT text of `entries` under `header`. With a cache, the msgids' folded
 * lines of the last run are reused (folding 6,000 messages at 79 columns is
 * most of the time of writing a template); the header, with this run's
 * date, is always written afresh.
 */
function renderTemplate(header: TemplateHeader, template: TemplateFile, cache: ExtractionCache | undefined): { text: string; body: string } {
  const catalog = createTemplate(header, toCatalogEntries(template.entries));
  const headerText = serializePo({ ...catalog, entries: [] });
  if ("body" in template) return { text: headerText + (template as RenderedTemplate).body, body: (template as RenderedTemplate).body };
  if (!cache) {
    const text = serializePo(catalog);
    return { text, body: text.slice(headerText.length) };
  }
  const key = `#folded:${template.path}`;
  const folded: FoldedMsgids = new Map(Object.entries(cache.remembered<Record<string, string>>(key) ?? {}));
  const text = serializePo(catalog, folded);
  // Only this run's msgids that needed folding (one-line ones are cheap to write again).
  const kept: Record<string, string> = {};
  for (const entry of template.entries) {
    const lines = folded.get(entry.msgid);
    if (lines !== undefined && lines.indexOf("\n") < lines.length - 1) kept[entry.msgid] = lines;
  }
  cache.remember(key, kept);
  return { text, body: text.slice(headerText.length) };
}

/** `--cache-dir`, checked: a directory or a path that does not exist yet. */
function cacheDirectory(dir: string | undefined): string | undefined {
  if (dir === undefined) return undefined;
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new PobookError("--cache-dir must name a directory", { file: dir });
  return resolve(dir);
}

/** Cache key of SUMMARY.md's outline (chapter keys are paths, which never start with `#`). */
const OUTLINE_KEY = "#outline";

/**
 * Threads to extract with. Measured on the corpus book with 2 cores: one
 * thread 1.95 s, two 2.2 s — each V8 isolate pays the parser's JIT warm-up,
 * which is most of a 1,000-chapter book's parse time; with more cores the
 * work per thread shrinks enough to win.
 */
function defaultJobs(): number {
  const cores = availableParallelism();
  return cores > 2 ? Math.min(cores, 8) : 1;
}

async function extractFromFile(file: string, options: ExtractCliOptions): Promise<TemplateFile[]> {
  const granularity = integerOption(options.granularity, "--granularity") ?? 1;
  const builder = new TemplateBuilder(granularity);
  const shown = relative(process.cwd(), file) || basename(file);
  const { segmentMarkdown } = await import("../markdown/segment.js");
  const text = readUtf8(file);
  builder.add(shown, inFile(shown, () => segmentMarkdown(text, { ...compatSegmentation(options.compat ?? "0.3"), legacyInlineHtml: options.legacyInlineHtml })));
  return [{ path: `${basename(file, extname(file))}.pot`, entries: builder.build() }];
}

/** Runs extract and writes the POT file(s); returns what was written. */
export async function runExtract(bookArg: string, options: ExtractCliOptions): Promise<ExtractResult> {
  bookArg = bookRoot(bookArg);
  const target = resolve(bookArg);
  if (options.cacheDir !== undefined && !options.cache) throw new PobookError("--cache-dir and --no-cache contradict each other: give one");
  if (!existsSync(target)) throw new PobookError("no such book directory or file", { file: bookArg });
  const isFile = statSync(target).isFile();
  const { config, templates, cache, outputKey } = isFile
    ? { config: undefined, templates: await extractFromFile(target, options), cache: undefined, outputKey: undefined }
    : await extractFromBook(target, options);
  const header = {
    projectIdVersion: config?.title ?? "",
    potCreationDate: potCreationDate(),
    language: config?.language ?? "en",
  };
  // Paths as the user gave them (`book/po/messages.pot`), not resolved.
  const defaultDir = isFile ? dirname(bookArg) : join(bookArg, config!.poDir);
  let outputs: Array<{ path: string; text: string; messages: number }>;
  // Each template's body is kept for the next run (ExtractionCache.lookupOutput).
  const bodies = new Map<string, { path: string; body: string; messages: number }>();
  const render = (template: TemplateFile): string => {
    const { text, body } = renderTemplate(header, template, cache);
    bodies.set(template.path, { path: template.path, body, messages: messageCount(template) });
    return text;
  };
  const saveCache = (): void => {
    if (!cache) return;
    if (outputKey !== undefined && bodies.size === templates.length) cache.storeOutput(outputKey, { templates: templates.map((template) => bodies.get(template.path)!) } satisfies CachedOutput);
    cache.save();
  };
  const output = options.output;
  if (output === "-") {
    if (templates.length !== 1 || (config?.depth ?? 0) > 0 || options.split !== undefined) throw new PobookError("-o - writes one template to standard output, but --depth splits it into several files: give -o a directory");
    if (options.json) throw new PobookError("-o - and --json both write to standard output: give -o a file or directory");
    process.stdout.write(render(templates[0]!));
    saveCache();
    return { files: [{ path: "-", messages: messageCount(templates[0]!) }] };
  }
  // The template tree's modules (and the catalog reader they bring) only for --split.
  const trees = options.split === undefined ? undefined : await import("./catalog-tree.js");
  const split = trees?.parseSplit(options.split);
  if (split !== undefined) {
    // A template tree laid out as the catalog trees are (src/catalog/tree.ts): <po-dir>/<pot-file stem>/**.pot.
    if (isFile) throw new PobookError("--split lays out a book's template by its SUMMARY.md: give a book directory");
    if ((config?.depth ?? 0) > 0 || templates.length !== 1) throw new PobookError("--split and --depth both split the template: give one of them");
    const { treeLayout } = await import("../book/catalog-tree-layout.js");
    const { splitCatalog } = await import("../catalog/tree.js");
    const layout = treeLayout(split, config!, await trees!.readBookOutline(target, config!));
    const dir = output ?? join(defaultDir, basename(config!.potFile, ".pot"));
    const files = splitCatalog(createTemplate(header, toCatalogEntries(templates[0]!.entries)), layout);
    outputs = [...files].map(([path, catalog]) => ({ path: join(dir, path.replace(/\.po$/, ".pot")), text: serializePo(catalog), messages: catalog.entries.length }));
  } else {
  const outputIsFile = output !== undefined && (output.endsWith(".pot") || output.endsWith(".po") || (existsSync(output) && statSync(output).isFile()));
  if (outputIsFile) {
    if (templates.length !== 1) throw new PobookError("--depth splits the template into several files: give -o a directory");
    outputs = [{ path: output, text: render(templates[0]!), messages: messageCount(templates[0]!) }];
  } else {
    const dir = output ?? defaultDir;
    outputs = templates.map((template) => ({ path: join(dir, template.path), text: render(template), messages: messageCount(template) }));
  }
  }
  // Never over a book source, nor over a file that is not a template unless --force (src/output/rules.ts).
  const sources = isFile
    ? { directories: [], files: [realPath(target)] }
    : bookSources(target, config!);
  for (const file of outputs) enforce(decideOutputFile(inspectFile(file.path), sources, "template"), options.force === true, file.path);
  // Everything is computed before anything is written: bad input leaves no partial output.
  // A template is written like a catalog: through a symlink to its target, keeping mode and group.
  const targets = outputs.map((file) => ({ target: checkCatalogWritable(file.path), text: file.text }));
  for (const { target, text } of targets) {
    mkdirSync(dirname(target.realPath), { recursive: true });
    writeCatalogFile(target, text);
  }
  saveCache();
  return { files: outputs.map((file) => ({ path: file.path, messages: file.messages })) };
}

export function registerExtract(program: Command): void {
  const command = program
    .command("extract")
    .description("write the POT template of a book (msgids identical to mdbook-xgettext's)")
    .argument("[book]", "book directory with book.toml, a single Markdown file, or a folder or quoted glob of plain Markdown files (default: .)");
  addBookOption(command, "the book directory, or a single Markdown file (same as BOOK)")
    .option("-o, --output <path>", "POT file, directory for the template(s), or - for standard output (default: <book>/po/<pot-file>)")
    .option("--force", "overwrite an existing file that is not a gettext template (never a book source)")
    .option("--granularity <n>", "references: 0 = file only, 1 = file:line, N = line rounded down to N")
    .option("--depth <n>", "split the template into one POT per part/chapter down to this depth")
    .option("--split <mode>", "write a template tree <po-dir>/<pot-file stem>/**.pot laid out like the catalog trees: one POT per chapter or part, each message once")
    .option("--legacy-inline-html", "end messages at inline HTML, like mdbook-xgettext before 0.3.4 (older catalogs)")
    .option("--compat <version>", "msgids of this mdbook-i18n-helpers version: 0.3 (default) or 0.4 (HTML blocks and definition lists give messages)")
    .option("-j, --jobs <n>", "worker threads (default: one per CPU)")
    .option("--no-cache", "do not reuse or store per-chapter results")
    .option("--cache-dir <dir>", "keep the per-chapter cache in this directory (CI can restore it between runs; default: $XDG_CACHE_HOME/pobook)")
    .option("--json", "print what was written as JSON")
    .action(async (bookArg: string | undefined, options: ExtractCliOptions & { book?: string }) => {
      const result = await runExtract(chosenBook(bookArg, options.book), options);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      for (const file of result.files) {
        if (file.path === "-") continue;
        process.stdout.write(`wrote ${shownPath(file.path)}: ${file.messages} messages\n`);
      }
    });
}
