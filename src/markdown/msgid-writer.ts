/**
 * Writes inline events back to Markdown exactly as mdbook-xgettext's
 * serializer (pulldown-cmark-to-cmark with `_` emphasis, `**` strong and `-`
 * list token) does, so msgids match upstream byte for byte.
 *
 * Why by hand: remark-stringify escapes by a different (context-aware)
 * algorithm and cannot be configured to reproduce upstream's per-event
 * escaping of the first character.
 */
import type { InlineEvent } from "./inline-events.js";

export interface WriterContext {
  /** Inside a heading: a text event ending in `#` gets it escaped. */
  inHeading?: boolean;
  /** Inside a table: `|` is escaped in text and code. */
  inTable?: boolean;
}

/**
 * Characters escaped when a text event starts with them: pulldown-cmark-to-cmark's
 * base set plus the configured code block, list, emphasis and strong tokens.
 */
const SPECIAL_FIRST = new Set(["#", "\\", "_", "*", "<", ">", "`", "|", "[", "]", "-"]);

function escapeText(text: string, context: WriterContext, nextIsLinkLike: boolean): string {
  if (text === "") return text;
  const first = String.fromCodePoint(text.codePointAt(0)!);
  const firstSpecial = SPECIAL_FIRST.has(first);
  const endsSpecial = (nextIsLinkLike && text.endsWith("!")) || (context.inHeading === true && text.endsWith("#"));
  const pipes = context.inTable === true && text.includes("|");
  if (!firstSpecial && !endsSpecial && !pipes) return text;
  let out = "";
  const chars = [...text];
  chars.forEach((char, index) => {
    if ((index === 0 && firstSpecial) || (index === chars.length - 1 && endsSpecial) || (char === "|" && pipes)) {
      out += "\\";
    }
    out += char;
  });
  return out;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}

function writeCode(value: string, context: WriterContext): string {
  const text = context.inTable ? value.replaceAll("|", "\\|") : value;
  if ([...text].every((c) => c === " ")) return `\`${text}\``;
  const fence = "`".repeat(longestRun(text, "`") + 1);
  const space = text.startsWith("`") || text.endsWith("`") || (text.length >= 2 && text.startsWith(" ") && text.endsWith(" ")) ? " " : "";
  return `${fence}${space}${text}${space}${fence}`;
}

/** pulldown-cmark-to-cmark's `close_link`: `](url "title")`, with `<url>` where needed. */
function closeLink(url: string, title: string): string {
  let depth = 0;
  for (const char of url) {
    if (char === "(") depth++;
    else if (char === ")") depth--;
    else if (char === " ") {
      depth++;
      break;
    }
    if (depth > 3) break;
  }
  const destination = depth !== 0 ? `<${url}>` : url;
  const titlePart = title === "" ? "" : ` "${title.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  return `](${destination}${titlePart})`;
}

/** mdbook-xgettext's configured emphasis and strong tokens, and GFM's strikethrough. */
const DELIMITERS = { emphasis: "_", strong: "**", strikethrough: "~~" } as const;

function isLinkLike(event: InlineEvent | undefined): boolean {
  if (!event) return false;
  if (event.type === "footnoteReference") return true;
  return event.type === "start" && (event.tag === "link" || event.tag === "image");
}

/** Serializes inline events to a msgid. Soft breaks become one space, as upstream converts them. */
export function writeInline(events: readonly InlineEvent[], context: WriterContext = {}): string {
  let out = "";
  const links: boolean[] = [];
  events.forEach((event, index) => {
    switch (event.type) {
      case "text":
        out += escapeText(event.value, context, isLinkLike(events[index + 1]));
        return;
      case "softbreak":
        // mdbook-xgettext turns SoftBreak into Text(" ").
        out += " ";
        return;
      case "hardbreak":
        out += "  \n";
        return;
      case "code":
        out += writeCode(event.value, context);
        return;
      case "html":
        out += event.value;
        return;
      case "footnoteReference":
        out += `[^${event.label}]`;
        return;
      case "start":
        if (event.tag === "link") {
          links.push(event.autolink);
          out += event.autolink ? "<" : "[";
        } else if (event.tag === "image") out += "![";
        else out += DELIMITERS[event.tag];
        return;
      case "end":
        if (event.tag === "link" && links.pop()) out += ">";
        else if (event.tag === "link" || event.tag === "image") {
          const start = findStart(events, index);
          out += closeLink(start.url, start.title);
        } else out += DELIMITERS[event.tag];
        return;
    }
  });
  return out;
}

/** The start event matching the end event at `endIndex`. */
function findStart(events: readonly InlineEvent[], endIndex: number): { url: string; title: string } {
  const end = events[endIndex] as { tag: string };
  let depth = 0;
  for (let index = endIndex - 1; index >= 0; index--) {
    const event = events[index]!;
    if (event.type === "end" && event.tag === end.tag) depth++;
    else if (event.type === "start" && event.tag === end.tag) {
      if (depth === 0) return event as { url: string; title: string };
      depth--;
    }
  }
  return { url: "", title: "" };
}
