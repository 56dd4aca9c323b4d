/**
 * What `update`, `stats` and `normalize` tell a user whose catalog was made
 * before inline HTML stayed in messages (see src/book/legacy-inline-html.ts).
 */
import type { BookConfig } from "../book/config.js";
import { segmentBookBothWays, type BothSegmentations, type LegacyVerdict } from "../book/legacy-inline-html.js";
import { PobookError } from "../errors.js";
import { bookReader, findReadRoot } from "../runtime/book-reader.js";

/** The book segmented both ways, read and parsed on first use only. */
export function lazyBothSegmentations(root: string, config: BookConfig, read = bookReader(root, findReadRoot(root, config), config)): () => BothSegmentations {
  let book: BothSegmentations | undefined;
  return () => (book ??= segmentBookBothWays(config, read));
}

/** ` --book DIR` for a suggested command line, nothing for the current directory. */
export function bookArgument(book: string): string {
  return book === "." || book === "./" ? "" : ` --book ${book}`;
}

function evidence(verdict: LegacyVerdict): string {
  return `${verdict.legacyMatches} of its msgids are text between inline HTML tags, ${verdict.currentMatches} are today's messages with inline HTML`;
}

/** `update` refuses to merge a legacy catalog with today's messages: that would make good translations fuzzy or obsolete. */
export function legacyCatalogError(path: string, verdict: LegacyVerdict, bookFlag: string): PobookError {
  return new PobookError(
    `made before inline HTML stayed in messages (${evidence(verdict)}); merging would make good translations fuzzy or obsolete: ` +
      `\`pobook normalize${bookFlag} ${path}\` migrates it to today's messages keeping every translation, or update with --legacy-inline-html`,
    { file: path },
  );
}

/** `stats --against-sources` counts it anyway, and says why the figures look bad. */
export function legacyCatalogNote(path: string, verdict: LegacyVerdict, bookFlag: string): string {
  return (
    `pobook: ${path}: made before inline HTML stayed in messages (${evidence(verdict)}): counted against today's messages; ` +
    `--legacy-inline-html counts it against the old ones, \`pobook normalize${bookFlag} ${path}\` migrates it\n`
  );
}
