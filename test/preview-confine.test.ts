// The preview server answers loopback Host names only, serves only the files rendered pages
// need (src/, the theme), reads chapters and includes like every other command (confined to the
// read root), says unreadable includes on the page, and a busy port is a one-line exit 2.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, makeTree } from "./helpers/cli.js";
import { startPreview } from "../src/preview/server.js";
import { isLoopbackHost } from "../src/preview/host.js";

const FIXTURE = resolve(import.meta.dirname, "../fixtures/preview-book");

/** A copy of the preview fixture in a fresh git repository (book in `book/`, examples above it). */
function bookInRepo(): { repo: string; book: string } {
  const repo = makeTree({ "examples/x.rs": 'fn main() {\n    println!("from the examples");\n}\n', "outside.txt": "secret\n" });
  const book = join(repo, "book");
  cpSync(FIXTURE, book, { recursive: true });
  execFileSync("git", ["init", "-q", repo]);
  writeFileSync(join(book, "src/img.png"), "PNG");
  writeFileSync(join(book, "src/.env"), "TOKEN=1\n");
  writeFileSync(join(book, "extra.css"), "p {}\n");
  writeFileSync(join(book, "book.toml"), `${"[book]\ntitle = \"Preview\"\n"}\n[output.html]\nadditional-css = ["extra.css"]\n`);
  symlinkSync(join(repo, "outside.txt"), join(book, "src/leak.txt"));
  writeFileSync(join(book, "src/SUMMARY.md"), "- [Intro](intro.md)\n- [Code](code.md)\n");
  writeFileSync(join(book, "src/code.md"), "# Code\n\n```rust\n{{#include ../../examples/x.rs}}\n```\n\n{{#include missing.md}}\n");
  return { repo, book };
}

function raw(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    get({ host: "127.0.0.1", port, path, headers: { host } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => done({ status: response.statusCode ?? 0, body }));
    }).on("error", fail);
  });
}

describe("isLoopbackHost", () => {
  it("accepts 127.0.0.1, localhost and [::1], alone or with the server's port", () => {
    for (const host of ["127.0.0.1:3000", "localhost:3000", "LOCALHOST:3000", "[::1]:3000", "localhost"]) expect(isLoopbackHost(host, 3000)).toBe(true);
    for (const host of [undefined, "", "evil.example:3000", "localhost:3001", "127.0.0.1.evil.example:3000", "localhost.:3000", "[::1]:80"]) expect(isLoopbackHost(host, 3000)).toBe(false);
  });
});

