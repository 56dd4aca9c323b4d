/**
 * `pobook mdbook gettext` and `pobook mdbook xgettext`: drop-ins for
 * mdbook-i18n-helpers' preprocessor and renderer, speaking mdBook's JSON
 * protocols on stdin/stdout (see src/mdbook/).
 *
 *   [preprocessor.gettext]
 *   command = "npx pobook mdbook gettext"
 *   [output.xgettext]
 *   command = "npx pobook mdbook xgettext"
 */
import type { Command } from "commander";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseSplit, readLanguageCatalog } from "./catalog-tree.js";
import { createTemplate, serializePo } from "../catalog/serialize.js";
import { PobookError } from "../errors.js";
import { writeFileAtomic } from "../fs.js";
import { bookLookup, gettextSettings, translateMdbook } from "../mdbook/gettext.js";
import { parsePreprocessorInput, parseRenderContext } from "../mdbook/protocol.js";
import { renderTemplates } from "../mdbook/xgettext.js";
import { potCreationDate, toCatalogEntries } from "./extract.js";
import { readUtf8 } from "../fs.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** mdbook-gettext supports every renderer but the template extractor (which needs the untranslated text). */
export function supportsRenderer(renderer: string): boolean {
  return renderer !== "xgettext";
}

async function runGettext(): Promise<void> {
  const { context, book } = parsePreprocessorInput(await readStdin());
  const settings = gettextSettings(context);
  // Like mdbook-gettext: no language, or no catalog for it, leaves the book as it is.
  // The catalog is `<po-dir>/LANG.po` or the tree `<po-dir>/LANG/`, read as `pobook translate` reads it.
  const poDir = join(context.root, settings.config.poDir);
  const shownDir = relative(process.cwd(), poDir) || ".";
  const split = parseSplit(settings.split);
  const read = settings.language === undefined ? undefined : await readLanguageCatalog(context.root, settings.config, shownDir, settings.language, split, 'set split = "chapter" (or "part") under [preprocessor.gettext] to use the tree, or remove one of them');
  if (read === undefined) {
    process.stdout.write(JSON.stringify(book));
    return;
  }
  const result = translateMdbook(book, settings.config, bookLookup(read.catalog), { beforeLinks: settings.beforeLinks });
  for (const warning of result.warnings) {
    const where = read.tree ? read.tree.locate(warning.poLine) : `${read.shown}:${warning.poLine ?? "?"}`;
    process.stderr.write(`pobook: ${where}: ${warning.chapter}:${warning.line}: ${warning.message}; source text kept\n`);
  }
  process.stdout.write(JSON.stringify(result.book));
}

async function runXgettext(): Promise<void> {
  const context = parseRenderContext(await readStdin());
  const root = resolve(context.root);
  const src = typeof (context.config.book as Record<string, unknown> | undefined)?.src === "string" ? String((context.config.book as Record<string, unknown>).src) : "src";
  const summaryFile = join(root, src, "SUMMARY.md");
  if (!existsSync(summaryFile)) throw new PobookError("SUMMARY.md is missing", { file: summaryFile });
  const { config, templates } = renderTemplates(context, readUtf8(summaryFile));
  const header = { projectIdVersion: config.title ?? "", potCreationDate: potCreationDate(), language: config.language };
  const destination = resolve(root, context.destination);
  // Everything is serialized before anything is written: bad input leaves no partial output.
  const outputs = templates.map((template) => ({ path: join(destination, template.path), text: serializePo(createTemplate(header, toCatalogEntries(template.entries))) }));
  for (const file of outputs) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileAtomic(file.path, file.text);
  }
}

export function registerMdbook(program: Command): void {
  const mdbook = program.command("mdbook").description("mdBook integration: the gettext preprocessor and the xgettext renderer");
  mdbook
    .command("gettext")
    .description("mdBook preprocessor: translate the book into book.language with <po-dir>/<language>.po ([context, book] JSON on stdin)")
    .argument("[supports]", "`supports` for mdBook's renderer handshake")
    .argument("[renderer]", "renderer name of the handshake")
    .action(async (supports: string | undefined, renderer: string | undefined) => {
      if (supports !== undefined) {
        if (supports !== "supports" || renderer === undefined) throw new PobookError(`expected "supports RENDERER", got "${[supports, renderer].filter(Boolean).join(" ")}"`);
        process.exitCode = supportsRenderer(renderer) ? 0 : 1;
        return;
      }
      await runGettext();
    });
  mdbook
    .command("xgettext")
    .description("mdBook renderer: write the POT template(s) into the destination directory (RenderContext JSON on stdin)")
    .action(runXgettext);
}
