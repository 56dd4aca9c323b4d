/**
 * The preview's headings as mdBook 0.4 renders them: the ids come from
 * src/markdown/heading-ids.ts (the same rules translate's stable anchors and
 * the fragment-link check use), the attribute block leaves the heading's
 * text for the element's id, classes and `key=value` attributes, and a
 * heading mdBook gives an id to gets its `<a class="header" href="#id">`.
 */
import type { Heading, PhrasingContent, Root } from "mdast";
import { headingAnchors, type HeadingAnchor, type HeadingIdOptions } from "../markdown/heading-ids.js";

export function applyMdbookHeadings(tree: Root, source: string, options: HeadingIdOptions = {}): void {
  // Ids first: they are read from the source and the untouched tree.
  for (const anchor of headingAnchors(tree, source, options)) if (anchor.node) applyAnchor(anchor.node, anchor, source);
}

function applyAnchor(heading: Heading, anchor: HeadingAnchor, source: string): void {
  const attributes = anchor.attributes;
  if (attributes) stripAttributeBlock(heading, attributes.start, source);
  const properties: Record<string, unknown> = {};
  const id = anchor.id ?? attributes?.id;
  if (id !== undefined) properties.id = id;
  if (attributes && attributes.classes.length > 0) properties.className = attributes.classes;
  for (const [key, value] of attributes?.pairs ?? []) properties[key] = value;
  heading.data = { ...heading.data, hProperties: { ...(heading.data?.hProperties ?? {}), ...properties } as never };
  // Only a heading mdBook's header regex matched (its id not from a block it passed over) gets the link.
  if (anchor.id === undefined || (attributes !== undefined && attributes.others > 0)) return;
  // Written as a bare element (not an mdast link) so its attributes come in mdBook's order, class before href.
  const link: PhrasingContent = { type: "emphasis", children: heading.children, data: { hName: "a", hProperties: { className: ["header"], href: `#${anchor.id}` } } };
  heading.children = [link];
}

/** Cuts the attribute block (from `blockStart` on) off the heading's last text node. */
function stripAttributeBlock(heading: Heading, blockStart: number, source: string): void {
  const last = heading.children[heading.children.length - 1];
  const lastEnd = last?.position?.end.offset;
  if (last?.type !== "text" || lastEnd === undefined || blockStart >= lastEnd) return;
  const tail = source.slice(blockStart, lastEnd).trimEnd();
  const value = last.value.trimEnd();
  if (!value.endsWith(tail)) return;
  last.value = value.slice(0, value.length - tail.length).trimEnd();
  if (last.value === "") heading.children.pop();
}