describe("preview server, hardened", () => {
  it("refuses other Host names, answers 400 to a malformed escape, serves only src/ and theme files", async () => {
    const { book } = bookInRepo();
    const server = await startPreview({ root: book, language: "fr", port: 0 });
    const port = server.port;
    try {
      // DNS rebinding: the attacker's name in the Host header.
      expect((await raw(port, "/intro.html", `evil.example:${port}`)).status).toBe(403);
      expect((await raw(port, "/__book/theme/book.css", "evil.example")).status).toBe(403);
      for (const host of [`localhost:${port}`, `[::1]:${port}`, `127.0.0.1:${port}`]) expect((await raw(port, "/intro.html", host)).status).toBe(200);
      expect((await raw(port, "/%E0%A4%A.html")).status).toBe(400);
      expect((await raw(port, "/__book/%zz")).status).toBe(400);
      expect((await raw(port, "/__book/theme/book.css")).status).toBe(200);
      expect((await raw(port, "/__book/extra.css")).status).toBe(200);
      expect((await raw(port, "/__book/src/img.png")).status).toBe(200);
      expect((await raw(port, "/img.png")).body).toBe("PNG");
      for (const path of ["/__book/book.toml", "/__book/po/fr.po", "/__book/..%2f.git%2fconfig", "/__book/src/.env", "/.env", "/leak.txt", "/__book/src/leak.txt", "/..%2fbook.toml", "/..%2fpo%2ffr.po", "/__book/..%2foutside.txt"]) {
        expect([path, (await raw(port, path)).status]).toEqual([path, 403]);
      }
      expect((await raw(port, "/nothing.png")).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("renders includes from the repository above the book and says a missing one on the page", async () => {
    const { book } = bookInRepo();
    const server = await startPreview({ root: book, language: "fr", port: 0 });
    try {
      const page = await raw(server.port, "/code.html");
      expect(page.status).toBe(200);
      expect(page.body).toContain("from the examples");
      expect(page.body).toMatch(/<div id="pobook-error"[^>]*>[^<]*src\/code\.md:7: cannot read included file src\/missing\.md \(ENOENT\)/);
    } finally {
      await server.close();
    }
  });

  it("reloads pages when an included file outside src/ changes", async () => {
    const { repo, book } = bookInRepo();
    const server = await startPreview({ root: book, language: "fr", port: 0 });
    try {
      await raw(server.port, "/code.html");
      const changed = new Promise<string>((done, fail) => {
        const request = get({ host: "127.0.0.1", port: server.port, path: "/__pobook/events", headers: { host: `127.0.0.1:${server.port}` } }, (response) => {
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            if (chunk.includes("event: change")) {
              request.destroy();
              done(chunk);
            }
          });
          setTimeout(() => writeFileSync(join(repo, "examples/x.rs"), "fn main() {}\n"), 200);
        });
        request.on("error", (error) => (error.message.includes("aborted") || error.message.includes("socket hang up") ? undefined : fail(error)));
        setTimeout(() => fail(new Error("no change event within 5 s")), 5000);
      });
      expect(await changed).toContain("event: change");
    } finally {
      await server.close();
    }
  });

  it("a chapter symlinked out of the repository is not shown", async () => {
    const { repo, book } = bookInRepo();
    mkdirSync(join(repo, "..", "elsewhere"), { recursive: true });
    writeFileSync(join(repo, "..", "elsewhere", "secret.md"), "# Top secret words\n");
    symlinkSync(join(repo, "..", "elsewhere", "secret.md"), join(book, "src/secret.md"));
    writeFileSync(join(book, "src/SUMMARY.md"), "- [Intro](intro.md)\n- [Secret](secret.md)\n");
    const server = await startPreview({ root: book, language: "fr", port: 0 });
    try {
      const page = await raw(server.port, "/secret.html");
      expect(page.body).not.toContain("Top secret words");
      expect(page.body).toMatch(/secret\.md is outside the read root/);
    } finally {
      await server.close();
    }
  });
  it("a SUMMARY.md symlinked out of the repository is refused, not served", async () => {
    const { repo, book } = bookInRepo();
    mkdirSync(join(repo, "..", "away"), { recursive: true });
    writeFileSync(join(repo, "..", "away", "SUMMARY.md"), "- [Far away words](intro.md)\n");
    rmSync(join(book, "src/SUMMARY.md"));
    symlinkSync(join(repo, "..", "away", "SUMMARY.md"), join(book, "src/SUMMARY.md"));
    const server = await startPreview({ root: book, language: "fr", port: 0 });
    try {
      const page = await raw(server.port, "/intro.html");
      expect(page.status).toBe(403);
      expect(page.body).toMatch(/SUMMARY\.md is outside the read root/);
      expect(page.body).not.toContain("Far away words");
    } finally {
      await server.close();
    }
  });
});

describe("pobook preview on a busy port", () => {
  it("exits with status 2 and one line", async () => {
    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, "127.0.0.1", done));
    const port = (busy.address() as { port: number }).port;
    try {
      const result = spawnSync(process.execPath, [CLI, "preview", FIXTURE, "-l", "fr", "--port", String(port)], { encoding: "utf8", timeout: 20_000 });
      expect(result.signal).toBeNull();
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`pobook: port ${port} is in use (give another with --port, or --port 0 for a free one)\n`);
    } finally {
      busy.close();
    }
  });
});
