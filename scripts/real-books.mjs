#!/usr/bin/env node
// Runs pobook's whole loop on books nobody here wrote and says, per book, what broke.
//
// Usage:
//   node scripts/real-books.mjs [--json FILE] [--keep DIR] BOOK_DIR...
//   node scripts/real-books.mjs --manifest books.json [--only NAME,...] [--json FILE] [--keep DIR]
//
// A manifest is a JSON array of { "name", "path", "commit"?, "repo"?, "catalogs"?: ["po/ja.po"] };
// relative paths are resolved from the manifest's folder. Keep the books themselves outside the
// repository. Per book it checks:
//   extract     `pobook extract` exits 0 (time, messages, chapters listed in SUMMARY.md)
//   msgfmt      `msgfmt --check-format -o /dev/null` accepts the POT
//   msgcat      `msgcat` rewrites the POT byte for byte
//   identity    a catalog with msgstr = msgid translates into a tree identical to the book
//               (lstat walk: same entries, types, permission bits, file bytes, symlink targets;
//               book.toml differs only by its `language` line; files the book includes from above
//               its folder are in the copy under .pobook-outside/ at their path from the read root,
//               and an include directive may differ only by its file name, which must reach, from
//               the copy, the copy of the file the book's directive reaches; a symlink to a file
//               outside the book but inside the read root may become a copy of that file)
//   empty       a catalog without entries does the same
//   invariant   a catalog whose msgstrs are the msgids with their words upper-cased (markup and
//               code left alone): for every entry, re-extracting the translated tree yields the
//               msgstr as a msgid, or translate printed a warning naming the entry's PO line
//   unchanged   no step wrote into the book's folder
//   catalogs    (manifest only) how many of an upstream catalog's msgids the POT reproduces; a
//               catalog pobook cannot read (msgfmt's verdict beside it) fails this check only
// It prints a table, writes the JSON summary (--json) and exits 1 when any check failed.
// Needs a built dist/ (npx tsc -p tsconfig.json) and GNU gettext on PATH.
import { spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist", "bundle", "pobook.js");
const { parsePo } = await import(join(ROOT, "dist", "src", "catalog", "parse.js"));
const { serializePo } = await import(join(ROOT, "dist", "src", "catalog", "serialize.js"));
const { entryKey } = await import(join(ROOT, "dist", "src", "catalog", "types.js"));
const { publishedBookToml } = await import(join(ROOT, "dist", "src", "publish", "published-toml.js"));
const { PICKER_SCRIPT, PICKER_STYLE } = await import(join(ROOT, "dist", "src", "publish", "picker.js"));

/** book.toml as translate publishes it into LANG (title and description stay: both round trips keep them as the source's). */
function publishedToml(text) {
  return publishedBookToml(text, "book.toml", { language: LANG, dir: "ltr", folder: `${LANG}/`, sourceFolder: "", js: [PICKER_SCRIPT], css: [PICKER_STYLE] });
}
const { parseBookConfig } = await import(join(ROOT, "dist", "src", "book", "config.js"));
const { parseSummary, chapterEntries } = await import(join(ROOT, "dist", "src", "book", "summary.js"));
const { findReadRoot } = await import(join(ROOT, "dist", "src", "runtime", "book-reader.js"));
const { createdChapterText } = await import(join(ROOT, "dist", "src", "book", "created-chapters.js"));

/** Language code the round trips translate into (not a real language, so nothing special-cases it). */
const LANG = "eo"; // any language pobook can name (its picker lists it by name)
/** Differences listed per failing check. */
const SHOW = 5;
const COMMAND_TIMEOUT_MS = 10 * 60_000;

function run(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 256 << 20, timeout: COMMAND_TIMEOUT_MS, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? String(result.error ?? ""), ms };
}

/** The environment pobook runs in (a fixed date: the outputs compare byte for byte). */
const POBOOK_ENV = { SOURCE_DATE_EPOCH: "0" };

