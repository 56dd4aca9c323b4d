import type { Command } from "commander";

/** Adds every pobook subcommand to `program`; one line per command module. */
export function registerCommands(program: Command): void {
  void program;
}
