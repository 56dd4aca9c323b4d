// The preview's core without a browser: per-message outcomes of the translation core,
// chapter rendering, and the HTTP server's routes and error handling.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseBookConfig } from "../src/book/config.js";
import { readPoFile } from "../src/catalog/parse.js";
import { segmentMarkdown } from "../src/markdown/segment.js";
import { renderChapter } from "../src/preview/render.js";
import { startPreview } from "../src/preview/server.js";
import { translateDocument, translateDocumentWithOutcomes } from "../src/translate/document.js";
import { catalogLookup, type Lookup } from "../src/translate/lookup.js";

const FIXTURE = resolve(import.meta.dirname, "../fixtures/preview-book");

describe("translateDocumentWithOutcomes", () => {
  const source = "# Title\n\nFirst paragraph.\n\n> Quoted\n> text.\n\nKept.\n\n| A | B |\n|---|---|\n| x | y |\n";
  const lookup: Lookup = (msgid) =>
    ({
      Title: { status: "translated", msgstr: "Titel", line: 3 },
      "First paragraph.": { status: "translated", msgstr: "Erster\nAbsatz, länger.", line: 7 },
      "Quoted text.": { status: "fuzzy", line: 11 },
      y: { status: "translated", msgstr: "a | b", line: 15 },
    })[msgid] ?? { status: "untranslated" };

  test("each message's status, PO line and place in the output", () => {
    const result = translateDocumentWithOutcomes(source, lookup);
    expect(result.text).toBe(translateDocument(source, lookup).text);
    const { outcomes, edits: _edits, ...counts } = result;
    expect(counts).toEqual(translateDocument(source, lookup));
    expect(outcomes.map((outcome) => [outcome.message.msgid, outcome.status, outcome.poLine])).toEqual([
      ["Title", "translated", 3],
      ["First paragraph.", "translated", 7],
      ["Quoted text.", "fuzzy", 11],
      ["Kept.", "untranslated", undefined],
      ["A", "untranslated", undefined],
      ["B", "untranslated", undefined],
      ["x", "untranslated", undefined],
      ["y", "rejected", 15],
    ]);
    const text = (index: number): string => result.text.slice(outcomes[index]!.outputStart, outcomes[index]!.outputEnd);
    expect(text(0)).toBe("Titel");
    expect(text(1)).toBe("Erster\nAbsatz, länger.");
    expect(text(2)).toBe("Quoted\n> text.");
    expect(text(3)).toBe("Kept.");
    expect(text(7)).toBe("y");
  });

  test("output ranges hold the msgstr (translated) or the source text (others), for any catalog", () => {
    const document = "# Head\n\nOne two.\n\n- item one\n- item two\n\nLast words.\n";
    const msgids = segmentMarkdown(document).map((message) => message.msgid);
    const word = fc.stringMatching(/^[a-zäöü]{1,8}$/);
    fc.assert(
      fc.property(fc.array(fc.option(word, { nil: undefined }), { minLength: msgids.length, maxLength: msgids.length }), (choices) => {
        const lookup: Lookup = (msgid) => {
          const choice = choices[msgids.indexOf(msgid)];
          return choice === undefined ? { status: "untranslated" } : { status: "translated", msgstr: choice };
        };
        const result = translateDocumentWithOutcomes(document, lookup);
        for (const outcome of result.outcomes) {
          const shown = result.text.slice(outcome.outputStart, outcome.outputEnd);
          const choice = choices[msgids.indexOf(outcome.message.msgid)];
          expect(shown).toBe(outcome.status === "translated" ? choice : document.slice(outcome.message.start, outcome.message.end));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("renderChapter", () => {
  test("blocks carry status classes, PO line and source text; code highlighted; chapter links rewritten", () => {
    const config = parseBookConfig(readFileSync(join(FIXTURE, "book.toml"), "utf8"), "book.toml");
    const read = (path: string): string =>
      path === "src/first-steps.md" ? `${readFileSync(join(FIXTURE, path), "utf8")}\nSee [the intro](intro.md#top).\n` : readFileSync(join(FIXTURE, path), "utf8");
    const rendered = renderChapter(config, "src/first-steps.md", read, catalogLookup(readPoFile(join(FIXTURE, "po/fr.po"))), { poName: "po/fr.po" });
    expect(rendered.stats).toEqual({ total: 11, translated: 8, fuzzy: 1, untranslated: 2, rejected: 0 });
    const html = rendered.html;
    expect(html).toMatch(/<h1 id="premiers-pas" class="po-msg po-translated" data-po-status="translated" data-po-file="po\/fr.po" data-po-line="\d+" data-po-source="First Steps" title="po\/fr.po:\d+ \(translated\)"><a class="header" href="#premiers-pas">Premiers pas<\/a><\/h1>/);
    expect(html).toContain('<p class="po-msg po-fuzzy" data-po-status="fuzzy"');
    expect(html).toContain('<code class="hljs language-rust">');
    // Each string of the code block carries its own mark, inside the highlighting.
    expect(html).toMatch(/<span class="hljs-string"><span class="po-msg po-translated" data-po-status="translated" data-po-file="po\/fr.po" data-po-line="\d+" data-po-source="&#x22;Hello, world!&#x22;" title="po\/fr.po:\d+ \(translated\)">"Bonjour, le monde !"<\/span><\/span>/);
    expect(html).not.toMatch(/<pre[^>]*class="[^"]*po-msg/);
    expect(html).toContain('<a href="intro.html#top">');
    expect(html).toContain('<td class="po-msg po-translated"');
  });
});

function rawStatus(port: number, path: string): Promise<number> {
  return new Promise((done, fail) => {
    get({ host: "127.0.0.1", port, path }, (response) => {
      response.resume();
      done(response.statusCode ?? 0);
    }).on("error", fail);
  });
}

function busyPort(): Promise<{ port: number; close: () => void }> {
  return new Promise((done) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      done({ port: typeof address === "object" && address ? address.port : 0, close: () => server.close() });
    });
  });
}

describe("preview server", () => {
  test("routes: redirect to the first chapter, chapters, book CSS, no escape from the book, 404 for unknown chapters", async () => {
    const server = await startPreview({ root: FIXTURE, language: "fr", port: 0 });
    try {
      const get = (path: string) => fetch(new URL(path, server.url), { redirect: "manual" });
      const root = await get("/");
      expect(root.status).toBe(302);
      expect(root.headers.get("location")).toBe("/intro.html");
      const intro = await (await get("/intro.html")).text();
      expect(intro).toContain("Ce petit livre met l'aperçu à l'épreuve.");
      expect(intro).toContain('<link rel="stylesheet" href="/__book/theme/book.css">');
      expect(intro).toContain('<a rel="next" href="/first-steps.html" title="Premiers pas" aria-label="Premiers pas">&rarr;</a>');
      expect((await get("/__book/theme/book.css")).status).toBe(200);
      // Raw request paths (fetch would normalize the dots away): dot segments resolve inside the
      // site (nothing there), encoded slashes that would climb out are refused.
      expect(await rawStatus(server.port, "/__book/../../package.json")).toBe(404);
      expect(await rawStatus(server.port, "/%2e%2e/%2e%2e/package.json")).toBe(404);
      expect(await rawStatus(server.port, "/__book/..%2f..%2f..%2fpackage.json")).toBe(403);
      expect(await rawStatus(server.port, "/..%2fbook.toml")).toBe(403);
      expect((await get("/missing.html")).status).toBe(404);
      expect((await get("/__pobook/highlight.css")).headers.get("content-type")).toContain("text/css");
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    } finally {
      await server.close();
    }
  });

  test("the book's title is its book.toml:title message's translation, as translate and publish give it", async () => {
    const book = join(mkdtempSync(join(tmpdir(), "pobook-preview-")), "book");
    cpSync(FIXTURE, book, { recursive: true });
    const po = join(book, "po/fr.po");
    // A message of the same text without the context must not be taken for the title.
    writeFileSync(po, `${readFileSync(po, "utf8")}\nmsgid "Preview Book"\nmsgstr "Titre d'un chapitre"\n\nmsgctxt "book.toml:title"\nmsgid "Preview Book"\nmsgstr "Livre d'aperçu"\n`);
    const server = await startPreview({ root: book, language: "fr", port: 0 });
    try {
      const page = await (await fetch(new URL("/intro.html", server.url))).text();
      expect(page).toContain("<title>Introduction - Livre d&#39;aperçu</title>");
      const english = await (await fetch(new URL("/en/intro.html", server.url))).text();
      expect(english).toMatch(/<title>[^<]* - Preview Book<\/title>/);
    } finally {
      await server.close();
    }
  });

  test("a PO file with a syntax error while editing: the page says where, with the source text", async () => {
    const book = join(mkdtempSync(join(tmpdir(), "pobook-preview-")), "book");
    cpSync(FIXTURE, book, { recursive: true });
    const server = await startPreview({ root: book, language: "fr", port: 0 });
    try {
      writeFileSync(join(book, "po/fr.po"), `${readFileSync(join(book, "po/fr.po"), "utf8")}\nmsgid "broken\n`);
      const page = await (await fetch(new URL("/intro.html", server.url))).text();
      expect(page).toMatch(/<div id="pobook-error"[^>]*>[^<]*po\/fr\.po:\d+: /);
      expect(page).toContain("This short book exercises the preview.");
    } finally {
      await server.close();
    }
  });

  test("a missing catalog or a busy port is a clear error", async () => {
    await expect(startPreview({ root: FIXTURE, language: "xx", port: 0 })).rejects.toThrow(/no catalog for xx/);
    const busy = await busyPort();
    try {
      await expect(startPreview({ root: FIXTURE, language: "fr", port: busy.port })).rejects.toThrow(`port ${busy.port} is in use`);
    } finally {
      busy.close();
    }
  });
});
