/**
 * Preloaded (`node --import`) into a timed pobook process by measure.ts: says
 * the process's peak resident memory (all its threads) on standard error.
 */
process.on("exit", () => {
  process.stderr.write(`\npobook-bench-rss: ${process.resourceUsage().maxRSS}\n`);
});
