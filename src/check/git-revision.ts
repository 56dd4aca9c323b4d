import { execFileSync } from "node:child_process";
import { dirname, basename } from "node:path";
import { PobookError } from "../errors.js";

/**
 * The text of `file` at git revision `base` (`git show BASE:./file`, run in
 * the file's directory so any path works), or undefined when the file did
 * not exist at that revision. A bad revision or no repository is a usage error.
 */
export function readAtRevision(file: string, base: string): string | undefined {
  const cwd = dirname(file);
  try {
    execFileSync("git", ["rev-parse", "--verify", "--quiet", `${base}^{commit}`], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  } catch {
    throw new PobookError(`--msgid-changes: '${base}' is not a git revision here`, { file });
  }
  try {
    return execFileSync("git", ["show", `${base}:./${basename(file)}`], {
      cwd,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch {
    return undefined;
  }
}
