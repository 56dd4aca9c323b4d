/** A catalog's `POT-Creation-Date`: when its template was extracted from the sources. */
import type { Catalog } from "./types.js";
import { PobookError } from "../errors.js";

// gettext writes `2024-07-09 12:20-0700`; mdbook-xgettext writes ISO 8601 (`2024-07-09T12:20:23-07:00`).
const DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** The header's date, or a one-line error naming the catalog when it is missing or unreadable. */
export function potCreationDate(catalog: Catalog, file: string): Date {
  const value = catalog.headers.find(([name]) => name === "POT-Creation-Date")?.[1]?.trim();
  if (value === undefined || value === "") throw new PobookError("no POT-Creation-Date header: --as-of pot-date needs it", { file });
  const match = DATE.exec(value);
  if (!match) throw new PobookError(`POT-Creation-Date "${value}" is not a date (YYYY-MM-DD HH:MM+ZZZZ)`, { file });
  const [, year, month, day, hour, minute, second, zone] = match;
  const offset = zone === undefined || zone === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second ?? "00"}${offset}`);
  if (Number.isNaN(date.getTime())) throw new PobookError(`POT-Creation-Date "${value}" is not a date (YYYY-MM-DD HH:MM+ZZZZ)`, { file });
  return date;
}
