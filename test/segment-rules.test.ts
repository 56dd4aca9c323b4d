// One behaviour per test: Markdown in, the msgids mdbook-xgettext makes out.
import { describe, expect, it } from "vitest";
import { segmentMarkdown, type SegmentOptions } from "../src/markdown/segment.js";

const ids = (markdown: string, options: SegmentOptions = {}) => segmentMarkdown(markdown, options).map((m) => m.msgid);

describe("paragraphs and inline formatting", () => {
  it("rewrites emphasis with underscores and strong with double stars", () => {
    expect(ids("Hello *world!* and __bold__ text")).toEqual(["Hello _world!_ and **bold** text"]);
  });
  it("joins soft-wrapped lines with one space and drops continuation indentation", () => {
    expect(ids("First line\n   second line\nthird")).toEqual(["First line second line third"]);
  });
  it("writes hard breaks as two spaces and a newline", () => {
    expect(ids("- allocate:\\\n  Dynamic memory allocation.")).toEqual(["allocate:  \nDynamic memory allocation."]);
    expect(ids("one  \ntwo")).toEqual(["one  \ntwo"]);
  });
  it("keeps inline code verbatim with its backticks", () => {
    expect(ids("`Vec` implements ``Deref<Target = [T]>``")).toEqual(["`Vec` implements `Deref<Target = [T]>`"]);
    expect(ids("a `` `x` `` b")).toEqual(["a `` `x` `` b"]);
  });
  it("skips whitespace-only and empty messages", () => {
    expect(ids("&#32;\n\n# \n")).toEqual([]);
  });
  it("keeps strikethrough", () => {
    expect(ids("a ~~gone~~ b")).toEqual(["a ~~gone~~ b"]);
  });
  it("does not strike intraword with a single tilde (pulldown-cmark treats `~` like `_`)", () => {
    expect(ids("a~b~c and x ~y~ z")).toEqual(["a~b~c and x ~~y~~ z"]);
  });
});

describe("links and images", () => {
  it("expands reference, collapsed and shortcut links to inline links", () => {
    const md = "Please [provide feedback][1], see [Rust][] and [docs].\n\n[1]: https://example.com/86\n[rust]: https://rust-lang.org\n[docs]: https://docs.rs \"The docs\"\n";
    expect(ids(md)).toEqual([
      'Please [provide feedback](https://example.com/86), see [Rust](https://rust-lang.org) and [docs](https://docs.rs "The docs").',
    ]);
  });
  it("keeps autolinks in angle brackets", () => {
    expect(ids("found at <https://google.github.io/comprehensive-rust/>. If")).toEqual([
      "found at <https://google.github.io/comprehensive-rust/>. If",
    ]);
  });
  it("does not turn bare URLs into links (no GFM autolink literals upstream)", () => {
    expect(ids("see www.example.com and https://example.com")).toEqual(["see www.example.com and https://example.com"]);
  });
  it("keeps images in the message and expands image references", () => {
    expect(ids("[![Build](https://img.shields.io/b.svg)](https://ci)\n![logo][l]\n\n[l]: logo.png")).toEqual([
      "[![Build](https://img.shields.io/b.svg)](https://ci) ![logo](logo.png)",
    ]);
  });
  it("keeps emphasis, strong and code inside image alt text as Markdown", () => {
    expect(ids('![i *e* `c`](s "t")')).toEqual(['![i _e_ `c`](s "t")']);
    expect(ids("see ![a_b **c**][r]\n\n[r]: u")).toEqual(["see ![a_b **c**](u)"]);
  });
  it("writes destinations with spaces or unbalanced parentheses in angle brackets", () => {
    expect(ids("[a](<foo bar>)")).toEqual(["[a](<foo bar>)"]);
  });
  it("gives link reference definitions no message", () => {
    expect(ids("[x]: https://example.com\n")).toEqual([]);
  });
});

