/**
 * book.toml: the settings pobook reads, with mdBook's defaults.
 */
import { parse as parseToml, TomlError } from "smol-toml";
import { PobookError } from "../errors.js";
import type { CodeBlockPolicy } from "../markdown/code-block.js";

export interface BookConfig {
  title?: string;
  /** Source language of the book (`[book] language`, default "en"). */
  language: string;
  /** Chapter directory relative to the book root (`[book] src`, default "src"). */
  src: string;
  /** `[output.xgettext] pot-file` (default "messages.pot"). */
  potFile: string;
  /** `[output.xgettext] granularity`: 0 = file names only, 1 = file:line, N = line rounded down to a multiple of N. */
  granularity: number;
  /** `[output.xgettext] depth`: 0 = one POT, N = one POT per part/chapter down to depth N. */
  depth: number;
  /** `[preprocessor.gettext] po-dir` (default "po"). */
  poDir: string;
  /** Whether the book runs mdbook-course, which strips YAML front matter from chapters. */
  coursePreprocessor: boolean;
  /**
   * `[build] create-missing` (default true): mdBook creates a chapter listed in SUMMARY.md whose
   * file does not exist (src/book/created-chapters.ts); false makes such a chapter an error.
   */
  createMissing: boolean;
  /** Which mdbook-xgettext's messages to reproduce (`compat`, `legacy-inline-html`). */
  segmentation: Segmentation;
  /**
   * `read-root` under `[preprocessor.gettext]` or `[output.xgettext]`: the
   * directory (relative to the book root, holding it) that pobook may read
   * the book's files from, when the enclosing git work tree is not the right
   * one (see src/runtime/book-reader.ts).
   */
  readRoot?: string;
  /** The parsed TOML, for settings other commands read. */
  raw: Record<string, unknown>;
  /** A folder of plain Markdown files read as a book (no book.toml, no SUMMARY.md). */
  plain?: PlainBook;
}

/**
 * Plain Markdown without mdBook: the chapters are `files` (relative to the
 * book root, in path order) and SUMMARY.md is neither read nor written; its
 * place is taken by a generated outline without messages (plain-book.ts).
 */
export interface PlainBook {
  /** The directory or glob the files were found with, as given (for messages). */
  pattern: string;
  files: string[];
}

/** The settings of a plain Markdown book: mdBook's defaults, chapters straight under the root. */
export function plainBookConfig(plain: PlainBook): BookConfig {
  return { ...bookConfigFromObject({}, plain.pattern), src: ".", plain };
}

/**
 * Segmentation choices that make msgids match a given mdbook-i18n-helpers
 * version, set in book.toml under `[output.xgettext]` or
 * `[preprocessor.gettext]` (extraction and translation must agree):
 * `compat = "0.4"` (HTML blocks and definition lists give messages) and
 * `legacy-inline-html = true` (catalogs from before inline HTML stayed in
 * messages, 2024 and earlier).
 */
export interface Segmentation extends CodeBlockPolicy {
  legacyInlineHtml: boolean;
  htmlBlocks: boolean;
  definitionLists: boolean;
  gfmAlerts: boolean;
  admonish: boolean;
  /** `alt-and-title-messages = true`: alt texts of image-only paragraphs and link definition titles are messages. */
  altAndTitles?: boolean;
}

/** The book.toml settings that are not a compat version's. */
type BookOnlySettings = "legacyInlineHtml" | "altAndTitles" | keyof CodeBlockPolicy;

/** The mdbook-i18n-helpers versions whose msgids pobook reproduces. */
export const COMPAT_VERSIONS = ["0.3", "0.4"] as const;

/** The segmentation of a compat version ("0.3" is the default). */
export function compatSegmentation(version: string, where: { file?: string } = {}): Omit<Segmentation, BookOnlySettings> {
  if (!(COMPAT_VERSIONS as readonly string[]).includes(version)) {
    throw new PobookError(`compat must be one of ${COMPAT_VERSIONS.join(", ")}, got "${version}"`, where);
  }
  const v04 = version === "0.4";
  return { htmlBlocks: v04, definitionLists: v04, gfmAlerts: v04, admonish: v04 };
}

