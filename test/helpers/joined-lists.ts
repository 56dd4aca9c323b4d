// Old-style (mdbook-i18n-helpers 0.1) whole-list messages made from the pt-BR corpus.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { List, Nodes } from "mdast";
import { entryKey, isFuzzy, newEntry, type Catalog, type PoEntry } from "../../src/catalog/types.js";
import { parseMarkdown } from "../../src/markdown/parse.js";
import { segmentMarkdown } from "../../src/markdown/segment.js";
import { PT_BOOK } from "./corpus.js";

export interface JoinedList {
  msgid: string;
  msgstr: string;
  items: PoEntry[];
  path: string;
}

export function sourceReader(root: string): (path: string) => string | undefined {
  return (path) => {
    try {
      return readFileSync(join(root, path), "utf8");
    } catch {
      return undefined;
    }
  };
}

/**
 * Old-style list messages made from the pt-BR corpus: every top-level list in
 * the book's sources whose items are each one translated entry. The msgid is
 * the list as written in the source (as 0.1 took it), the msgstr the same
 * list made of the translations.
 */
export function joinedCorpusLists(catalog: Catalog): { lists: JoinedList[]; old: Catalog } {
  const byMsgid = new Map(catalog.entries.filter((e) => !e.obsolete).map((e) => [entryKey(e), e]));
  const lists: JoinedList[] = [];
  const paths = [...new Set(catalog.entries.flatMap((e) => e.references.map((r) => r.replace(/:\d+$/, ""))))];
  for (const path of paths.filter((p) => p.endsWith(".md") && !p.endsWith("SUMMARY.md")).sort()) {
    let source: string;
    try {
      source = readFileSync(join(PT_BOOK, path), "utf8");
    } catch {
      continue;
    }
    const topLevelLists = parseMarkdown(source).children.filter((node: Nodes): node is List => node.type === "list");
    for (const list of topLevelLists) {
      const text = source.slice(list.position!.start.offset!, list.position!.end.offset!);
      const messages = segmentMarkdown(text);
      if (messages.length !== list.children.length || messages.length < 2) continue;
      const items = messages.map((m) => byMsgid.get(m.msgid));
      const usable = (e: PoEntry | undefined): e is PoEntry =>
        // A translation with a line break or surrounding spaces cannot be a list item's text.
        e !== undefined && !isFuzzy(e) && e.msgstr[0] !== "" && !e.msgstr[0]!.includes("\n") && e.msgstr[0] === e.msgstr[0]!.trim() &&
        segmentMarkdown(e.msgstr[0]!).length === 1;
      if (!items.every(usable)) continue;
      const marker = list.ordered ? (i: number): string => `${i + 1}. ` : (): string => "* ";
      lists.push({ msgid: text, msgstr: items.map((e, i) => marker(i) + e.msgstr[0]).join("\n"), items, path });
    }
  }
  // The old catalog: each list's item entries replaced by one whole-list message.
  const itemKeys = new Set(lists.flatMap((l) => l.items.map(entryKey)));
  const joined = lists.map((l) => newEntry(l.msgid, { msgstr: [l.msgstr], references: [l.path] }));
  return { lists, old: { ...catalog, entries: [...catalog.entries.filter((e) => !itemKeys.has(entryKey(e))), ...joined] } };
}
