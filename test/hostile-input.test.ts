// Hostile input found auditing issue 15 that the earlier limits missed:
// images nested in alt text, and one message repeated thousands of times.
import { describe, expect, it } from "vitest";
import { PobookError } from "../src/errors.js";
import { MAX_IMAGE_NESTING } from "../src/markdown/limits.js";
import { segmentMarkdown, type Message } from "../src/markdown/segment.js";
import { TemplateBuilder } from "../src/book/template.js";

function cpuSeconds<T>(work: () => T): { result: T; seconds: number } {
  const start = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(start);
  return { result, seconds: (used.user + used.system) / 1e6 };
}

const nestedImages = (depth: number) => `${"![".repeat(depth)}a${"](u)".repeat(depth)}`;

describe("images nested in one another's alt text", () => {
  it("past the limit: a one-line error at the line, quickly (2,400 deep ran for minutes)", () => {
    const { result, seconds } = cpuSeconds(() => {
      try {
        segmentMarkdown(`Intro.\n\n${nestedImages(2_400)}\n`);
      } catch (error) {
        return error;
      }
      return undefined;
    });
    expect(result).toBeInstanceOf(PobookError);
    expect((result as PobookError).line).toBe(3);
    expect((result as PobookError).message).toBe(`images nested ${MAX_IMAGE_NESTING + 1}+ deep in one another's alt text (pobook's limit is ${MAX_IMAGE_NESTING})`);
    expect(seconds).toBeLessThan(2);
  });

  it("at the limit, and brackets, escapes and closed images around: still messages", () => {
    expect(segmentMarkdown(`${nestedImages(MAX_IMAGE_NESTING)}\n`)).toHaveLength(1);
    // Closed images, plain brackets and escaped `\![` do not add up.
    const closed = `${"![a](u) [b] \\![ ".repeat(200)}\n`;
    expect(segmentMarkdown(closed)).toHaveLength(1);
    // A new paragraph starts counting again.
    const paragraphs = Array.from({ length: 3 }, () => nestedImages(MAX_IMAGE_NESTING)).join("\n\n");
    expect(segmentMarkdown(`${paragraphs}\n`)).toHaveLength(3);
  });
});

describe("one message repeated thousands of times", () => {
  it("the template names each place once, in linear time", () => {
    const messages: Message[] = Array.from({ length: 40_000 }, (_, index) => ({ msgid: "Yes", line: 1 + (index % 20_000), start: 0, end: 0, comment: "" }));
    const builder = new TemplateBuilder(1);
    const { seconds } = cpuSeconds(() => builder.add("src/a.md", messages));
    const [entry] = builder.build();
    expect(entry!.references).toHaveLength(20_000);
    expect(entry!.references.slice(0, 2)).toEqual(["src/a.md:1", "src/a.md:2"]);
    expect(seconds).toBeLessThan(1);
  });
});
