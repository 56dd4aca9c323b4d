/**
 * The preview answers only requests addressed to a loopback name: with DNS
 * rebinding, a web page can point its own host name at 127.0.0.1 and read
 * the preview through the browser, but its requests carry its own name in
 * the Host header.
 */
const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

/** `host` (a Host header) is a loopback name, alone or with the server's `port`. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const value = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => value === name || value === `${name}:${port}`);
}
