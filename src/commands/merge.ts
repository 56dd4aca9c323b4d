import type { Command } from "commander";
import { PobookError } from "../errors.js";
import { checkCatalogWritable, writeCatalogFile } from "../catalog-file.js";
import { parsePo } from "../catalog/parse.js";
import { serializePo } from "../catalog/serialize.js";
import { threeWayMerge } from "../catalog/three-way-merge.js";
import { entryKey } from "../catalog/types.js";
import { readCatalogInput } from "./catalog-input.js";

interface MergeFlags {
  output?: string;
  json?: boolean;
}

export function registerMerge(program: Command): void {
  program
    .command("merge")
    .description("three-way merge of a catalog changed on two branches, entry by entry (a git merge driver)")
    .argument("<base>", "the common ancestor (git's %O)")
    .argument("<ours>", "our version (git's %A)")
    .argument("<theirs>", "their version (git's %B)")
    .requiredOption("-o, --output <FILE>", "where to write the result (git's %A), or - for standard output")
    .option("--json", "print the counts as JSON")
    .addHelpText(
      "after",
      `
Union of both sides keyed by (msgctxt, msgid): a translation beats none, a
non-fuzzy one beats a fuzzy one, a side that changed it beats one that did not.
Two different translations conflict: ours is kept, fuzzy, with theirs in a
translator comment. Exit status: 0 merged, 1 conflicts (as git expects of a
merge driver), 2 bad input (nothing written).

As a git merge driver:
  .gitattributes:  *.po merge=pobook
  git config merge.pobook.name "pobook PO merge"
  git config merge.pobook.driver "pobook merge %O %A %B -o %A"`,
    )
    .action((basePath: string, oursPath: string, theirsPath: string, flags: MergeFlags) => {
      const output = flags.output!;
      // Everything is read and checked before anything is written.
      const [base, ours, theirs] = [basePath, oursPath, theirsPath].map((path) => readCatalogInput(path).catalog);
      const { catalog, stats, conflicts } = threeWayMerge(base!, ours!, theirs!);
      const text = serializePo(catalog);
      const shownAs = output === "-" ? "<stdout>" : output;
      // Conflicts are named by the line they are on in the result.
      const lines = new Map(parsePo(text, shownAs).entries.map((e) => [entryKey(e), e.line]));
      if (output === "-") process.stdout.write(text);
      else {
        if (output === "") throw new PobookError("-o needs a file name (or - for standard output)");
        const target = checkCatalogWritable(output);
        // Only a catalog is replaced (git's %A is ours): never a file that is not one.
        if (target.existing && ![basePath, oursPath, theirsPath].includes(output)) {
          let isCatalog = false;
          try {
            const { text: existing, catalog: found } = readCatalogInput(output);
            isCatalog = existing.trim() === "" || found.headers.length > 0 || found.entries.length > 0;
          } catch {
            // Not readable as a catalog.
          }
          if (!isCatalog) {
            throw new PobookError("exists and is not a PO catalog; pobook merge replaces only catalogs (choose another -o)", { file: output });
          }
        }
        writeCatalogFile(target, text);
      }
      const report = output === "-" ? process.stderr : process.stdout;
      if (flags.json) {
        report.write(`${JSON.stringify({ output, ...stats, conflicts: conflicts.map((c) => ({ ...c, line: lines.get(entryKey(c)) })) }, null, 2)}\n`);
      } else {
        report.write(
          `${shownAs}: ${stats.entries} entries; ${stats.addedByTheirs} added by theirs, ${stats.translationsFromTheirs} translations from theirs, ` +
            `${stats.keptDespiteRemoval} kept that one side removed, ${stats.removed} removed, ${stats.conflicts} conflicts\n`,
        );
        for (const conflict of conflicts) {
          const msgid = conflict.msgid.length > 60 ? `${conflict.msgid.slice(0, 57)}...` : conflict.msgid;
          process.stderr.write(`${shownAs}:${lines.get(entryKey(conflict)) ?? 1}: conflict: two translations of ${JSON.stringify(msgid)} (ours kept, fuzzy; theirs in a comment)\n`);
        }
      }
      if (conflicts.length > 0) process.exitCode = 1;
    });
}
