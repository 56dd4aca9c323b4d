import { readFileSync } from "node:fs";
import { PobookError } from "../errors.js";
import { conflictMarkerMessage, decodeUtf8, parsePo } from "../catalog/parse.js";
import type { Catalog } from "../catalog/types.js";

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |$)/m;

/**
 * A catalog read for `merge` and `fmt`, with the text it was read from. A
 * git conflict marker is named as such (the PO parser would only see a
 * syntax error): it means a line-based merge already went wrong.
 */
export function readCatalogInput(path: string): { text: string; catalog: Catalog } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a catalog" : (error as Error).message;
    throw new PobookError(`cannot read: ${reason}`, { file: path });
  }
  const text = decodeUtf8(bytes, path);
  const marker = CONFLICT_MARKER.exec(text);
  if (marker) {
    const line = text.slice(0, marker.index).split("\n").length;
    throw new PobookError(conflictMarkerMessage(marker[1]!), { file: path, line });
  }
  return { text, catalog: parsePo(text, path) };
}
