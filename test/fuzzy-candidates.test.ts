/**
 * The fuzzy search skips work (a length window on length-sorted postings,
 * each query 4-gram walked once, exact similarities from the highest bound
 * down): these tests hold it to the plain statement of what it computes.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fstrcmp, FUZZY_THRESHOLD, FuzzyIndex } from "../src/catalog/fuzzy-match.js";

const CANDIDATES = 32;
const CONTEXT_BONUS = 0.00001;

function fourGrams(text: string): string[] {
  const chars = [...text];
  const grams: string[] = [];
  for (let i = 0; i + 4 <= chars.length; i++) grams.push(chars.slice(i, i + 4).join(""));
  return grams;
}

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * The selection written out plainly, for queries of 4 characters or more:
 * rank the messages by the query's 4-grams they contain (each occurrence in
 * the query counts; 4-grams in more than a tenth of the messages do not),
 * keep those whose length can reach the threshold, take the best 32 (ties
 * in file order), and of these the most similar above the threshold, ties
 * going to the most 4-grams in common, then file order.
 */
function reference(messages: Array<{ msgctxt?: string; msgid: string }>, msgctxt: string | undefined, msgid: string): number {
  const owners = new Map<string, Set<number>>();
  messages.forEach((message, i) => {
    for (const gram of fourGrams(message.msgid)) {
      if (!owners.has(gram)) owners.set(gram, new Set());
      owners.get(gram)!.add(i);
    }
  });
  const common = Math.max(16, Math.floor(messages.length * 0.1));
  const scores = new Array<number>(messages.length).fill(0);
  for (const gram of fourGrams(msgid)) {
    const set = owners.get(gram);
    if (set && set.size <= common) for (const i of set) scores[i]!++;
  }
  const lq = bytes(msgid);
  const reach = (lc: number) => (2 * Math.min(lq, lc)) / (lq + lc) + CONTEXT_BONUS;
  const ranked = messages
    .map((message, i) => ({ i, score: scores[i]!, length: bytes(message.msgid) }))
    .filter(({ score, length }) => score > 0 && reach(length) > FUZZY_THRESHOLD)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, CANDIDATES);
  let best = FUZZY_THRESHOLD;
  let winners: number[] = [];
  for (const { i } of ranked) {
    const message = messages[i]!;
    const bonus = message.msgctxt === undefined || message.msgctxt === msgctxt ? CONTEXT_BONUS : 0;
    const weight = fstrcmp(msgid, message.msgid) + bonus;
    if (weight > best) [best, winners] = [weight, [i]];
    else if (weight === best && winners.length > 0) winners.push(i);
  }
  if (winners.length === 0) return -1;
  const grams = fourGrams(msgid);
  const shared = (i: number) => {
    const own = new Set(fourGrams(messages[i]!.msgid));
    return grams.filter((gram) => own.has(gram)).length;
  };
  return winners.reduce((chosen, i) => (shared(i) > shared(chosen) || (shared(i) === shared(chosen) && i < chosen) ? i : chosen));
}

// Few letters (some of two and four UTF-8 bytes) so that messages share many 4-grams and come close.
const word = fc.array(fc.constantFrom("a", "b", "c", "é", "😀", "ab", "ca"), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(""));
const sentence = fc.array(word, { minLength: 1, maxLength: 30 }).map((words) => words.join(" "));

/** Variants of a few base sentences: a word dropped, added or doubled. */
const corpus = fc
  .record({
    bases: fc.array(sentence, { minLength: 1, maxLength: 4 }),
    edits: fc.array(fc.record({ base: fc.nat(), at: fc.nat(), insert: word, kind: fc.constantFrom("drop", "insert", "double"), context: fc.constantFrom(undefined, "a", "b") }), { minLength: 1, maxLength: 60 }),
  })
  .map(({ bases, edits }) =>
    edits.map(({ base, at, insert, kind, context }) => {
      const words = bases[base % bases.length]!.split(" ");
      const where = at % words.length;
      if (kind === "drop" && words.length > 1) words.splice(where, 1);
      else if (kind === "double") words.splice(where, 0, words[where]!);
      else words.splice(where, 0, insert);
      return { msgctxt: context, msgid: words.join(" ") };
    }),
  );

describe("fuzzy candidate selection", () => {
  it("chooses as the plain ranking, bound and tie-break would", () => {
    fc.assert(
      fc.property(corpus, fc.nat(), fc.constantFrom(undefined, "a"), (all, pick, msgctxt) => {
        // Distinct msgids, as a catalog has; the query is one of them changed, or left out of the index.
        const messages = [...new Map(all.map((m) => [m.msgid, m])).values()];
        const query = messages.splice(pick % messages.length, 1)[0]!.msgid;
        if ([...query].length < 4 || messages.length === 0) return;
        expect(new FuzzyIndex(messages).search(msgctxt, query)).toBe(reference(messages, msgctxt, query));
      }),
      { numRuns: 400 },
    );
  });

  it("reads only lengths that can reach the threshold, and still finds a match at the edge", () => {
    // 10 bytes against 23: 2 × 10 / 33 = 0.606, above 0.6; 24 bytes: 0.588, below.
    const query = "abcdefghij";
    const index = new FuzzyIndex([{ msgid: `${query}${"k".repeat(14)}` }, { msgid: `${query}${"k".repeat(13)}` }]);
    expect(index.search(undefined, query)).toBe(1);
    expect(new FuzzyIndex([{ msgid: `${query}${"k".repeat(14)}` }]).search(undefined, query)).toBe(-1);
  });
});