/** Runs the built CLI in a process of its own: `{ status, stdout, stderr }`. */
async function spawnPobook(args, env) {
  return run(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
}

const firstLine = (text) => text.trim().split("\n")[0] ?? "";

// Spans of a msgid the upper-casing must not touch: changing their case would change what they
// mean (link targets, footnote labels, entities, fence info strings, code, HTML, escapes).
const PROTECTED = new RegExp(
  [
    String.raw`^(?:\x60{3,}|~{3,})[^\n]*`, // fence line of a whole-code-block message
    String.raw`(\x60+)[\s\S]*?(?<!\x60)\1(?!\x60)`, // code span
    String.raw`\]\((?:[^()]|\([^()]*\))*\)`, // link destination and title
    String.raw`\[\^[^\]]*\]`, // footnote reference
    String.raw`<!--[\s\S]*?-->`,
    String.raw`<\/?[A-Za-z][^<>]*>`, // HTML tag
    String.raw`<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>`, // autolink
    String.raw`<[^<>\s@]+@[^<>\s]+>`, // email autolink
    String.raw`&#?[A-Za-z0-9]+;`, // character reference
    String.raw`\{\{[\s\S]*?\}\}`, // mdBook directive
    String.raw`^(?:diff --git|index [0-9a-f]|--- |\+\+\+ |@@ )[^\n]*`, // diff headers: the grammar knows them in lower case only
    String.raw`ANCHOR(?:_END)?:\s*[\w-]+`, // mdBook include anchor: other includes name it
    String.raw`\{[#.][^}]*\}`, // heading attributes
    String.raw`\\[\s\S]`, // backslash escape (also in code literals: \n, \t)
    String.raw`https?:\/\/[^\s)>\]]+`, // bare URL
    String.raw`\$\$[\s\S]*?\$\$|\$[^$\n]+\$`, // math
    String.raw`(?<![A-Za-z0-9_])(?:br|b|cr|c|r)(?=#*"|')`, // prefix of a Rust byte, C or raw literal
  ].join("|"),
  "gm",
);

/** The msgid with every ASCII letter outside markup and code upper-cased. */
export function shout(msgid) {
  let out = "";
  let last = 0;
  for (const match of msgid.matchAll(PROTECTED)) {
    out += msgid.slice(last, match.index).replace(/[a-z]+/g, (word) => word.toUpperCase()) + match[0];
    last = match.index + match[0].length;
  }
  return out + msgid.slice(last).replace(/[a-z]+/g, (word) => word.toUpperCase());
}

/** Every entry under `root` by relative path: type, permission bits, bytes or link target. */
export function snapshotTree(root, skip = new Set()) {
  const entries = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (name === ".git" || skip.has(resolve(path))) continue;
      const rel = relative(root, path).split(sep).join("/");
      const stat = lstatSync(path);
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isSymbolicLink()) entries.set(rel, { type: "symlink", mode, target: readlinkSync(path) });
      else if (stat.isDirectory()) {
        entries.set(rel, { type: "dir", mode });
        walk(path);
      } else if (stat.isFile()) entries.set(rel, { type: "file", mode, bytes: readFileSync(path) });
      else entries.set(rel, { type: "other", mode });
    }
  };
  walk(root);
  return entries;
}

/** Cheap listing (path, size, mtime) to tell whether anything wrote into the book. */
function listingOf(root, skip) {
  const lines = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (name === ".git" || skip.has(resolve(path))) continue;
      const stat = lstatSync(path);
      lines.push(`${relative(root, path)} ${stat.size} ${stat.mtimeMs}`);
      if (stat.isDirectory()) walk(path);
    }
  };
  walk(root);
  return lines.join("\n");
}

function firstDifferentLine(a, b) {
  const left = a.toString("utf8").split("\n");
  const right = b.toString("utf8").split("\n");
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) return `line ${i + 1}: ${JSON.stringify((left[i] ?? "<none>").slice(0, 100))} became ${JSON.stringify((right[i] ?? "<none>").slice(0, 100))}`;
  }
  return "same lines, different bytes";
}

