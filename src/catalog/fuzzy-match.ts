/**
 * GNU msgmerge's fuzzy matching: the most similar translated old message for
 * a new msgid, by gnulib's fstrcmp similarity (over UTF-8 bytes: 2 × longest
 * common subsequence / total length), above msgmerge's threshold 0.6, with
 * its tie-breaking (a small bonus for a matching context, then the candidate
 * sharing the most character 4-grams, then file order).
 *
 * GNU computes the similarity for every old message sharing a 4-gram with
 * the new msgid (~40 s on a 6000-entry book). Here the candidates are ranked
 * the same way (shared 4-grams, ignoring the most common ones) and only the
 * best few get the exact, bit-parallel similarity, after cheap length and
 * byte-count bounds: ~0.5 s, and 99.8% of entries as GNU's on the corpus
 * (bench/merge-vs-msgmerge.ts).
 */

/** msgmerge's FUZZY_THRESHOLD. */
export const FUZZY_THRESHOLD = 0.6;
/** fuzzy_search_goal_function's bonus for a candidate valid in the wanted context. */
const CONTEXT_BONUS = 0.00001;
/** Longest byte length GNU keeps in its short-message lists (SHORT_MSG_MAX). */
const SHORT_MSG_MAX = Math.trunc(3 * 4 * (2 / FUZZY_THRESHOLD - 1));

interface Candidate {
  index: number;
  msgctxt: string | undefined;
  msgid: string;
  bytes: Uint8Array;
  /** Distinct byte values and their counts, for the byte-count bound (made when first needed). */
  histogramKeys?: Uint8Array;
  histogramCounts?: Uint16Array;
}

const encoder = new TextEncoder();

function describe(index: number, msgctxt: string | undefined, msgid: string): Candidate {
  return { index, msgctxt, msgid, bytes: encoder.encode(msgid) };
}

const histogramScratch = new Uint16Array(256);

function histogram(candidate: Candidate): { keys: Uint8Array; counts: Uint16Array } {
  if (candidate.histogramKeys === undefined) {
    const counts = histogramScratch;
    counts.fill(0);
    const { bytes } = candidate;
    let distinct = 0;
    for (let i = 0; i < bytes.length; i++) if (counts[bytes[i]!]!++ === 0) distinct++;
    const keys = new Uint8Array(distinct);
    const kept = new Uint16Array(distinct);
    for (let b = 0, k = 0; b < 256; b++) {
      if (counts[b]! > 0) {
        keys[k] = b;
        kept[k++] = counts[b]!;
      }
    }
    candidate.histogramKeys = keys;
    candidate.histogramCounts = kept;
  }
  return { keys: candidate.histogramKeys, counts: candidate.histogramCounts! };
}

/** Number of code points (GNU's 4-grams and short lists count characters). */
function characterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is one character (a lone surrogate counts as one too).
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/**
 * Longest common subsequence of `pattern` (pre-digested into per-byte match
 * masks) with other byte strings: Hyyrö's bit-parallel algorithm, 32 bits a word.
 */
class LcsPattern {
  private readonly words: number;
  /** Match mask of byte b at masks[b * words ...]. */
  private readonly masks: Uint32Array;
  private readonly present = new Uint8Array(256);
  private readonly v: Uint32Array;
  private readonly lastWordBits: number;

  constructor(readonly length: number, bytes: Uint8Array) {
    const words = Math.max(1, Math.ceil(length / 32));
    this.words = words;
    this.v = new Uint32Array(words);
    this.masks = new Uint32Array(256 * words);
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      this.present[b] = 1;
      this.masks[b * words + (i >>> 5)]! |= 1 << (i & 31);
    }
    const tail = length & 31;
    this.lastWordBits = tail === 0 ? 0xffffffff : (2 ** tail - 1) >>> 0;
  }

  /**
   * LCS length with `text`, or -1 as soon as it cannot reach `atLeast`
   * (checked every 32 bytes: common so far + bytes left < atLeast).
   */
  lcs(text: Uint8Array, atLeast = 0): number {
    const { words, v, masks, present } = this;
    v.fill(0xffffffff);
    v[words - 1] = this.lastWordBits;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const b = text[i]!;
      if (present[b] === 0) continue; // no match: V stays the same
      const base = b * words;
      let carry = 0;
      for (let w = 0; w < words; w++) {
        const vw = v[w]!;
        const m = masks[base + w]!;
        const sum = vw + ((vw & m) >>> 0) + carry;
        carry = sum > 0xffffffff ? 1 : 0;
        v[w] = (sum >>> 0) | (vw & ~m);
      }
      if ((i & 31) === 31 && atLeast > 0 && this.common() + (n - 1 - i) < atLeast) return -1;
    }
    return this.common();
  }

  private common(): number {
    const { words, v } = this;
    let ones = 0;
    for (let w = 0; w < words - 1; w++) ones += popcount(v[w]!);
    ones += popcount(v[words - 1]! & this.lastWordBits);
    return this.length - ones;
  }
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** gnulib fstrcmp: similarity in [0, 1] of two strings, over their UTF-8 bytes. */
export function fstrcmp(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  if (x.length === 0 || y.length === 0) return x.length + y.length === 0 ? 1 : 0;
  const common = new LcsPattern(x.length, x).lcs(y);
  return (2 * common) / (x.length + y.length);
}

