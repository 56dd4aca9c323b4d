/**
 * Upstream's grouping context: what skip and comment directives leave for
 * the next translatable group (and pobook's context directive for the next
 * message).
 */
import { PobookError } from "../errors.js";
import type { Directive } from "./directives.js";

/** Directive state carried from one group to the next (upstream's GroupingContext). */
export interface GroupState {
  skipNext: boolean;
  skipUntilEnd: boolean;
  comments: string[];
  /** A pending `i18n:context` directive and its line, for the next message made. */
  context?: { text: string; line: number };
}

/** The msgctxt the next message gets (taking the pending context directive). */
export function takeContext(state: GroupState): string | undefined {
  const context = state.context?.text;
  state.context = undefined;
  return context;
}

/** A context directive must give its msgctxt to a message: one left over is an input error at its line. */
export function unusedContext(context: { text: string; line: number }): PobookError {
  return new PobookError(`i18n:context "${context.text}" has no message after it`, { line: context.line });
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
export function applyDirective(directive: Directive, state: GroupState, inGroup: boolean, line = 0): void {
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
    case "context":
      if (state.context) throw unusedContext(state.context);
      if (directive.text === "") throw new PobookError("i18n:context needs a context, as in <!-- i18n:context: menu -->", { line });
      state.context = { text: directive.text, line };
      return;
  }
}

