import type { Command } from "commander";
import { registerInit } from "./init.js";
import { registerUpdate } from "./update.js";

/** Adds every pobook subcommand to `program`; one line per command module. */
export function registerCommands(program: Command): void {
  registerInit(program);
  registerUpdate(program);
}
