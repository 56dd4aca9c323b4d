import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** The shared corpus (../shared/corpus from the repository root). */
export const CORPUS = join(import.meta.dirname, "..", "..", "..", "shared", "corpus");
export const HAS_CORPUS = existsSync(CORPUS);

/** Every real catalog of the corpus: corpus/<book>/po/<lang>.po. */
export function corpusCatalogs(): string[] {
  if (!HAS_CORPUS) return [];
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(CORPUS, d.name, "po")))
    .flatMap((d) =>
      readdirSync(join(CORPUS, d.name, "po"))
        .filter((f) => f.endsWith(".po"))
        .map((f) => join(CORPUS, d.name, "po", f)),
    );
}

/** Output of a GNU gettext tool; throws with its stderr on failure. */
export function gnu(tool: string, args: string[], input?: string): string {
  return execFileSync(tool, args, { encoding: "utf8", input, maxBuffer: 64 << 20, stdio: ["pipe", "pipe", "pipe"] });
}

export function gnuStatus(tool: string, args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(tool, args, { encoding: "utf8" });
  return { status: result.status, stderr: result.stderr };
}
