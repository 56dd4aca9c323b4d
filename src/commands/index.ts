import type { Command } from "commander";
import { registerCheck } from "./check.js";
import { registerExtract } from "./extract.js";
import { registerInit } from "./init.js";
import { registerMdbook } from "./mdbook.js";
import { registerNormalize } from "./normalize.js";
import { registerPreview } from "./preview.js";
import { registerStats } from "./stats.js";
import { registerTranslate } from "./translate.js";
import { registerUpdate } from "./update.js";

/** Adds every pobook subcommand to `program`; one line per command module. */
export function registerCommands(program: Command): void {
  registerExtract(program);
  registerInit(program);
  registerUpdate(program);
  registerNormalize(program);
  registerTranslate(program);
  registerStats(program);
  registerCheck(program);
  registerPreview(program);
  registerMdbook(program);
}
