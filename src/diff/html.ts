/**
 * `pobook diff --html FILE`: the review as one self-contained page (inline
 * CSS and a small filter script, no network): per chapter a table with the
 * old and the new English side by side, removed words struck out in the
 * old column and added words marked in the new one.
 */
import { DIFF_REPORT_GENERATOR } from "../output/file-content.js";
import { escapeHtml } from "../stats/html.js";
import type { CatalogReview, ReviewChapter, ReviewEntry, SourceChange } from "./review.js";
import { side, type WordChange } from "./words.js";

export interface DiffHtmlOptions {
  /** Shown as "generated at"; passed in so the page is reproducible in tests. */
  generatedAt?: string;
}

function words(changes: readonly WordChange[]): string {
  return changes
    .map((change) => {
      const text = escapeHtml(change.text);
      if (change.kind === "removed") return `<del>${text}</del>`;
      if (change.kind === "added") return `<ins>${text}</ins>`;
      return text;
    })
    .join("");
}

function entryRow(review: CatalogReview, entry: ReviewEntry): string {
  const before =
    entry.previous !== undefined
      ? words(side(entry.changes, "before"))
      : `<span class="none">${entry.state === "new" ? "(new message)" : "(no #| previous msgid)"}</span>`;
  const context = entry.msgctxt !== undefined ? `<div class="context">msgctxt ${escapeHtml(JSON.stringify(entry.msgctxt))}</div>` : "";
  const kept = entry.msgstr.some((text) => text !== "") ? `<div class="msgstr">${entry.msgstr.map(escapeHtml).join("<br>")}</div>` : "";
  return (
    `<tr class="entry ${entry.state}" data-state="${entry.state}">` +
    `<td class="where"><code>${escapeHtml(review.file)}:${entry.line}</code><br><span class="state">${entry.state}</span>${context}${entry.previousFrom === "baseline" ? `<div class="recovered">old English from the baseline's catalog</div>` : ""}</td>` +
    `<td class="old">${before}</td>` +
    `<td class="new">${words(side(entry.changes, "after"))}${kept}</td></tr>`
  );
}

function sourcesLine(review: CatalogReview, sources: SourceChange | null | undefined): string {
  if (sources === undefined) return "";
  if (sources === null) return `<p class="sources">Sources unchanged since the baseline.</p>`;
  const commits = sources.commits
    .map((commit) => `<li><code>${escapeHtml(commit.short)}</code> ${escapeHtml(commit.date.slice(0, 10))} ${escapeHtml(commit.subject)} <span class="author">(${escapeHtml(commit.author)})</span></li>`)
    .join("");
  const summary = `${sources.commits.length === 0 ? "not committed yet" : `${sources.commits.length} commit${sources.commits.length === 1 ? "" : "s"}`}, +${sources.added} −${sources.removed} lines since <code>${escapeHtml(review.baseline!.commit.short)}</code>`;
  return `<p class="sources">Sources: ${summary}</p>${commits ? `<ul class="commits">${commits}</ul>` : ""}`;
}

function chapterSection(review: CatalogReview, chapter: ReviewChapter): string {
  const title = chapter.title !== undefined ? ` <span class="title">${escapeHtml(chapter.title)}</span>` : "";
  return (
    `<section class="chapter" data-path="${escapeHtml(chapter.path)}">\n<h3><code>${escapeHtml(chapter.path || "(no references)")}</code>${title}</h3>\n` +
    sourcesLine(review, chapter.sources) +
    `\n<table class="entries"><thead><tr><th>Entry</th><th>Old English</th><th>New English</th></tr></thead><tbody>\n` +
    chapter.entries.map((entry) => entryRow(review, entry)).join("\n") +
    `\n</tbody></table>\n</section>`
  );
}

function catalogSection(review: CatalogReview): string {
  const baseline =
    review.baseline !== undefined
      ? `<p class="baseline">Sources compared with <code>${escapeHtml(review.baseline.commit.short)}</code> ${escapeHtml(review.baseline.commit.date.slice(0, 10))} “${escapeHtml(review.baseline.commit.subject)}” (${review.baseline.reason === "since" ? `--since ${escapeHtml(review.baseline.revision)}` : `the last commit at the catalog's POT-Creation-Date ${escapeHtml(review.potCreationDate ?? "")}`}).</p>`
      : review.noBaseline !== undefined
        ? `<p class="baseline">${escapeHtml(review.noBaseline)}</p>`
        : "";
  const others =
    review.otherChanges.length > 0
      ? `<h3>Changed since the baseline, nothing to review in this catalog</h3><ul class="other-changes">${review.otherChanges
          .map((change) => `<li><code>${escapeHtml(change.path)}</code>${change.title !== undefined ? ` ${escapeHtml(change.title)}` : ""}: +${change.added} −${change.removed} lines, ${change.commits.length} commit${change.commits.length === 1 ? "" : "s"}</li>`)
          .join("")}</ul>`
      : "";
  return (
    `<section class="catalog" data-file="${escapeHtml(review.file)}">\n<h2>${escapeHtml(review.file)}</h2>\n` +
    `<p class="counts">${review.fuzzy} fuzzy, ${review.new} new in ${review.chapters.length} chapter${review.chapters.length === 1 ? "" : "s"}.</p>\n${baseline}\n` +
    review.chapters.map((chapter) => chapterSection(review, chapter)).join("\n") +
    `\n${others}\n</section>`
  );
}

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:80em;padding:0 1em;color:#222}
code{font-family:ui-monospace,monospace;font-size:.92em}
table.entries{border-collapse:collapse;width:100%;table-layout:fixed;margin-bottom:1.5em}
table.entries th,table.entries td{border:1px solid #ddd;padding:.4em .6em;vertical-align:top;text-align:left;white-space:pre-wrap;overflow-wrap:anywhere}
table.entries th:first-child,table.entries td.where{width:13em;white-space:normal}
del{background:#fdd;color:#900}
ins{background:#dfd;color:#060;text-decoration:none;font-weight:600}
.state{font-size:.85em;color:#666}
tr.fuzzy .state{color:#a60}
tr.new .state{color:#080}
.none{color:#888;font-style:italic}
.recovered{font-size:.8em;color:#777}
.msgstr{margin-top:.5em;padding-top:.4em;border-top:1px dashed #ccc;color:#555}
.sources,.baseline,.counts{color:#444}
.commits{margin:.2em 0 .8em;font-size:.9em}
.author{color:#777}
.filter{margin:1em 0}
`;

// Show only fuzzy or only new entries; sections left empty are hidden.
const FILTER_SCRIPT = `
for (const input of document.querySelectorAll(".filter input")) input.addEventListener("change", () => {
  const shown = new Set([...document.querySelectorAll(".filter input:checked")].map((box) => box.value));
  for (const row of document.querySelectorAll("tr.entry")) row.hidden = !shown.has(row.dataset.state);
  for (const chapter of document.querySelectorAll("section.chapter")) chapter.hidden = !chapter.querySelector("tr.entry:not([hidden])");
});
`;

export function renderDiffHtml(reviews: readonly CatalogReview[], options: DiffHtmlOptions = {}): string {
  const generated = options.generatedAt !== undefined ? `<p>Generated ${escapeHtml(options.generatedAt)}.</p>` : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${DIFF_REPORT_GENERATOR}
<title>Messages to review</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Messages to review</h1>
${generated}
<p class="filter"><label><input type="checkbox" value="fuzzy" checked> fuzzy</label> <label><input type="checkbox" value="new" checked> new</label></p>
${reviews.map(catalogSection).join("\n")}
<script>${FILTER_SCRIPT}</script>
</body>
</html>
`;
}
