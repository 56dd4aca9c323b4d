/**
 * Global sequence alignment (Needleman–Wunsch): the pairing of two
 * sequences, in order, that maximises the sum of pair scores minus a
 * penalty per unpaired item. Hand-written: npm's alignment packages are
 * for strings of characters (or unmaintained), and this one is twenty lines
 * over any items and any score, with pairs that may be forbidden.
 */

/** One step of an alignment: a pair, or an item of one side left unpaired. */
export type Step = { source: number; target: number } | { source: number; target?: undefined } | { source?: undefined; target: number };

/**
 * Aligns `sourceCount` items with `targetCount` items; `score(i, j)` is the
 * gain of pairing them (`-Infinity`: never), `gap` the cost of leaving one
 * item unpaired. O(n·m) time and memory.
 */
export function alignSequences(sourceCount: number, targetCount: number, score: (source: number, target: number) => number, gap: number): Step[] {
  const width = targetCount + 1;
  const best = new Float64Array((sourceCount + 1) * width);
  // 0: pair, 1: source unpaired, 2: target unpaired.
  const move = new Uint8Array((sourceCount + 1) * width);
  for (let i = 1; i <= sourceCount; i++) {
    best[i * width] = -gap * i;
    move[i * width] = 1;
  }
  for (let j = 1; j <= targetCount; j++) {
    best[j] = -gap * j;
    move[j] = 2;
  }
  for (let i = 1; i <= sourceCount; i++) {
    for (let j = 1; j <= targetCount; j++) {
      const pair = best[(i - 1) * width + j - 1]! + score(i - 1, j - 1);
      const skipSource = best[(i - 1) * width + j]! - gap;
      const skipTarget = best[i * width + j - 1]! - gap;
      let value = pair;
      let step = 0;
      if (skipSource > value) [value, step] = [skipSource, 1];
      if (skipTarget > value) [value, step] = [skipTarget, 2];
      best[i * width + j] = value;
      move[i * width + j] = step;
    }
  }
  const steps: Step[] = [];
  for (let i = sourceCount, j = targetCount; i > 0 || j > 0; ) {
    const step = move[i * width + j];
    if (step === 0) steps.push({ source: --i, target: --j });
    else if (step === 1) steps.push({ source: --i });
    else steps.push({ target: --j });
  }
  return steps.reverse();
}
