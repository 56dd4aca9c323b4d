/**
 * Headings as mdBook 0.4 renders them: a trailing `{ #id .class }`
 * attribute block (pulldown-cmark's heading attributes) becomes the id and
 * classes instead of text, and every other heading gets the id mdBook
 * computes from its rendered content (tags and the entities pulldown-cmark
 * writes dropped, then `normalize_id`, `-1`, `-2`… for repeats), its content
 * wrapped in `<a class="header" href="#id">`.
 *
 * Hand-written: no library reproduces mdBook's id rules, and they must be
 * the same for links between pages to work.
 */
import type { Element, ElementContent, Root as HastRoot } from "hast";
import type { Heading, Nodes as MdastNodes, Root as MdastRoot } from "mdast";
import { headingContentEnd } from "../markdown/heading-text.js";

interface HeadingAttributes {
  id?: string;
  classes: string[];
  /** `key=value` pairs: mdBook's header-link step then leaves the heading alone. */
  others: Array<[string, string]>;
}

function parseAttributes(block: string): HeadingAttributes {
  const attributes: HeadingAttributes = { classes: [], others: [] };
  for (const word of block.slice(1, -1).trim().split(/\s+/)) {
    if (word === "") continue;
    if (word.startsWith("#")) {
      if (word.length > 1) attributes.id = word.slice(1);
    } else if (word.startsWith(".")) {
      if (word.length > 1) attributes.classes.push(word.slice(1));
    } else {
      const equals = word.indexOf("=");
      if (equals > 0) attributes.others.push([word.slice(0, equals), word.slice(equals + 1)]);
    }
  }
  return attributes;
}

/** Takes each heading's attribute block out of its text and onto the element remark-rehype will make. */
export function applyHeadingAttributes(tree: MdastRoot, source: string): void {
  const visit = (node: MdastNodes): void => {
    if (node.type === "heading") strip(node);
    else if ("children" in node) for (const child of node.children) visit(child as MdastNodes);
  };
  const strip = (heading: Heading): void => {
    const end = headingContentEnd(heading, source);
    const last = heading.children[heading.children.length - 1];
    if (end === undefined || last?.type !== "text" || last.position?.end.offset === undefined) return;
    const tail = source.slice(end, last.position.end.offset);
    const block = /\{[^{}]*\}/.exec(tail)?.[0];
    if (!block || !last.value.endsWith(tail.trimStart())) return;
    last.value = last.value.slice(0, last.value.length - tail.trimStart().length).trimEnd();
    if (last.value === "") heading.children.pop();
    const attributes = parseAttributes(block);
    const properties: Record<string, unknown> = {};
    if (attributes.id !== undefined) properties.id = attributes.id;
    if (attributes.classes.length > 0) properties.className = attributes.classes;
    for (const [key, value] of attributes.others) properties[key] = value;
    heading.data = { ...heading.data, hProperties: { ...(heading.data?.hProperties ?? {}), ...properties } as never };
  };
  visit(tree);
}

/** `str::is_alphanumeric` and friends for one character, as Rust's `normalize_id` uses them. */
export function normalizeId(content: string): string {
  let id = "";
  for (const char of content) {
    if (/^[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]$/u.test(char) || char === "_" || char === "-") id += /^[A-Z]$/.test(char) ? char.toLowerCase() : char;
    else if (/^\s$/u.test(char)) id += "-";
  }
  return id;
}

const escapeLikePulldown = (text: string): string => text.replace(/[&<>"]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[char]!);

/** Curly quotes and dashes as pulldown-cmark's smart punctuation writes them (book.toml `curly-quotes`). */
const smartPunctuation = (text: string): string =>
  text.replace(/---/g, "\u2014").replace(/--/g, "\u2013").replace(/\.\.\./g, "\u2026").replace(/'/g, "\u2019").replace(/"/g, "\u201d");

/** The heading's content as pulldown-cmark writes it (only what mdBook's id step keeps matters). */
function contentHtml(nodes: readonly ElementContent[], smart: boolean, inCode = false): string {
  return nodes
    .map((node) => {
      if (node.type === "text") return escapeLikePulldown(smart && !inCode ? smartPunctuation(node.value) : node.value);
      if (node.type === "raw") return node.value;
      if (node.type === "element") return `<${node.tagName}>${contentHtml(node.children, smart, inCode || node.tagName === "code")}</${node.tagName}>`;
      return "";
    })
    .join("");
}

/** mdBook's `id_from_content` over rendered heading content. */
export function idFromContent(html: string): string {
  let content = html.replace(/<.*?>/g, "");
  for (const entity of ["&lt;", "&gt;", "&amp;", "&#39;", "&quot;"]) content = content.replaceAll(entity, "");
  return normalizeId(content.trim().replace(/^#+/, "").trim());
}

const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

/** A rehype step giving headings mdBook's ids and header links. */
export function mdbookHeadingIds(options: { smartPunctuation: boolean }) {
  return () => (tree: HastRoot): void => {
    const counts = new Map<string, number>();
    const visit = (node: HastRoot | ElementContent): void => {
      if (node.type === "element" && HEADINGS.has(node.tagName)) return link(node);
      if ("children" in node) for (const child of node.children) visit(child as ElementContent);
    };
    const link = (heading: Element): void => {
      // Other attributes (`key=value`) make mdBook's header regex miss the heading.
      if (Object.keys(heading.properties).some((key) => key !== "id" && key !== "className")) return;
      const html = contentHtml(heading.children, options.smartPunctuation);
      // mdBook's header regex does not cross lines: a heading whose content has one keeps no id.
      if (html.includes("\n") && typeof heading.properties.id !== "string") return;
      let id = typeof heading.properties.id === "string" ? heading.properties.id : undefined;
      if (id === undefined) {
        const base = idFromContent(html);
        const seen = counts.get(base) ?? 0;
        id = seen === 0 ? base : `${base}-${seen}`;
        counts.set(base, seen + 1);
      }
      heading.properties.id = id;
      heading.children = [{ type: "element", tagName: "a", properties: { className: ["header"], href: `#${id}` }, children: heading.children }];
    };
    visit(tree);
  };
}
