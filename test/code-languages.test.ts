// Code blocks in languages syntect knows: the messages mdbook-xgettext 0.3.6
// makes from real snippets (cargo, PyO3, rustc-dev-guide, wasm-bindgen, mdBook
// and Comprehensive Rust books). Each expected list is what syntect 5 (the
// default syntax set mdbook-i18n-helpers 0.3.6 uses) gave for the block,
// tokenized the way upstream does it: the whole block in one parse_line call.
import { describe, expect, it } from "vitest";
import { findLanguage } from "../src/code/languages.js";
import { segmentMarkdown } from "../src/markdown/segment.js";

const messages = (info: string, code: string) => segmentMarkdown("```" + info + "\n" + code + "```\n").map((m) => m.msgid);

describe("yaml", () => {
  it("GitHub Actions workflow (cargo guide): keys are strings, `on` is a YAML 1.1 boolean", () => {
    expect(messages("yaml", "name: Cargo Build & Test\n\non:\n  push:\n  pull_request:\n\nenv:\n  CARGO_TERM_COLOR: always\n\njobs:\n  build_and_test:\n    name: Rust project - latest\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        toolchain:\n          - stable\n          - nightly\n    steps:\n      - uses: actions/checkout@v6\n      - run: rustup update ${{ matrix.toolchain }} && rustup default ${{ matrix.toolchain }}\n")).toEqual(["name","Cargo Build & Test","push","pull_request","env","CARGO_TERM_COLOR","always","jobs","build_and_test","name","Rust project - latest","runs-on","ubuntu-latest","strategy","matrix","toolchain","stable","nightly","steps","uses","actions/checkout@v6","run","rustup update ${{ matrix.toolchain }} && rustup default ${{ matrix.toolchain }}"]);
  });
  it("a comment joins the key on the next line", () => {
    expect(messages("yaml", "# comment\nstring_1: \"Bar\"\nstring_2: 'bar'\nstring_3: bar\n")).toEqual(["# comment\nstring_1","\"Bar\"","string_2","'bar'","string_3","bar"]);
  });
  it("block scalars: the text from its first indented line, header and leading empty lines excluded", () => {
    expect(messages("yml", "image: archlinux\ntasks:\n  - setup: |\n\n      rustup toolchain install nightly stable\n      cd <your project>/\n  - docs: >-\n      cargo doc --no-deps\nversion: 2.1\n")).toEqual(["image","archlinux","tasks","setup","      rustup toolchain install nightly stable\n      cd <your project>/\n","docs","      cargo doc --no-deps\nversion"]);
  });
  it("typed scalars (numbers, booleans, nulls, timestamps) are not strings; anchors, aliases and tags are not either", () => {
    expect(messages("yaml", "version: 2.1\nenabled: yes\nlevel: 0x1F\nnothing: ~\ndate: 2024-01-01\nbase: &base\n  image: cimg/rust:1.77.2 # pinned\n  tag: !!str 123\nderived: *base\nflow: {a: 1, b: \"q\", c: [x, y]}\n")).toEqual(["version","enabled","level","nothing","date","base","image","cimg/rust:1.77.2 # pinned\n  tag","derived","flow","a","b","\"q\"","c","x"]);
  });
});

describe("bash", () => {
  it("assignment values are strings, before a command and after export", () => {
    expect(messages("sh", "export PYO3_CROSS_PYTHON_VERSION=3.9\nexport PYO3_CROSS_LIB_DIR=\"/home/pyo3/cross/sysroot/usr/lib\"\n\nRUSTFLAGS=--cfg=web_sys_unstable_apis cargo run\n")).toEqual(["3.9","\"/home/pyo3/cross/sysroot/usr/lib\"","--cfg=web_sys_unstable_apis"]);
  });
  it("`+=` appends, with or without a name (sonic-book: a table rule `+====+====+` in a bash block)", () => {
    expect(messages("bash", "PATH+=:/opt/bin\n+=====+=====+\n| a   | b   |\n")).toEqual([":/opt/bin", "====+=====+"]);
  });
  it("a shebang is a comment", () => {
    expect(messages("bash", "#!/usr/bin/env bash\n# Exit the script with a nonzero exit code if:\n# * any individual command finishes with a nonzero exit code\nset -eu\necho \"done\"\n")).toEqual(["#!/usr/bin/env bash\n# Exit the script with a nonzero exit code if:\n# * any individual command finishes with a nonzero exit code\n","\"done\""]);
  });
  it("`#` after an escaped space starts no comment", () => {
    expect(messages("bash", "./build/host/stage1-tools-bin/opt-dist local \\\n  --target-triple <target> \\ # select target, e.g. \"x86_64-unknown-linux-gnu\"\n  -- ./x dist       # pass the actual build command\n")).toEqual(["\"x86_64-unknown-linux-gnu\"","# pass the actual build command\n"]);
  });
  it("a here-document is a string up to its delimiter; `$(...)` values are strings too", () => {
    expect(messages("sh", "VERSION=$(cat VERSION)\ncat <<EOF > config.toml\n[package]\nname = \"demo\"\nEOF\necho \"$VERSION\"\n")).toEqual(["$(cat VERSION)","<<EOF","[package]\nname = \"demo\"\nEOF","\"$VERSION\""]);
  });
});

