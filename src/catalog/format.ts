/**
 * `pobook fmt`: a catalog in GNU gettext's layout, whichever editor wrote it
 * (Poedit, Weblate, Crowdin and gettext-parser wrap, order flags and end
 * lines each their own way): parsing keeps every field and serializePo
 * writes what `msgcat` writes. The one thing GNU drops, and so fmt too, is an
 * obsolete entry without a translation (nothing of a translator's is in it).
 */
import type { Catalog, PoEntry } from "./types.js";
import { parsePo } from "./parse.js";
import { serializePo } from "./serialize.js";

export interface FormatResult {
  text: string;
  changed: boolean;
  /** Obsolete entries without a translation, which GNU (and so fmt) does not write. */
  droppedUntranslatedObsolete: number;
}

/** What an entry says, for checking that formatting lost nothing (its line in the file aside). */
function content(entry: PoEntry): string {
  const { line: _line, ...rest } = entry;
  const flags = [...new Set(rest.flags)];
  // An untranslated entry is not fuzzy, whatever its flags say (GNU writes no fuzzy flag there).
  const untranslated = rest.msgstr.every((s) => s === "");
  return JSON.stringify({ ...rest, flags: untranslated ? flags.filter((f) => f !== "fuzzy") : flags.sort() });
}

const kept = (entry: PoEntry) => !entry.obsolete || (entry.msgstr[0] ?? "") !== "";

/** `catalog` (read from `text`) in GNU layout; throws if the result would not read back as the same catalog. */
export function formatCatalog(text: string, catalog: Catalog, file: string): FormatResult {
  const formatted = serializePo(catalog);
  const again = parsePo(formatted, file);
  const before = catalog.entries.filter(kept);
  // Active entries first, then obsolete ones: GNU's order, and the serializer's.
  const expected = [...before.filter((e) => !e.obsolete), ...before.filter((e) => e.obsolete)].map(content);
  const actual = again.entries.map(content);
  if (expected.length !== actual.length || expected.some((entry, i) => entry !== actual[i])) {
    throw new Error(`${file}: formatting would change the catalog's content (a pobook bug); left as it is`);
  }
  return { text: formatted, changed: formatted !== text, droppedUntranslatedObsolete: catalog.entries.length - before.length };
}
