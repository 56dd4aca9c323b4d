/**
 * Cutting phrasing content to a source range: pulldown-cmark sometimes ends
 * or starts a message's text where mdast has no node boundary (heading
 * attribute blocks, task-list checkboxes, GFM alert markers, definitions).
 */
import type { PhrasingContent } from "mdast";

/** The phrasing content from `offset` on (text nodes cut at it). */
export function clipPhrasingFrom(nodes: readonly PhrasingContent[], offset: number): PhrasingContent[] {
  const clipped: PhrasingContent[] = [];
  for (const node of nodes) {
    const start = node.position!.start.offset!;
    const end = node.position!.end.offset!;
    if (end <= offset) continue;
    if (start >= offset) clipped.push(node);
    else if (node.type === "text") {
      clipped.push({ ...node, position: { start: { ...node.position!.start, offset }, end: node.position!.end } });
    }
  }
  return clipped;
}

/** The phrasing content before `limit` (text nodes cut at it). */
export function clipPhrasing(nodes: readonly PhrasingContent[], limit: number): PhrasingContent[] {
  const clipped: PhrasingContent[] = [];
  for (const node of nodes) {
    const start = node.position!.start.offset!;
    const end = node.position!.end.offset!;
    if (start >= limit) break;
    if (end <= limit) clipped.push(node);
    else if (node.type === "text") {
      clipped.push({ ...node, position: { start: node.position!.start, end: { ...node.position!.end, offset: limit } } });
    } else clipped.push(node);
  }
  return clipped;
}

/** `nodes` cut at `limit`, or extended to it with the source text mdast trimmed away. */
export function fitPhrasing(nodes: readonly PhrasingContent[], limit: number, source: string): PhrasingContent[] {
  const clipped = clipPhrasing(nodes, limit);
  const last = clipped[clipped.length - 1];
  const lastEnd = last?.position?.end.offset;
  if (last === undefined || lastEnd === undefined || lastEnd >= limit) return clipped;
  const gap = { start: { ...last.position!.end }, end: { ...last.position!.end, offset: limit } };
  if (last.type === "text") clipped[clipped.length - 1] = { ...last, position: { start: last.position!.start, end: gap.end } };
  else clipped.push({ type: "text", value: source.slice(lastEnd, limit), position: gap });
  return clipped;
}

