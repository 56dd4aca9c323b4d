import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gnu, gnuStatus } from "./helpers/gnu.js";
import { makeTree, runInProcess } from "./helpers/cli.js";
import { hasCorpus, NO_CORPUS, PT_BOOK } from "./helpers/corpus.js";

/** A catalog as mdbook-i18n-helpers 0.1/0.2 wrote it: whole lists, code blocks, soft breaks. */
const OLD = `# Portuguese translations for Demo.
msgid ""
msgstr ""
"Project-Id-Version: Demo\\n"
"POT-Creation-Date: 2023-03-01 10:00+0100\\n"
"PO-Revision-Date: 2023-03-02 11:00+0100\\n"
"Last-Translator: Ana <ana@example.com>\\n"
"Language-Team: Portuguese\\n"
"Language: pt_BR\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#: src/index.md:1
msgid "# Welcome"
msgstr "# Bem-vindo"

# Revisar a terminologia.
#: src/index.md:3
msgid ""
"Rust is *fast*\\n"
"and safe.\\n"
"\\n"
"* Memory safety\\n"
"* No garbage collector"
msgstr ""
"Rust é *rápido*\\n"
"e seguro.\\n"
"\\n"
"* Segurança de memória\\n"
"* Sem coletor de lixo"

#: src/index.md:9
msgid ""
"\`\`\`rust\\n"
"fn main() {\\n"
"    // Print a greeting\\n"
"    println!(\\"Hello!\\");\\n"
"}\\n"
"\`\`\`"
msgstr ""
"\`\`\`rust\\n"
"fn main() {\\n"
"    // Imprime uma saudação\\n"
"    println!(\\"Olá!\\");\\n"
"}\\n"
"\`\`\`"

#: src/other.md:1
msgid "Welcome"
msgstr ""

#, fuzzy
#: src/other.md:3
msgid ""
"First.\\n"
"\\n"
"Second."
msgstr "Primeiro."

#~ msgid "Memory safety"
#~ msgstr "Segurança da memória (antigo)"

#~ msgid "Second."
#~ msgstr "Segundo."

#~ msgid "Gone"
#~ msgstr "Ido"
`;

const EXPECTED = `# Portuguese translations for Demo.
msgid ""
msgstr ""
"Project-Id-Version: Demo\\n"
"POT-Creation-Date: 2023-03-01 09:01+0000\\n"
"PO-Revision-Date: 2023-03-02 11:00+0100\\n"
"Last-Translator: Ana <ana@example.com>\\n"
"Language-Team: Portuguese\\n"
"Language: pt_BR\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#: src/index.md:1 src/other.md:1
msgid "Welcome"
msgstr "Bem-vindo"

# Revisar a terminologia.
#: src/index.md:3
msgid "Rust is _fast_ and safe."
msgstr "Rust é _rápido_ e seguro."

#: src/index.md:6
msgid "Memory safety"
msgstr "Segurança de memória"

#: src/index.md:7
msgid "No garbage collector"
msgstr "Sem coletor de lixo"

#: src/index.md:11
msgid "// Print a greeting\\n"
msgstr "// Imprime uma saudação\\n"

#: src/index.md:12
msgid "\\"Hello!\\""
msgstr "\\"Olá!\\""

#: src/other.md:3
#, fuzzy
msgid "First."
msgstr "Primeiro."

#: src/other.md:5
msgid "Second."
msgstr "Segundo."

#~ msgid "Gone"
#~ msgstr "Ido"
`;

describe("pobook normalize", () => {
  it("rewrites a catalog in place and reports its figures", async () => {
    const dir = makeTree({ "po/pt-BR.po": OLD });
    const result = await runInProcess(["normalize", "po/pt-BR.po"], dir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("po/pt-BR.po: messages 5 -> 8, kept 7, fuzzy 1, obsolete duplicates dropped 2\n");
    expect(readFileSync(join(dir, "po/pt-BR.po"), "utf8")).toBe(EXPECTED);
  });

  it("writes a result GNU gettext accepts (msgfmt --check) and msgcat leaves unchanged", async () => {
    const dir = makeTree({ "old.po": OLD });
    expect((await runInProcess(["normalize", "old.po", "-o", "new.po"], dir)).status).toBe(0);
    const path = join(dir, "new.po");
    expect(gnuStatus("msgfmt", ["--check", "-o", "/dev/null", path])).toEqual({ status: 0, stderr: "" });
    expect(gnu("msgcat", [path])).toBe(readFileSync(path, "utf8"));
  });

  it("is idempotent: a second run leaves the file byte-identical", async () => {
    const dir = makeTree({ "a.po": OLD });
    await runInProcess(["normalize", "a.po"], dir);
    const once = readFileSync(join(dir, "a.po"), "utf8");
    const result = await runInProcess(["normalize", "a.po"], dir);
    expect(result.stdout).toBe("a.po: messages 8 -> 8, kept 7, fuzzy 1\n");
    expect(readFileSync(join(dir, "a.po"), "utf8")).toBe(once);
  });

  it("-o writes elsewhere and leaves the input alone", async () => {
    const dir = makeTree({ "old.po": OLD });
    expect((await runInProcess(["normalize", "old.po", "-o", "out/new.po"], dir)).status).toBe(0);
    expect(readFileSync(join(dir, "old.po"), "utf8")).toBe(OLD);
    expect(readFileSync(join(dir, "out/new.po"), "utf8")).toBe(EXPECTED);
  });

  it("normalizes several files; -o takes only one", async () => {
    const dir = makeTree({ "a.po": OLD, "b.po": OLD });
    const result = await runInProcess(["normalize", "a.po", "b.po"], dir);
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n").filter(Boolean)).toHaveLength(2);
    expect(readFileSync(join(dir, "b.po"), "utf8")).toBe(EXPECTED);
    const usage = await runInProcess(["normalize", "a.po", "b.po", "-o", "c.po"], dir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe("pobook: -o/--output takes exactly one input file\n");
  });

  it("rejects bad input with file:line and exit 2, writing nothing", async () => {
    const bad = OLD.replace('msgid "Welcome"\nmsgstr ""', 'msgid "Welcome"\nmsgstr "unterminated');
    const dir = makeTree({ "good.po": OLD, "bad.po": bad });
    const result = await runInProcess(["normalize", "good.po", "bad.po"], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^pobook: bad\.po:\d+: [^\n]+\n$/);
    const line = Number(/bad\.po:(\d+)/.exec(result.stderr)![1]);
    expect(bad.split("\n")[line - 1]).toContain("unterminated");
    // The good file before it is not written either: everything is read first.
    expect(readFileSync(join(dir, "good.po"), "utf8")).toBe(OLD);
    expect(readFileSync(join(dir, "bad.po"), "utf8")).toBe(bad);
    const missing = await runInProcess(["normalize", "nope.po"], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("pobook: nope.po: cannot read: no such file\n");
  });
});

// The pt-BR corpus catalog is a legacy inline-HTML one: its migration is tested in legacy-inline-html.test.ts.
