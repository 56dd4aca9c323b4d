/**
 * `pobook preview`'s HTTP server (node:http, 127.0.0.1 only): renders each
 * chapter on request from the current files, and tells open pages to
 * refresh (server-sent events) when the catalog, a chapter, SUMMARY.md,
 * book.toml or the theme changes (fs.watch).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { outlinePath, outlineText, segmentationOptions } from "../book/extract-book.js";
import { existsSync, readFileSync, readdirSync, statSync, watch, type FSWatcher } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, extname, join, posix, relative, resolve, sep } from "node:path";
import { parseBookConfig, withCompat, type BookConfig } from "../book/config.js";
import { chapterEntries, parseSummary, type SummaryItem } from "../book/summary.js";
import { readPoFile } from "../catalog/parse.js";
import type { Catalog } from "../catalog/types.js";
import { PobookError } from "../errors.js";
import { translateDocument } from "../translate/document.js";
import { catalogLookup, type Lookup } from "../translate/lookup.js";
import { bookLookup } from "../mdbook/gettext.js";
import { PREVIEW_CSS, PREVIEW_JS } from "./assets.js";
import { ReadRefusal } from "../book/include-path.js";
import { bookReader, findReadRoot, isWithin } from "../runtime/book-reader.js";
import { isLoopbackHost } from "./host.js";
import { lookupStaticFile, themeDir } from "./static-files.js";
import { chapterUrl, escapeHtml, renderPage } from "./page.js";
import { renderChapter } from "./render.js";

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
  /** Reads the book's settings (default: book.toml); a plain Markdown book finds its files again on each change. */
  loadConfig?: () => BookConfig;
}

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
  const poPath = resolve(options.poPath ?? join(root, config.poDir, `${options.language}.po`));
  if (!existsSync(poPath)) throw new PobookError(`no catalog for ${options.language}`, { file: poPath });
  const poName = relative(root, poPath).split(sep).join("/") || basename(poPath);
  const legacyInlineHtml = options.legacyInlineHtml || config.segmentation.legacyInlineHtml;

  // The catalog is parsed again only when the file changed (mtime and size).
  // Lookups are built once per version of the catalog.
  let cached: { stamp: string; lookup: Lookup; titles: Lookup } | undefined;
  const lookups = (): { stamp: string; lookup: Lookup; titles: Lookup } => {
    const stat = statSync(poPath);
    const stamp = `${stat.mtimeMs}:${stat.size}`;
    if (cached?.stamp !== stamp) {
      const catalog: Catalog = readPoFile(poPath);
      cached = { stamp, lookup: catalogLookup(catalog), titles: bookLookup(catalog) };
    }
    return cached;
  };
  // Chapters, includes and SUMMARY.md are read as every command reads them: confined to the read root.
  const readRoot = findReadRoot(root, config);
  const readBook = bookReader(root, readRoot);
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

  /** SUMMARY.md as navigation, chapter names translated as mdbook-gettext translates them for mdBook's sidebar. */
  let navigationCache: { key: string; value: ReturnType<typeof buildStructure> } | undefined;
  const structure = (titles: Lookup, stamp: string): ReturnType<typeof buildStructure> => {
    const summaryPath = outlinePath(config);
    const key = `${stamp}\0${summaryPath}\0${outlineText(config, read)}`;
    if (navigationCache?.key !== key) navigationCache = { key, value: buildStructure(titles) };
    return navigationCache.value;
  };
  const buildStructure = (titles: Lookup): { items: SummaryItem[]; order: Array<{ path: string; name: string }> } => {
    const summaryPath = outlinePath(config);
    const translate = (name: string): string => translateDocument(name, titles, segmentationOptions(config, { legacyInlineHtml })).text;
    const names = new Map<string, string>();
    const visit = (item: SummaryItem): SummaryItem => {
      if (item.kind === "separator") return item;
      if (item.kind === "part") return { ...item, name: translate(item.name) };
      const name = translate(item.name);
      if (item.path !== undefined && !names.has(item.path)) names.set(item.path, name);
      return { ...item, name, children: item.children.map(visit) };
    };
    const items = parseSummary(outlineText(config, read), summaryPath).map(visit);
    const order = chapterEntries(items).map((entry) => ({ path: entry.path, name: names.get(entry.path) ?? entry.path }));
    return { items, order };
  };

  const chapterPage = (current: string): string | undefined => {
    let lookup: Lookup = () => ({ status: "untranslated" });
    let titles = lookup;
    let stamp = "no catalog";
    let error: string | undefined;
    try {
      ({ lookup, titles, stamp } = lookups());
    } catch (caught) {
      // A catalog being edited may be briefly invalid: show the source and say why.
      if (!(caught instanceof PobookError)) throw caught;
      error = caught.format();
    }
    const { items, order } = structure(titles, stamp);
    const index = order.findIndex((entry) => entry.path === current);
    if (index === -1) return undefined;
    const chapterPath = posix.join(config.src, current);
    let contentHtml = "";
    let stats;
    try {
      const rendered = renderChapter(config, chapterPath, read, lookup, { poName, legacyInlineHtml });
      contentHtml = rendered.html;
      stats = rendered.stats;
      // Like mdBook, an include that cannot be read is said and left as it is.
      if (rendered.problems.length > 0) error = [error, ...rendered.problems].filter(Boolean).join("\n");
    } catch (caught) {
      if (!(caught instanceof PobookError) && !(caught instanceof ReadRefusal) && !(caught instanceof Error && "code" in caught)) throw caught;
      error = [error, caught instanceof PobookError ? caught.format() : (caught as Error).message].filter(Boolean).join("\n");
    }
    return renderPage({
      bookTitle: config.title ?? "",
      language: options.language,
      sourceLanguage: config.language,
      summary: items,
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
    if (path === "/") {
      const first = structure(() => ({ status: "untranslated" }), "source").order[0];
      if (first) {
        response.writeHead(302, { location: chapterUrl(first.path) });
        response.end();
        return;
      }
    }
    if (path.endsWith(".html")) {
      const page = chapterPage(path.slice(1, -".html".length) + ".md");
      if (page !== undefined) return send(response, 200, "text/html; charset=utf-8", page);
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
        config = withCompat(loadConfig(), options.compat);
      } catch {
        // Keep the last good book.toml while it is being edited.
      }
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
  watchDir(dirname(poPath), false, (name) => name === basename(poPath));
  watchDir(join(root, config.src), true);
  watchDir(root, false, (name) => name === "book.toml");
  watchDir(join(root, themeDir(config)), true);
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    poPath,
    close: () =>
      new Promise<void>((done) => {
        clearTimeout(timer);
        for (const watcher of watchers) watcher.close();
        for (const client of clients) client.end();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
