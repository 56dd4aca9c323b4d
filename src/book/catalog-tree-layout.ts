/**
 * Which tree file each part of a book goes to (src/catalog/tree.ts):
 *
 * - `chapter`: one file per chapter, named after its source path below the
 *   book's `src` (`src/basics/variables.md` → `basics/variables.po`), and
 *   `SUMMARY.po` for the titles of SUMMARY.md;
 * - `part`: one file per SUMMARY part, named as mdbook-xgettext names its
 *   `depth = 1` templates (part titles slugged, `-1`, `-2` for repeats), the
 *   titles and the chapters before the first part in `summary.po`.
 */
import { posix } from "node:path";
import { PobookError } from "../errors.js";
import { UNPLACED_FILE, type SplitMode, type TreeLayout } from "../catalog/tree.js";
import type { BookConfig } from "./config.js";
import { chapterDestinations, type BookOutline } from "./template.js";

function chapterFile(src: string, path: string): string {
  const below = posix.relative(src, path);
  const name = below.startsWith("../") || below === "" ? path : below;
  return `${name.replace(/\.md$/i, "")}.po`;
}

export function treeLayout(mode: SplitMode, config: BookConfig, outline: BookOutline): TreeLayout {
  const byFile = new Map<string, string>();
  if (mode === "chapter") {
    byFile.set(outline.summaryPath, chapterFile(config.src, outline.summaryPath));
    for (const chapter of outline.chapters) byFile.set(chapter.path, chapterFile(config.src, chapter.path));
  } else {
    const destinations = chapterDestinations(outline.summary, 1);
    const toPo = (pot: string): string => pot.replace(/\.pot$/, ".po");
    byFile.set(outline.summaryPath, toPo(destinations.summary));
    outline.chapters.forEach((chapter, index) => byFile.set(chapter.path, toPo(destinations.chapters[index]!)));
  }
  for (const [source, file] of byFile) {
    if (file === UNPLACED_FILE) throw new PobookError(`its catalog file would be ${UNPLACED_FILE}, which a ${mode} tree keeps for messages of no chapter; rename it to split by ${mode}`, { file: source });
  }
  const order = [...new Set(byFile.values())];
  return { mode, place: (file) => byFile.get(file), order };
}

/**
 * The layout a tree on disk uses, recognised by its file names: the mode
 * whose file names match more of them (chapter on a tie, e.g. a book with
 * no parts, where both name the same files differently only in SUMMARY).
 */
export function recogniseLayout(paths: readonly string[], config: BookConfig, outline: BookOutline): TreeLayout {
  const chapter = treeLayout("chapter", config, outline);
  const part = treeLayout("part", config, outline);
  const matches = (layout: TreeLayout): number => paths.filter((path) => layout.order.includes(path)).length;
  return matches(part) > matches(chapter) ? part : chapter;
}
