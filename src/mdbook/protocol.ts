/**
 * mdBook's JSON protocols (mdBook 0.4 and 0.5): what a preprocessor reads on
 * stdin (`[context, book]`) and writes back (the book), and what a renderer
 * reads (the RenderContext). Only the fields pobook uses are typed; every
 * other field is passed through untouched. The one difference between the
 * two versions that pobook meets: 0.5 renamed the book's `sections` to
 * `items` (and dropped `__non_exhaustive`); the book goes back under the key
 * it came with.
 */
import { PobookError } from "../errors.js";

export interface MdbookChapter {
  name: string;
  content: string;
  number: number[] | null;
  sub_items: MdbookItem[];
  /** Path relative to the book's src directory; null for a draft chapter. */
  path: string | null;
  source_path: string | null;
  parent_names: string[];
  [other: string]: unknown;
}

export type MdbookItem = { Chapter: MdbookChapter } | "Separator" | { PartTitle: string };

export interface MdbookBook {
  /** mdBook 0.5's name for the book's items. */
  items?: MdbookItem[];
  /** mdBook 0.4's name for the book's items. */
  sections?: MdbookItem[];
  [other: string]: unknown;
}

/** The book's items, under either version's key. */
export function bookItems(book: MdbookBook): MdbookItem[] {
  return book.items ?? book.sections ?? [];
}

/** `book` with `items` in place of its items, under the key the book came with. */
export function withBookItems(book: MdbookBook, items: MdbookItem[]): MdbookBook {
  return "items" in book ? { ...book, items } : { ...book, sections: items };
}

export interface PreprocessorContext {
  /** Book root (the directory holding book.toml). */
  root: string;
  /** book.toml as JSON, with mdBook's defaults filled in (`book.src`, ...). */
  config: Record<string, unknown>;
  renderer: string;
  mdbook_version: string;
  [other: string]: unknown;
}

export interface RenderContext {
  version: string;
  root: string;
  book: MdbookBook;
  config: Record<string, unknown>;
  /** Where this renderer writes its output. */
  destination: string;
  [other: string]: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PobookError(`${what} is not valid JSON: ${(error as Error).message}`, { file: "<stdin>" });
  }
}

function checkItems(items: unknown, where: string): void {
  if (!Array.isArray(items)) throw new PobookError(`${where} must be an array of book items`, { file: "<stdin>" });
  items.forEach((item, index) => {
    const at = `${where}[${index}]`;
    if (item === "Separator") return;
    if (isObject(item) && typeof item.PartTitle === "string") return;
    if (isObject(item) && isObject(item.Chapter)) {
      const chapter = item.Chapter;
      if (typeof chapter.name !== "string" || typeof chapter.content !== "string") {
        throw new PobookError(`${at}.Chapter needs a string name and content`, { file: "<stdin>" });
      }
      checkItems(chapter.sub_items ?? [], `${at}.Chapter.sub_items`);
      return;
    }
    throw new PobookError(`${at} is not a Chapter, "Separator" or PartTitle`, { file: "<stdin>" });
  });
}

function checkBook(book: unknown, where: string): MdbookBook {
  const key = isObject(book) ? ("items" in book ? "items" : "sections" in book ? "sections" : undefined) : undefined;
  if (!isObject(book) || key === undefined) throw new PobookError(`${where} must be an object with items (mdBook 0.5) or sections (mdBook 0.4)`, { file: "<stdin>" });
  checkItems(book[key], `${where}.${key}`);
  return book as MdbookBook;
}

/** Reads a preprocessor's stdin: `[context, book]`. */
export function parsePreprocessorInput(text: string): { context: PreprocessorContext; book: MdbookBook } {
  const input = parseJson(text, "preprocessor input");
  if (!Array.isArray(input) || input.length !== 2) throw new PobookError("preprocessor input must be the JSON array [context, book]", { file: "<stdin>" });
  const [context, book] = input as [unknown, unknown];
  if (!isObject(context) || typeof context.root !== "string" || !isObject(context.config)) {
    throw new PobookError("preprocessor context needs root (string) and config (object)", { file: "<stdin>" });
  }
  return { context: context as PreprocessorContext, book: checkBook(book, "book") };
}

/** Reads a renderer's stdin: the RenderContext. */
export function parseRenderContext(text: string): RenderContext {
  const context = parseJson(text, "render context");
  if (!isObject(context) || typeof context.root !== "string" || !isObject(context.config) || typeof context.destination !== "string") {
    throw new PobookError("render context needs root, destination (strings) and config (object)", { file: "<stdin>" });
  }
  checkBook(context.book, "book");
  return context as RenderContext;
}

/** Every chapter of `items`, depth first in book order (mdBook's `Book::iter`). */
export function* chapters(items: readonly MdbookItem[]): Generator<MdbookChapter> {
  for (const item of items) {
    if (typeof item === "object" && "Chapter" in item) {
      yield item.Chapter;
      yield* chapters(item.Chapter.sub_items ?? []);
    }
  }
}
