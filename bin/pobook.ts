#!/usr/bin/env node
// The executable: the command line itself is src/cli.ts (the tests run it in-process too).
import { runCommandLine } from "../src/cli.js";

// `pobook stats | head`: a closed pipe ends the output, not the program with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await runCommandLine(process.argv);
