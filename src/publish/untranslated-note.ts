/**
 * The note a chapter written in the source language (below `--threshold`)
 * carries in a translated book, so that a reader sees why the page is in
 * another language instead of a silent mix. Its default text needs no
 * translator: an icon and the source language's name in the reader's
 * language from CLDR ("🌐 inglês" in a pt-BR book for an English page).
 */
import { nameIn } from "./languages.js";

const escapeHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface NoteOptions {
  /** The book's language (the reader's). */
  language: string;
  dir: "ltr" | "rtl";
  /** The language the chapter is written in. */
  source: string;
  /** Text with `{language}` (the source language's name in `language`) and `{code}` (its code). */
  template: string;
}

/** The note as an HTML block (mdBook passes it through; Markdown around it is untouched). */
export function noteHtml(options: NoteOptions): string {
  const text = options.template.replaceAll("{language}", nameIn(options.source, options.language)).replaceAll("{code}", options.source);
  return `<div class="pobook-untranslated" role="note" lang="${escapeHtml(options.language)}" dir="${options.dir}">${escapeHtml(text)}</div>`;
}

/**
 * `chapter` with the note in front: after a byte-order mark and, when the
 * book's preprocessor strips it, YAML front matter, and followed by a blank
 * line so the chapter's first block stays what it was.
 */
export function withNote(chapter: string, note: string, frontMatter: boolean): string {
  const bom = chapter.startsWith("\uFEFF") ? "\uFEFF" : "";
  let body = chapter.slice(bom.length);
  let head = "";
  if (frontMatter) {
    const match = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(body);
    if (match) {
      head = match[0].endsWith("\n") ? match[0] : `${match[0]}\n`;
      body = body.slice(match[0].length);
    }
  }
  return `${bom}${head}${note}\n\n${body}`;
}
