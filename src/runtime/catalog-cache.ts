/**
 * Parsed catalogs kept between preview runs: a 1 MB catalog takes a few
 * hundred milliseconds to parse when the process is new, a tenth of that
 * to read back in V8's serialization format. One file per catalog path
 * (`$XDG_CACHE_HOME/pobook/catalog-<hash of the path>.v8`), holding the hash
 * of the text it was parsed from and of the parser's code: any other text,
 * or another pobook build, parses again.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { Catalog } from "../catalog/types.js";
import { writeFileAtomic } from "../fs.js";
import { codeVersion } from "./code-version.js";

export const defaultCacheDir = (): string => join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pobook");

interface Stored {
  key: string;
  catalog: Catalog;
}

export class CatalogCache {
  private readonly file: string;

  /** `path` is the catalog's absolute path (the cache is per machine, as the preview is). */
  constructor(path: string, dir = defaultCacheDir()) {
    this.file = join(dir, `catalog-${createHash("sha256").update(path).digest("hex").slice(0, 24)}.v8`);
  }

  private key(text: string): string {
    return createHash("sha256").update(codeVersion(["catalog/parse", "catalog/types", "utf8"])).update("\0").update(text).digest("hex");
  }

  /** The catalog parsed from exactly `text` by this build, if stored. */
  lookup(text: string): Catalog | undefined {
    try {
      const stored = deserialize(readFileSync(this.file)) as Stored;
      return stored.key === this.key(text) ? stored.catalog : undefined;
    } catch {
      // None yet, or unreadable: parse.
      return undefined;
    }
  }

  store(text: string, catalog: Catalog): void {
    try {
      writeFileAtomic(this.file, serialize({ key: this.key(text), catalog } satisfies Stored));
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
}
