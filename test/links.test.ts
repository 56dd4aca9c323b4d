// mdBook's links preprocessor, as it runs before extraction.
import { describe, expect, it } from "vitest";
import { expandLinks } from "../src/book/links.js";
import { PobookError } from "../src/errors.js";

const files: Record<string, string> = {
  "src/lines.txt": "one\ntwo\nthree\nfour\n",
  "src/code.rs": "// ANCHOR: all\nuse std::io;\n// ANCHOR: main\nfn main() {}\n// ANCHOR_END: main\n// ANCHOR_END: all\n",
  "src/nested.md": "Nested {{#include lines.txt:2}}",
  "src/sub/inner.md": "{{#include ../lines.txt:1}}",
};
const read = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error("missing"), { code: "ENOENT" });
  return text;
};
const expand = (text: string) => expandLinks(text, { path: "src/chapter.md", read });

describe("{{#include}}", () => {
  it("includes a whole file without its final newline", () => {
    expect(expand("{{#include lines.txt}}")).toBe("one\ntwo\nthree\nfour");
  });
  it("includes one line, a range, an open start and an open end", () => {
    expect(expand("{{#include lines.txt:2}}")).toBe("two");
    expect(expand("{{#include lines.txt:2:3}}")).toBe("two\nthree");
    expect(expand("{{#include lines.txt::2}}")).toBe("one\ntwo");
    expect(expand("{{#include lines.txt:3:}}")).toBe("three\nfour");
  });
  it("includes an anchor without any anchor lines; a whole-file include keeps them", () => {
    expect(expand("{{#include code.rs:all}}")).toBe("use std::io;\nfn main() {}");
    expect(expand("{{#include code.rs:main}}")).toBe("fn main() {}");
    expect(expand("{{#include code.rs}}")).toContain("// ANCHOR: main");
  });
  it("expands includes inside included files, relative to them", () => {
    expect(expand("{{#include nested.md}}")).toBe("Nested two");
    expect(expand("{{#include sub/inner.md}}")).toBe("one");
  });
  it("leaves an escaped include literal, without the backslash", () => {
    expect(expand("\\{{#include lines.txt}}")).toBe("{{#include lines.txt}}");
  });
  it("an escape reaches to the last `}}` of its line, as mdBook's: later links there stay literal, only the first backslash goes", () => {
    expect(expand("\\{{#include lines.txt}} and {{#include lines.txt:2}}\n{{#include lines.txt:3}}")).toBe("{{#include lines.txt}} and {{#include lines.txt:2}}\nthree");
    expect(expand("\\{{#include a.md}} and \\{{#include b.md}}")).toBe("{{#include a.md}} and \\{{#include b.md}}");
  });
  it("hides the lines outside the selection with rustdoc_include", () => {
    expect(expand("{{#rustdoc_include code.rs:main}}")).toBe("# use std::io;\nfn main() {}");
  });
  it("wraps a playground include in a rust code block and drops titles", () => {
    expect(expand("{{#playground code.rs:main editable}}")).toBe("```rust,editable\nfn main() {}\n```");
    expect(expand("{{#title My Title}}Text")).toBe("Text");
  });
  it("refuses absolute include paths and reports unreadable ones with the line", () => {
    expect(() => expand("line\n{{#include /etc/passwd}}")).toThrow(/absolute paths are not supported/);
    try {
      expand("a\nb\n{{#include missing.rs}}");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PobookError);
      expect((error as PobookError).format()).toBe("src/chapter.md:3: cannot read included file src/missing.rs (ENOENT)");
    }
  });
});
