/**
 * Where each message goes when `[output.xgettext] depth` splits the template:
 * mdbook-xgettext's UniquePathBuilder (part titles and chapter names slugged
 * into directories, `-1`, `-2` suffixes for repeated names, `messages.pot`
 * at depth 0).
 */
export function slug(title: string): string {
  const words = title
    .toLowerCase()
    .replaceAll("c++", "cpp")
    .split(/\s+/u)
    .map((word) => [...word].filter((char) => char === "-" || /^[a-z0-9]$/i.test(char)).join(""))
    .filter((word) => word !== "");
  return words.length ? words.join("-") : "null";
}

export class PotPathBuilder {
  private path: string[] = [];
  private depth = 0;
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxDepth: number) {}

  private withCounter(): string[] {
    const key = this.path.join("/");
    const count = this.seen.get(key);
    if (count === undefined || count === 1 || this.path.length === 0) return [...this.path];
    const copy = [...this.path];
    copy[copy.length - 1] = `${copy[copy.length - 1]}-${count - 1}`;
    return copy;
  }

  /** The POT file for the current position (relative path). */
  get(): string {
    if (this.maxDepth === 0 || this.depth === 0) return "messages.pot";
    return `${this.withCounter().join("/")}.pot`;
  }

  push(title: string): void {
    this.depth++;
    if (this.depth > this.maxDepth) return;
    this.path = [...this.withCounter(), slug(title)];
    const key = this.path.join("/");
    this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
  }

  pop(): void {
    if (this.depth === 0) return;
    if (this.depth <= this.maxDepth) this.path.pop();
    this.depth--;
  }
}