describe("python", () => {
  it("string prefixes are outside the string, f-string interpolations cut it", () => {
    expect(messages("python", "print(f\"a: {a}\\nb: {b}\")\npattern = r\"^(alloc::([a-z_]+::)+)Vec<.+>$\"\ndata = b\"bytes\"\nprint(f\"vec![{\", \".join(children)}]\")\n")).toEqual(["\"a: ","\\nb: ","\"","\"^(alloc::([a-z_]+::)+)Vec<.+>$\"","\"bytes\"","\"vec![","\", \"","]\""]);
  });
});

describe("javascript", () => {
  it("template literal interpolations are code; regular expressions are strings", () => {
    expect(messages("js", "const re = /\\bno\\-highlight\\b/;\nconst html = `<div class=\"${name}\">${body}</div>`;\n// done\n")).toEqual(["/\\bno\\-highlight\\b/","`<div class=\"","\">","</div>`","// done\n"]);
  });
});

describe("markdown", () => {
  it("HTML comments and attribute values are messages, link text is not", () => {
    expect(messages("md", "Some [link text](http://example.com) and <span class=\"note\">x</span>.\n<!-- Full file -->\n")).toEqual(["\"note\"","<!-- Full file -->"]);
  });
});

describe("diff", () => {
  it("syntect's Diff grammar has no strings or comments", () => {
    expect(messages("diff", "diff --git a/Cargo.toml b/Cargo.toml\nindex 1e83f05e0ca..4d0172071c1 100644\n--- a/Cargo.toml\n+++ b/Cargo.toml\n@@ -1,2 +1,2 @@\n-name = \"old\"\n+name = \"new\"\n")).toEqual([]);
  });
});

describe("makefile", () => {
  it("a Makefile comment stops before the newline", () => {
    expect(messages("makefile", "{{#include rtc/Makefile}}\n")).toEqual(["#include rtc/Makefile}}"]);
  });
});

describe("lua", () => {
  it("a Lua block comment does not take the newline after it", () => {
    expect(messages("lua", "--[[\nSimple signal/slot implementation\n]]\nlocal signal_mt = {\n    __index = {}\n}\n-- Signal test\nprint('Answer')\n")).toEqual(["--[[\nSimple signal/slot implementation\n]]","-- Signal test\n","'Answer'"]);
  });
});

describe("lookup", () => {
  it("`h` is Objective-C's extension, the last syntax that claims it", () => {
    expect(findLanguage("h")?.syntax).toBe("Objective-C");
    expect(messages("h", "// header\nint f(const char *s = \"x\");\n")).toEqual(["// header\n","\"x\""]);
  });
  it("`cljs` is not a syntect token: the whole block is one message", () => {
    expect(findLanguage("cljs")?.syntax).toBe(undefined);
    expect(messages("cljs", "(println \"hi\")\n")).toEqual(["```cljs\n(println \"hi\")\n```"]);
  });
});

describe("rust", () => {
  it("strings of field attributes and field types in a struct body are no messages (clap, nomicon)", () => {
    expect(messages("rust,ignore", "#[derive(Parser)]\n#[command(name = \"head\")]\npub struct Head {\n    /// file to load\n    pub file: PathBuf,\n    #[arg(short = \"n\", default_value = \"5\")]\n    pub count: usize,\n    cb: extern \"C\" fn(i32),\n}\n")).toEqual(["\"head\"","/// file to load\n"]);
  });
  it("strings of parameter attributes are no messages, comments in the list are (wasm-bindgen)", () => {
    expect(messages("rust", "#[wasm_bindgen]\npub fn foo(\n    // the argument\n    #[wasm_bindgen(js_name = \"firstArg\")]\n    arg1: String,\n) -> String {\n    format!(\"{arg1}\") // body\n}\n")).toEqual(["// the argument\n","\"{arg1}\"","// body\n"]);
  });
  it("Rust stays as before: comments and strings", () => {
    expect(messages("rust", "// continuous\n// line\nfn main() {\n    let a = \"s\"; // single line comment\n}\n")).toEqual(["// continuous\n// line\n","\"s\"","// single line comment\n"]);
  });
});
