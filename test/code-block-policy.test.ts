// book.toml's per-language code-block policy: skip-languages and whole-block-languages.
import { describe, expect, test } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseBookConfig } from "../src/book/config.js";
import { segmentationOptions } from "../src/book/extract-book.js";
import { segmentMarkdown } from "../src/markdown/segment.js";
import { readPoFile } from "../src/catalog/parse.js";
import { makeTree, runInProcess } from "./helpers/cli.js";

const CHAPTER = `# A

\`\`\`console
$ echo "hi" // x
\`\`\`

\`\`\`Text
"quoted"
\`\`\`

\`\`\`rust,editable
fn main() {
    // Say hi.
    println!("Hi");
}
\`\`\`

\`\`\`python
print("py")
\`\`\`

    indented "block"
`;

const POLICY = '[preprocessor.gettext]\nskip-languages = ["console", "text"]\nwhole-block-languages = ["rust"]\n';

function options(toml: string) {
  return segmentationOptions(parseBookConfig(toml, "book.toml"));
}

describe("code-block policy", () => {
  test("unset: mdbook-xgettext's messages", () => {
    expect(segmentMarkdown(CHAPTER, options("")).map((message) => message.msgid)).toEqual([
      "A",
      '```console\n$ echo "hi" // x\n```',
      '```Text\n"quoted"\n```',
      "// Say hi.\n",
      '"Hi"',
      '"py"',
      '    indented "block"\n    ',
    ]);
  });

  test("skipped languages give nothing, whole-block ones one message; others (and indented blocks) unchanged", () => {
    expect(segmentMarkdown(CHAPTER, options(POLICY)).map((message) => message.msgid)).toEqual([
      "A",
      '```rust,editable\nfn main() {\n    // Say hi.\n    println!("Hi");\n}\n```',
      '"py"',
      '    indented "block"\n    ',
    ]);
  });

  test("a whole-block language gives its block even without quotes or comments; an empty one gives nothing", () => {
    const toml = '[output.xgettext]\nwhole-block-languages = ["text"]\n';
    expect(segmentMarkdown("```text\nplain words\n```\n\n```text\n```\n", options(toml)).map((message) => message.msgid)).toEqual(["```text\nplain words\n```"]);
  });

  test("extract and translate read it from book.toml alike", async () => {
    const root = makeTree({
      "book.toml": `[book]\ntitle = "P"\n${POLICY}`,
      "src/SUMMARY.md": "# S\n\n- [A](a.md)\n",
      "src/a.md": CHAPTER,
    });
    expect((await runInProcess(["extract", root, "-o", join(root, "po/messages.pot")])).status).toBe(0);
    const pot = readPoFile(join(root, "po/messages.pot"));
    expect(pot.entries.map((entry) => entry.msgid)).toEqual(["S", "A", '```rust,editable\nfn main() {\n    // Say hi.\n    println!("Hi");\n}\n```', '"py"', '    indented "block"\n    ', "P"]); // "P": the book's title (msgctxt book.toml:title)
    expect((await runInProcess(["init", "-l", "de", root])).status).toBe(0);
    const po = join(root, "po/de.po");
    const block = 'msgid ""\n"```rust,editable\\n"\n"fn main() {\\n"\n"    // Say hi.\\n"\n"    println!(\\"Hi\\");\\n"\n"}\\n"\n"```"\nmsgstr ""';
    const text = readFileSync(po, "utf8");
    expect(text).toContain(block);
    writeFileSync(po, text.replace(block, block.replace('msgstr ""', 'msgstr "```rust,editable\\nfn main() {\\n    // Sag hallo.\\n    println!(\\"Hallo\\");\\n}\\n```"')));
    const result = await runInProcess(["translate", root, "-l", "de"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("1 applied");
    const out = readFileSync(join(root, "book/de-src/src/a.md"), "utf8");
    expect(out).toBe(CHAPTER.replace("// Say hi.", "// Sag hallo.").replace('println!("Hi")', 'println!("Hallo")'));
  });

  test("bad settings: one line naming book.toml, exit 2, nothing written", async () => {
    for (const bad of ['skip-languages = "console"', "whole-block-languages = [1]", 'skip-languages = ["a b"]', 'skip-languages = ["sh"]\nwhole-block-languages = ["SH"]']) {
      const root = makeTree({ "book.toml": `[book]\n[preprocessor.gettext]\n${bad}\n`, "src/SUMMARY.md": "# S\n", "src/a.md": "A\n" });
      const result = await runInProcess(["extract", root, "-o", join(root, "po/messages.pot")]);
      expect(result.status, bad).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain("book.toml:");
      expect(existsSync(join(root, "po"))).toBe(false);
    }
  });
});
