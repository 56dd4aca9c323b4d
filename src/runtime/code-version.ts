/**
 * Fingerprints of pobook's own code, for cache keys: a cached result made by
 * other code (another version, a local edit) is never reused.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Defined (true) by scripts/bundle.mjs in the single-file build, where src/'s folders do not exist.
declare const POBOOK_BUNDLE: boolean | undefined;

const known = new Map<string, string>();

/** This module's folder: src/runtime (tests), dist/src/runtime, or the bundle's folder. */
const here = dirname(fileURLToPath(import.meta.url));

/**
 * Hash of the code in `parts` of src/: folders (`markdown`) or modules without
 * extension (`catalog/parse`). In the bundle, of every file of the bundle: it
 * cannot tell which chunk holds what, and a new build must not reuse results.
 */
export function codeVersion(parts: readonly string[]): string {
  const bundled = typeof POBOOK_BUNDLE !== "undefined" && POBOOK_BUNDLE;
  const key = bundled ? "bundle" : parts.join();
  let version = known.get(key);
  if (version) return version;
  const hash = createHash("sha256");
  if (bundled) {
    for (const file of readdirSync(here).sort()) if (file.endsWith(".js")) hash.update(file).update(readFileSync(join(here, file)));
  } else {
    const root = dirname(here);
    // Compiled code, or the sources when run from them (tests importing src/ directly).
    const extension = extname(fileURLToPath(import.meta.url));
    for (const part of parts) {
      const folder = join(root, part);
      let files: string[];
      try {
        files = readdirSync(folder).sort().filter((file) => /\.(js|ts)$/.test(file)).map((file) => join(folder, file));
      } catch {
        files = [`${folder}${extension}`];
      }
      for (const file of files) hash.update(file.slice(root.length)).update(readFileSync(file));
    }
  }
  version = hash.digest("hex");
  known.set(key, version);
  return version;
}
