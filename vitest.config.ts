import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
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
