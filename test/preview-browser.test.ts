// `pobook preview` end to end in a real browser: Debian chromium driven by playwright-core.
// CI (.ci/run) apt-installs chromium; without /usr/bin/chromium this file is skipped with a message.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { CLI } from "./helpers/cli.js";

const CHROMIUM = "/usr/bin/chromium";
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.log(`${CHROMIUM} is missing (apt-get install chromium): preview browser test skipped`);

const FIXTURE = resolve(import.meta.dirname, "../fixtures/preview-book");

/** Starts `pobook preview` on a free port of 127.0.0.1; resolves with its URL. */
function startPreview(book: string, language: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, "preview", book, "-l", language, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const timer = setTimeout(() => fail(new Error(`preview did not start: ${output}`)), 10_000);
    const listen = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)?.[0];
      if (url) {
        clearTimeout(timer);
        done({ child, url });
      }
    };
    child.stdout!.on("data", listen);
    child.stderr!.on("data", listen);
    child.on("exit", (code) => fail(new Error(`preview exited with ${code}: ${output}`)));
  });
}

describe.skipIf(!HAS_CHROMIUM)("pobook preview in headless chromium", () => {
  const work = mkdtempSync(join(tmpdir(), "pobook-preview-"));
  const book = join(work, "book");
  const poPath = join(book, "po", "fr.po");
  let server: { child: ChildProcess; url: string };
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    cpSync(FIXTURE, book, { recursive: true });
    const started = Date.now();
    [server, context] = await Promise.all([
      startPreview(book, "fr"),
      chromium.launchPersistentContext(join(work, "profile"), {
        executablePath: CHROMIUM,
        headless: true,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      }),
    ]);
    page = context.pages()[0] ?? (await context.newPage());
    console.log(`preview server and chromium ready in ${Date.now() - started} ms at ${server.url}`);
  });

  afterAll(async () => {
    await context?.close();
    server?.child.kill("SIGTERM");
  });

  test("translated chapter, live reload on PO and chapter edits, marks, side by side, PO lines", async () => {
    await page.goto(`${server.url}first-steps.html`);
    const heading = page.locator("#pobook-content h1");
    expect(await heading.textContent()).toBe("Premiers pas");
    // The book's own CSS (additional-css) is applied; code is highlighted.
    expect(await heading.evaluate((element) => getComputedStyle(element).color)).toBe("rgb(0, 90, 156)");
    expect(await page.locator("pre code .hljs-string").first().textContent()).toBe('"Bonjour, le monde !"');
    // Navigation from SUMMARY.md (translated names) and previous/next links.
    expect(await page.locator("#pobook-nav a").allTextContents()).toEqual(["Introduction", "1. Premiers pas"]);
    expect(await page.locator('#pobook-pager a[rel="prev"]').getAttribute("href")).toBe("/intro.html");
    await page.waitForFunction(() => document.body.dataset.live === "1");

    // Hovering a block tells its PO line: the entry starting there has that msgid.
    const title = await heading.getAttribute("title");
    expect(title).toMatch(/^po\/fr\.po:\d+ \(translated\)$/);
    const poLine = Number(/:(\d+)/.exec(title!)![1]);
    const entry = readFileSync(poPath, "utf8").split("\n").slice(poLine - 1);
    expect(entry.slice(0, entry.indexOf(""))).toContain('msgid "First Steps"');

    // Edit the PO: a new msgstr shows up without the test reloading the page.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const edited = Date.now();
    writeFileSync(poPath, readFileSync(poPath, "utf8").replace('msgstr "Premiers pas"', 'msgstr "Tout premiers pas"'));
    await page.waitForFunction(() => document.querySelector("#pobook-content h1")?.textContent === "Tout premiers pas", undefined, { timeout: 5_000 });
    const poReload = Date.now() - edited;
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.locator("#pobook-nav a").allTextContents()).toEqual(["Introduction", "1. Tout premiers pas"]);

    // Edit a source chapter: the new paragraph appears, untranslated.
    const chapterPath = join(book, "src", "first-steps.md");
    const chapterEdited = Date.now();
    writeFileSync(chapterPath, `${readFileSync(chapterPath, "utf8")}\nA paragraph added while previewing.\n`);
    const added = page.locator("#pobook-content p", { hasText: "A paragraph added while previewing." });
    await added.waitFor({ timeout: 5_000 });
    const chapterReload = Date.now() - chapterEdited;
    console.log(`live reload: PO edit shown after ${poReload} ms, chapter edit after ${chapterReload} ms`);
    expect(poReload).toBeLessThan(1_000);
    expect(chapterReload).toBeLessThan(1_000);
    expect(await added.getAttribute("title")).toBe("not in po/fr.po (untranslated)");

    // The toggle marks untranslated and fuzzy blocks (and only those).
    const untranslated = page.locator("#pobook-content p", { hasText: "This paragraph has no translation yet." });
    const fuzzy = page.locator("#pobook-content p", { hasText: "This paragraph has a fuzzy translation." });
    const outline = (locator: typeof heading) => locator.evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(await outline(untranslated)).toBe("none");
    await page.click("#pobook-marks");
    expect(await outline(untranslated)).toBe("dashed");
    expect(await outline(fuzzy)).toBe("dashed");
    expect(await outline(heading)).toBe("none");
    expect(await fuzzy.getAttribute("data-po-status")).toBe("fuzzy");

    // Side by side: the source text next to each translated block.
    await page.click("#pobook-side");
    const sources = page.locator("#pobook-content .po-source");
    expect(await sources.allTextContents()).toContain("Run the program below to greet the world.");
    const pair = page.locator(".po-pair", { hasText: "Lancez le programme" });
    expect(await pair.locator(".po-source").textContent()).toBe("Run the program below to greet the world.");
    const [translatedBox, sourceBox] = await Promise.all([pair.locator("p").boundingBox(), pair.locator(".po-source").boundingBox()]);
    expect(sourceBox!.x).toBeGreaterThan(translatedBox!.x + translatedBox!.width - 1);

    // Marks and side by side survive a live reload.
    writeFileSync(poPath, readFileSync(poPath, "utf8").replace('msgstr "Tout premiers pas"', 'msgstr "Premiers pas"'));
    await page.waitForFunction(() => document.querySelector("#pobook-content h1")?.textContent === "Premiers pas", undefined, { timeout: 5_000 });
    expect(await page.locator("#pobook-content .po-pair").count()).toBeGreaterThan(0);
    expect(await outline(untranslated)).toBe("dashed");

    const screenshot = join(work, "preview-first-steps.png");
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`screenshot: ${screenshot}`);
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe("PNG");
  }, 30_000);
});
