import type { Command } from "commander";
import { registerExtract } from "./extract.js";
import { registerTranslate } from "./translate.js";

/** Adds every pobook subcommand to `program`; one line per command module. */
export function registerCommands(program: Command): void {
  registerExtract(program);
  registerTranslate(program);
}
