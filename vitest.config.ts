import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    {
      // Dependencies resolved as the CLI resolves them. Vite adds the "development" export condition for Node
      // (vitest passes it on as `--conditions development`), which loads micromark's development build
      // (debug logging and assertions): every Markdown parse was 15-45% slower than the CLI's.
      name: "pobook:production-dependencies",
      enforce: "post",
      configEnvironment: {
        order: "post",
        handler(_name, config) {
          const conditions = config.resolve?.conditions;
          if (conditions) config.resolve!.conditions = conditions.filter((condition) => condition !== "development|production" && condition !== "development");
        },
      },
    },
  ],
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ["test/global-setup.ts"],
    // Test files run in child processes (runInProcess changes the working directory, which worker threads cannot).
    pool: "forks",
    // vitest's default leaves a core idle (one worker on a 2-core machine); the suite is CPU-bound test files, so use them all.
    maxWorkers: availableParallelism(),
  },
});
