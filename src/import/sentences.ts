/**
 * Sentences in a message, for telling a changed source paragraph from its
 * old translation: translators keep the sentences of technical prose (on
 * the corpus, 99.8% of translated messages have as many as their msgid),
 * while an edit that adds or drops one changes the count.
 */

const CODE_SPAN = /(`+)(?:(?!\1).)+?\1/gs;
/** Images and links (a line of badges is no sentence); link text is kept. */
const IMAGE = /!\[[^\]]*\]\([^)]*\)/g;
const LINK = /\[([^\]]*)\]\([^)]*\)/g;
const URL = /https?:\/\/\S+/g;
/** Abbreviations whose dot ends no sentence (English and the corpus languages). */
const ABBREVIATION = /\b(?:e\.g|i\.e|p\.ex|etc|vs|cf|Dr|Mr|Mrs|ex|z\.B|d\.h|bzw|usw|av|approx|aprox)\./gi;
/** A sentence end: `.`, `!`, `?` (and their CJK forms), closing brackets or quotes after it, before a space or the end; a final `:`. */
const SENTENCE_END = /[.!?]+[)"'\u201d\u2019*_]*(?=\s+\S|\s*$)|[。！？]+|:(?=\s*$)/g;

export function sentenceCount(text: string): number {
  const prose = text.replace(CODE_SPAN, "x").replace(IMAGE, "").replace(LINK, "$1").replace(URL, "x").replace(ABBREVIATION, "x");
  const ends = prose.match(SENTENCE_END)?.length ?? 0;
  // Text after the last end (no final stop) is a sentence too.
  const tail = prose.replace(/\s+$/, "");
  const last = tail.search(/[.!?。！？:][^.!?。！？:]*$/);
  return ends + (/\p{L}/u.test(tail.slice(last + 1)) ? 1 : 0);
}

/** How the text ends: with `:` (it introduces what follows), a full stop (`.`, `!`, `?`), or neither. */
export function finalPunctuation(text: string): ":" | "." | "" {
  const end = text.replace(/[\s)"'\u201d\u2019*_]+$/, "").slice(-1);
  return end === ":" ? ":" : ".!?。！？".includes(end) && end !== "" ? "." : "";
}