function fourGrams(text: string): string[] {
  const chars = [...text];
  const grams: string[] = [];
  for (let i = 0; i + 4 <= chars.length; i++) grams.push(chars[i]! + chars[i + 1]! + chars[i + 2]! + chars[i + 3]!);
  return grams;
}

/**
 * Character 4-grams hashed to 32-bit numbers, for ranking candidates only
 * (a rare collision can change the order in which candidates are tried).
 */
function fourGramHashes(text: string): Int32Array {
  const points: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!;
    points.push(c);
    if (c > 0xffff) i++;
  }
  const hashes = new Int32Array(Math.max(0, points.length - 3));
  for (let i = 0; i < hashes.length; i++) {
    let h = Math.imul(points[i]!, 0x9e3779b1);
    h = Math.imul(h ^ points[i + 1]!, 0x85ebca6b);
    h = Math.imul(h ^ points[i + 2]!, 0xc2b2ae35);
    h = Math.imul(h ^ points[i + 3]!, 0x27d4eb2f);
    hashes[i] = h ^ (h >>> 15);
  }
  return hashes;
}

/**
 * 4-gram hash → dense id, open addressing in typed arrays: a search looks up
 * every 4-gram of the query, and a Map of ~40,000 numbers was the single
 * largest cost of a fuzzy merge.
 */
class GramTable {
  private keys = new Int32Array(1 << 16);
  /** id + 1 of the key in each slot; 0 = empty. */
  private slots = new Int32Array(1 << 16);
  private mask = (1 << 16) - 1;
  size = 0;

  private slotOf(key: number): number {
    let slot = Math.imul(key, 0x9e3779b1) >>> 0;
    for (;;) {
      slot &= this.mask;
      if (this.slots[slot] === 0 || this.keys[slot] === key) return slot;
      slot++;
    }
  }

  /** The key's id, or -1. */
  get(key: number): number {
    return this.slots[this.slotOf(key)]! - 1;
  }

  /** The key's id, a new one if it had none. */
  add(key: number): number {
    let slot = this.slotOf(key);
    if (this.slots[slot] !== 0) return this.slots[slot]! - 1;
    if (2 * (this.size + 1) > this.slots.length) {
      this.grow();
      slot = this.slotOf(key);
    }
    this.keys[slot] = key;
    this.slots[slot] = ++this.size;
    return this.size - 1;
  }

  private grow(): void {
    const { keys, slots } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.slots = new Int32Array(slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let old = 0; old < slots.length; old++) {
      if (slots[old] === 0) continue;
      const slot = this.slotOf(keys[old]!);
      this.keys[slot] = keys[old]!;
      this.slots[slot] = slots[old]!;
    }
  }
}

/** Tuning of the candidate selection (exposed for the benchmark). */
export interface FuzzyIndexOptions {
  /** How many candidates, by shared 4-grams, get the exact similarity computed. */
  candidates?: number;
  /** 4-grams found in more than this share of the messages say little and are not counted. */
  commonGramShare?: number;
}

/** The old translated messages, ready for many fuzzy searches. */
export class FuzzyIndex {
  private readonly messages: Candidate[];
  /** Byte length of each message. */
  private readonly lengths: Int32Array;
  /** Character 4-gram hash → its id: postings of id g are postingData[postingStart[g] .. postingStart[g + 1]). */
  private readonly grams = new GramTable();
  private readonly postingStart: Int32Array;
  /** Indexes of the messages containing each 4-gram, by length then index; postingLength holds their lengths. */
  private readonly postingData: Int32Array;
  private readonly postingLength: Int32Array;
  private readonly maxPosting: number;
  private readonly topCandidates: number;
  private readonly scores: Int32Array;
  /** The messages a search gave a score, in the order first scored. */
  private readonly touched: Int32Array;

