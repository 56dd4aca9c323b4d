import { readdirSync } from "node:fs";
import { join } from "node:path";
import { PobookError } from "../errors.js";

/**
 * The PO files a command works on: those named, or every `po/*.po` of the
 * current directory (sorted) when none is named.
 */
export function poFilesOrDefault(files: string[]): string[] {
  if (files.length > 0) return files;
  let names: string[];
  try {
    names = readdirSync("po");
  } catch {
    throw new PobookError("no PO file given and no po/ directory here");
  }
  const found = names.filter((name) => name.endsWith(".po")).sort().map((name) => join("po", name));
  if (found.length === 0) throw new PobookError("no PO file given and no po/*.po here");
  return found;
}

/** NO_COLOR (https://no-color.org): present and not empty turns colour off. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  const noColor = process.env.NO_COLOR;
  return stream.isTTY === true && (noColor === undefined || noColor === "");
}
