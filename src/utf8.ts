/** Strict UTF-8 decoding that can name the line of the first invalid byte. */

const strict = new TextDecoder("utf-8", { fatal: true });

/** The text, or the 1-based line holding the first invalid sequence. */
export function decodeStrictUtf8(bytes: Uint8Array): { text: string } | { invalidLine: number } {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    // No UTF-8 sequence contains a newline byte, so lines can be decoded one by one.
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index <= bytes.length; index++) {
      if (index !== bytes.length && bytes[index] !== 0x0a) continue;
      try {
        strict.decode(bytes.subarray(lineStart, index));
      } catch {
        return { invalidLine: line };
      }
      line++;
      lineStart = index + 1;
    }
    return { invalidLine: line };
  }
}
