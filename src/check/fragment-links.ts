/**
 * `fragment-link`: a translation's link to `#fragment` (or `page.md#fragment`)
 * that no heading or id of the page has. The pages' fragments are the
 * source's (translate keeps every heading's source id, see
 * src/translate/stable-anchors.ts), so a translator who pointed a link at a
 * translated heading's text, or mistyped it, gets told where it goes nowhere.
 * A link the msgid has as well is the source's to fix, not the catalog's.
 */
import { posix } from "node:path";
import type { Nodes } from "mdast";
import { visit } from "unist-util-visit";
import type { PoEntry } from "../catalog/types.js";
import type { RawFinding } from "./findings.js";
import { parseMessage } from "./markdown.js";

/** Link destinations of a message: Markdown links and `<a href>` of inline HTML. */
function destinations(message: string): string[] {
  const found: string[] = [];
  visit(parseMessage(message), (node: Nodes) => {
    if (node.type === "link") found.push(node.url);
    if (node.type === "html") for (const match of node.value.matchAll(/<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) found.push(match[1] ?? match[2]!);
  });
  return found;
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** The chapter a link from `chapter` points into, and its fragment; undefined for other links (external, no fragment, not a `.md`). */
function linkedFragment(url: string, chapter: string): { page: string; fragment: string } | undefined {
  const hash = url.indexOf("#");
  if (hash === -1) return undefined;
  const path = url.slice(0, hash);
  const fragment = decodeFragment(url.slice(hash + 1));
  if (path === "") return { page: chapter, fragment };
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith("/") || !path.endsWith(".md")) return undefined;
  return { page: posix.normalize(posix.join(posix.dirname(chapter), decodeFragment(path))), fragment };
}

/** The chapters an entry's `#:` references name (`src/a.md:12` → `src/a.md`). */
function referencedChapters(entry: PoEntry, fragments: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const chapters = new Set<string>();
  for (const reference of entry.references) {
    const path = reference.replace(/:\d+$/, "");
    if (fragments.has(path)) chapters.add(path);
  }
  return [...chapters];
}

/** Findings of one entry against the book's pages (`fragments` by chapter path, from src/book/chapter-anchors.ts). */
export function checkFragmentLinks(entry: PoEntry, fragments: ReadonlyMap<string, ReadonlySet<string>>): RawFinding[] {
  if (entry.obsolete || entry.flags.includes("fuzzy") || !entry.msgstr.some((msgstr) => msgstr.includes("#"))) return [];
  const chapters = referencedChapters(entry, fragments);
  if (chapters.length === 0) return [];
  const inMsgid = new Set(destinations(entry.msgid));
  if (entry.msgidPlural !== undefined) for (const url of destinations(entry.msgidPlural)) inMsgid.add(url);
  const findings: RawFinding[] = [];
  const reported = new Set<string>();
  for (const msgstr of entry.msgstr) {
    if (!msgstr.includes("#")) continue;
    for (const url of destinations(msgstr)) {
      if (inMsgid.has(url) || reported.has(url)) continue;
      for (const chapter of chapters) {
        const target = linkedFragment(url, chapter);
        if (target === undefined) continue;
        const page = fragments.get(target.page);
        // A page outside the book's chapters (or unreadable) cannot be checked.
        if (page === undefined || page.has(target.fragment)) continue;
        reported.add(url);
        const where = target.page === chapter ? `in ${chapter}` : `in ${target.page} (linked from ${chapter})`;
        findings.push({ line: entry.line ?? 0, rule: "fragment-link", message: `link to ${url}: no heading or id "${target.fragment}" ${where}` });
        break;
      }
    }
  }
  return findings;
}
