/**
 * Upstream's grouping context: what skip and comment directives leave for
 * the next translatable group.
 */
import type { Directive } from "./directives.js";

/** Directive state carried from one group to the next (upstream's GroupingContext). */
export interface GroupState {
  skipNext: boolean;
  skipUntilEnd: boolean;
  comments: string[];
}

/**
 * Applies directive state to one translatable group: returns whether it is
 * kept and which comment it carries (taking the pending comments).
 */
export function takeGroup(state: GroupState): { keep: boolean; comment: string } {
  if (state.skipNext || state.skipUntilEnd) {
    state.skipNext = false;
    return { keep: false, comment: "" };
  }
  const comment = state.comments.join(" ");
  state.comments = [];
  return { keep: true, comment };
}

/**
 * Applies a directive to the state. `inGroup`: the directive interrupts a
 * group (inline, or inside an HTML block with messages).
 */
export function applyDirective(directive: Directive, state: GroupState, inGroup: boolean): void {
  switch (directive.kind) {
    case "skip":
      state.skipNext = true;
      return;
    case "skip-start":
      state.skipUntilEnd = true;
      return;
    case "skip-end":
      // Upstream also skips the rest of a group the end marker interrupts.
      if (inGroup) state.skipNext = true;
      state.skipUntilEnd = false;
      return;
    case "comment":
      state.comments.push(directive.text);
      return;
  }
}