  /** `messages[i]` are the old entries that have a translation; results are indexes into it. */
  constructor(messages: ReadonlyArray<{ msgctxt?: string; msgid: string }>, options: FuzzyIndexOptions = {}) {
    this.messages = messages.map((m, i) => describe(i, m.msgctxt, m.msgid));
    this.lengths = Int32Array.from(this.messages, (m) => m.bytes.length);
    // Shortest messages first: each posting list comes out sorted by length
    // (then index), so a search reads only the lengths that can reach the threshold.
    const byLength = [...this.messages].sort((a, b) => a.bytes.length - b.bytes.length || a.index - b.index);
    // Two passes over every message's 4-gram ids: count each posting, then fill it.
    const ids = byLength.map((message) => {
      const hashes = fourGramHashes(message.msgid);
      const own = new Int32Array(hashes.length);
      for (let k = 0; k < hashes.length; k++) own[k] = this.grams.add(hashes[k]!);
      return own;
    });
    const counts = new Int32Array(this.grams.size + 1);
    /** The last message counted for each gram: a gram seen again in the same message counts once. */
    const last = new Int32Array(this.grams.size).fill(-1);
    byLength.forEach((message, m) => {
      for (const id of ids[m]!) {
        if (last[id] === message.index) continue;
        last[id] = message.index;
        counts[id + 1]!++;
      }
    });
    for (let g = 1; g < counts.length; g++) counts[g]! += counts[g - 1]!;
    this.postingStart = counts;
    this.postingData = new Int32Array(counts[counts.length - 1]!);
    this.postingLength = new Int32Array(this.postingData.length);
    const fill = counts.slice(0, -1);
    last.fill(-1);
    byLength.forEach((message, m) => {
      for (const id of ids[m]!) {
        if (last[id] === message.index) continue;
        last[id] = message.index;
        const at = fill[id]!++;
        this.postingData[at] = message.index;
        this.postingLength[at] = message.bytes.length;
      }
    });
    this.maxPosting = Math.max(16, Math.floor(this.messages.length * (options.commonGramShare ?? 0.1)));
    this.topCandidates = options.candidates ?? 32;
    this.scores = new Int32Array(this.messages.length);
    this.touched = new Int32Array(this.messages.length);
  }

  /** Index of the message msgmerge would pick for (msgctxt, msgid), or -1. */
  search(msgctxt: string | undefined, msgid: string): number {
    const query = describe(-1, msgctxt, msgid);
    if (query.bytes.length === 0) return -1;
    return characterCount(msgid) < 4 ? this.searchShort(query) : this.searchLong(query, new Set());
  }

  private bonus(candidate: Candidate, msgctxt: string | undefined): number {
    return candidate.msgctxt === undefined || candidate.msgctxt === msgctxt ? CONTEXT_BONUS : 0;
  }

  /** Queries under 4 characters: GNU scans short messages of a compatible byte length, shortest first. */
  private searchShort(query: Candidate): number {
    const l = query.bytes.length;
    const lmin = Math.ceil(l / (2 / FUZZY_THRESHOLD - 1));
    const lmax = Math.min(Math.trunc(l * (2 / FUZZY_THRESHOLD - 1)), SHORT_MSG_MAX);
    const pattern = new LcsPattern(l, query.bytes);
    let best = FUZZY_THRESHOLD;
    let bestCandidate: Candidate | undefined;
    for (const candidate of this.messages) {
      const length = candidate.bytes.length;
      if (length < lmin || length > lmax) continue;
      const weight = (2 * pattern.lcs(candidate.bytes)) / (l + length) + this.bonus(candidate, query.msgctxt);
      // GNU visits by length, then file order: keep the first of equal weights in that order.
      if (weight > best || (weight === best && bestCandidate && length < bestCandidate.bytes.length)) {
        best = weight;
        bestCandidate = candidate;
      }
    }
    return bestCandidate ? bestCandidate.index : -1;
  }

