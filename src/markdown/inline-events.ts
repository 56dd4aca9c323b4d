/**
 * Turns mdast phrasing content into the inline event stream pulldown-cmark
 * would produce for the same source (text nodes through text-events.ts).
 *
 * Why by hand: msgids must equal mdbook-xgettext's byte for byte, and they
 * are written from pulldown-cmark's events, not from a tree.
 */
import type { PhrasingContent, FootnoteReference } from "mdast";
import { parseMarkdown } from "./parse.js";
import { pulldownStrikethrough, textEvents, type InlineContext, type InlineEvent } from "./text-events.js";

export { textEvents, type InlineContext, type InlineEvent } from "./text-events.js";

/** Finds the `]` closing an image's alt text that opens at `open` (just after `![`). */
function altEnd(source: string, open: number, limit: number): number {
  let depth = 0;
  for (let index = open; index < limit; index++) {
    const char = source[index];
    if (char === "\\") index++;
    else if (char === "[") depth++;
    else if (char === "]") {
      if (depth === 0) return index;
      depth--;
    }
  }
  return limit;
}

/**
 * The events of an image's alt text. pulldown-cmark parses it as inline
 * Markdown (emphasis, code, links stay events) while mdast keeps only a plain
 * `alt` string, so the alt source is parsed again on its own, between escaped
 * brackets that stand for the real `[` and `]` around it (for flanking).
 * Alt text over several lines keeps the plain re-scan.
 */
