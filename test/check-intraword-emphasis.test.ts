// `pobook check` says when a translation's intraword emphasis cannot render
// (issue 10: `x*n*th` is `x_n_th` in the msgid; a `_` kept there renders literal
// underscores), and translate writes the `_n_th` form with `*` where it can.
import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { intrawordUnderscorePairs } from "../src/translate/emphasis.js";
import { makeTree, runInProcess } from "./helpers/cli.js";

const chapter = "The x*n*th time.\n\nThe *n*th time.\n\nA snake_case_name here.\n";
const catalog = [
  'msgid ""',
  'msgstr ""',
  '"Language: fr\\n"',
  '"Content-Type: text/plain; charset=UTF-8\\n"',
  "",
  'msgid "The x_n_th time."',
  'msgstr "La x_n_ième fois."',
  "",
  'msgid "The _n_th time."',
  'msgstr "La _n_ième fois."',
  "",
  'msgid "A snake_case_name here."',
  'msgstr "Un snake_case_name ici."',
  "",
].join("\n");

function book() {
  return makeTree({ "book.toml": '[book]\ntitle = "T"\n', "src/SUMMARY.md": "# Summary\n\n- [Ch](ch.md)\n", "src/ch.md": chapter, "po/fr.po": catalog });
}

describe("intraword emphasis", () => {
  test("the msgid form of intraword emphasis, and what is not", () => {
    expect(intrawordUnderscorePairs("The x_n_th time.")).toEqual(["_n_"]);
    expect(intrawordUnderscorePairs("The _n_th time.")).toEqual([]);
    expect(intrawordUnderscorePairs("Use `x_n_th` here.")).toEqual([]);
  });

  test("check reports only the entry whose source has emphasis inside a word, at its line", async () => {
    const root = book();
    const result = await runInProcess(["check", "--json"], root);
    expect(result.status).toBe(0);
    const findings = JSON.parse(result.stdout).findings.filter((finding: { rule: string }) => finding.rule === "intraword-emphasis");
    expect(findings).toEqual([expect.objectContaining({ file: "po/fr.po", line: 6, severity: "warning", message: expect.stringContaining("write '*n*'") })]);
  });

  test("check --error intraword-emphasis fails CI", async () => {
    expect((await runInProcess(["check", "--error", "intraword-emphasis"], book())).status).toBe(1);
  });

  test("a catalog checked without its book: the rule cannot tell `snake_case_name` from emphasis and says nothing", async () => {
    const root = makeTree({ "fr.po": catalog });
    const result = await runInProcess(["check", "--json", "fr.po"], root);
    expect(JSON.parse(result.stdout).findings.filter((finding: { rule: string }) => finding.rule === "intraword-emphasis")).toEqual([]);
  });

  test("translate renders `_n_th` as the translator meant it, and warns about `x_n_th`", async () => {
    const root = book();
    const result = await runInProcess(["translate", "-l", "fr", "--json"], root);
    expect(result.status).toBe(0);
    const out = readFileSync(join(root, "book", "fr-src", "src", "ch.md"), "utf8");
    expect(out).toContain("La *n*ième fois.");
    expect(out).toContain("Un snake_case_name ici.");
    expect(out).toContain("The x*n*th time.");
    expect(result.stderr + result.stdout).toMatch(/inside a word/);
  });
});

describe("intraword emphasis among other `_` pairs (audit of issue 10)", () => {
  test("pairs are matched as the source's `*` pairs: only the one opening inside a word is named", () => {
    expect(intrawordUnderscorePairs("The _n_th element and _get_response()_ and x_n_th.")).toEqual(["_n_"]);
    expect(intrawordUnderscorePairs("The _n_th and x_k_th.")).toEqual(["_k_"]);
  });

  test("check names the pair that cannot render and suggests `*` for it alone", async () => {
    const root = makeTree({
      "book.toml": '[book]\ntitle = "T"\n',
      "src/SUMMARY.md": "# Summary\n\n- [Ch](ch.md)\n",
      "src/ch.md": "The *n*th one and *get_response()* and x*k*th.\n",
      "po/fr.po": [
        'msgid ""',
        'msgstr ""',
        '"Language: fr\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        "",
        'msgid "The _n_th one and _get_response()_ and x_k_th."',
        'msgstr "Le _n_ième et _get_response()_ et x_k_ième."',
        "",
      ].join("\n"),
    });
    const result = await runInProcess(["check", "--json"], root);
    const findings = JSON.parse(result.stdout).findings.filter((finding: { rule: string }) => finding.rule === "intraword-emphasis");
    expect(findings).toEqual([expect.objectContaining({ line: 6, message: expect.stringMatching(/the msgstr's '_k_' renders literal underscores: write '\*k\*'$/) })]);
  });
});
