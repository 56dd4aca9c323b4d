// How update/init/normalize replace catalogs: through symlinks, keeping mode
// and group, refusing read-only catalogs, cleaning temporaries of killed runs.
import { describe, expect, it } from "vitest";
import {
  chmodSync,
  chownSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeStaleTemporaries, STALE_TEMPORARY_MS } from "../src/catalog-file.js";
import { runInProcess } from "./helpers/cli.js";

const HEADER = `msgid ""
msgstr ""
"Project-Id-Version: Demo\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
`;

const POT = `${HEADER}
msgid "Hello"
msgstr ""

msgid "New message"
msgstr ""
`;

const CATALOG = `${HEADER}
msgid "Hello"
msgstr "Bonjour"
`;

/** A book-less project: po/messages.pot and the given catalogs, plus files elsewhere in the tree. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "pobook-write-"));
  mkdirSync(join(dir, "po"));
  writeFileSync(join(dir, "po", "messages.pot"), POT);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const isRoot = process.getuid?.() === 0;

describe("update writes catalogs as the user set them up", () => {
  it("writes through a symlink: the link stays, its target gets the update", async () => {
    const dir = project({ "shared/fr.po": CATALOG });
    symlinkSync("../shared/fr.po", join(dir, "po", "fr.po"));
    const result = await runInProcess(["update"], dir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(lstatSync(join(dir, "po", "fr.po")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "shared", "fr.po"), "utf8")).toContain('msgid "New message"');
    // The temporary went next to the target, and nothing was left there.
    expect(readdirSync(join(dir, "shared"))).toEqual(["fr.po"]);
    expect(readdirSync(join(dir, "po")).sort()).toEqual(["fr.po", "messages.pot"]);
  });

  it("keeps the catalog's mode, and its group (and owner, as root)", async () => {
    const dir = project({ "po/fr.po": CATALOG });
    const file = join(dir, "po", "fr.po");
    chmodSync(file, 0o640);
    // Root can give the file another group; anyone else keeps theirs, which must survive as well.
    const gid = isRoot ? 1 : statSync(file).gid;
    if (isRoot) chownSync(file, 2, gid);
    const before = statSync(file);
    expect((await runInProcess(["update"], dir)).status).toBe(0);
    const after = statSync(file);
    expect(readFileSync(file, "utf8")).toContain('msgid "New message"');
    expect(after.ino).not.toBe(before.ino); // replaced atomically, not rewritten in place
    expect(after.mode & 0o7777).toBe(0o640);
    expect(after.gid).toBe(gid);
    expect(after.uid).toBe(before.uid);
  });

  it("refuses a read-only (0444) catalog in one line, exit 2, before writing any catalog", async () => {
    const dir = project({ "po/de.po": CATALOG.replace("Bonjour", "Hallo"), "po/fr.po": CATALOG });
    chmodSync(join(dir, "po", "fr.po"), 0o444);
    const result = await runInProcess(["update"], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("pobook: po/fr.po: read-only catalog (mode 0444), left as it is; make it writable (chmod u+w) to update it\n");
    expect(result.stdout).toBe("");
    // de.po, which sorts first and is writable, was not updated either.
    expect(readFileSync(join(dir, "po", "de.po"), "utf8")).toBe(CATALOG.replace("Bonjour", "Hallo"));
    expect(readFileSync(join(dir, "po", "fr.po"), "utf8")).toBe(CATALOG);
    expect(statSync(join(dir, "po", "fr.po")).mode & 0o777).toBe(0o444);
  });

  it("leaves a read-only catalog alone without complaint when it needs no change", async () => {
    const dir = project({ "po/fr.po": CATALOG });
    expect((await runInProcess(["update"], dir)).status).toBe(0);
    chmodSync(join(dir, "po", "fr.po"), 0o444);
    const result = await runInProcess(["update"], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("(unchanged)");
  });

  it("init --force and normalize refuse a read-only catalog too", async () => {
    const dir = project({ "po/fr.po": CATALOG });
    chmodSync(join(dir, "po", "fr.po"), 0o444);
    const init = await runInProcess(["init", "-l", "fr", "--force"], dir);
    expect(init.status).toBe(2);
    expect(init.stderr).toMatch(/^pobook: po\/fr\.po: read-only catalog \(mode 0444\)/);
    const normalize = await runInProcess(["normalize", "po/fr.po"], dir);
    expect(normalize.status).toBe(2);
    expect(normalize.stderr).toMatch(/^pobook: po\/fr\.po: read-only catalog \(mode 0444\)/);
    expect(readFileSync(join(dir, "po", "fr.po"), "utf8")).toBe(CATALOG);
  });

  it("rewrites a hard-linked catalog in place: every name gets the update, the link stays, nothing is left", async () => {
    const dir = project({ "po/fr.po": CATALOG });
    const file = join(dir, "po", "fr.po");
    chmodSync(file, 0o640);
    linkSync(file, join(dir, "fr-backup.po"));
    const before = statSync(file);
    const result = await runInProcess(["update"], dir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const after = statSync(file);
    expect(after.ino).toBe(before.ino);
    expect(after.nlink).toBe(2);
    expect(after.mode & 0o7777).toBe(0o640);
    expect(readFileSync(file, "utf8")).toContain('msgid "New message"');
    expect(readFileSync(join(dir, "fr-backup.po"), "utf8")).toBe(readFileSync(file, "utf8"));
    expect(readdirSync(join(dir, "po")).sort()).toEqual(["fr.po", "messages.pot"]);
    // A shorter text leaves no tail of the longer one behind.
    writeFileSync(join(dir, "po", "messages.pot"), `${HEADER}\nmsgid "Hello"\nmsgstr ""\n`);
    expect((await runInProcess(["update"], dir)).status).toBe(0);
    const shorter = readFileSync(join(dir, "fr-backup.po"), "utf8");
    expect(shorter).not.toContain("New message");
    expect(shorter.endsWith('msgid "Hello"\nmsgstr "Bonjour"\n')).toBe(true);
    expect(statSync(file).size).toBe(Buffer.byteLength(shorter));
    expect(readFileSync(file, "utf8")).toBe(shorter);
  });

  it("names the line of the first invalid UTF-8 byte", async () => {
    const bytes = Buffer.concat([Buffer.from(`${CATALOG}\nmsgid "Caf`), Buffer.from([0xe9]), Buffer.from('"\nmsgstr ""\n')]);
    const dir = project({});
    writeFileSync(join(dir, "po", "fr.po"), bytes);
    const result = await runInProcess(["update"], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^pobook: po\/fr\.po:10: invalid UTF-8 .*\n$/);
    expect(readFileSync(join(dir, "po", "fr.po"))).toEqual(bytes);
  });

  it("writes escaped UTF-8 bytes back as the characters msgcat reads", async () => {
    const dir = project({ "po/fr.po": `${HEADER}\nmsgid "Hello"\nmsgstr "All\\303\\264 \\xc3\\xa9t\\xc3\\xa9"\n` });
    expect((await runInProcess(["update"], dir)).status).toBe(0);
    expect(readFileSync(join(dir, "po", "fr.po"), "utf8")).toContain('msgstr "Allô été"\n');
  });
});

describe("temporaries of killed runs", () => {
  const STALE = ".fr.po.0123456789ab.tmp";
  const FRESH = ".fr.po.ba9876543210.tmp";

  function withTemporaries(): string {
    const dir = project({ "po/fr.po": CATALOG, [`po/${STALE}`]: "half a cat", [`po/${FRESH}`]: "being written", "po/.#fr.po": "emacs lock", "po/.pt-BR.po": "hidden" });
    const old = (Date.now() - STALE_TEMPORARY_MS - 5_000) / 1000;
    utimesSync(join(dir, "po", STALE), old, old);
    return dir;
  }

  it("the next update removes stale ones of pobook's naming, keeps recent ones and other files", async () => {
    const dir = withTemporaries();
    const result = await runInProcess(["update"], dir);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("po/fr.po: kept 1, fuzzy 0, new 1, obsolete 0; now 1 translated, 0 fuzzy, 1 untranslated, 0 obsolete\n");
    expect(readdirSync(join(dir, "po")).sort()).toEqual([".#fr.po", FRESH, ".pt-BR.po", "fr.po", "messages.pot"]);
  });

  it("only catalogs' temporaries, only regular files, only old ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "pobook-stale-"));
    const names = [".fr.po.0123456789ab.tmp", ".messages.pot.0123456789ab.tmp", ".index.html.0123456789ab.tmp", ".fr.po.0123456789a.tmp", ".fr.po.0123456789AB.tmp", "fr.po.0123456789ab.tmp"];
    const old = (Date.now() - 2 * STALE_TEMPORARY_MS) / 1000;
    for (const name of names) {
      writeFileSync(join(dir, name), "x");
      utimesSync(join(dir, name), old, old);
    }
    symlinkSync("fr.po", join(dir, ".de.po.0123456789ab.tmp"));
    expect(removeStaleTemporaries(dir).map((path) => path.slice(dir.length + 1)).sort()).toEqual([".fr.po.0123456789ab.tmp", ".messages.pot.0123456789ab.tmp"]);
    expect(existsSync(join(dir, ".index.html.0123456789ab.tmp"))).toBe(true);
    expect(lstatSync(join(dir, ".de.po.0123456789ab.tmp")).isSymbolicLink()).toBe(true);
  });

  it("stats, check and translate --all never read temporaries or hidden files as catalogs", async () => {
    const dir = withTemporaries();
    writeFileSync(join(dir, "book.toml"), '[book]\ntitle = "Demo"\n');
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src", "SUMMARY.md"), "# Summary\n\n- [Hello](hello.md)\n");
    writeFileSync(join(dir, "src", "hello.md"), "Hello\n");
    const stats = await runInProcess(["stats", "--json"], dir);
    expect(stats.stderr).toBe("");
    expect(stats.status).toBe(0);
    expect(stats.stdout).toContain("po/fr.po");
    expect(stats.stdout).not.toMatch(/\.tmp|\.#fr|pt-BR/);
    const check = await runInProcess(["check"], dir);
    expect(check.stderr).not.toMatch(/\.tmp|\.#fr|pt-BR/);
    const translate = await runInProcess(["translate", "--all"], dir);
    expect(translate.stderr).toBe("");
    expect(translate.status).toBe(0);
    expect(readdirSync(join(dir, "book")).sort()).toEqual(["fr-src"]);
  });
});
