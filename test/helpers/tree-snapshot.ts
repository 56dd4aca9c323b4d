// A directory tree as lstat sees it: type, permission bits, bytes or link text.
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";

/** path → "dir 755" | "file 644 <base64>" | "link <target>", symlinks never followed. */
export function snapshotTree(root: string, skip: (path: string) => boolean = () => false): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = prefix === "" ? name : `${prefix}/${name}`;
      if (skip(path)) continue;
      const absolute = join(dir, name);
      const stat = lstatSync(absolute);
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isSymbolicLink()) entries[path] = `link ${readlinkSync(absolute)}`;
      else if (stat.isDirectory()) {
        entries[path] = `dir ${mode}`;
        walk(absolute, path);
      } else entries[path] = `file ${mode} ${readFileSync(absolute).toString("base64")}`;
    }
  };
  walk(root, "");
  return entries;
}
