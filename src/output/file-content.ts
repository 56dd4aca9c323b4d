/**
 * What an existing output file holds, told from its text: not a gettext
 * file, a template (no translations), or a translated catalog. A line scan
 * rather than a parse: parsing a 1 MB catalog costs half a second, which a
 * warm `extract` (0.2 s) must not pay to learn that a POT is a POT.
 * `truncated`: the bytes are the start of a longer file (a `.pot` is judged
 * by its first 64 KiB); its last, partial line is ignored.
 */
import type { FileContent } from "./rules.js";

/** Marks a stats HTML page as pobook's: `stats --html` replaces such a file without --force. */
export const REPORT_GENERATOR = '<meta name="generator" content="pobook stats">';
/** Marks a `diff --html` page as pobook's, likewise. */
export const DIFF_REPORT_GENERATOR = '<meta name="generator" content="pobook diff">';

export function classifyFileContent(bytes: Uint8Array, truncated = false): FileContent {
  if (bytes.length === 0) return "empty";
  if (truncated) bytes = bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "other";
  }
  const lines = text.split(/\r?\n/);
  let sawEntry = false;
  let emptyMsgid = false;
  let inMsgstr = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === "" || line.startsWith("#")) {
      inMsgstr = false;
      continue;
    }
    if (/^msgctxt\s+"/.test(line)) {
      sawEntry = true;
      inMsgstr = false;
    } else if (/^msgid\s+"/.test(line)) {
      sawEntry = true;
      inMsgstr = false;
      emptyMsgid = /^msgid\s+""$/.test(line) && !(lines[index + 1] ?? "").trim().startsWith('"');
    } else if (/^msgid_plural\s+"/.test(line)) {
      emptyMsgid = false;
    } else if (/^msgstr(\[\d+\])?\s+"/.test(line)) {
      if (!sawEntry) return "other";
      if (!/^msgstr(\[\d+\])?\s+""$/.test(line) && !emptyMsgid) return "translated-catalog";
      inMsgstr = true;
    } else if (line.startsWith('"')) {
      // A continuation of a msgstr that started empty: a translation, except the header's.
      if (inMsgstr && !emptyMsgid && line !== '""') return "translated-catalog";
    } else {
      return "other";
    }
  }
  return sawEntry ? "template" : "other";
}