  /**
   * Queries of 4 characters or more: like GNU, candidates are the messages
   * sharing 4-grams with the query, most shared first; unlike GNU, only the
   * first `topCandidates` (after the length bound) get the exact similarity.
   */
  private searchLong(query: Candidate, excluded: Set<number>): number {
    const lq = query.bytes.length;
    const reach = (lc: number) => (2 * Math.min(lq, lc)) / (lq + lc) + CONTEXT_BONUS;
    const { scores, lengths, postingStart, postingData, postingLength } = this;
    // The lengths that can reach the threshold: an interval around lq (reach rises to lq, then falls).
    let shortest = 0;
    for (let high = lq; shortest < high; ) {
      const mid = (shortest + high) >> 1;
      if (reach(mid) > FUZZY_THRESHOLD) high = mid;
      else shortest = mid + 1;
    }
    let longest = lq;
    for (let high = 4 * lq + 4; longest < high; ) {
      const mid = (longest + high + 1) >> 1;
      if (reach(mid) > FUZZY_THRESHOLD) longest = mid;
      else high = mid - 1;
    }
    let touchedCount = 0;
    const touched = this.touched;
    // Each distinct 4-gram once, counted as often as the query has it (the same scores, fewer posting walks).
    const hashes = fourGramHashes(query.msgid).sort();
    for (let g = 0; g < hashes.length; ) {
      const gram = hashes[g]!;
      let times = 1;
      while (g + times < hashes.length && hashes[g + times] === gram) times++;
      g += times;
      const id = this.grams.get(gram);
      if (id < 0) continue;
      const start = postingStart[id]!;
      const end = postingStart[id + 1]!;
      if (end - start > this.maxPosting) continue;
      // The posting is sorted by length: skip to the first long enough.
      let k = start;
      for (let high = end; k < high; ) {
        const mid = (k + high) >> 1;
        if (postingLength[mid]! < shortest) k = mid + 1;
        else high = mid;
      }
      for (; k < end; k++) {
        if (postingLength[k]! > longest) break;
        const i = postingData[k]!;
        if (scores[i] === 0) touched[touchedCount++] = i;
        scores[i] += times;
      }
    }
    // The best `topCandidates` by score (then file order), by bucketing on the score.
    const buckets: number[][] = [];
    for (let t = 0; t < touchedCount; t++) {
      const i = touched[t]!;
      if (excluded.has(i) || reach(lengths[i]!) <= FUZZY_THRESHOLD) continue;
      (buckets[scores[i]!] ??= []).push(i);
    }
    for (let t = 0; t < touchedCount; t++) scores[touched[t]!] = 0;
    const ranked: number[] = [];
    for (let score = buckets.length - 1; score > 0 && ranked.length < this.topCandidates; score--) {
      const bucket = buckets[score];
      if (bucket) ranked.push(...bucket.sort((a, b) => a - b));
    }

    // Cheap upper bounds first (length, then byte counts: every byte not
    // shared costs one edit), then the exact similarity from the highest
    // bound down, so that `best` rises early and prunes the rest. The order
    // does not change the result: every candidate whose bound reaches the
    // final best is measured, and ties are broken below, not by this order.
    const queryCounts = new Int32Array(256);
    for (const b of query.bytes) queryCounts[b]!++;
    const top = ranked.length < this.topCandidates ? ranked.length : this.topCandidates;
    const bounds: Array<{ candidate: Candidate; bound: number; bonus: number; sum: number }> = [];
    for (let r = 0; r < top; r++) {
      const candidate = this.messages[ranked[r]!]!;
      const lc = candidate.bytes.length;
      const sum = lq + lc;
      const bonus = this.bonus(candidate, query.msgctxt);
      let shared = 0;
      const { keys, counts } = histogram(candidate);
      for (let k = 0; k < keys.length; k++) shared += Math.min(counts[k]!, queryCounts[keys[k]!]!);
      const bound = Math.min(reach(lc), (2 * shared) / sum + bonus);
      if (bound >= FUZZY_THRESHOLD) bounds.push({ candidate, bound, bonus, sum });
    }
    bounds.sort((a, b) => b.bound - a.bound);
    const pattern = bounds.length > 0 ? new LcsPattern(lq, query.bytes) : undefined;
    let best = FUZZY_THRESHOLD;
    let winners: Candidate[] = [];
    for (const { candidate, bound, bonus, sum } of bounds) {
      if (bound < best) break;
      // Common bytes needed to reach `best` (ties included), less a rounding margin.
      const needed = Math.floor(((best - bonus) * sum) / 2 - 1e-9);
      const common = pattern!.lcs(candidate.bytes, needed);
      if (common < 0) continue;
      const weight = (2 * common) / sum + bonus;
      if (weight > best) {
        best = weight;
        winners = [candidate];
      } else if (weight === best && winners.length > 0) {
        winners.push(candidate);
      }
    }
    if (winners.length === 0) return -1;

    // Tie-break like GNU: most 4-grams in common (all of them), then file order.
    const grams = fourGrams(query.msgid);
    let chosen: Candidate | undefined;
    let chosenCount = 0;
    for (const candidate of winners) {
      const own = new Set(fourGrams(candidate.msgid));
      let count = 0;
      for (const gram of grams) if (own.has(gram)) count++;
      if (!chosen || count > chosenCount || (count === chosenCount && candidate.index < chosen.index)) {
        chosen = candidate;
        chosenCount = count;
      }
    }
    return chosen!.index;
  }
}

