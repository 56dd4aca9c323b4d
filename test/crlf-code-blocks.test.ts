// Code blocks of a chapter with CRLF line ends (a checkout on Windows), as mdbook-xgettext gives
// them. pulldown-cmark appends a CRLF code line as its text, then its LF without the CR, and merges
// items that touch in the source: the block reaches parse_codeblock as the events `line 1`,
// `\nline 2`, ..., `\n`. parse_codeblock gives each event a fresh scope stack, so a comment or
// string opened in an earlier event is in no scope: a line comment's message ends before its
// newline, and a block comment's later lines give nothing. The expectations are the msgids of
// r12f/sonic-book's po/messages.pot (commit f1f82a4, made on Windows: `#: src\1-1-install.md:38`),
// on lines shaped like that book's.
import { describe, expect, it } from "vitest";
import { segmentMarkdown } from "../src/markdown/segment.js";

const crlf = (text: string): string => text.replace(/\n/g, "\r\n");
const ids = (markdown: string): string[] => segmentMarkdown(markdown).map((message) => message.msgid);

describe("code blocks with CRLF line ends", () => {
  const shell = "```bash\n# Enter the container\ndocker exec -it pmon bash\n\n# Detect the fans.\n# Then write the file.\npwmconfig\n```\n";

  it("a shell comment's message ends before its newline, and each comment line is its own message", () => {
    expect(ids(crlf(shell))).toEqual(["# Enter the container", "# Detect the fans.", "# Then write the file."]);
    // The same block with LF: one event, comments keep their newline and join.
    expect(ids(shell)).toEqual(["# Enter the container\n", "# Detect the fans.\n# Then write the file.\n"]);
  });

  it("an indented line comment after another starts at its slashes", () => {
    const cpp = "```cpp\nvoid f() {\n    // first\n    // second\n    g();\n}\n```\n";
    expect(ids(crlf(cpp))).toEqual(["// first", "// second"]);
    expect(ids(cpp)).toEqual(["// first\n    // second\n"]);
  });

  it("a block comment's later lines are in no scope", () => {
    const c = "```c\n    {\n        /*\n         * Raw mode for these routes.\n         */\n        /* one line */\n    }\n```\n";
    expect(ids(crlf(c))).toEqual(["/*", "/* one line */"]);
    expect(ids(c)).toEqual(["/*\n         * Raw mode for these routes.\n         */", "/* one line */"]);
  });

  it("a shell string continued on the next line starts over at that line's next quote", () => {
    const block = '```bash\necho \\\n    "deb [arch="$(dpkg --print-architecture)" signed-by=/k.gpg] https://x/ubuntu \\\n    "$(. /etc/os-release && echo "$CODENAME")" stable" | \\\n    sudo tee /x > /dev/null\n```\n';
    expect(ids(crlf(block))).toEqual(['"deb [arch="', '" signed-by=/k.gpg] https://x/ubuntu \\', '"$CODENAME"', '" stable"']);
  });

  it("the messages of prose and of blocks without a grammar do not depend on the line ends", () => {
    const prose = "# Title\n\nA paragraph\nover two lines.\n\n```text\nsay \"hi\"\nand go\n```\n\n- item\n";
    expect(ids(crlf(prose))).toEqual(ids(prose));
  });
});
