/**
 * The HTML stats report: one self-contained page (inline CSS and script, no
 * network) with a bar per language, a sortable summary table and a
 * per-chapter table per language, in the spirit of i18n-report.
 */
import { activeTotal, type CatalogStats, type ChapterStats, type Counts } from "./compute.js";
import { formatPercent } from "./table.js";
import { REPORT_GENERATOR } from "../output/file-content.js";

export interface HtmlReportOptions {
  title?: string;
  /** Shown as "generated at"; pass it in so that the page is reproducible in tests. */
  generatedAt?: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Share of the active messages in each state, for the bar widths. */
function shares(counts: Counts): Record<"translated" | "fuzzy" | "untranslated", string> {
  const total = activeTotal(counts);
  const share = (value: number): string => (total === 0 ? "0" : ((100 * value) / total).toFixed(3));
  return { translated: share(counts.translated), fuzzy: share(counts.fuzzy), untranslated: share(counts.untranslated) };
}

function bar(counts: Counts, label: string): string {
  const widths = shares(counts);
  const description = `${label}: ${counts.translated} translated, ${counts.fuzzy} fuzzy, ${counts.untranslated} untranslated`;
  return (
    `<div class="bar" role="img" aria-label="${escapeHtml(description)}" title="${escapeHtml(description)}">` +
    `<span class="translated" style="width:${widths.translated}%"></span>` +
    `<span class="fuzzy" style="width:${widths.fuzzy}%"></span>` +
    `<span class="untranslated" style="width:${widths.untranslated}%"></span></div>`
  );
}

/** A table cell carrying its sort key. */
function cell(text: string, sortValue: string | number, className = ""): string {
  const cls = className ? ` class="${className}"` : "";
  return `<td${cls} data-value="${escapeHtml(String(sortValue))}">${escapeHtml(text)}</td>`;
}

/** A file path cell: long paths may wrap after a `/`. */
function pathCell(path: string): string {
  return `<td data-value="${escapeHtml(path)}">${escapeHtml(path).replace(/\//g, "/<wbr>")}</td>`;
}

function headerCell(title: string, type: "text" | "number"): string {
  const cls = type === "number" ? ' class="num"' : "";
  return `<th${cls} data-type="${type}" aria-sort="none"><button type="button">${escapeHtml(title)}</button></th>`;
}

function summaryRow(stats: CatalogStats): string {
  return (
    `<tr data-language="${escapeHtml(stats.language)}">` +
    cell(stats.language, stats.language) +
    pathCell(stats.file) +
    cell(stats.potCreationDate ?? "", stats.potCreationDate ?? "") +
    cell(String(stats.messages.translated), stats.messages.translated, "num") +
    cell(String(stats.messages.fuzzy), stats.messages.fuzzy, "num") +
    cell(String(stats.messages.untranslated), stats.messages.untranslated, "num") +
    cell(String(stats.messages.obsolete), stats.messages.obsolete, "num") +
    cell(`${stats.words.translated}/${activeTotal(stats.words)}`, stats.words.translated, "num") +
    cell(formatPercent(stats.percent), stats.percent, "num") +
    `<td class="bar-cell">${bar(stats.messages, stats.language)}</td></tr>`
  );
}

function chapterRow(chapter: ChapterStats): string {
  return (
    "<tr>" +
    pathCell(chapter.chapter) +
    cell(String(chapter.messages.translated), chapter.messages.translated, "num") +
    cell(String(chapter.messages.fuzzy), chapter.messages.fuzzy, "num") +
    cell(String(chapter.messages.untranslated), chapter.messages.untranslated, "num") +
    cell(`${chapter.words.translated}/${activeTotal(chapter.words)}`, chapter.words.translated, "num") +
    cell(formatPercent(chapter.percent), chapter.percent, "num") +
    `<td class="bar-cell">${bar(chapter.messages, chapter.chapter)}</td></tr>`
  );
}

function chapterSection(stats: CatalogStats): string {
  return `<details class="chapters" data-language="${escapeHtml(stats.language)}">
<summary>${escapeHtml(stats.language)} (${escapeHtml(stats.file)}): ${stats.chapters.length} chapters</summary>
<table class="sortable">
<thead><tr>${headerCell("Chapter", "text")}${headerCell("Translated", "number")}${headerCell("Fuzzy", "number")}${headerCell("Untranslated", "number")}${headerCell("Words", "number")}${headerCell("Complete", "number")}<th>Progress</th></tr></thead>
<tbody>
${stats.chapters.map(chapterRow).join("\n")}
</tbody>
</table>
</details>`;
}

/** Click a column header to sort by it; click again to reverse. */
const SORT_SCRIPT = `
for (const table of document.querySelectorAll("table.sortable")) {
  const headers = [...table.tHead.rows[0].cells];
  headers.forEach((th, column) => {
    const button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      const numeric = th.dataset.type === "number";
      const body = table.tBodies[0];
      const key = (row) => row.cells[column].dataset.value;
      const rows = [...body.rows].sort((a, b) => {
        const order = numeric ? Number(key(a)) - Number(key(b)) : key(a).localeCompare(key(b));
        return ascending ? order : -order;
      });
      body.append(...rows);
      for (const other of headers) if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    });
  });
}
`;

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
th, td { padding: 0.25rem 0.5rem; border-bottom: 1px solid #ddd; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th, td.num { white-space: nowrap; }
td.bar-cell { width: 20%; }
th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
.bar { display: flex; width: 100%; min-width: 4rem; height: 0.8rem; background: #eee; }
.bar span { display: block; height: 100%; }
.translated { background: #2e7d32; }
.fuzzy { background: #f9a825; }
.untranslated { background: #c62828; }
.languages { list-style: none; padding: 0; }
.languages li { display: grid; grid-template-columns: 8rem 1fr 5rem; gap: 0.5rem; align-items: center; margin: 0.3rem 0; }
.legend span { display: inline-block; width: 0.8rem; height: 0.8rem; margin: 0 0.3rem 0 1rem; vertical-align: middle; }
details { margin: 0.5rem 0; }
`;

export function renderHtmlReport(catalogs: CatalogStats[], options: HtmlReportOptions = {}): string {
  const title = options.title ?? "Translation status";
  const generated = options.generatedAt ? `<p>Generated ${escapeHtml(options.generatedAt)}.</p>` : "";
  const languageBars = catalogs
    .map(
      (stats) =>
        `<li data-language="${escapeHtml(stats.language)}"><span class="language">${escapeHtml(stats.language)}</span>` +
        `${bar(stats.messages, stats.language)}<span class="percent">${formatPercent(stats.percent)}</span></li>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${REPORT_GENERATOR}
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${generated}
<p class="legend"><span class="translated"></span>translated<span class="fuzzy"></span>fuzzy<span class="untranslated"></span>untranslated</p>
<ul class="languages">
${languageBars}
</ul>
<h2>Catalogs</h2>
<table id="summary" class="sortable">
<thead><tr>${headerCell("Language", "text")}${headerCell("Catalog", "text")}${headerCell("POT-Creation-Date", "text")}${headerCell("Translated", "number")}${headerCell("Fuzzy", "number")}${headerCell("Untranslated", "number")}${headerCell("Obsolete", "number")}${headerCell("Words", "number")}${headerCell("Complete", "number")}<th>Progress</th></tr></thead>
<tbody>
${catalogs.map(summaryRow).join("\n")}
</tbody>
</table>
<h2>By chapter</h2>
${catalogs.map(chapterSection).join("\n")}
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}
