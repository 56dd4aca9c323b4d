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

/** Colour: FORCE_COLOR (not 0/false) turns it on, else NO_COLOR (https://no-color.org) off, else a terminal decides. */
export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  // FORCE_COLOR wins either way (CI logs that render colour); then NO_COLOR; then whether it is a terminal.
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !["0", "false"].includes(force.toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true;
}
