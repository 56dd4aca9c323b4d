import type { Command } from "commander";
import { registerCheck } from "./check.js";
import { registerExtract } from "./extract.js";
import { registerStats } from "./stats.js";

/** Adds every pobook subcommand to `program`; one line per command module. */
export function registerCommands(program: Command): void {
  registerExtract(program);
  registerStats(program);
  registerCheck(program);
}