describe("HTML", () => {
  it("gives block HTML no message", () => {
    expect(ids("<details>\n<summary>Hi</summary>\n\nBody text.\n\n</details>\n")).toEqual(["Body text."]);
  });
  it("keeps inline HTML inside the message", () => {
    expect(ids("You can use <kbd>Ctrl</kbd> + <kbd>Enter</kbd> to execute")).toEqual([
      "You can use <kbd>Ctrl</kbd> + <kbd>Enter</kbd> to execute",
    ]);
  });
  it("keeps the indentation of inline HTML continuation lines, minus the container prefix", () => {
    expect(ids('a <img src="x"\n     alt="y"> b')).toEqual(['a <img src="x"\n     alt="y"> b']);
    expect(ids('- item <img src="x"\n       alt="y"> b')).toEqual(['item <img src="x"\n     alt="y"> b']);
    expect(ids('> quote <b\n>    c="d"> e')).toEqual(['quote <b\n   c="d"> e']);
  });
  it("ends messages at inline HTML in legacy mode (catalogs of 2024)", () => {
    expect(ids("You can use <kbd>Ctrl</kbd> to run", { legacyInlineHtml: true })).toEqual(["You can use ", "Ctrl", " to run"]);
    expect(ids("If _n<sub>i</sub>_ is 1", { legacyInlineHtml: true })).toEqual(["If _n", "i", "_ is 1"]);
  });
  it("decodes entities and re-escapes them like upstream", () => {
    expect(ids("# <code>Pin&lt;Ptr&gt;</code> and <code>Drop</code>")).toEqual(["<code>Pin\\<Ptr\\></code> and <code>Drop</code>"]);
    expect(ids("Tom &amp; Jerry")).toEqual(["Tom & Jerry"]);
  });
});

describe("escaping like pulldown-cmark-to-cmark", () => {
  it("escapes a special first character of a text event", () => {
    expect(ids("any `mdbook`-generated site")).toEqual(["any `mdbook`\\-generated site"]);
  });
  it("escapes unmatched emphasis delimiters one by one", () => {
    expect(ids("up to 2**32 bytes")).toEqual(["up to 2\\*\\*32 bytes"]);
  });
  it("escapes an unmatched backtick", () => {
    expect(ids("see `qr_code.rs for details")).toEqual(["see \\`qr_code.rs for details"]);
  });
  it("makes an escaped backtick and the backticks after it one text event", () => {
    expect(ids("a\\`` and a\\`\\ ")).toEqual(["a\\`` and a\\`\\\\"]);
    expect(ids("a \\`#b")).toEqual(["a \\`\\#b"]);
  });
  it("keeps source escapes of brackets", () => {
    expect(ids("(\"error\\[E0133\\]: call\")")).toEqual(["(\"error\\[E0133\\]: call\")"]);
  });
  it("escapes a leading dash of a paragraph and intraword underscores stay", () => {
    expect(ids("\\--- **Jeff**, Google.")).toEqual(["\\--- **Jeff**, Google."]);
    expect(ids("snake_case_name")).toEqual(["snake_case_name"]);
  });
  it("keeps tabs at the end of ATX headings, and a closing run after a tab, as pulldown-cmark does", () => {
    expect(ids("# a\t#\n\n# b #\t\n\n## c\t##\n\n# d\t{#x}\n")).toEqual(["a\t\\#", "b #\t", "c\t#\\#", "d\t"]);
  });
  it("leaves a link or image whose text holds a footnote reference as text", () => {
    expect(ids("[a[^1]](u) and ![b[^1]](v)\n\n[^1]: Note.\n")).toEqual(["\\[a[^1]\\](u) and ![b[^1]\\](v)", "Note."]);
  });
  it("escapes a trailing # in headings", () => {
    expect(ids("## C#")).toEqual(["C\\#"]);
  });
});

