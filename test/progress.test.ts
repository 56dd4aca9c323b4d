import { describe, expect, it } from "vitest";
import { progress, readWithProgress } from "../src/commands/progress.js";

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe("progress on a terminal", () => {
  it("says nothing for the first two seconds, then one redrawn line, cleared at the end", () => {
    let time = 0;
    const { stream, written } = terminal(true);
    const report = progress(stream, { now: () => time });
    report.update("early");
    time = 1999;
    report.update("still early");
    expect(written).toEqual([]);
    time = 2000;
    report.update("reading src/a.md");
    time = 2050;
    report.update("too soon to redraw");
    time = 2200;
    report.update("reading src/b.md");
    report.done();
    expect(written).toEqual(["\r\x1b[Kreading src/a.md", "\r\x1b[Kreading src/b.md", "\r\x1b[K"]);
  });

  it("says nothing when stderr is not a terminal, and clears nothing it did not show", () => {
    let time = 0;
    const { stream, written } = terminal(false);
    const report = progress(stream, { now: () => time });
    time = 10_000;
    report.update("reading");
    report.done();
    const quick = terminal(true);
    const fast = progress(quick.stream, { now: () => 0 });
    fast.update("x");
    fast.done();
    expect([...written, ...quick.written]).toEqual([]);
  });

  it("counts the files a reader reads", () => {
    let time = 5000;
    const { stream, written } = terminal(true);
    const report = progress(stream, { now: () => time, delayMs: 0 });
    const read = readWithProgress((path) => `text of ${path}`, report, "reading the book");
    expect(read("src/a.md")).toBe("text of src/a.md");
    time += 1000;
    read("src/b.md");
    expect(written).toEqual(["\r\x1b[Kreading the book (1 files): src/a.md", "\r\x1b[Kreading the book (2 files): src/b.md"]);
  });
});