function altEvents(context: InlineContext, start: number, end: number, out: InlineEvent[]): void {
  const alt = context.source.slice(start, end);
  // Alt text with no character that can start markup parses to the one text node `[alt]`, which
  // ends below in textEvents anyway: no parser for it (2,400 images in a paragraph took seconds).
  if (!/[\\&*_`[\]<>!~^\r\n]/.test(alt)) {
    textEvents(context, start, end, out);
    return;
  }
  const paragraph = alt.includes("\n") || alt.includes("\r") ? undefined : parseMarkdown(`\\[${alt}\\]`).children[0];
  if (paragraph?.type !== "paragraph") {
    textEvents(context, start, end, out);
    return;
  }
  const inner = phrasingEvents(paragraph.children, { ...context, source: `\\[${alt}\\]`, blockStart: 0, inBlockQuote: false });
  const first = inner[0];
  const last = inner[inner.length - 1];
  if (first?.type !== "text" || !first.value.startsWith("[") || last?.type !== "text" || last.value !== "]") {
    textEvents(context, start, end, out);
    return;
  }
  inner.pop();
  if (first.value === "[") inner.shift();
  else first.value = first.value.slice(1);
  out.push(...inner);
}

/**
 * The text of inline HTML as pulldown-cmark gives it: continuation lines keep
 * their own indentation and lose only the container prefix (block-quote
 * markers, list indentation), while mdast's value also drops the
 * indentation (`<img src="x"\n     alt="y">` keeps its five spaces upstream).
 */
function inlineHtmlText(value: string, context: InlineContext, start: number | undefined, end: number | undefined): string {
  if (!value.includes("\n") || start === undefined || end === undefined) return value;
  const { source } = context;
  const containerWidth = context.blockStart - (source.lastIndexOf("\n", context.blockStart - 1) + 1);
  const prefixChar = context.inBlockQuote ? /[ \t>]/ : /[ \t]/;
  return source
    .slice(start, end)
    .split(/\r?\n/)
    .map((line, index) => {
      if (index === 0) return line;
      let cut = 0;
      while (cut < containerWidth && cut < line.length && prefixChar.test(line[cut]!)) cut++;
      return line.slice(cut);
    })
    .join("\n");
}

/** Appends the events of `nodes` to `out`. */
export function phrasingEvents(nodes: readonly PhrasingContent[], context: InlineContext, out: InlineEvent[] = []): InlineEvent[] {
  for (const node of nodes) nodeEvents(node, context, out);
  return out;
}

function nodeEvents(node: PhrasingContent, context: InlineContext, out: InlineEvent[]): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  switch (node.type) {
    case "text":
      if (start === undefined || end === undefined) out.push({ type: "text", value: node.value });
      else textEvents(context, start, end, out);
      return;
    case "inlineCode":
      // CommonMark turns line endings inside code spans into spaces; mdast keeps them.
      out.push({ type: "code", value: node.value.replace(/\r\n|\r|\n/g, " ") });
      return;
    case "html":
      out.push({ type: "html", value: inlineHtmlText(node.value, context, start, end), start, end });
      return;
    case "break":
      out.push({ type: "hardbreak" });
      return;
    case "delete":
      if (start !== undefined && end !== undefined && !pulldownStrikethrough(context, start, end)) {
        // micromark lets a single `~` strike intraword (`a~b~c`); pulldown-cmark
        // treats `~` like `_` there, so its delimiters stay text.
        const count = context.source[start + 1] === "~" ? 2 : 1;
        textEvents(context, start, start + count, out);
        phrasingEvents(node.children, context, out);
        textEvents(context, end - count, end, out);
        return;
      }
      out.push({ type: "start", tag: "strikethrough" });
      phrasingEvents(node.children, context, out);
      out.push({ type: "end", tag: "strikethrough" });
      return;
    case "emphasis":
    case "strong": {
      const tag = node.type;
      out.push({ type: "start", tag });
      phrasingEvents(node.children, context, out);
      out.push({ type: "end", tag });
      return;
    }
    case "link": {
      const autolink = start !== undefined && context.source[start] === "<";
      if (autolink) {
        // Autolinks hold their text verbatim (no escape processing).
        const text = node.children[0]?.type === "text" ? node.children[0].value : node.url;
        out.push({ type: "start", tag: "link", url: node.url, title: node.title ?? "", autolink }, { type: "text", value: text }, { type: "end", tag: "link" });
        return;
      }
      linkEvents(node, { url: node.url, title: node.title ?? "" }, context, out);
      return;
    }
    case "linkReference": {
      const definition = context.definitions.get(node.identifier);
      linkEvents(node, { url: definition?.url ?? "", title: definition?.title ?? "" }, context, out);
      return;
    }
    case "image":
    case "imageReference": {
      const definition =
        node.type === "imageReference" ? context.definitions.get(node.identifier) : undefined;
      const url = node.type === "image" ? node.url : (definition?.url ?? "");
      const title = node.type === "image" ? (node.title ?? "") : (definition?.title ?? "");
      const alt: InlineEvent[] = [];
      let labelEnd: number | undefined;
      if (start !== undefined && end !== undefined) {
        labelEnd = altEnd(context.source, start + 2, end);
        altEvents(context, start + 2, labelEnd, alt);
      } else if (node.alt) {
        alt.push({ type: "text", value: node.alt });
      }
      if (labelEnd !== undefined && hasFootnoteReference(alt)) {
        // As for links: a footnote reference in the label leaves the image as text.
        out.push({ type: "text", value: "![" }, ...alt);
        textEvents(context, labelEnd, end!, out);
        return;
      }
      out.push({ type: "start", tag: "image", url, title, autolink: false }, ...alt, { type: "end", tag: "image" });
      return;
    }
    case "footnoteReference":
      out.push({ type: "footnoteReference", label: footnoteLabel(node) });
      return;
    default:
      // Other phrasing nodes (none in pulldown-cmark's set) keep their source text.
      if (start !== undefined && end !== undefined) textEvents(context, start, end, out);
  }
}

function hasFootnoteReference(events: readonly InlineEvent[]): boolean {
  return events.some((event) => event.type === "footnoteReference");
}

/**
 * A link's events. pulldown-cmark gives up on a link whose text holds a
 * footnote reference (the reference clears the pending link brackets), so
 * such a link stays text: `[a[^1]](u)` is `\\[a[^1]\\](u)` upstream.
 */
function linkEvents(
  node: Extract<PhrasingContent, { type: "link" | "linkReference" }>,
  target: { url: string; title: string },
  context: InlineContext,
  out: InlineEvent[],
): void {
  const label = phrasingEvents(node.children, context);
  const last = node.children[node.children.length - 1];
  const labelEnd = last?.position?.end.offset;
  const end = node.position?.end.offset;
  if (hasFootnoteReference(label) && labelEnd !== undefined && end !== undefined) {
    out.push({ type: "text", value: "[" }, ...label);
    textEvents(context, labelEnd, end, out);
    return;
  }
  out.push({ type: "start", tag: "link", ...target, autolink: false }, ...label, { type: "end", tag: "link" });
}

function footnoteLabel(node: FootnoteReference): string {
  return node.label ?? node.identifier;
}