/** `config` with the `--compat VERSION` of a command line applied (unchanged without one). */
export function withCompat(config: BookConfig, version: string | undefined): BookConfig {
  if (version === undefined) return config;
  return { ...config, segmentation: { ...config.segmentation, ...compatSegmentation(version) } };
}

function segmentationOf(tables: Array<Record<string, unknown>>, file: string): Segmentation {
  const compat = tables.map((t) => t.compat).find((value) => value !== undefined);
  if (compat !== undefined && typeof compat !== "string") throw new PobookError('compat must be a string like "0.4"', { file });
  const altAndTitlesSetting = tables.map((t) => t["alt-and-title-messages"]).find((value) => value !== undefined);
  if (altAndTitlesSetting !== undefined && typeof altAndTitlesSetting !== "boolean") throw new PobookError("alt-and-title-messages must be true or false", { file });
  const altAndTitles = altAndTitlesSetting === true;
  const skipLanguages = languageList(tables, "skip-languages", file);
  const wholeBlockLanguages = languageList(tables, "whole-block-languages", file);
  const both = skipLanguages?.find((language) => wholeBlockLanguages?.includes(language));
  if (both !== undefined) throw new PobookError(`"${both}" is in both skip-languages and whole-block-languages`, { file });
  return {
    legacyInlineHtml: tables.some((t) => t["legacy-inline-html"] === true),
    ...compatSegmentation(compat ?? "0.3", { file }),
    ...(altAndTitles ? { altAndTitles } : {}),
    ...(skipLanguages ? { skipLanguages } : {}),
    ...(wholeBlockLanguages ? { wholeBlockLanguages } : {}),
  };
}

function languageList(tables: Array<Record<string, unknown>>, name: string, file: string): string[] | undefined {
  const value = tables.map((t) => t[name]).find((v) => v !== undefined);
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && /^[^\s,]+$/.test(item))) {
    throw new PobookError(`${name} must be a list of code-block languages like ["console", "text"]`, { file });
  }
  return value.map((item: string) => item.toLowerCase());
}

function table(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function unsignedInteger(value: unknown, name: string, file: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === "bigint" && value >= 0n) return Number(value);
  throw new PobookError(`expected an unsigned integer for ${name}`, { file });
}

function readRootOf(tables: Array<Record<string, unknown>>, file: string): string | undefined {
  const value = tables.map((t) => t["read-root"]).find((v) => v !== undefined);
  if (value !== undefined && (typeof value !== "string" || value === "")) throw new PobookError("read-root must be a directory path like \"../..\"", { file });
  return value;
}

function createMissingOf(build: Record<string, unknown>, file: string): boolean {
  const value = build["create-missing"];
  if (value === undefined) return true;
  if (typeof value !== "boolean") throw new PobookError("build.create-missing must be true or false", { file });
  return value;
}

/** Parses book.toml text (`file` is used in error messages). */
export function parseBookConfig(text: string, file: string): BookConfig {
  let raw: Record<string, unknown>;
  try {
    raw = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      throw new PobookError(`invalid TOML: ${error.message.split("\n")[0]}`, { file, line: error.line });
    }
    throw error;
  }
  return bookConfigFromObject(raw, file);
}

/** The settings of an already parsed configuration (mdBook hands preprocessors and renderers its config as JSON). */
export function bookConfigFromObject(raw: Record<string, unknown>, file: string): BookConfig {
  const book = table(raw.book);
  const output = table(raw.output);
  const xgettext = table(output.xgettext);
  const preprocessor = table(raw.preprocessor);
  const gettext = table(preprocessor.gettext);
  const string = (value: unknown, fallback: string): string => (typeof value === "string" ? value : fallback);
  return {
    title: typeof book.title === "string" ? book.title : undefined,
    language: string(book.language, "en"),
    src: string(book.src, "src"),
    potFile: string(xgettext["pot-file"], "messages.pot"),
    granularity: unsignedInteger(xgettext.granularity, "output.xgettext.granularity", file, 1),
    depth: unsignedInteger(xgettext.depth, "output.xgettext.depth", file, 0),
    poDir: string(gettext["po-dir"], "po"),
    coursePreprocessor: "course" in preprocessor,
    createMissing: createMissingOf(table(raw.build), file),
    segmentation: segmentationOf([xgettext, gettext], file),
    readRoot: readRootOf([gettext, xgettext], file),
    raw,
  };
}
