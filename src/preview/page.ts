/**
 * The HTML page around a rendered chapter: navigation from SUMMARY.md,
 * toolbar (mark toggle, side-by-side toggle, counts), previous/next links,
 * the book's own CSS.
 */
import type { ChapterStats } from "./render.js";

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Chapter path (relative to src) → its URL in the preview. */
export function chapterUrl(path: string): string {
  return `/${path.replace(/\.md$/, ".html").split("/").map(encodeURIComponent).join("/")}`;
}

/** One line of the navigation, its name already HTML (a title's inline Markdown). */
export type NavItem =
  | { kind: "chapter"; nameHtml: string; path?: string; /** mdBook's section number (`1.2.`), numbered chapters only. */ number?: string; children: NavItem[] }
  | { kind: "part"; nameHtml: string }
  | { kind: "separator" };

export interface LanguageLink {
  code: string;
  /** The language's name in itself ("Português (Brasil)"). */
  name: string;
  href: string;
  current: boolean;
}

export interface PageInput {
  bookTitle: string;
  language: string;
  sourceLanguage: string;
  nav: readonly NavItem[];
  /** `[output.html.fold]`: sections deeper than `level` start collapsed. */
  fold: { enable: boolean; level: number };
  /** Where this language's pages are (`/` or `/de/`). */
  base: string;
  languages: readonly LanguageLink[];
  /** Current chapter path relative to src. */
  current: string;
  /** The chapter's name as text (window title). */
  name: string;
  contentHtml: string;
  stats?: ChapterStats;
  previous?: { path: string; name: string };
  next?: { path: string; name: string };
  stylesheets: readonly string[];
  /** An error to show above the content (bad PO while editing, ...). */
  error?: string;
}

/** Chapter path → its URL under a language's base (`/` or `/de/`). */
export function pageUrl(base: string, path: string): string {
  return base.replace(/\/$/, "") + chapterUrl(path);
}

/** mdBook's sidebar: numbered chapters, part titles, spacers, foldable sections (the active chapter's ancestors open). */
function navigation(items: readonly NavItem[], input: PageInput): string {
  const holdsCurrent = (item: NavItem): boolean => item.kind === "chapter" && (item.path === input.current || item.children.some(holdsCurrent));
  let toggles = 0;
  const entry = (item: NavItem, depth: number): string => {
    if (item.kind === "separator") return '<li class="spacer"></li>';
    if (item.kind === "part") return `<li class="part-title">${item.nameHtml}</li>`;
    const number = item.number ? `<strong aria-hidden="true">${escapeHtml(item.number)}</strong> ` : "";
    const level = item.number ? item.number.split(".").filter(Boolean).length : depth;
    const active = item.path === input.current;
    const link =
      item.path === undefined
        ? `<span class="draft">${number}${item.nameHtml}</span>`
        : `<a href="${escapeHtml(pageUrl(input.base, item.path))}"${active ? ' class="active" aria-current="page"' : ""}>${number}${item.nameHtml}</a>`;
    if (item.children.length === 0) return `<li class="chapter-item">${link}</li>`;
    const expanded = !input.fold.enable || level - 1 < input.fold.level || item.children.some(holdsCurrent);
    const id = `pobook-section-${++toggles}`;
    const toggle = input.fold.enable ? `<button type="button" class="toggle" aria-expanded="${expanded}" aria-controls="${id}">\u2771</button>` : "";
    return `<li class="chapter-item${expanded ? " expanded" : ""}">${link}${toggle}<ol class="section" id="${id}">${item.children.map((child) => entry(child, depth + 1)).join("")}</ol></li>`;
  };
  return `<ol class="chapter">${items.map((item) => entry(item, 1)).join("")}</ol>`;
}

/** Every catalog's language, each named in itself, linking to the same chapter. */
function languagePicker(languages: readonly LanguageLink[]): string {
  if (languages.length < 2) return "";
  const current = languages.find((language) => language.current);
  const links = languages
    .map(
      (language) =>
        `<li><a href="${escapeHtml(language.href)}" hreflang="${escapeHtml(language.code)}" lang="${escapeHtml(language.code)}"${language.current ? ' aria-current="page"' : ""}>${escapeHtml(language.name)}</a></li>`,
    )
    .join("");
  return `<details id="pobook-languages"><summary><span aria-hidden="true">\u{1F310}</span> <span lang="${escapeHtml(current?.code ?? "")}">${escapeHtml(current?.name ?? "")}</span></summary><ul>${links}</ul></details>`;
}

function statsText(stats: ChapterStats | undefined): string {
  if (!stats) return "";
  const rest = [stats.fuzzy ? `${stats.fuzzy} fuzzy` : "", stats.untranslated ? `${stats.untranslated} untranslated` : "", stats.rejected ? `${stats.rejected} rejected` : ""].filter(Boolean);
  return `${stats.translated}/${stats.total} messages translated${rest.length ? `, ${rest.join(", ")}` : ""}`;
}

export function renderPage(input: PageInput): string {
  // Arrows only: the page's chrome has no words of its own in any language; the target's name says where it goes.
  const link = (target: { path: string; name: string } | undefined, rel: string, arrow: string): string =>
    target ? `<a rel="${rel}" href="${escapeHtml(pageUrl(input.base, target.path))}" title="${escapeHtml(target.name)}" aria-label="${escapeHtml(target.name)}">${arrow}</a>` : "<span></span>";
  return `<!DOCTYPE html>
<html lang="${escapeHtml(input.language)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(input.name)} - ${escapeHtml(input.bookTitle)}</title>
<link rel="stylesheet" href="/__pobook/preview.css">
<link rel="stylesheet" href="/__pobook/highlight.css">
${input.languages.filter((language) => !language.current).map((language) => `<link rel="alternate" hreflang="${escapeHtml(language.code)}" href="${escapeHtml(language.href)}">`).join("\n")}
${input.stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join("\n")}
</head>
<body class="pobook-preview${input.fold.enable ? " fold" : ""}" data-source-language="${escapeHtml(input.sourceLanguage)}">
<nav id="pobook-nav">${navigation(input.nav, input)}</nav>
<div id="pobook-toolbar" lang="en">
${languagePicker(input.languages)}
<label><input type="checkbox" id="pobook-marks"> Mark untranslated and fuzzy</label>
<label><input type="checkbox" id="pobook-side"> Side by side with the source</label>
<span id="pobook-stats">${escapeHtml(statsText(input.stats))}</span>
</div>
<main>
<div id="pobook-error-slot">${input.error ? `<div id="pobook-error" role="alert" lang="en">${escapeHtml(input.error)}</div>` : ""}</div>
<div id="pobook-content">${input.contentHtml}</div>
</main>
<footer id="pobook-pager">${link(input.previous, "prev", "&larr;")}${link(input.next, "next", "&rarr;")}</footer>
<script src="/__pobook/preview.js"></script>
</body>
</html>
`;
}
