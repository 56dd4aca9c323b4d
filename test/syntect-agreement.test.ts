// Code-block messages where pobook once disagreed with syntect. Each expected
// list is what a syntect 5 oracle (default syntax set, onig regexes, upstream's
// parse_codeblock grouping over the whole block as one text event) gave.
import { describe, expect, it } from "vitest";
import { segmentMarkdown } from "../src/markdown/segment.js";

const messages = (info: string, code: string) => segmentMarkdown("```" + info + "\n" + code + "```\n").map((m) => m.msgid);

describe("rust", () => {
  it("a quote opens a character literal only before one character or escape and a quote (Cairo short strings are no strings)", () => {
    expect(messages("rust", "assert(game.white == white, 'white address is incorrect');\nlet c = 'x'; let n = '\\n'; let b = b'a';\nfn f<'a>(s: &'a str) {} // done\n")).toEqual(["'x'", "'\\n'", "b'a'", "// done\n"]);
  });
});

describe("yaml", () => {
  it("a `#` with no blank before it starts neither a comment nor a scalar", () => {
    expect(messages("yaml", "steps:\n  - run: {{#include ../ci.yaml}}\n")).toEqual(["steps", "run", "include ../ci.yaml"]);
    expect(messages("yaml", "{#a b}\n")).toEqual(["a b"]);
  });
});

describe("bash", () => {
  it("assignment names are any run without blanks, `=`, braces or parens; values run to a blank (continuation lines and `local` arguments are no command start)", () => {
    expect(messages("bash", "--flag=val\nX=a|b>c(d) e\na[1]=x\ncurl -s \\\n  \"http://h/o?type=c\"\ndist build --artifacts=local --target=x86\n")).toEqual(["val", "a|b>c(d)", "x", "\"http://h/o?type=c\""]);
  });
  it("`$'...'` and `$\"...\"` include the `$`; quotes inside `${...}` and `$(...)` are strings", () => {
    expect(messages("bash", "echo $'it\\'s' $\"loc\" ${a:-${b:-\"c\"}} $(grep 'x' f)\n")).toEqual(["$'it\\'s' $\"loc\"", "\"c\"", "'x'"]);
  });
});

describe("c family", () => {
  it("a `//` comment in a preprocessor directive ends before the newline (not after `#endif` or an unknown directive)", () => {
    const code = "#define NAME \"value\" // name\n#if defined(X) // cond\n#include <stdio.h> // io\n#endif // end\n#define M(a) \\\n  f(a) // m\n#foo // l\nint x; // plain\n";
    const expected = ["\"value\" // name", "// cond", "<stdio.h> // io", "// end\n", "// m", "// l\n", "// plain\n"];
    for (const info of ["c", "cpp", "h"]) expect(messages(info, code)).toEqual(expected);
  });
});

describe("javascript", () => {
  it("`'use strict'` is a string", () => {
    expect(messages("js", "'use strict';\n\"use asm\"\nlet a = \"use x\";\n")).toEqual(["'use strict'", "\"use asm\"", "\"use x\""]);
  });
});

describe("bash here-documents", () => {
  it("the empty lines after the closing delimiter stay in the string, a command right after it does not", () => {
    expect(messages("bash", "cat <<EOF\nb\nEOF\necho hi\n")).toEqual(["<<EOF\nb\nEOF"]);
    expect(messages("bash", "cat <<EOF\nb\nEOF\n\n\necho hi\n")).toEqual(["<<EOF\nb\nEOF\n\n\n"]);
    expect(messages("bash", "cat <<EOF\nEOFX\n\nEOF\n\n# c\n")).toEqual(["<<EOF\nEOFX\n\nEOF\n\n# c\n"]);
  });
});

describe("string prefixes", () => {
  const code = "NSString *s = @\"x\";\nchar *a = u8\"u\"; wchar_t *w = L\"w\"; char d = L'd';\nconst char *r = R\"(raw)\"; const char *q = u8R\"(q)\";\n";
  it("C has no raw strings: `R` stays outside", () => {
    expect(messages("c", code)).toEqual(["\"x\"", "u8\"u\"", "L\"w\"", "L'd'", "\"(raw)\"", "\"(q)\""]);
  });
  it("Objective-C (```h```) takes encoding prefixes into the string", () => {
    expect(messages("h", code)).toEqual(["@\"x\"", "u8\"u\"", "L\"w\"", "L'd'", "\"(raw)\"", "\"(q)\""]);
  });
});

describe("html", () => {
  it("`style` and `on...` values are CSS and JavaScript: their quotes and the strings inside, unquoted ones nothing", () => {
    expect(messages("html", "<a onload='go(\"x\")' style='a: \"b\"'>x</a>\n<a style=color:red class=\"c\">y</a>\n")).toEqual(["'", "\"x\"", "'", "'", "\"b\"'", "\"c\""]);
  });
  it("a script's last line comment leaves its newline before `</script>`", () => {
    expect(messages("html", "<script>\n// one\nvar a = 1; // two\n\n</script>\n")).toEqual(["// one\n", "// two"]);
  });
});

describe("batch", () => {
  it("rem comments without the keyword, :: comments, strings to the quote or line end, set values", () => {
    const code = "echo a & :: note\nREM x\n@rem y\necho \"hi\" & rem note\n:: top\nset PATH=C:\\bin;%PATH%\nset X=1 & echo \"unterminated\necho done\n";
    expect(messages("bat", code)).toEqual([":: note\n", " x\n", " y\n", "\"hi\"", " note\n:: top\n", "C:\\bin;%PATH%", "1 ", "\"unterminated\n"]);
  });
});

describe("sql", () => {
  it("double-quoted and backquoted names are strings", () => {
    expect(messages("sql", "SELECT `a`, \"b\"\"c\", [d] FROM t; -- c\n")).toEqual(["`a`", "\"b\"\"c\"", "-- c\n"]);
  });
});

describe("python", () => {
  it("a docstring keeps its r/u prefix; other prefixed strings do not", () => {
    const code = "def f():\n    r'''doc'''\n    x = r'''a'''\n    u\"\"\"d\"\"\"\n    b'''e'''\nr\"\"\"top\"\"\"\nf\"\"\"g {x}\"\"\"\n";
    expect(messages("python", code)).toEqual(["r'''doc'''", "'''a'''", "u\"\"\"d\"\"\"", "'''e'''", "r\"\"\"top\"\"\"", "\"\"\"g ", "\"\"\""]);
  });
});
