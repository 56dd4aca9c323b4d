#!/usr/bin/env node
// The executable users run: dist/bundle/pobook.js, pobook's compiled modules and its
// dependencies in a few files. Node spends most of a short command's start loading ~350
// separate modules (the preview's first page waited ~600 ms CPU for them); one bundle
// loads in about half that. Worker entry points stay files of their own next to it
// (the pools start them by name), and code shared with them goes into chunks.
// Input is tsc's output (dist/), so the bundle runs exactly the type-checked code.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const DIST = join(ROOT, "dist");
const OUT = join(DIST, "bundle");

rmSync(OUT, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: {
    pobook: join(DIST, "bin", "pobook.js"),
    "chapter-worker": join(DIST, "src", "runtime", "chapter-worker.js"),
    "update-worker": join(DIST, "src", "runtime", "update-worker.js"),
    "translate-worker": join(DIST, "src", "runtime", "translate-worker.js"),
  },
  outdir: OUT,
  // Flat: the pools find `./NAME-worker.js` next to the chunk that starts them.
  entryNames: "[name]",
  chunkNames: "[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // CommonJS dependencies (gettext-parser, commander) call require(); ESM has none.
  banner: { js: "import { createRequire as __pobookCreateRequire } from 'node:module'; const require = __pobookCreateRequire(import.meta.url);" },
  // src/runtime/code-version.ts: the cache keys hash the bundle's files instead of src/'s folders.
  define: { POBOOK_BUNDLE: "true" },
  sourcemap: true,
  logLevel: "warning",
});
