import type { Command } from "commander";

type Register = (program: Command) => void;

/**
 * Every pobook subcommand, loaded on demand: a command's module pulls in its
 * own dependencies (the Markdown parser, the preview server, ...), and
 * loading only the one being run keeps start-up short.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  extract: async () => (await import("./extract.js")).registerExtract,
  init: async () => (await import("./init.js")).registerInit,
  update: async () => (await import("./update.js")).registerUpdate,
  normalize: async () => (await import("./normalize.js")).registerNormalize,
  merge: async () => (await import("./merge.js")).registerMerge,
  fmt: async () => (await import("./fmt.js")).registerFmt,
  translate: async () => (await import("./translate.js")).registerTranslate,
  import: async () => (await import("./import.js")).registerImport,
  stats: async () => (await import("./stats.js")).registerStats,
  check: async () => (await import("./check.js")).registerCheck,
  diff: async () => (await import("./diff.js")).registerDiff,
  preview: async () => (await import("./preview.js")).registerPreview,
  mdbook: async () => (await import("./mdbook.js")).registerMdbook,
  explain: async () => (await import("./explain.js")).registerExplain,
};

/**
 * Adds the subcommands to `program`: only `commandName`'s when it names one
 * (the command being run), all of them otherwise (help, unknown command).
 */
export async function registerCommands(program: Command, commandName?: string): Promise<void> {
  const names = commandName !== undefined && commandName in COMMANDS ? [commandName] : Object.keys(COMMANDS);
  const registers = await Promise.all(names.map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program);
}
