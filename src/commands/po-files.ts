import { readdirSync } from "node:fs";
import { join } from "node:path";
import { PobookError } from "../errors.js";

/**
 * The catalogs of a directory: its `*.po` files, sorted. Hidden names are
 * not catalogs, as for the shell's `po/*.po`: editors' lock files (`.#de.po`)
 * and backups, and pobook's own temporaries (`.de.po.<hex>.tmp`).
 */
export function catalogNames(names: string[]): string[] {
  return names.filter((name) => name.endsWith(".po") && !name.startsWith(".")).sort();
}

/**
 * The PO files a command works on: those named, or every `*.po` of
 * `poDir` (default `po` in the current directory), sorted, when none is named.
 */
export function poFilesOrDefault(files: string[], poDir = "po"): string[] {
  if (files.length > 0) return files;
  let names: string[];
  try {
    names = readdirSync(poDir);
  } catch {
    throw new PobookError(`no PO file given and no ${poDir}/ directory`);
  }
  const found = catalogNames(names).map((name) => join(poDir, name));
  if (found.length === 0) throw new PobookError(`no PO file given and no ${join(poDir, "*.po")}`);
  return found;
}

/** NO_COLOR (https://no-color.org): present and not empty turns colour off. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  const noColor = process.env.NO_COLOR;
  return stream.isTTY === true && (noColor === undefined || noColor === "");
}