/** Where pobook puts the files a book includes from above its folder (src/translate/outside-book.ts). */
const OUTSIDE = ".pobook-outside";
const DIRECTIVE = /\{\{\s*#(?:include|rustdoc_include|playground|playpen)\s+([^}]+)\}\}/g;

/** The file names of a line's include directives, and the line with each replaced by a mark. */
function directiveNames(line) {
  const names = [];
  const shape = line.replace(DIRECTIVE, (match, args) => {
    const name = args.trim().split(/\s+/)[0].split(":")[0];
    names.push(name);
    return match.replace(name, "\u0000");
  });
  return { names, shape };
}

/**
 * Whether `copyBytes` is `sourceBytes` with include file names changed only as the copy's
 * layout requires: each name, resolved from the copy's file `copyPath`, reaches the copy of
 * the file the book's name reaches from `sourceFile` (absolute).
 */
function onlyRelocated(sourceBytes, copyBytes, sourceFile, copyPath, layout) {
  const left = sourceBytes.toString("utf8").split("\n");
  const right = copyBytes.toString("utf8").split("\n");
  if (left.length !== right.length) return false;
  const copyRoot = "/copy";
  const copyOf = (file) => {
    const inBook = relative(layout.book, file);
    const rel = inBook === ".." || inBook.startsWith(`..${sep}`) ? join(OUTSIDE, relative(layout.readRoot, file)) : inBook;
    return join(copyRoot, rel);
  };
  return left.every((line, index) => {
    if (line === right[index]) return true;
    const a = directiveNames(line);
    const b = directiveNames(right[index]);
    if (a.shape !== b.shape) return false;
    return a.names.every((name, n) => resolve(copyRoot, dirname(copyPath), b.names[n]) === copyOf(resolve(dirname(sourceFile), name)));
  });
}

/**
 * Whether a copied file is the content of the book's symlink `linkFile` whose target lies outside
 * the book (but inside the read root): translate copies such a link's target, with a warning,
 * since the link itself would dangle in the copy.
 */
function copiedLinkTarget(linkFile, actual, layout) {
  let real;
  try {
    real = realpathSync(linkFile);
  } catch {
    return false;
  }
  const inBook = relative(layout.book, real);
  const inRoot = relative(layout.readRoot, real);
  if (!(inBook === ".." || inBook.startsWith(`..${sep}`)) || inRoot.startsWith(`..${sep}`)) return false;
  const stat = statSync(real);
  return stat.isFile() && (stat.mode & 0o7777).toString(8) === actual.mode && readFileSync(real).equals(actual.bytes);
}

/**
 * Differences between the book and a translated copy (book.toml compared with its language set).
 * With `layout` ({ book, readRoot }, absolute), the relocation of included files from above the
 * book is accepted (see the header).
 */
export function compareTrees(source, copy, layout) {
  const problems = [];
  const compareFile = (path, expected, actual, sourceFile) => {
    if (layout && expected.type === "symlink" && actual.type === "file" && copiedLinkTarget(sourceFile, actual, layout)) return;
    if (actual.type !== expected.type) problems.push(`${path}: ${expected.type} became ${actual.type}`);
    else if (actual.mode !== expected.mode) problems.push(`${path}: mode ${expected.mode} became ${actual.mode}`);
    if (expected.type === "symlink" && actual.type === "symlink" && actual.target !== expected.target) problems.push(`${path}: link to ${expected.target} became ${actual.target}`);
    if (expected.type === "file" && actual.type === "file") {
      const wanted = path === "book.toml" ? Buffer.from(publishedToml(expected.bytes.toString("utf8"))) : expected.bytes;
      if (!wanted.equals(actual.bytes) && !(layout && onlyRelocated(wanted, actual.bytes, sourceFile, path, layout))) problems.push(`${path}: ${firstDifferentLine(wanted, actual.bytes)}`);
    }
  };
  for (const [path, expected] of source) {
    const actual = copy.get(path);
    if (!actual) problems.push(`missing ${expected.type} ${path}`);
    else compareFile(path, expected, actual, layout ? join(layout.book, path) : path);
  }
  for (const [path, actual] of copy) {
    if (source.has(path) || path === PICKER_SCRIPT || path === PICKER_STYLE) continue;
    const created = layout?.created?.get(path);
    if (created !== undefined) {
      // A chapter mdBook would create: in the copy as mdBook writes it (the round trips translate nothing).
      compareFile(path, { type: "file", mode: "644", bytes: Buffer.from(created) }, actual, path);
      continue;
    }
    // Directories holding only created chapters.
    if (actual.type === "dir" && layout?.created && [...layout.created.keys()].some((file) => file.startsWith(`${path}/`))) continue;
    const relocated = layout && (path === OUTSIDE || path.startsWith(`${OUTSIDE}/`));
    if (!relocated) {
      problems.push(`extra ${actual.type} ${path}`);
      continue;
    }
    if (actual.type === "dir") continue;
    const original = join(layout.readRoot, path.slice(OUTSIDE.length + 1));
    const inBook = relative(layout.book, original);
    if (!existsSync(original) || !(inBook === ".." || inBook.startsWith(`..${sep}`))) {
      problems.push(`extra ${actual.type} ${path}: no file above the book at ${relative(layout.readRoot, original)}`);
      continue;
    }
    const stat = statSync(original);
    compareFile(path, { type: "file", mode: (stat.mode & 0o7777).toString(8), bytes: readFileSync(original) }, actual, original);
  }
  return problems;
}

function writeCatalog(path, template, translate) {
  const catalog = { ...template, headerFlags: [], entries: template.entries.map((entry) => ({ ...entry, msgstr: [translate(entry.msgid)], flags: [] })) };
  writeFileSync(path, serializePo(catalog));
  return parsePo(readFileSync(path, "utf8"), path);
}

function msgidsOf(potText, file) {
  return new Set(parsePo(potText, file).entries.filter((entry) => !entry.obsolete).map((entry) => entryKey(entry)));
}

/** `pobook translate` of `book` with `catalog` into `out`; returns the JSON report or an error line. */
async function translateInto(pobook, book, catalog, out, extraArgs) {
  const result = await pobook(["translate", book, "-l", LANG, "--po", catalog, "-o", out, "--json", ...extraArgs]);
  if (result.status !== 0) return { error: `translate exited ${result.status}: ${firstLine(result.stderr)}`, ms: result.ms };
  return { report: JSON.parse(result.stdout)[0], ms: result.ms };
}

async function roundTrip(pobook, book, source, catalogPath, out, extraArgs, layout) {
  const translated = await translateInto(pobook, book, catalogPath, out, extraArgs);
  if (translated.error) return { ok: false, ms: translated.ms, problems: [translated.error] };
  // pobook's own output manifest is the one file the copy may add.
  const copy = snapshotTree(out);
  copy.delete(".pobook-output.json");
  const problems = compareTrees(source, copy, layout);
  const warnings = translated.report.warnings.map((w) => `warning ${w.file}:${w.line}: ${w.message}`);
  return { ok: problems.length === 0 && warnings.length === 0, ms: translated.ms, differences: problems.length, problems: [...warnings, ...problems].slice(0, SHOW) };
}

function chapterCount(book) {
  try {
    const config = parseBookConfig(readFileSync(join(book, "book.toml"), "utf8"), join(book, "book.toml"));
    const summaryPath = join(book, config.src, "SUMMARY.md");
    return chapterEntries(parseSummary(readFileSync(summaryPath, "utf8"), summaryPath)).length;
  } catch {
    return null;
  }
}

/**
 * Chapters SUMMARY.md lists whose file the book lacks, by path from the book root, with the
 * text mdBook creates them with (`[build] create-missing`, the default): translate writes them
 * into the copy (translated), so the round trips expect them there.
 */
function createdChaptersOf(book) {
  const created = new Map();
  try {
    const config = parseBookConfig(readFileSync(join(book, "book.toml"), "utf8"), join(book, "book.toml"));
    if (!config.createMissing) return created;
    const summaryPath = join(book, config.src, "SUMMARY.md");
    const visit = (item) => {
      if (item.kind !== "chapter") return;
      const path = join(config.src, item.path ?? "").split(sep).join("/");
      if (item.path !== undefined && !created.has(path) && !existsSync(join(book, path))) created.set(path, createdChapterText(item.name));
      item.children.forEach(visit);
    };
    parseSummary(readFileSync(summaryPath, "utf8"), summaryPath).forEach(visit);
  } catch {
    // A book without a readable book.toml or SUMMARY.md creates nothing.
  }
  return created;
}

/** The folder pobook may read the book's includes from (the git work tree, or book.toml's read-root). */
function readRootOf(book) {
  try {
    return findReadRoot(book, parseBookConfig(readFileSync(join(book, "book.toml"), "utf8"), join(book, "book.toml")));
  } catch {
    return realpathSync(book);
  }
}

function poDirOf(book) {
  try {
    const poDir = resolve(book, parseBookConfig(readFileSync(join(book, "book.toml"), "utf8"), join(book, "book.toml")).poDir);
    return poDir === book ? "" : poDir;
  } catch {
    return resolve(book, "po");
  }
}

function buildDirOf(book) {
  try {
    const config = parseBookConfig(readFileSync(join(book, "book.toml"), "utf8"), join(book, "book.toml"));
    const dir = config.raw?.build?.["build-dir"];
    return resolve(book, typeof dir === "string" ? dir : "book");
  } catch {
    return resolve(book, "book");
  }
}

/** Share of an upstream catalog's msgids that the POT reproduces, and the POT's msgids it lacks. */
function compareCatalog(potIds, catalogPath) {
  let ids;
  try {
    ids = msgidsOf(readFileSync(catalogPath, "utf8"), catalogPath);
  } catch (error) {
    // The project's own catalog is broken (ordinals/ord's ja.po has an unterminated string): that
    // comparison fails, with what pobook and msgfmt say, and the run goes on.
    const where = error.line === undefined ? "" : `:${error.line}`;
    const msgfmt = run("msgfmt", ["--check-format", "-o", "/dev/null", catalogPath]);
    // msgfmt's warnings (a missing charset, ...) come before its errors: quote its first error line.
    const errorLine = msgfmt.stderr.split("\n").find((line) => /:\d+: /.test(line) || /fatal error/.test(line));
    const gnu = msgfmt.status === 0 ? "msgfmt accepts it" : `msgfmt refuses it too: ${(errorLine ?? firstLine(msgfmt.stderr)).trim()}`;
    return { catalog: catalogPath, error: `unreadable (${basename(catalogPath)}${where}: ${error.message}; ${gnu})` };
  }
  let matched = 0;
  for (const id of ids) if (potIds.has(id)) matched++;
  let extra = 0;
  for (const id of potIds) if (!ids.has(id)) extra++;
  return { catalog: catalogPath, msgids: ids.size, matched, percent: ids.size ? Math.round((matched / ids.size) * 10000) / 100 : 100, extraInPot: extra };
}

/**
 * Every check on one book directory. `work` receives the POTs, catalogs and translated copies
 * (it must be outside the book). Resolves to a plain object (the JSON summary's entry).
 * `runPobook(args, env)` runs the CLI (default: a process of its own; the test suite runs it
 * in-process) and resolves to `{ status, stdout, stderr }`.
 */
export async function checkBook(bookDir, { name = basename(bookDir), commit, repo, work, catalogs = [], args = [], runPobook = spawnPobook } = {}) {
  const pobook = async (pobookArgs) => {
    const started = process.hrtime.bigint();
    const result = await runPobook(pobookArgs, POBOOK_ENV);
    return { ...result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  };
  const book = resolve(bookDir);
  const result = { name, repo, commit, path: book, chapters: chapterCount(book), failures: [] };
  const fail = (check, detail) => result.failures.push({ check, detail });
  const skip = new Set([buildDirOf(book), resolve(work)]);
  const before = listingOf(book, skip);
  // The catalogs are not copied into a translated tree.
  const source = snapshotTree(book, new Set([...skip, poDirOf(book)]));

  const pot = join(work, "messages.pot");
  const extracted = await pobook(["extract", book, "-o", pot, "--no-cache", "--json", ...args]);
  result.extract = { exit: extracted.status, ms: Math.round(extracted.ms) };
  if (extracted.status !== 0) {
    fail("extract", firstLine(extracted.stderr));
    return result;
  }
  result.messages = JSON.parse(extracted.stdout).files.reduce((sum, file) => sum + file.messages, 0);
  const potText = readFileSync(pot, "utf8");
  const potIds = msgidsOf(potText, pot);

  const msgfmt = run("msgfmt", ["--check-format", "-o", "/dev/null", pot]);
  result.msgfmt = msgfmt.status === 0;
  if (!result.msgfmt) fail("msgfmt", firstLine(msgfmt.stderr));
  const msgcat = run("msgcat", [pot]);
  result.msgcat = msgcat.status === 0 && msgcat.stdout === potText;
  if (!result.msgcat) fail("msgcat", msgcat.status !== 0 ? firstLine(msgcat.stderr) : firstDifferentLine(Buffer.from(potText), Buffer.from(msgcat.stdout)));

  const template = parsePo(potText, pot);
  writeCatalog(join(work, "identity.po"), template, (id) => id);
  const layout = { book: realpathSync(book), readRoot: readRootOf(book), created: createdChaptersOf(book) };
  const identity = await roundTrip(pobook, book, source, join(work, "identity.po"), join(work, "identity"), args, layout);
  result.identity = identity;
  if (!identity.ok) fail("identity", identity.problems.join("; "));
  writeFileSync(join(work, "empty.po"), serializePo({ ...template, headerFlags: [], entries: [] }));
  const empty = await roundTrip(pobook, book, source, join(work, "empty.po"), join(work, "empty"), args, layout);
  result.empty = empty;
  if (!empty.ok) fail("empty", empty.problems.join("; "));

  const shoutPath = join(work, "shout.po");
  const shouted = writeCatalog(shoutPath, template, shout);
  const invariant = { holds: 0, warns: 0, fails: 0, failing: [] };
  result.invariant = invariant;
  const translated = await translateInto(pobook, book, shoutPath, join(work, "shout"), args);
  if (translated.error) {
    fail("invariant", translated.error);
  } else {
    const reExtracted = await pobook(["extract", join(work, "shout"), "-o", join(work, "shout.pot"), "--no-cache", "--json", ...args]);
    if (reExtracted.status !== 0) {
      fail("invariant", `re-extract exited ${reExtracted.status}: ${firstLine(reExtracted.stderr)}`);
    } else {
      const reIds = msgidsOf(readFileSync(join(work, "shout.pot"), "utf8"), join(work, "shout.pot"));
      const warnedLines = new Set(translated.report.warnings.map((warning) => warning.poLine));
      invariant.warnings = translated.report.warnings.slice(0, SHOW).map((w) => `${w.file}:${w.line} (po line ${w.poLine}): ${w.message}`);
      for (const entry of shouted.entries) {
        const msgstr = entry.msgstr[0];
        if (reIds.has(entry.msgctxt === undefined ? msgstr : `${entry.msgctxt}\u0004${msgstr}`)) invariant.holds++;
        else if (warnedLines.has(entry.line)) invariant.warns++;
        else {
          invariant.fails++;
          invariant.failing.push({ poLine: entry.line, reference: entry.references[0], msgstr: msgstr.slice(0, 200) });
        }
      }
      if (invariant.fails > 0) fail("invariant", `${invariant.fails} msgstrs not re-extracted and not warned, e.g. ${invariant.failing.slice(0, SHOW).map((e) => `${e.reference}: ${JSON.stringify(e.msgstr.slice(0, 80))}`).join("; ")}`);
    }
  }

  result.catalogs = catalogs.map((catalog) => compareCatalog(potIds, resolve(book, catalog)));
  for (const catalog of result.catalogs) if (catalog.error) fail("catalogs", `${relative(book, catalog.catalog)}: ${catalog.error}`);
  result.unchanged = listingOf(book, skip) === before;
  if (!result.unchanged) fail("unchanged", "a step wrote into the book's folder");
  return result;
}

const mark = (ok) => (ok === undefined ? "-" : ok ? "ok" : "FAIL");

function table(results) {
  const rows = [["book", "commit", "chapters", "messages", "extract", "msgfmt", "msgcat", "identity", "empty", "invariant h/w/f"]];
  for (const r of results) {
    rows.push([
      r.name,
      (r.commit ?? "").slice(0, 10),
      String(r.chapters ?? "?"),
      String(r.messages ?? "-"),
      r.extract ? `${r.extract.exit} ${(r.extract.ms / 1000).toFixed(1)}s` : "-",
      mark(r.msgfmt),
      mark(r.msgcat),
      r.identity ? (r.identity.ok ? "ok" : `FAIL ${r.identity.differences ?? ""}`.trim()) : "-",
      r.empty ? (r.empty.ok ? "ok" : `FAIL ${r.empty.differences ?? ""}`.trim()) : "-",
      r.invariant ? `${r.invariant.holds}/${r.invariant.warns}/${r.invariant.fails}` : "-",
    ]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()).join("\n");
}

function parseArgs(argv) {
  const options = { books: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--manifest" || arg === "--json" || arg === "--keep" || arg === "--only") options[arg.slice(2)] = argv[++i];
    else if (arg === "-h" || arg === "--help") options.help = true;
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
    else options.books.push({ name: basename(resolve(arg)), path: resolve(arg) });
  }
  if (options.manifest) {
    const base = dirname(resolve(options.manifest));
    for (const entry of JSON.parse(readFileSync(options.manifest, "utf8"))) options.books.push({ ...entry, path: resolve(base, entry.path) });
  }
  if (options.only) {
    const wanted = new Set(options.only.split(","));
    options.books = options.books.filter((book) => wanted.has(book.name));
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help || options.books.length === 0) {
    process.stdout.write("usage: node scripts/real-books.mjs [--manifest FILE] [--only NAME,...] [--json FILE] [--keep DIR] [BOOK_DIR...]\n");
    process.exit(options.help ? 0 : 2);
  }
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npx tsc -p tsconfig.json`);
  const results = [];
  for (const book of options.books) {
    const work = options.keep ? join(resolve(options.keep), book.name) : mkdtempSync(join(tmpdir(), "pobook-real-"));
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    process.stderr.write(`${book.name}...\n`);
    const result = await checkBook(book.path, { ...book, work });
    for (const failure of result.failures) process.stderr.write(`  ${failure.check}: ${failure.detail}\n`);
    results.push(result);
    if (!options.keep) rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`${table(results)}\n`);
  for (const r of results) {
    for (const c of r.catalogs ?? []) {
      const figures = c.error ?? `${c.matched}/${c.msgids} msgids reproduced (${c.percent}%), ${c.extraInPot} POT msgids not in it`;
      process.stdout.write(`${r.name}: ${relative(r.path, c.catalog)}: ${figures}\n`);
    }
  }
  if (options.json) writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
  const failed = results.filter((r) => r.failures.length > 0).length;
  process.stdout.write(`${results.length - failed} of ${results.length} books pass every check\n`);
  process.exit(failed > 0 ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
