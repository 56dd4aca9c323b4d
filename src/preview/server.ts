/**
 * `pobook preview`'s HTTP server (node:http, 127.0.0.1 only): renders each
 * chapter on request from the current files, and tells open pages to
 * refresh (server-sent events) when the catalog, a chapter, SUMMARY.md,
 * book.toml or the theme changes (fs.watch).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { outlinePath, outlineText, segmentationOptions } from "../book/extract-book.js";
import { existsSync, readFileSync, readdirSync, realpathSync, statSync, watch, type FSWatcher } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, extname, join, posix, relative, resolve, sep } from "node:path";
import { parseBookConfig, withCompat, type BookConfig } from "../book/config.js";
import { chapterEntries, type SummaryItem } from "../book/summary.js";
import type { BookOutline } from "../book/template.js";
import { readOutline } from "../book/extract-book.js";
import { ExtractionCache } from "../runtime/extraction-cache.js";
import { CatalogCache } from "../runtime/catalog-cache.js";
import { PobookError } from "../errors.js";
import type { Lookup } from "../translate/lookup.js";
import { PREVIEW_CSS, PREVIEW_JS } from "./assets.js";
import { ReadRefusal } from "../book/include-path.js";
import { bookReader, confinedBytes, findReadRoot, isWithin } from "../runtime/book-reader.js";
import { isLoopbackHost } from "./host.js";
import { htmlOutput, lookupStaticFile, themeDir } from "./static-files.js";
import { ChapterCache } from "./chapter-cache.js";
import { languageNameOrCode } from "../publish/languages.js";
import { LiveCatalog, type CatalogState } from "./live-catalog.js";
import { LiveTree } from "./live-tree.js";
import { languageCatalog, treeLanguages } from "../commands/catalog-tree.js";
import type { SplitMode } from "../catalog/tree.js";
import { buildNavigation, plainTitle, type BookNavigation } from "./navigation.js";
import { escapeHtml, pageUrl, renderPage, type LanguageLink } from "./page.js";
import { prepareTitles, TitleTranslator } from "./titles.js";

export interface PreviewOptions {
  /** Book root (holds book.toml). */
  root: string;
  language: string;
  /** The catalog; default `<po-dir>/<language>.po`. */
  poPath?: string;
  /** 0 picks a free port. */
  port: number;
  legacyInlineHtml?: boolean;
  /** `--compat VERSION`, over book.toml's. */
  compat?: string;
  /** Where catalog errors are told (default: stderr, `pobook preview: FILE:LINE: …`). */
  report?: (line: string) => void;
  /** The catalog tree `<po-dir>/LANG/` is meant when `LANG.po` exists too (translate's `--split`). */
  split?: SplitMode;
  /** Reads the book's settings (default: book.toml); a plain Markdown book finds its files again on each change. */
  loadConfig?: () => BookConfig;
}

/** The key `pobook extract` files SUMMARY.md's outline under in its cache (src/commands/extract.ts). */
const OUTLINE_KEY = "#outline";

export interface PreviewServer {
  url: string;
  port: number;
  poPath: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".json": "application/json",
};

const HIGHLIGHT_CSS = createRequire(import.meta.url).resolve("highlight.js/styles/github.css");

const table = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

function readConfig(root: string): BookConfig {
  const path = join(root, "book.toml");
  if (!existsSync(path)) throw new PobookError("no book.toml here", { file: path });
  return parseBookConfig(readFileSync(path, "utf8"), path);
}

