/**
 * The outline of a plain Markdown book (a folder or glob of `.md` files):
 * what SUMMARY.md would say if it listed every file in path order. It gives
 * no messages and is never written, so the book's messages are exactly its
 * files' and the translated copy has no SUMMARY.md of pobook's making.
 */
import type { PlainBook } from "./config.js";

/** A SUMMARY.md listing each file as a chapter named by its path. */
export function plainSummaryText(plain: PlainBook): string {
  // Link destinations as SUMMARY.md spells file names: `%20` for a space, `<...>` keeps the rest literal.
  const entry = (path: string): string => `- [${path.replace(/[\\[\]]/g, "\\$&")}](<${path.replace(/ /g, "%20")}>)`;
  return `${plain.files.map(entry).join("\n")}\n`;
}

/**
 * Path order: segment by segment, by UTF-16 code units, so `a.md` sorts
 * before `a/b.md` whatever the platform's directory order.
 */
export function comparePaths(a: string, b: string): number {
  const left = a.split("/");
  const right = b.split("/");
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const x = left[index]!;
    const y = right[index]!;
    if (x === y) continue;
    // A file comes before the directory it shares a name stem with only by name order.
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}
