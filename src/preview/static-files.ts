/**
 * Which files of the book the preview serves as they are: only what
 * rendered pages need — images and other files under the book's src
 * directory, the theme directory (`[output.html] theme`) and the
 * `additional-css`/`additional-js` files book.toml lists. Never the
 * catalogs, book.toml, dot files (`.git`, `.env`) or anything whose real
 * path (symlinks followed) leaves those places or the book's read root.
 */
import { realpathSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { BookConfig } from "../book/config.js";
import { isWithin } from "../runtime/book-reader.js";

export type StaticLookup = { file: string; status?: undefined } | { file?: undefined; status: 403 | 404 };

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

export function htmlOutput(config: BookConfig): Record<string, unknown> {
  const output = config.raw.output;
  const html = typeof output === "object" && output !== null ? (output as Record<string, unknown>).html : undefined;
  return typeof html === "object" && html !== null ? (html as Record<string, unknown>) : {};
}

/** `[output.html] theme` (default `theme`), relative to the book root. */
export function themeDir(config: BookConfig): string {
  const theme = htmlOutput(config).theme;
  return typeof theme === "string" ? theme : "theme";
}

function listed(config: BookConfig, key: "additional-css" | "additional-js"): string[] {
  const value = htmlOutput(config)[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/**
 * Finds the file for `path` (relative to the book root, already
 * percent-decoded): 404 when there is none, 403 when it is not for serving.
 */
export function lookupStaticFile(root: string, config: BookConfig, readRoot: string, path: string): StaticLookup {
  const listedPaths = [...listed(config, "additional-css"), ...listed(config, "additional-js")].map((item) => resolve(root, item));
  const lexical = resolve(root, path);
  // Outside the book as asked for: refused before looking at the disk.
  if (!isWithin(resolve(root), lexical) && !listedPaths.includes(lexical)) return { status: 403 };
  const file = realOrUndefined(lexical);
  if (file === undefined) return { status: 404 };
  if (!isWithin(readRoot, file)) return { status: 403 };
  const denied = [join(root, config.poDir), join(root, "book.toml")].map(realOrUndefined).filter((p): p is string => p !== undefined);
  if (denied.some((place) => isWithin(place, file))) return { status: 403 };
  const listedFiles = listedPaths.map(realOrUndefined);
  const dirs = [config.src, themeDir(config)].map((dir) => realOrUndefined(resolve(root, dir))).filter((dir): dir is string => dir !== undefined);
  const home = dirs.find((dir) => isWithin(dir, file));
  if (home === undefined && !listedFiles.includes(file)) return { status: 403 };
  if (home !== undefined && relative(home, file).split(sep).some((segment) => segment.startsWith("."))) return { status: 403 };
  if (!statSync(file).isFile()) return { status: 404 };
  return { file };
}
