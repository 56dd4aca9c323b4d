/**
 * Input limits checked before parsing. micromark and mdast-util-from-markdown
 * take time quadratic in the nesting depth of block quotes and lists, and in
 * the number of emphasis and link delimiters of one paragraph (10,000 nested
 * `>` or 50,000 `*a*` ran for minutes). No real book comes near these
 * limits; a document past one gets a clear error at its line instead of a
 * hang or a stack overflow.
 *
 * Why by hand: the parser is what cannot be run, so the check is a cheap
 * line scan that over-estimates (it never misses what micromark would nest).
 */
import { PobookError } from "../errors.js";

/** Most block quotes and lists nested in one another. */
export const MAX_NESTING = 100;
/** Most `*`, `_`, `~`, `[` and `]` characters in one paragraph. */
export const MAX_INLINE_DELIMITERS = 5_000;
/**
 * Most images nested in one another's alt text (`![![![a](u)](u)](u)`):
 * micromark takes time cubic in that depth, and an image's alt text is
 * parsed again on its own for its events (400 nested images ran 20 s).
 */
export const MAX_IMAGE_NESTING = 8;

/** Throws a `PobookError` (line set, no file) if `text` is past a limit. */
export function checkMarkdownLimits(text: string): void {
  const nesting = new NestingScan();
  const images = new ImageNestingScan();
  let delimiters = 0;
  let paragraphLine = 1;
  let fence: string | undefined;
  let htmlBlock = false;
  let lineStart = 0;
  for (let line = 1; lineStart <= text.length; line++) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const content = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    const depth = nesting.next(content, fence !== undefined);
    if (depth > MAX_NESTING) {
      throw new PobookError(`block quotes and lists nested ${MAX_NESTING + 1}+ levels deep (pobook's limit is ${MAX_NESTING})`, { line });
    }
    const body = content.slice(nesting.prefixLength);
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(body);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = undefined;
    } else if (fenceMatch) {
      fence = fenceMatch[1];
    } else {
      // A blank line or a new block ends the paragraph; so does a table row
      // (its cells are parsed one by one). Rough: it may count a little more
      // or less than micromark's paragraphs, which only moves the limit.
      const blank = /^[ \t]*$/.test(body);
      if (blank) {
        delimiters = 0;
        images.reset();
        paragraphLine = line + 1;
        htmlBlock = false;
      } else if (nesting.opened > 0 || /^ {0,3}#/.test(body) || body.includes("|")) {
        delimiters = 0;
        images.reset();
        paragraphLine = line;
      }
      if (!blank && delimiters === 0 && /^ {0,3}<[A-Za-z/!?]/.test(body)) htmlBlock = true;
      // HTML blocks and indented code have no emphasis or links.
      if (!htmlBlock && !/^(?: {4}|\t)/.test(body)) {
        delimiters += countDelimiters(body);
        if (images.next(body) > MAX_IMAGE_NESTING) {
          throw new PobookError(`images nested ${MAX_IMAGE_NESTING + 1}+ deep in one another's alt text (pobook's limit is ${MAX_IMAGE_NESTING})`, { line });
        }
      }
      if (delimiters > MAX_INLINE_DELIMITERS) {
        throw new PobookError(
          `paragraph with more than ${MAX_INLINE_DELIMITERS} emphasis and link delimiters (*, _, ~, [, ]); pobook's limit is ${MAX_INLINE_DELIMITERS} per paragraph`,
          { line: paragraphLine },
        );
      }
    }
    lineStart = lineEnd + 1;
  }
}

/** `*`, `_`, `~`, `[` and `]` characters: each can open or close a span. */
function countDelimiters(line: string): number {
  let count = 0;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (char === "*" || char === "_" || char === "~" || char === "[" || char === "]") count++;
  }
  return count;
}

/**
 * How many `![` are open at once in a paragraph, line by line: each `[` or
 * `![` opens a bracket, each `]` closes the last one. Over-estimates (code
 * spans and brackets that never become links count too), never misses.
 */
class ImageNestingScan {
  /** For each open bracket, whether it opened an image. */
  private open: boolean[] = [];
  private images = 0;

  reset(): void {
    this.open = [];
    this.images = 0;
  }

  /** The most images open at once after `line`. */
  next(line: string): number {
    let most = this.images;
    let bang = false; // the last character was an unescaped `!`
    for (let index = 0; index < line.length; index++) {
      const char = line[index];
      const image = bang;
      bang = char === "!";
      if (char === "\\") index++;
      else if (char === "[") {
        this.open.push(image);
        if (image && ++this.images > most) most = this.images;
      } else if (char === "]" && this.open.pop()) this.images--;
    }
    return most;
  }
}

type Container = { kind: "quote" } | { kind: "list"; indent: number };

const LIST_MARKER = /^(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t]|$)/;
const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * Container depth line by line, like CommonMark's block phase but coarser:
 * open containers continue while their `>` or indentation is there (and
 * through lazy lines), then each `>` or list marker opens one more.
 */
class NestingScan {
  private stack: Container[] = [];
  /** Characters of the last line's container prefix. */
  prefixLength = 0;
  /** Containers the last line opened. */
  opened = 0;

  /** The depth after `line`; in a fenced code block, lines open no containers. */
  next(line: string, inFence: boolean): number {
    let index = 0;
    let column = 0;
    const spaces = (max: number): void => {
      while (index < line.length && column < max) {
        if (line[index] === " ") column++;
        else if (line[index] === "\t") column += 4 - (column % 4);
        else break;
        index++;
      }
    };
    let matched = 0;
    let lastNonBlank = line.length - 1;
    while (lastNonBlank >= 0 && (line[lastNonBlank] === " " || line[lastNonBlank] === "\t")) lastNonBlank--;
    const blankFrom = (at: number): boolean => at > lastNonBlank;
    for (const container of this.stack) {
      const savedIndex = index;
      const savedColumn = column;
      if (container.kind === "quote") {
        spaces(column + 3);
        if (line[index] !== ">") {
          index = savedIndex;
          column = savedColumn;
          break;
        }
        index++;
        column++;
        if (line[index] === " ") {
          index++;
          column++;
        }
      } else if (!blankFrom(index)) {
        spaces(column + container.indent);
        if (column - savedColumn < container.indent) {
          index = savedIndex;
          column = savedColumn;
          break;
        }
      }
      matched++;
    }
    const rest = line.slice(index);
    const opened: Container[] = [];
    if (!inFence && !THEMATIC_BREAK.test(rest.trim())) {
      for (;;) {
        const start = column;
        const savedIndex = index;
        spaces(column + 3);
        if (line[index] === ">") {
          index++;
          column++;
          if (line[index] === " ") {
            index++;
            column++;
          }
          opened.push({ kind: "quote" });
          continue;
        }
        const marker = LIST_MARKER.exec(line.slice(index, index + 11));
        if (marker) {
          index += marker[0].length;
          column += marker[0].length;
          const afterMarker = column;
          spaces(column + 4);
          const width = blankFrom(index) || column - afterMarker > 4 ? afterMarker + 1 - start : column - start;
          opened.push({ kind: "list", indent: Math.max(width, 1) });
          continue;
        }
        index = savedIndex;
        column = start;
        break;
      }
    }
    this.prefixLength = index;
    this.opened = opened.length;
    // A line that continues fewer containers and opens none may be a lazy paragraph line: keep them all.
    if (!inFence && (opened.length > 0 || blankFrom(index))) this.stack = this.stack.slice(0, matched).concat(opened);
    return this.stack.length;
  }
}
