// Image alt text: plain text skips the parser (src/markdown/inline-events.ts), markup is parsed;
// both give mdbook-xgettext's msgids.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { segmentMarkdown } from "../src/markdown/segment.js";

const msgids = (source: string): string[] => segmentMarkdown(source).map((message) => message.msgid);

describe("image alt text", () => {
  test("plain alt text is kept as written, markup in it is written as the msgid writer writes it", () => {
    expect(msgids('Text ![a {b} | c $d](x.png "t") more.\n')).toEqual(['Text ![a {b} | c $d](x.png "t") more.']);
    expect(msgids("A ![日本 #1](y.png)\n")).toEqual(["A ![日本 #1](y.png)"]);
    expect(msgids("![](y.png)\n")).toEqual(["![](y.png)"]);
    expect(msgids("![&amp; x](y.png)\n")).toEqual(["![& x](y.png)"]);
    expect(msgids("![a \\* b](y.png)\n")).toEqual(["![a \\* b](y.png)"]);
    expect(msgids("![*em* `c`](y.png)\n")).toEqual(["![_em_ `c`](y.png)"]);
  });

  test("a plain alt text gives the msgid that the same text as a link's text gives", () => {
    // A link's text goes through the parser: the image's plain path must agree with it.
    const plain = fc.string({ unit: fc.constantFrom(..."abc XYZ09.,;:'\"()-+=/?#%@{}|$éü日本"), maxLength: 16 });
    fc.assert(
      fc.property(plain, (alt) => {
        const [image] = msgids(`Text ![${alt}](img.png) end.\n`);
        const [link] = msgids(`Text [${alt}](img.png) end.\n`);
        expect(image).toBe(link!.replace("Text [", "Text !["));
      }),
      { numRuns: 300 },
    );
  });

  test("2,400 images in one paragraph stay one message", () => {
    const paragraph = Array.from({ length: 2400 }, (_, index) => `![image ${index}](b${index}.png)`).join(" ");
    expect(msgids(`${paragraph}\n`)).toEqual([paragraph]);
  });
});
