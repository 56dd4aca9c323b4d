/**
 * A linear `EditMap.consume` for micromark.
 *
 * micromark's document tokenizer applies an EditMap each time a container
 * (list item, block quote) closes after a paragraph, and `consume` copies the
 * whole event list out and back even when the edits sit at its very end. A
 * chapter with many list items or block quotes then parses in quadratic time
 * (a 380 KB changelog took a minute). This version keeps the events before
 * the first edit in place and rewrites only the tail, with the same result.
 * micromark-util-edit-map 1.0.0 (the newest) still has the copy; patching the
 * shared class is the one way to reach the instance micromark uses.
 */
import { EditMap } from "micromark-util-edit-map";

/** micromark event: `[kind, token, context]`; only moved here, never read. */
type Event = unknown;

type Change = [at: number, remove: number, add: Event[]];

interface EditMapInternals {
  map: Change[];
  index: Map<number, Change>;
}

function consume(this: EditMapInternals, events: Event[]): void {
  const changes = this.map;
  if (changes.length === 0) return;
  changes.sort((a, b) => a[0] - b[0]);
  // From the last change to the first: what follows each change, then what it adds.
  const pieces: Event[][] = [];
  for (let index = changes.length - 1; index >= 0; index--) {
    const [at, remove, add] = changes[index]!;
    pieces.push(events.slice(at + remove), add);
    events.length = at;
  }
  for (let index = pieces.length - 1; index >= 0; index--) {
    for (const event of pieces[index]!) events.push(event);
  }
  changes.length = 0;
  this.index.clear();
}

(EditMap.prototype as unknown as { consume: typeof consume }).consume = consume;
