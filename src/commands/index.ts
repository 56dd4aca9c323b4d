import type { Command } from "commander";
import { registerCheck } from "./check.js";
import { registerStats } from "./stats.js";

/** Adds every pobook subcommand to `program`; one line per command module. */
export function registerCommands(program: Command): void {
  registerStats(program);
  registerCheck(program);
}
