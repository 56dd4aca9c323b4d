/**
 * `.pobook-output.json`: the list of what pobook wrote into an output
 * directory. It marks the directory as pobook's, so a re-run may replace
 * those files (and only those) and remove the ones it no longer produces.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../fs.js";

export const MANIFEST = ".pobook-output.json";

export interface Manifest {
  /** Files and symlinks pobook wrote, relative POSIX paths. */
  files: string[];
  /** A staging directory of a run that may not have finished (removed by the next run). */
  staging?: string;
}

const STAGING = /^\.pobook-staging-[0-9a-f]{12}$/;

/** The manifest of `dir`, or undefined when it has none or it is not pobook's. */
export function readManifest(dir: string): Manifest | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8"));
  } catch {
    return undefined;
  }
  if (typeof data !== "object" || data === null) return undefined;
  const { pobook, files, staging } = data as Record<string, unknown>;
  if (pobook !== 1 || !Array.isArray(files) || !files.every((file) => typeof file === "string" && isPlainRelative(file))) return undefined;
  return { files, ...(typeof staging === "string" && STAGING.test(staging) ? { staging } : {}) };
}

export function writeManifest(dir: string, manifest: Manifest): void {
  const files = [...new Set(manifest.files)].sort();
  writeFileAtomic(join(dir, MANIFEST), `${JSON.stringify({ pobook: 1, ...manifest, files }, null, 1)}\n`);
}

export function isStagingName(name: string): boolean {
  return STAGING.test(name);
}

/** A relative path with no `..`, `.` or empty part: a manifest never points out of its directory. */
function isPlainRelative(path: string): boolean {
  return path !== "" && !path.startsWith("/") && path.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}
