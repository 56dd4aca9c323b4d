/**
 * Opt-in messages for text readers see that mdbook-xgettext gives no
 * message of its own (book.toml `alt-and-title-messages = true`; off by
 * default, so msgids stay mdbook-xgettext's):
 * - a paragraph made only of images: each image's alt text and title is a
 *   message, instead of one message of bare image markup;
 * - a link reference definition's title (`[id]: url "Title"`), which is in
 *   no message at all otherwise.
 * Each message is the text as written between its delimiters, so that
 * translation splices the msgstr back in the same place.
 */
import type { Definition, Image, Paragraph } from "mdast";

export interface TextPart {
  part: "alt" | "title";
  start: number;
  end: number;
}

/** The title of `[...](url "title")` or a definition ending at `end`: the text inside its closing quotes or parentheses. */
function titleBefore(source: string, end: number, from: number): TextPart | undefined {
  const close = source[end - 1];
  const open = close === '"' ? '"' : close === "'" ? "'" : close === ")" ? "(" : undefined;
  if (open === undefined) return undefined;
  for (let index = end - 2; index >= from; index--) {
    if (source[index] === open && source[index - 1] !== "\\") return index + 1 < end - 1 ? { part: "title", start: index + 1, end: end - 1 } : undefined;
  }
  return undefined;
}

function imageParts(image: Image, source: string): TextPart[] {
  const start = image.position!.start.offset!;
  const end = image.position!.end.offset!;
  const parts: TextPart[] = [];
  // `![alt](...)`: the alt is between `![` and the `]` that the destination follows.
  const close = source.lastIndexOf("](", end);
  if (close > start + 2 && source[end - 1] === ")") {
    if (image.alt) parts.push({ part: "alt", start: start + 2, end: close });
    if (image.title) {
      const title = titleBefore(source, end - 1, close + 2);
      if (title) parts.push(title);
    }
  }
  return parts;
}

/** The alt texts and titles of a paragraph made only of inline images, or undefined if it has anything else. */
export function imageParagraphParts(node: Paragraph, source: string): TextPart[] | undefined {
  const images = node.children.filter((child): child is Image => child.type === "image");
  if (images.length === 0) return undefined;
  if (!node.children.every((child) => child.type === "image" || (child.type === "text" && child.value.trim() === "") || child.type === "break")) return undefined;
  return images.flatMap((image) => imageParts(image, source));
}

/** The title of a link reference definition, if it has one. */
export function definitionTitle(node: Definition, source: string): TextPart | undefined {
  if (!node.title) return undefined;
  const start = node.position!.start.offset!;
  let end = node.position!.end.offset!;
  while (end > start && /[ \t]/.test(source[end - 1]!)) end--;
  return titleBefore(source, end, start);
}

/** Why a msgstr cannot go where the alt text or title was, if it cannot. */
export function partProblem(part: TextPart["part"], source: string, message: { start: number; end: number }, msgstr: string): string | undefined {
  if (/\n[ \t]*\n/.test(msgstr)) return `an ${part === "alt" ? "alt text" : "title"} translation must not hold a blank line`;
  if (part === "alt") {
    let depth = 0;
    for (let index = 0; index < msgstr.length; index++) {
      if (msgstr[index] === "\\") index++;
      else if (msgstr[index] === "[") depth++;
      else if (msgstr[index] === "]" && --depth < 0) break;
    }
    return depth === 0 ? undefined : "an alt text translation must balance `[` and `]` (escape them as `\\[` and `\\]`)";
  }
  const open = source[message.start - 1];
  const delimiter = open === "(" ? ")" : open;
  for (let index = 0; index < msgstr.length; index++) {
    if (msgstr[index] === "\\") index++;
    else if (msgstr[index] === delimiter) return `a title translation must escape \`${delimiter}\` as \`\\${delimiter}\``;
  }
  return undefined;
}