describe("blocks", () => {
  it("removes heading markers and attribute blocks, for ATX and setext headings", () => {
    expect(ids("# Glossary { #glossary }\n\nSetext\n======\n")).toEqual(["Glossary", "Setext"]);
    // Any last `{...}` is an attribute block, unless it holds `{ } < > \\` or a closing run follows.
    expect(ids("# Set {x}\n\n# A {<b>}\n\n## Foo {#id} ##\n")).toEqual(["Set", "A {<b>}", "Foo {#id}"]);
  });
  it("gives one message per list item, nested items after their parent", () => {
    const md = "- _Compile time memory safety_ - whole classes at\n  compile time\n  - No uninitialized variables.\n- Second\n";
    expect(ids(md)).toEqual(["_Compile time memory safety_ - whole classes at compile time", "No uninitialized variables.", "Second"]);
  });
  it("drops a task list item's checkbox and the spaces after it", () => {
    expect(ids("* [ ]  See if all tests pass\n* [x] Done\n")).toEqual(["See if all tests pass", "Done"]);
  });
  it("removes ordered list markers", () => {
    expect(ids("1. First item\n2. Second item\n")).toEqual(["First item", "Second item"]);
  });
  it("removes block quote markers", () => {
    expect(ids("> *   Hello, this is a\n>     list in a quote.\n>\n>     Second\n>     paragraph.\n")).toEqual([
      "Hello, this is a list in a quote.",
      "Second paragraph.",
    ]);
  });
  it("gives one message per table cell, header included, delimiter row skipped", () => {
    const md = "| Types | Literals |\n|:------|-----:|\n| `i8`, `i16` | `-10`, `0` |\n| - | 9 |\n";
    expect(ids(md)).toEqual(["Types", "Literals", "`i8`, `i16`", "`-10`, `0`", "\\-", "9"]);
  });
  it("drops body cells past the header's width, as pulldown-cmark does", () => {
    expect(ids("| a | b |\n|---|---|\n| c | d | e |")).toEqual(["a", "b", "c", "d"]);
  });
  it("escapes pipes in table cells", () => {
    expect(ids("| a |\n|---|\n| x \\| y |\n")).toEqual(["a", "x \\| y"]);
  });
  it("keeps footnote references and extracts definitions without their label", () => {
    expect(ids("ABI stability[^1], making it hard.\n\n[^1]: Some vendors provide it.\n")).toEqual([
      "ABI stability[^1], making it hard.",
      "Some vendors provide it.",
    ]);
  });
  it("reads a footnote definition like pulldown-cmark's old footnotes (indented lines continue its text)", () => {
    expect(ids("[^a]: Text:\n    - item\n    - item2\n")).toEqual(["Text: \\- item \\- item2"]);
    expect(ids("Ref[^a].\n\n[^a]: Text\n    > quote\n")).toEqual(["Ref[^a].", "Text \\> quote"]);
    // After a blank line the footnote is over: indented text is a code block (no quote: no message).
    expect(ids("[^a]: Text.\n\n    Second para.\n")).toEqual(["Text."]);
    const messages = segmentMarkdown("Intro.\n\n<!-- i18n:comment: About a -->\n[^a]: See [docs][d].\n\n[d]: https://x\n");
    expect(messages.map((m) => [m.msgid, m.comment, m.line])).toEqual([
      ["Intro.", "", 1],
      ["See [docs](https://x).", "About a", 4],
    ]);
  });
  it("keeps a footnote reference without a definition (pulldown-cmark's old footnotes)", () => {
    expect(ids("See note[^1] here.")).toEqual(["See note[^1] here."]);
  });
  it("reads footnote labels as pulldown-cmark scans link labels: spaces collapsed and trimmed, one line break", () => {
    expect(ids("a [^ b] c")).toEqual(["a [^b] c"]);
    expect(ids("a [^ 1] [^a  b] [^a\nb]")).toEqual(["a [^1] [^a b] [^a b]"]);
    expect(ids("a [^a\\]b] ![^1]")).toEqual(["a [^a\\]b] \\![^1]"]);
  });
  it("makes `[^x]` a footnote before a colon or an empty `[]`, but not before a reference label", () => {
    expect(ids("a [^1]: b")).toEqual(["a [^1]: b"]);
    expect(ids("a[^1][^2]")).toEqual(["a[^1][^2]"]);
    expect(ids("a [^1][] b [^2][y] c")).toEqual(["a [^1]\\[\\] b \\[^2\\]\\[y\\] c"]);
  });
  it("treats YAML front matter as data when the book strips it", () => {
    expect(ids("---\nminutes: 5\n---\n\n# Title\n", { frontMatter: true })).toEqual(["Title"]);
    // Without the course preprocessor upstream sees a rule and a setext heading.
    expect(ids("---\nminutes: 5\n---\n\n# Title\n")).toEqual(["minutes: 5", "Title"]);
  });
  it("strips links from SUMMARY.md titles and keeps their formatting", () => {
    expect(ids("- [`Pin<Ptr>` and *Drop*](pin.md)\n- [Draft]()\n", { stripLinks: true })).toEqual(["`Pin<Ptr>` and _Drop_", "Draft"]);
  });
  it("gives a CRLF document the messages of its LF twin, except line comments' newlines (as mdbook-xgettext: crlf-code-blocks.test.ts)", () => {
    const lf = "# Title\n\nSome *text*\nwrapped.\n\n```rust\n// comment\nlet s = \"x\";\n```\n\n- ```rust\n  // in list\n  ```\n";
    expect(ids(lf)).toEqual(["Title", "Some _text_ wrapped.", "// comment\n", '"x"', "// in list\n"]);
    expect(ids(lf.replaceAll("\n", "\r\n"))).toEqual(["Title", "Some _text_ wrapped.", "// comment", '"x"', "// in list"]);
  });
  it("reports the line where each message starts", () => {
    expect(segmentMarkdown("# A\n\nSome\ntext\n\n- item\n").map((m) => m.line)).toEqual([1, 3, 6]);
  });
});

