import { describe, expect, test } from "vitest";
import { escapeNewDirectives } from "../src/translate/directives.js";
import { keepSpacesBeforeBreaks } from "../src/translate/hard-breaks.js";
import { expandLinks } from "../src/book/links.js";

/** What mdBook's links preprocessor makes of `text` when no file exists (a live include fails). */
const expanded = (text: string): string => expandLinks(text, { path: "src/ch.md", read: () => { throw Object.assign(new Error("ENOENT"), { code: "ENOENT" }); }, problems: [] });

describe("a msgstr's mdBook directives are live only where the source's were", () => {
  test("a directive the source had live stays live; a second copy of it is escaped", () => {
    const msgstr = "Veja {{#include a.md}} e {{#include a.md}}.";
    expect(escapeNewDirectives("See {{#include a.md}}.", msgstr)).toEqual({ text: "Veja {{#include a.md}} e \\{{#include a.md}}." });
  });

  test("a directive the source escaped is escaped; one already escaped is left as written", () => {
    expect(escapeNewDirectives("Write \\{{#playground x.rs}}.", "Escreva {{#playground x.rs}}.")).toEqual({ text: "Escreva \\{{#playground x.rs}}." });
    expect(escapeNewDirectives("Write \\{{#playground x.rs}}.", "Escreva \\{{#playground x.rs}}.")).toEqual({ text: "Escreva \\{{#playground x.rs}}." });
  });

  test("an escaped directive shows as the msgstr wrote it", () => {
    const written = escapeNewDirectives("Text.", "Texto {{#rustdoc_include main.rs:2}} e {{#title T}}.");
    expect(written).toEqual({ text: "Texto \\{{#rustdoc_include main.rs:2}} e {{#title T}}." });
    expect(expanded((written as { text: string }).text)).toBe("Texto {{#rustdoc_include main.rs:2}} e {{#title T}}.");
  });

  test("`{{#...}}` of no directive type is no directive: kept as written", () => {
    expect(escapeNewDirectives("Text.", "Texto {{#tabs}} e {{ name }}.")).toEqual({ text: "Texto {{#tabs}} e {{ name }}." });
  });

  test("a directive a backslash cannot escape is refused", () => {
    expect(escapeNewDirectives("Text.", "Texto {{ #include a.md}}.")).toMatch(/adds the mdBook directive `\{\{ #include a\.md\}\}`/);
    expect(escapeNewDirectives("Text.", "Texto {{#include\na.md}}.")).toMatch(/adds the mdBook directive `\{\{#include a\.md\}\}`/);
  });

  test("on one line, one backslash escapes every added directive after it, as mdBook's escape reaches the line's last `}}`", () => {
    const written = escapeNewDirectives("Text.", "Use {{#include a.md}} or {{#include b.md}}.\nOr {{#playground c.rs}}.");
    expect(written).toEqual({ text: "Use \\{{#include a.md}} or {{#include b.md}}.\nOr \\{{#playground c.rs}}." });
    expect(expanded((written as { text: string }).text)).toBe("Use {{#include a.md}} or {{#include b.md}}.\nOr {{#playground c.rs}}.");
  });

  test("an escape that would hide a directive the source has live on that line is refused", () => {
    expect(escapeNewDirectives("See {{#include a.md}}.", "Veja {{#include b.md}} e {{#include a.md}}.")).toMatch(/would hide a directive the source has/);
    // On its own line the source's directive stays live.
    expect(escapeNewDirectives("See {{#include a.md}}.", "Veja {{#include b.md}}\ne {{#include a.md}}.")).toEqual({ text: "Veja \\{{#include b.md}}\ne {{#include a.md}}." });
  });
});

describe("hard breaks after spaces", () => {
  test("three spaces before a newline (a space, then the break) are written as a space and a backslash break", () => {
    expect(keepSpacesBeforeBreaks("A sintaxe   \nque")).toBe("A sintaxe \\\nque");
    expect(keepSpacesBeforeBreaks("Dois    \nespaços")).toBe("Dois  \\\nespaços");
  });

  test("a plain hard break, a code span and the end of the text are left as written", () => {
    expect(keepSpacesBeforeBreaks("Linha  \nseguinte")).toBe("Linha  \nseguinte");
    expect(keepSpacesBeforeBreaks("Veja `x   \ny` aqui")).toBe("Veja `x   \ny` aqui");
    expect(keepSpacesBeforeBreaks("Fim   ")).toBe("Fim   ");
  });
});
