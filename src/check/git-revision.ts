import { dirname, basename } from "node:path";
import { fileAtCommit, resolveCommit } from "../git/repository.js";

/**
 * The text of `file` at git revision `base` (`git show BASE:./file`, run in
 * the file's directory so any path works), or undefined when the file did
 * not exist at that revision. A bad revision or no repository is a usage
 * error naming `option` (the flag that gave the revision).
 */
export function readAtRevision(file: string, base: string, option = "--msgid-changes"): string | undefined {
  const dir = { cwd: dirname(file), option };
  return fileAtCommit(dir, resolveCommit(dir, base, file), basename(file));
}

/** Throws readAtRevision's usage error when `base` is no revision for `file` (cheap: said before any rule runs). */
export function requireRevision(file: string, base: string, option = "--msgid-changes"): void {
  resolveCommit({ cwd: dirname(file), option }, base, file);
}
