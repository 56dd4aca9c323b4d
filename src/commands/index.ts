import type { Command } from "commander";
import { registerExtract } from "./extract.js";
import { registerInit } from "./init.js";
import { registerMdbook } from "./mdbook.js";
import { registerPreview } from "./preview.js";
import { registerTranslate } from "./translate.js";
import { registerUpdate } from "./update.js";

/** Adds every pobook subcommand to `program`; one line per command module. */
export function registerCommands(program: Command): void {
  registerExtract(program);
  registerInit(program);
  registerUpdate(program);
  registerTranslate(program);
  registerMdbook(program);
  registerPreview(program);
}
