// The HTML report in a real browser (Debian chromium via playwright-core):
// it loads without console errors, shows every language, sorts.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { newEntry, type Catalog } from "../src/catalog/types.js";
import { catalogStats, type CatalogStats } from "../src/stats/compute.js";
import { renderHtmlReport } from "../src/stats/html.js";
import { corpusCatalogs, HAS_CORPUS } from "./helpers/gnu.js";
import { runInProcess } from "./helpers/cli.js";

const CHROMIUM = "/usr/bin/chromium";
// CI (.ci/run) apt-installs chromium; without it these browser tests are skipped with a message.
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.log(`${CHROMIUM} is missing (apt-get install chromium): HTML report browser tests skipped`);
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function catalog(language: string, translated: number, fuzzy: number, untranslated: number): Catalog {
  const entries = [
    ...Array.from({ length: translated }, (_, i) => newEntry(`t${i} <b>&`, { msgstr: ["x"], references: [`src/ch${i % 3}.md`] })),
    ...Array.from({ length: fuzzy }, (_, i) => newEntry(`f${i}`, { msgstr: ["x"], flags: ["fuzzy"], references: ["src/ch1.md"] })),
    ...Array.from({ length: untranslated }, (_, i) => newEntry(`u${i}`, { references: ["src/ch2.md"] })),
  ];
  return { headerComments: [], headers: [["Language", language]], headerFlags: [], entries };
}

const BROWSER_STATS: CatalogStats[] = [
  catalogStats(catalog("pt-BR", 10, 0, 0), "po/pt-BR.po"),
  catalogStats(catalog("bn", 1, 2, 7), "po/bn.po"),
  catalogStats(catalog("ja", 5, 1, 4), "po/ja.po"),
  catalogStats(catalog("<script>alert(1)</script>", 3, 0, 3), "po/evil.po"),
];

let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  dir = mkdtempSync(join(tmpdir(), "pobook-stats-html-"));
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Open a report; collects console errors, page errors and any network request. */
async function openReport(browserInstance: Browser, html: string, file: string): Promise<{ page: Page; problems: string[] }> {
  writeFileSync(file, html);
  const page = await browserInstance.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => {
    if (!request.url().startsWith("file:")) problems.push(`network request: ${request.url()}`);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, problems };
}

const columnTexts = (page: Page, column: number): Promise<string[]> =>
  page.$$eval(`#summary tbody tr td:nth-child(${column})`, (cells) => cells.map((cell) => cell.textContent ?? ""));

describe.skipIf(!HAS_CHROMIUM)("HTML stats report in chromium", () => {
  test("loads cleanly and shows every language", async () => {
    const { page, problems } = await openReport(browser, renderHtmlReport(BROWSER_STATS), join(dir, "report.html"));
    expect(problems).toEqual([]);
    const expected = BROWSER_STATS.map((stats) => stats.language);
    expect(await page.$$eval(".languages li .language", (nodes) => nodes.map((node) => node.textContent))).toEqual(expected);
    expect(await columnTexts(page, 1)).toEqual(expected);
    // Escaped, not executed: the page stays error-free and shows the text.
    expect(await page.locator("h1").textContent()).toBe("Translation status");
    // Bars are proportional: bn is 1 translated / 2 fuzzy / 7 untranslated.
    const bnBar = page.locator('.languages li[data-language="bn"] .bar');
    const barWidth = (await bnBar.boundingBox())!.width;
    const translatedWidth = (await bnBar.locator(".translated").boundingBox())!.width;
    expect(translatedWidth / barWidth).toBeCloseTo(0.1, 2);
    // Per-chapter detail per language.
    expect(await page.locator("details.chapters").count()).toBe(BROWSER_STATS.length);
    await page.locator('details.chapters[data-language="ja"] summary').click();
    expect(await page.locator('details.chapters[data-language="ja"] tbody tr').count()).toBe(3);
    await page.close();
  });

  test("sorting by a column, both directions", async () => {
    const { page, problems } = await openReport(browser, renderHtmlReport(BROWSER_STATS), join(dir, "sort.html"));
    const complete = page.locator("#summary thead th", { hasText: "Complete" });
    await complete.locator("button").click();
    expect(await columnTexts(page, 9)).toEqual(["10.0%", "50.0%", "50.0%", "100.0%"]);
    expect(await complete.getAttribute("aria-sort")).toBe("ascending");
    await complete.locator("button").click();
    expect((await columnTexts(page, 9))[0]).toBe("100.0%");
    expect(await complete.getAttribute("aria-sort")).toBe("descending");

    const language = page.locator("#summary thead th", { hasText: "Language" });
    await language.locator("button").click();
    const sorted = BROWSER_STATS.map((stats) => stats.language).sort((a, b) => a.localeCompare(b));
    expect(await columnTexts(page, 1)).toEqual(sorted);
    expect(await complete.getAttribute("aria-sort")).toBe("none");
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe.skipIf(!HAS_CORPUS || !HAS_CHROMIUM)(HAS_CORPUS ? "report of the corpus catalogs from the CLI" : "report of the corpus catalogs: skipped, ../shared/corpus is absent", () => {
  test("every language, every chapter, sortable, no console error", async () => {
    const catalogs = corpusCatalogs();
    const file = join(dir, "corpus.html");
    const result = await runInProcess(["stats", "--by-chapter", "--json", "--html", file, ...catalogs]);
    expect(result.status).toBe(0);
    const stats = JSON.parse(result.stdout) as CatalogStats[];
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    expect(await page.$$eval(".languages li .language", (nodes) => nodes.map((node) => node.textContent))).toEqual(stats.map((s) => s.language));
    for (const catalog of stats) {
      const rows = page.locator(`details.chapters[data-language="${catalog.language}"] tbody tr`);
      expect(await rows.count()).toBe(catalog.chapters.length);
    }
    const translated = page.locator("#summary thead th", { hasText: /^Translated$/ });
    await translated.locator("button").click();
    const ascending = [...stats].sort((a, b) => a.messages.translated - b.messages.translated).map((s) => String(s.messages.translated));
    expect(await columnTexts(page, 4)).toEqual(ascending);
    expect(problems).toEqual([]);
    await page.close();
  });
});
