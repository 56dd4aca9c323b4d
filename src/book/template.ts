/**
 * Template entries from messages, the way mdbook-xgettext builds its catalog:
 * one entry per msgid in order of first occurrence (SUMMARY.md titles first,
 * then chapters in book order), every place in `#:` references, and the
 * split into several POT files that `[output.xgettext] depth` asks for.
 */
import type { BookConfig } from "./config.js";
import type { SummaryItem } from "./summary.js";
import type { Message } from "../markdown/segment.js";
import { PotPathBuilder } from "./pot-paths.js";
import { entryKey } from "../catalog/types.js";

/** A message with every place it was found, in first-occurrence order. */
export interface TemplateEntry {
  /** From an `i18n:context` directive, or book.toml's messages (src/publish/book-messages.ts); absent for every message mdbook-xgettext makes. */
  msgctxt?: string;
  msgid: string;
  /** `#:` references (already rounded per granularity, consecutive duplicates removed). */
  references: string[];
  /** `#.` comment, from the last occurrence (as upstream). */
  comment: string;
}

/** `file`, `file:line`, or `file:line` rounded down to the granularity (mdbook-xgettext's build_source). */
export function formatReference(path: string, line: number, granularity: number): string {
  if (granularity === 0) return path;
  if (granularity === 1) return `${path}:${line}`;
  return `${path}:${Math.max(1, line - (line % granularity))}`;
}

/** Collects messages into template entries (one per msgid, first occurrence order). */
export class TemplateBuilder {
  private readonly entries = new Map<string, TemplateEntry>();
  /** Each entry's references as a set: a message repeated 20,000 times in a chapter made `includes` quadratic (15 s). */
  private readonly referenceSets = new Map<string, Set<string>>();

  constructor(private readonly granularity: number) {}

  add(path: string, messages: readonly Message[], transform: (msgid: string) => string = (id) => id): void {
    for (const message of messages) {
      const msgid = transform(message.msgid);
      if (msgid.trim() === "") continue;
      const reference = formatReference(path, message.line, this.granularity);
      const key = entryKey({ msgctxt: message.context, msgid });
      const existing = this.entries.get(key);
      if (existing) {
        // A place is named once, as msgcat and msgmerge keep it (a chapter listed twice in
        // SUMMARY.md would otherwise repeat all of its references).
        const references = this.referenceSets.get(key)!;
        if (!references.has(reference)) {
          references.add(reference);
          existing.references.push(reference);
        }
        existing.comment = message.comment;
      } else {
        const entry: TemplateEntry = { msgid, references: [reference], comment: message.comment };
        this.entries.set(key, message.context === undefined ? entry : { msgctxt: message.context, ...entry });
        this.referenceSets.set(key, new Set([reference]));
      }
    }
  }

  build(): TemplateEntry[] {
    return [...this.entries.values()];
  }
}

/** A chapter listed in SUMMARY.md. */
export interface ChapterRef {
  /** Path relative to the book root, e.g. `src/index.md`. */
  path: string;
  /** Line of its SUMMARY.md entry (for errors). */
  line: number;
}

/** What SUMMARY.md says: its text, structure, own messages and the chapters to extract in book order. */
export interface BookOutline {
  summaryPath: string;
  summaryText: string;
  summary: SummaryItem[];
  /** SUMMARY.md's messages (titles with their links stripped). */
  summaryMessages: Message[];
  chapters: ChapterRef[];
}

/** One POT file's entries (one file unless `depth` splits the template). */
export interface TemplateFile {
  /** Path relative to the output directory (`messages.pot` at depth 0). */
  path: string;
  entries: TemplateEntry[];
}

/** The destination POT of each chapter with a file, in `chapterEntries` order (upstream's depth splitting). */
export function chapterDestinations(summary: readonly SummaryItem[], depth: number): { summary: string; chapters: string[] } {
  const builder = new PotPathBuilder(depth);
  builder.push("summary");
  builder.push("summary");
  const summaryPath = builder.get();
  builder.pop();
  const chapters: string[] = [];
  const visit = (item: SummaryItem): void => {
    if (item.kind !== "chapter") return;
    builder.push(item.name);
    if (item.path !== undefined) chapters.push(builder.get());
    item.children.forEach(visit);
    builder.pop();
  };
  for (const item of summary) {
    if (item.kind === "part") {
      builder.pop();
      builder.push(item.name);
    } else visit(item);
  }
  return { summary: summaryPath, chapters };
}

/** Builds the template file(s) from the outline and each chapter's messages. */
export function buildTemplates(config: BookConfig, book: BookOutline, chapterMessages: readonly Message[][]): TemplateFile[] {
  const destinations = chapterDestinations(book.summary, config.depth);
  const builders = new Map<string, TemplateBuilder>();
  const builder = (path: string): TemplateBuilder => {
    let found = builders.get(path);
    if (!found) builders.set(path, (found = new TemplateBuilder(config.granularity)));
    return found;
  };
  builder(destinations.summary).add(book.summaryPath, book.summaryMessages);
  book.chapters.forEach((chapter, index) => builder(destinations.chapters[index]!).add(chapter.path, chapterMessages[index]!));
  const single = config.depth === 0;
  return [...builders].map(([path, entries]) => ({ path: single ? config.potFile : path, entries: entries.build() }));
}
