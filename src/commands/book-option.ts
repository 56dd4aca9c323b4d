/**
 * One way to name the book in every command: `-b, --book DIR`. Commands that
 * took the book as their first argument (`extract`, `init`, `translate`,
 * `preview`) still do, so existing scripts keep working; naming two
 * different books is an error.
 */
import type { Command } from "commander";
import { isAbsolute, relative } from "node:path";
import { PobookError } from "../errors.js";

export const BOOK_OPTION_HELP = "the book directory, with book.toml, or a folder or quoted glob of plain Markdown files (default: .)";

/** Adds `-b, --book DIR` (no default: the positional BOOK may give it). */
export function addBookOption(command: Command, help = BOOK_OPTION_HELP): Command {
  return command.option("-b, --book <DIR>", help);
}

/** The book the user named, by argument or by `--book`. */
export function chosenBook(argument: string | undefined, flag: string | undefined): string {
  if (argument !== undefined && flag !== undefined && argument !== flag) {
    throw new PobookError(`two books given: ${argument} and --book ${flag}; give one`);
  }
  return argument ?? flag ?? ".";
}

/**
 * A path for a message: relative to the current directory when it is inside
 * it, else as it is (absolute), never a `../../..` chain.
 */
export function shownPath(path: string): string {
  if (!isAbsolute(path)) return path;
  const inside = relative(process.cwd(), path);
  if (inside === "") return ".";
  return inside.startsWith("..") || isAbsolute(inside) ? path : inside;
}