/** The book's own CSS: `[output.html] additional-css`, then theme/*.css and theme/css/*.css. */
function bookStylesheets(root: string, config: BookConfig): string[] {
  const html = ((config.raw.output as Record<string, unknown> | undefined)?.html ?? {}) as Record<string, unknown>;
  const additional = Array.isArray(html["additional-css"]) ? html["additional-css"].filter((item): item is string => typeof item === "string") : [];
  const theme = typeof html.theme === "string" ? html.theme : "theme";
  const fromTheme = [theme, posix.join(theme, "css")].flatMap((dir) => {
    const full = join(root, dir);
    return existsSync(full) && statSync(full).isDirectory() ? readdirSync(full).filter((name) => name.endsWith(".css")).sort().map((name) => posix.join(dir, name)) : [];
  });
  return [...new Set([...additional, ...fromTheme].map((path) => posix.normalize(path)))].filter((path) => existsSync(join(root, path)));
}

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const root = resolve(options.root);
  const loadConfig = options.loadConfig ?? ((): BookConfig => readConfig(root));
  let config = withCompat(loadConfig(), options.compat);
  let configVersion = 0;
  // The language's catalog as translate finds it: <po-dir>/LANG.po or the tree <po-dir>/LANG/.
  const found = options.poPath === undefined ? languageCatalog(join(root, config.poDir), options.language, options.split) : undefined;
  const poPath = resolve(options.poPath ?? (found?.kind === "tree" ? found.dir : join(root, config.poDir, `${options.language}.po`)));
  if (!existsSync(poPath)) throw new PobookError(`no catalog for ${options.language}`, { file: poPath });
  const isTreeDir = (path: string): boolean => statSync(path).isDirectory();
  const legacyInlineHtml = options.legacyInlineHtml || config.segmentation.legacyInlineHtml;

  const report = options.report ?? ((line: string) => process.stderr.write(`pobook preview: ${line}\n`));
  const shown = (path: string): string => relative(root, path).split(sep).join("/") || basename(path);
  const chapters = new Map<string, ChapterCache>();

  /** A language the preview shows: the one asked for at `/`, every other catalog of the po-dir at `/LANG/`. */
  interface Language {
    code: string;
    base: string;
    /** Undefined for the book's own language (shown as written). */
    catalog?: { current(): CatalogState };
    poName: string;
    titles: TitleTranslator;
    nav?: { key: string; value: BookNavigation };
  }
  const languages = new Map<string, Language>();
  const language = (code: string, path: string | undefined, base: string): Language => {
    let found = languages.get(code);
    if (!found) {
      const catalog =
        path === undefined
          ? undefined
          : isTreeDir(path)
            ? new LiveTree(path, shown, report, () => ({ config, outline: summary().outline }))
            : new LiveCatalog(path, shown(path), report, new CatalogCache(path));
      found = { code, base, catalog, poName: path === undefined ? "" : isTreeDir(path) ? `${shown(path)}/` : shown(path), titles: new TitleTranslator(segmentationOptions(config, { legacyInlineHtml })) };
      languages.set(code, found);
    }
    return found;
  };
  const main = language(options.language, poPath, "/");
  /** The catalogs of the po-dir (and the one previewed), by language code. */
  const catalogFiles = (): Map<string, string> => {
    const files = new Map<string, string>();
    const dir = join(root, config.poDir);
    try {
      for (const name of readdirSync(dir).sort()) if (name.endsWith(".po") && statSync(join(dir, name)).isFile()) files.set(name.slice(0, -3), join(dir, name));
      // Languages kept as trees (a language with both keeps its file here, as translate --all does).
      for (const language of treeLanguages(dir)) if (!files.has(language)) files.set(language, join(dir, language));
    } catch {
      // No po-dir: only the catalog given with --po.
    }
    files.set(options.language, poPath);
    return files;
  };
  /** The language a URL path's first segment names, if any other than the main one. */
  const otherLanguage = (segment: string): Language | undefined => {
    if (segment === options.language) return undefined;
    if (segment === config.language) return language(segment, undefined, `/${segment}/`);
    const file = catalogFiles().get(segment);
    return file === undefined ? undefined : language(segment, file, `/${segment}/`);
  };
  const languageLinks = (current: Language, chapter: string): LanguageLink[] => {
    const codes = [...new Set([config.language, ...catalogFiles().keys()])].sort((a, b) => a.localeCompare(b));
    return codes.map((code) => ({
      code,
      name: languageNameOrCode(code),
      href: pageUrl(code === options.language ? "/" : `/${code}/`, chapter),
      current: code === current.code,
    }));
  };

  // Chapters, includes and SUMMARY.md are read as every command reads them: confined to the read root.
  const readRoot = findReadRoot(root, config);
  const readBook = bookReader(root, readRoot, config, { live: true });
  /** Files read for pages, so that changes to includes outside src/ reload them too. */
  const pageFiles = new Set<string>();
  const read = (path: string): string => {
    const text = readBook(path);
    if (!pageFiles.has(path)) {
      pageFiles.add(path);
      watchIncluded(path);
    }
    return text;
  };

  /**
   * SUMMARY.md parsed once per text; across runs, from the cache `pobook
   * extract` keeps (a big SUMMARY.md is a long parse), which the preview
   * fills when it has to parse.
   */
  let summaryCache: { text: string; items: SummaryItem[]; formatted: Map<number, string>; outline: BookOutline } | undefined;
  const summary = (): { text: string; items: SummaryItem[]; formatted: Map<number, string>; outline: BookOutline } => {
    const summaryPath = outlinePath(config);
    const text = outlineText(config, read);
    if (summaryCache?.text === text) return summaryCache;
    // The settings `pobook extract` keys its cache by (commands/extract.ts), so that the outline it stored serves here.
    const cache = new ExtractionCache({ config: { ...config, raw: undefined }, legacy: options.legacyInlineHtml, book: relative(readRoot, realpathSync(root)) }, confinedBytes(root, readRoot, { live: true }));
    // A plain Markdown book's outline is generated, not a file the cache can key.
    let outline = config.plain ? undefined : cache.lookup<BookOutline>(OUTLINE_KEY);
    if (outline?.summaryText !== text) {
      outline = readOutline(config, read, { legacyInlineHtml: options.legacyInlineHtml });
      if (!config.plain) {
        cache.store(OUTLINE_KEY, [summaryPath], outline);
        // Only the outline is the preview's: the chapters `pobook extract` stored stay.
        cache.save({ keepOthers: true });
      }
    }
    // mdBook names chapters with their formatting stripped; the messages keep it (`` `if` Expressions ``).
    const formatted = new Map<number, string>();
    for (const message of outline.summaryMessages) if (!formatted.has(message.line)) formatted.set(message.line, message.msgid);
    prepareTitles(formatted.values(), { plain: true, html: true });
    summaryCache = { text, items: outline.summary, formatted, outline };
    return summaryCache;
  };
  /** The sidebar in `lang`, built again when SUMMARY.md, book.toml or the catalog changed. */
  const structure = (lang: Language, titles: Lookup, stamp: string): BookNavigation => {
    const { text, items, formatted } = summary();
    const key = `${stamp}\0${text}`;
    if (lang.nav?.key !== key || lang.nav.value === undefined) {
      // A title is translated with its formatting (its SUMMARY.md message) when it has one that strips to its name.
      const title = (item: { name: string; line: number }): string => {
        const markdown = formatted.get(item.line);
        return lang.titles.translate(markdown !== undefined && plainTitle(markdown) === item.name ? markdown : item.name, titles);
      };
      lang.nav = { key, value: buildNavigation(items, text, title, !htmlOutput(config)["no-section-label"]) };
    }
    return lang.nav.value;
  };

  const untranslated: Lookup = () => ({ status: "untranslated" });
  /** book.toml's title as translate and publish give it: its `book.toml:title` message (src/publish/book-messages.ts). */
  const bookTitle = (lookup: Lookup): string => {
    if (config.title === undefined) return "";
    const found = lookup(config.title, "book.toml:title");
    return found.status === "translated" ? found.msgstr : config.title;
  };
  const chapterPage = (lang: Language, current: string): string | undefined => {
    const state = lang.catalog?.current() ?? {};
    const lookup = state.good?.lookup ?? untranslated;
    const titles = state.good?.titles ?? untranslated;
    let error = state.error;
    const { nav, order } = structure(lang, titles, `${state.good?.stamp ?? "none"}:${configVersion}`);
    // `./README.md` in SUMMARY.md is the page /README.html (URLs drop the `./`).
    const index = order.findIndex((entry) => entry.path !== undefined && posix.normalize(entry.path) === posix.normalize(current));
    if (index === -1) return undefined;
    const chapterPath = posix.join(config.src, current);
    let contentHtml = "";
    let stats;
    try {
      let cache = chapters.get(lang.code);
      if (!cache) chapters.set(lang.code, (cache = new ChapterCache()));
      const rendered = cache.render(config, chapterPath, read, lookup, { poName: lang.poName, legacyInlineHtml, place: state.good?.place });
      contentHtml = rendered.html;
      stats = lang.catalog ? rendered.stats : undefined;
      // Like mdBook, an include that cannot be read is said and left as it is.
      if (rendered.problems.length > 0) error = [error, ...rendered.problems].filter(Boolean).join("\n");
    } catch (caught) {
      if (!(caught instanceof PobookError) && !(caught instanceof ReadRefusal) && !(caught instanceof Error && "code" in caught)) throw caught;
      error = [error, caught instanceof PobookError ? caught.format() : (caught as Error).message].filter(Boolean).join("\n");
    }
    const fold = table(htmlOutput(config).fold);
    return renderPage({
      bookTitle: bookTitle(lookup),
      language: lang.code,
      sourceLanguage: config.language,
      nav,
      fold: { enable: fold.enable === true, level: typeof fold.level === "number" ? fold.level : 0 },
      base: lang.base,
      languages: languageLinks(lang, current),
      current,
      name: order[index]!.name,
      contentHtml,
      stats,
      previous: order[index - 1],
      next: order[index + 1],
      stylesheets: bookStylesheets(root, config).map((path) => `/__book/${path.split("/").map(encodeURIComponent).join("/")}`),
      error,
    });
  };

  const clients = new Set<ServerResponse>();
  let version = 0;
  const send = (response: ServerResponse, status: number, type: string, body: string | Buffer): void => {
    response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    response.end(body);
  };
  const sendFile = (response: ServerResponse, path: string): void => {
    if (!existsSync(path) || !statSync(path).isFile()) return send(response, 404, "text/plain; charset=utf-8", "not found");
    send(response, 200, CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream", readFileSync(path));
  };

  const text = "text/plain; charset=utf-8";
  const sendStatic = (response: ServerResponse, path: string): void => {
    const found = lookupStaticFile(root, config, readRoot, path);
    if (found.file !== undefined) return sendFile(response, found.file);
    send(response, found.status, text, found.status === 404 ? "not found" : "forbidden");
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    // DNS rebinding: a page of another site, its name pointed at 127.0.0.1, would
    // send its own Host. Only loopback names are answered, before anything else.
    if (!isLoopbackHost(request.headers.host, listeningPort)) return send(response, 403, text, "forbidden: not a loopback Host");
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return send(response, 400, text, "bad request: malformed percent-escape");
    }
    if (path === "/__pobook/events") {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      response.write(`retry: 500\n\n`);
      clients.add(response);
      request.on("close", () => clients.delete(response));
      return;
    }
    if (path === "/__pobook/preview.css") return send(response, 200, CONTENT_TYPES[".css"]!, PREVIEW_CSS);
    if (path === "/__pobook/preview.js") return send(response, 200, CONTENT_TYPES[".js"]!, PREVIEW_JS);
    if (path === "/__pobook/highlight.css") return sendFile(response, HIGHLIGHT_CSS);
    if (path.startsWith("/__book/")) return sendStatic(response, path.slice("/__book/".length));
    // Another language: /LANG/… (the main one is at /).
    const segment = /^\/([^/]+)(\/.*)$/.exec(path);
    const other = segment ? otherLanguage(segment[1]!) : undefined;
    const lang = other ?? main;
    if (other) path = segment![2]!;
    if (path === "/") {
      const first = chapterEntries(summary().items)[0];
      if (first) {
        response.writeHead(302, { location: pageUrl(lang.base, first.path) });
        response.end();
        return;
      }
    }
    if (path.endsWith(".html")) {
      const page = chapterPage(lang, path.slice(1, -".html".length) + ".md");
      if (page !== undefined) {
        if (!treeWatched) response.once("finish", () => setImmediate(startTreeWatchers));
        return send(response, 200, "text/html; charset=utf-8", page);
      }
      return send(response, 404, "text/html; charset=utf-8", `<!DOCTYPE html><title>Not found</title><p>No chapter ${escapeHtml(path)} in SUMMARY.md.</p>`);
    }
    // Images and other files chapters refer to, from the src directory.
    sendStatic(response, join(config.src, path.slice(1)));
  };

  const server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch (error) {
      // SUMMARY.md out of the read root, say: refused, as for any other file.
      if (error instanceof ReadRefusal) return send(response, 403, text, error.message);
      send(response, 500, text, error instanceof PobookError ? error.format() : String(error));
    }
  });

  // Live reload: any change, batched for 50 ms, reaches every open page.
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        const fresh = withCompat(loadConfig(), options.compat);
        if (JSON.stringify(fresh) !== JSON.stringify(config)) {
          config = fresh;
          configVersion++;
        }
      } catch {
        // Keep the last good book.toml while it is being edited.
      }
      // Read the catalogs now: a syntax error reaches the terminal even with no page open.
      for (const lang of languages.values()) lang.catalog?.current();
      version++;
      for (const client of clients) client.write(`event: change\ndata: ${version}\n\n`);
    }, 50);
  };
  const watchers: FSWatcher[] = [];
  const watchDir = (dir: string, recursive: boolean, filter?: (name: string) => boolean): void => {
    if (!existsSync(dir)) return;
    // Editors often replace files by renaming: watching directories survives that.
    watchers.push(watch(dir, { recursive }, (_event, name) => {
      if (!filter || (name !== null && filter(name.toString()))) changed();
    }));
  };
  // Included files outside src/ (examples above the book, say): their directory, once each.
  const watchedOutside = new Map<string, Set<string>>();
  function watchIncluded(path: string): void {
    const full = resolve(root, path);
    if (isWithin(resolve(root, config.src), full)) return;
    const dir = dirname(full);
    let names = watchedOutside.get(dir);
    if (!names) {
      watchedOutside.set(dir, (names = new Set()));
      const known = names;
      try {
        watchDir(dir, false, (name) => known.has(name));
      } catch {
        // Watching is a convenience: a directory that cannot be watched is not an error.
      }
    }
    names.add(basename(full));
  }

  let treeWatchTimer: NodeJS.Timeout | undefined;
  let treeWatched = false;
  let closed = false;
  function startTreeWatchers(): void {
    if (treeWatched || closed) return;
    treeWatched = true;
    clearTimeout(treeWatchTimer);
    watchDir(join(root, config.src), true);
    watchDir(join(root, themeDir(config)), true);
  }

  let listeningPort = options.port;
  await new Promise<void>((done, fail) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      fail(error.code === "EADDRINUSE" ? new PobookError(`port ${options.port} is in use (give another with --port, or --port 0 for a free one)`) : error),
    );
    server.listen(options.port, "127.0.0.1", done);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  listeningPort = port;
  // Watchers start once the port is ours: a failed start leaves nothing running.
  // The catalog previewed, and every other catalog of the po-dir (the language picker shows them).
  const poDir = resolve(root, config.poDir);
  if (isTreeDir(poPath)) watchDir(poPath, true, (name) => name.endsWith(".po"));
  watchDir(dirname(poPath), false, (name) => name === basename(poPath) || (dirname(poPath) === poDir && name.endsWith(".po")));
  if (dirname(poPath) !== poDir) watchDir(poDir, false, (name) => name.endsWith(".po"));
  // Parse the catalog and SUMMARY.md now, while the browser opens: the first page is then quick.
  setImmediate(() => {
    try {
      const state = main.catalog?.current();
      structure(main, state?.good?.titles ?? untranslated, `${state?.good?.stamp ?? "none"}:${configVersion}`);
    } catch {
      // Said on the first request.
    }
  });
  watchDir(root, false, (name) => name === "book.toml");
  // Recursive watching walks the whole src tree (Node 20 does it in JavaScript on Linux: a
  // third of a second for the corpus book): begun once the first page is out, or after 3 s.
  treeWatchTimer = setTimeout(startTreeWatchers, 3_000);
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    poPath,
    close: () =>
      new Promise<void>((done) => {
        clearTimeout(timer);
        clearTimeout(treeWatchTimer);
        closed = true;
        for (const watcher of watchers) watcher.close();
        for (const client of clients) client.end();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