describe("code blocks", () => {
  it("extracts only strings and comments of a known language, with quotes and markers", () => {
    const md = '```rust\nfn main() {\n    println!("Hello dyn!");\n    let c = b\'\\n\';\n}\n```\n';
    expect(ids(md)).toEqual(['"Hello dyn!"', "b'\\n'"]);
  });
  it("merges consecutive line comments with the indentation between them", () => {
    const md = '```rust\nfn f() {\n    // x = 20;\n    // println!("x: {x}");\n    let y = 1;\n}\n```\n';
    expect(ids(md)).toEqual(['// x = 20;\n    // println!("x: {x}");\n']);
  });
  it("uses the first comma-separated word of the info string", () => {
    expect(ids('```rust,editable\nlet s = "hi";\n```\n')).toEqual(['"hi"']);
  });
  it("extracts JSON keys as strings, as syntect's JSON syntax scopes them", () => {
    expect(ids('```json\n{"name": "x", "n": 1}\n```\n')).toEqual(['"name"', '"x"', '"n"']);
  });
  it("extracts C includes as strings", () => {
    expect(ids("```c\n#include <stdio.h>\nint main() { return 0; } /* done */\n```\n")).toEqual(["<stdio.h>", "/* done */"]);
  });
  it("keeps the hidden-line marker out of rustdoc comments", () => {
    expect(ids("```rust\n# // Copyright 2022 Google LLC\n# // SPDX\nfn main() {}\n```\n")).toEqual([
      "// Copyright 2022 Google LLC\n",
      "// SPDX\n",
    ]);
  });
  it("takes a block in an unknown language whole, fences included, if it has a quote or //", () => {
    expect(ids('```toml\n[package]\nname = "x"\n```\n')).toEqual(['```toml\n[package]\nname = "x"\n```']);
    expect(ids("```shell\n// note\n```\n")).toEqual(["```shell\n// note\n```"]);
    expect(ids("```text\nplain\n```\n")).toEqual([]);
    expect(ids("~~~bob\n.-. \"x\"\n~~~\n")).toEqual(['```bob\n.-. "x"\n```']);
  });
  it("lengthens the fence of a block that contains fences", () => {
    expect(ids('````bob\n```\n"x"\n```\n````\n')).toEqual(['````bob\n```\n"x"\n```\n````']);
  });
  it("counts languages as syntect does: sh, bash, java, javascript, python known; console unknown", () => {
    for (const lang of ["sh", "bash", "java", "javascript", "python", "cpp", "c++"]) {
      expect(ids(`\`\`\`${lang}\nx "s"\n\`\`\`\n`), lang).not.toEqual([`\`\`\`${lang}\nx "s"\n\`\`\``]);
    }
    expect(ids('```console\n$ echo "s"\n```\n')).toEqual(['```console\n$ echo "s"\n```']);
  });
});

