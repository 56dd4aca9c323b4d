/**
 * The HTML page around a rendered chapter: navigation from SUMMARY.md,
 * toolbar (mark toggle, side-by-side toggle, counts), previous/next links,
 * the book's own CSS.
 */
import type { SummaryItem } from "../book/summary.js";
import type { ChapterStats } from "./render.js";

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Chapter path (relative to src) → its URL in the preview. */
export function chapterUrl(path: string): string {
  return `/${path.replace(/\.md$/, ".html").split("/").map(encodeURIComponent).join("/")}`;
}

export interface PageInput {
  bookTitle: string;
  language: string;
  sourceLanguage: string;
  /** Navigation items with translated names. */
  summary: readonly SummaryItem[];
  /** Current chapter path relative to src. */
  current: string;
  name: string;
  contentHtml: string;
  stats?: ChapterStats;
  previous?: { path: string; name: string };
  next?: { path: string; name: string };
  stylesheets: readonly string[];
  /** An error to show above the content (bad PO while editing, ...). */
  error?: string;
}

function navigation(items: readonly SummaryItem[], current: string): string {
  const entry = (item: SummaryItem): string => {
    if (item.kind === "separator") return "<li><hr></li>";
    if (item.kind === "part") return `<li class="part-title">${escapeHtml(item.name)}</li>`;
    const link =
      item.path === undefined
        ? `<span class="draft">${escapeHtml(item.name)}</span>`
        : `<a href="${escapeHtml(chapterUrl(item.path))}"${item.path === current ? ' class="active" aria-current="page"' : ""}>${escapeHtml(item.name)}</a>`;
    const children = item.children.length ? `<ol>${item.children.map(entry).join("")}</ol>` : "";
    return `<li>${link}${children}</li>`;
  };
  return `<ol>${items.map(entry).join("")}</ol>`;
}

function statsText(stats: ChapterStats | undefined): string {
  if (!stats) return "";
  const rest = [stats.fuzzy ? `${stats.fuzzy} fuzzy` : "", stats.untranslated ? `${stats.untranslated} untranslated` : "", stats.rejected ? `${stats.rejected} rejected` : ""].filter(Boolean);
  return `${stats.translated}/${stats.total} messages translated${rest.length ? `, ${rest.join(", ")}` : ""}`;
}

export function renderPage(input: PageInput): string {
  const link = (target: { path: string; name: string } | undefined, rel: string, label: string): string =>
    target ? `<a rel="${rel}" href="${escapeHtml(chapterUrl(target.path))}">${label}</a>` : "<span></span>";
  return `<!DOCTYPE html>
<html lang="${escapeHtml(input.language)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(input.name)} - ${escapeHtml(input.bookTitle)}</title>
<link rel="stylesheet" href="/__pobook/preview.css">
<link rel="stylesheet" href="/__pobook/highlight.css">
${input.stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join("\n")}
</head>
<body class="pobook-preview" data-source-language="${escapeHtml(input.sourceLanguage)}">
<nav id="pobook-nav">${navigation(input.summary, input.current)}</nav>
<div id="pobook-toolbar">
<label><input type="checkbox" id="pobook-marks"> Mark untranslated and fuzzy</label>
<label><input type="checkbox" id="pobook-side"> Side by side with the source</label>
<span id="pobook-stats">${escapeHtml(statsText(input.stats))}</span>
</div>
<main>
<div id="pobook-error-slot">${input.error ? `<div id="pobook-error">${escapeHtml(input.error)}</div>` : ""}</div>
<div id="pobook-content">${input.contentHtml}</div>
</main>
<footer id="pobook-pager">${link(input.previous, "prev", "&larr; Previous")}${link(input.next, "next", "Next &rarr;")}</footer>
<script src="/__pobook/preview.js"></script>
</body>
</html>
`;
}
