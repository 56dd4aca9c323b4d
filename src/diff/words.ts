/**
 * Word-level difference of two msgids, from the `diff` package (jsdiff):
 * words, punctuation and runs of whitespace are tokens, so a whitespace-only
 * change shows as one, as it would make the entry fuzzy.
 */
import { diffWordsWithSpace } from "diff";

export type WordChangeKind = "same" | "removed" | "added";

export interface WordChange {
  kind: WordChangeKind;
  text: string;
}

export function wordDiff(before: string, after: string): WordChange[] {
  return diffWordsWithSpace(before, after).map((change) => ({
    kind: change.added ? "added" : change.removed ? "removed" : "same",
    text: change.value,
  }));
}

/** The text one side shows: what it kept and what it has alone. */
export function side(changes: readonly WordChange[], which: "before" | "after"): WordChange[] {
  const own: WordChangeKind = which === "before" ? "removed" : "added";
  return changes.filter((change) => change.kind === "same" || change.kind === own);
}