describe("GFM alerts and admonish blocks", () => {
  const v04 = { gfmAlerts: true, admonish: true };
  it("0.4 gives the alert marker no message and keeps the body", () => {
    expect(ids("> [!NOTE]\n> Hello *there*.\n", v04)).toEqual(["Hello _there_."]);
    expect(ids("> [!warning]\n>\n> First.\n>\n> Second.\n", v04)).toEqual(["First.", "Second."]);
    expect(ids("> [!NOTE]\n\nHello.", v04)).toEqual(["Hello."]);
    expect(ids("> [!SOMETHING] else\n", v04)).toEqual(["\\[!SOMETHING\\] else"]);
  });
  it("0.3 keeps the marker as escaped text, as it had no alert support", () => {
    expect(ids("> [!NOTE]\n> Hello *there*.\n")).toEqual(["\\[!NOTE\\] Hello _there_."]);
  });
  it("0.4 takes an admonish block whole, with or without quotes; 0.3 only with", () => {
    expect(ids('```admonish tip title="Important Tips"\nMy Message\n```\n', v04)).toEqual(['```admonish tip title="Important Tips"\nMy Message\n```']);
    expect(ids("```admonish tip\nMy Message\n", v04)).toEqual(["```admonish tip\nMy Message\n```"]);
    expect(ids("```admonish tip\nMy Message\n")).toEqual([]);
  });
});

describe("mdbook-i18n-helpers 0.4 (compat 0.4)", () => {
  const v04 = { htmlBlocks: true, definitionLists: true, gfmAlerts: true, admonish: true };
  it("gives an HTML block one message, line breaks included; directives still act", () => {
    expect(ids("Preamble\n<details>\nSome Details\n</details>\n\nPostamble", v04)).toEqual([
      "Preamble",
      "<details>\nSome Details\n</details>\n",
      "Postamble",
    ]);
    expect(ids("<p>  </p>", v04)).toEqual(["<p>  </p>"]);
    expect(ids("<!-- i18n:comment: x -->\n\nText.\n", v04)).toEqual(["Text."]);
    expect(ids("<div>\n<!-- i18n:skip -->\n</div>\n\nAfter.\n", v04)).toEqual(["<div>\n", "After."]);
  });
  it("gives a definition list's term and each definition a message, without the `: ` marker", () => {
    const messages = segmentMarkdown("Term 2\n\n: Definition 2a\n: Definition 2b\n", v04);
    expect(messages.map((m) => [m.line, m.msgid])).toEqual([
      [1, "Term 2"],
      [3, "Definition 2a"],
      [4, "Definition 2b"],
    ]);
    expect(ids("Term\n: Def *one*\n  continued\n", v04)).toEqual(["Term", "Def _one_ continued"]);
  });
  it("keeps 0.3's messages by default", () => {
    expect(ids("<details>\nSome Details\n</details>\n\nTerm\n\n: Definition\n")).toEqual(["Term", ": Definition"]);
  });
});

describe("directives", () => {
  it("skips the next message after i18n:skip (and the old mdbook-xgettext spelling)", () => {
    expect(ids("<!-- i18n:skip -->\n\nSkipped.\n\nKept.\n")).toEqual(["Kept."]);
    expect(ids("<!-- mdbook-xgettext: skip -->\n\n```rust\nlet s = \"x\";\n```\n\nKept.\n")).toEqual(["Kept."]);
  });
  it("skips a range between skip-start and skip-end", () => {
    expect(ids("A\n\n<!-- i18n:skip-start -->\n\nB\n\nC\n\n<!-- i18n:skip-end -->\n\nD\n")).toEqual(["A", "D"]);
  });
  it("joins consecutive comments into one extracted comment for the next message", () => {
    const messages = segmentMarkdown("<!-- i18n:comment Keep the term. -->\n<!-- mdbook-xgettext:comment Also this. -->\n\nTerm.\n\nOther.\n");
    expect(messages.map((m) => [m.msgid, m.comment])).toEqual([
      ["Term.", "Keep the term. Also this."],
      ["Other.", ""],
    ]);
  });
  it("opens the next message with an inline comment directive, which upstream restarts the group at", () => {
    const messages = segmentMarkdown("A <!-- i18n:comment: Say it. --> B\n\nC");
    expect(messages.map((m) => [m.msgid, m.comment])).toEqual([
      ["A ", ""],
      ["<!-- i18n:comment: Say it. --> B", "Say it."],
      ["C", ""],
    ]);
    expect(ids("- A <!-- i18n:skip --> B\n- C")).toEqual(["A ", "C"]);
  });
});
