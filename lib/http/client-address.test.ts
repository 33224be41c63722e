import http from "node:http";
import type { AddressInfo, BlockList } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerServer } from "@/lib/servers/mutations";
import { handleFastPath } from "@/lib/verify/node";
import { useTempDb } from "@/test/temp-db";
import { admitClientAddress, CLIENT_IP_HEADER, clientAddressFromHeaders, parseTrustedProxies, resolveClientAddress } from "./client-address";

function proxies(list: string): BlockList {
  const parsed = parseTrustedProxies(list);
  if (!parsed.ok) throw new Error(`bad entry ${parsed.entry}`);
  return parsed.proxies;
}

describe("the client address behind TRUST_PROXY", () => {
  const trusted = proxies("10.0.0.0/8, 192.0.2.1, fd00::/8");

  it.each([
    ["no TRUST_PROXY: X-Forwarded-For is ignored", "10.0.0.5", "203.0.113.9", null, "10.0.0.5"],
    ["an untrusted peer's X-Forwarded-For is ignored", "198.51.100.4", "203.0.113.9", trusted, "198.51.100.4"],
    ["a trusted proxy's is honoured", "10.0.0.5", "203.0.113.9", trusted, "203.0.113.9"],
    ["through two trusted proxies", "10.0.0.5", "203.0.113.9, 192.0.2.1", trusted, "203.0.113.9"],
    ["a spoofed entry left of the real client is ignored", "10.0.0.5", "1.1.1.1, 203.0.113.9", trusted, "203.0.113.9"],
    ["a spoofed trusted address left of the real client is ignored", "10.0.0.5", "10.9.9.9, 203.0.113.9", trusted, "203.0.113.9"],
    ["garbage ends the walk at the last trusted hop", "10.0.0.5", "203.0.113.9, not-an-ip", trusted, "10.0.0.5"],
    ["only trusted hops: the left-most", "10.0.0.5", "10.1.1.1, 10.2.2.2", trusted, "10.1.1.1"],
    ["IPv6 proxies and clients", "fd00::1", "2001:db8::7", trusted, "2001:db8::7"],
    ["an IPv4-mapped IPv6 peer matches an IPv4 rule", "::ffff:10.0.0.5", "203.0.113.9", trusted, "203.0.113.9"],
    ["several headers read as one list", "10.0.0.5", ["1.1.1.1", "203.0.113.9"], trusted, "203.0.113.9"],
  ] as const)("%s", (_label, peer, xff, list, expected) => {
    expect(resolveClientAddress(peer, typeof xff === "string" ? xff : [...xff], list)).toBe(expected);
  });

  it.each(["10.0.0.0/33", "fd00::/129", "10.0.0.0/", "localhost", "10.0.0.0/8x", "1.2.3"])("refuses the entry %s", (entry) => {
    expect(parseTrustedProxies(`192.0.2.1, ${entry}`)).toEqual({ ok: false, entry });
  });

  it("in Next, takes only the address server.ts set, never the client's own X-Forwarded-For", () => {
    expect(clientAddressFromHeaders(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBeNull();
    expect(clientAddressFromHeaders(new Headers({ [CLIENT_IP_HEADER]: "198.51.100.4", "x-forwarded-for": "203.0.113.9" }))).toBe("198.51.100.4");
  });
});

describe("the fast path's limits and audit rows behind a trusted proxy", () => {
  const t = useTempDb();
  let server: http.Server;
  let port = 0;
  let trustLoopback = true;
  const nextSaw: (string | undefined)[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      // As server.ts does, with TRUST_PROXY=127.0.0.1 or unset.
      const address = admitClientAddress(req, trustLoopback ? proxies("127.0.0.1") : null);
      if (handleFastPath(req, res, address)) return;
      nextSaw.push(req.headers[CLIENT_IP_HEADER] as string | undefined);
      res.end("next");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const post = (path: string, auth: string, forwardedFor: string) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json", "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ token: "x" }),
    });
  const lastClientIp = () => t.db.$client.prepare("SELECT client_ip FROM audit_events ORDER BY seq DESC LIMIT 1").pluck().get();

  it("limits the forwarded client, not the proxy, and audits the client's address", async () => {
    trustLoopback = true;
    registerServer({ name: "Proxied", url: "https://proxied.example.com", deployment: "remote" }, { actor: "system", clientIp: null, userAgent: "vitest" });
    const statuses = new Set<number>();
    // Past the default per-address bucket (100) from one client behind the proxy.
    for (let i = 0; i < 120; i++) statuses.add((await post("/api/v1/verify", "Bearer mcps_nope", "1.1.1.1, 203.0.113.66")).status);
    expect(statuses).toEqual(new Set([401, 429]));
    // Another client behind the same proxy is not limited, and is audited as itself.
    expect((await post("/api/v1/verify", "Bearer mcps_nope", "203.0.113.67")).status).toBe(401);
    expect(lastClientIp()).toBe("203.0.113.67");
    // Next is told the same address.
    await fetch(`http://127.0.0.1:${port}/audit`, { headers: { "x-forwarded-for": "203.0.113.68", [CLIENT_IP_HEADER]: "6.6.6.6" } });
    expect(nextSaw.at(-1)).toBe("203.0.113.68");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", async () => {
    trustLoopback = false;
    expect((await post("/api/v1/verify", "Bearer mcps_nope", "203.0.113.70")).status).toBe(401);
    expect(lastClientIp()).toBe("127.0.0.1");
    await fetch(`http://127.0.0.1:${port}/audit`, { headers: { "x-forwarded-for": "203.0.113.71", [CLIENT_IP_HEADER]: "6.6.6.6" } });
    expect(nextSaw.at(-1)).toBe("127.0.0.1");
  });
});
