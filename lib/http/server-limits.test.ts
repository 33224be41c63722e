/**
 * Slow and idle clients cannot take the server's connections: a request trickled in byte by byte
 * is closed within the request timeout, and thousands of sockets from one address are dropped
 * past that address's cap while another address is served normally.
 */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { createLimitedServer, type ServerLimits } from "./server-limits";

let server: http.Server | undefined;
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function listen(limits: ServerLimits): Promise<number> {
  server = createLimitedServer(limits, (_req, res) => res.end("ok"));
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

function connect(port: number, localAddress: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host: "127.0.0.1", localAddress }, () => resolve(s));
    s.on("error", () => {}); // a dropped socket may reset; its "close" is what we watch
    // A paused socket keeps the server's FIN unread and never emits "end" or "close": read it.
    s.resume();
    s.once("error", reject);
    sockets.push(s);
  });
}

async function waitFor(done: () => boolean, ms = 8_000) {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

const closed = (s: net.Socket) => new Promise<void>((r) => (s.destroyed ? r() : s.once("close", () => r())));

describe("connection limits", () => {
  it("default to a 10 s request timeout and bounded connections", () => {
    expect(parseConfig({}).http).toEqual({ requestTimeoutMs: 10_000, keepAliveTimeoutMs: 65_000, maxConnections: 4096, maxConnectionsPerAddress: 256 });
    expect(() => parseConfig({ HTTP_REQUEST_TIMEOUT_MS: "5" })).toThrow(/HTTP_REQUEST_TIMEOUT_MS/);
  });

  it("close a client that trickles its request head a byte at a time, within the request timeout", async () => {
    const limits = parseConfig({ HTTP_REQUEST_TIMEOUT_MS: "2000" }).http;
    const port = await listen(limits);
    const s = await connect(port, "127.0.0.1");
    const started = Date.now();
    const head = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(1000);
    let i = 0;
    const drip = setInterval(() => !s.destroyed && s.write(head[i++ % head.length]!), 200);
    await closed(s);
    clearInterval(drip);
    // Closed after the timeout (plus Node's one-second check), not after Node's default 300 s.
    expect(Date.now() - started).toBeLessThan(limits.requestTimeoutMs + 2_500);
  }, 10_000);

  it("close a connection that never sends anything, within the request timeout", async () => {
    const port = await listen(parseConfig({ HTTP_REQUEST_TIMEOUT_MS: "2000" }).http);
    const s = await connect(port, "127.0.0.1");
    const started = Date.now();
    await closed(s);
    expect(Date.now() - started).toBeLessThan(4_500);
  }, 10_000);

  it("drop sockets from one address past its cap while another address is served", async () => {
    const limits = parseConfig({}).http;
    const port = await listen(limits);
    // In batches, so that the kernel's accept queue (listen backlog) never overflows.
    const flood: (net.Socket | null)[] = [];
    for (let batch = 0; batch < 20; batch++) {
      flood.push(...(await Promise.all(Array.from({ length: 100 }, () => connect(port, "127.0.0.2").catch(() => null)))));
    }
    // Every socket beyond the cap is closed by the server as soon as it accepts it.
    const isOpen = (s: net.Socket | null) => s && !s.destroyed && !s.readableEnded;
    await waitFor(() => flood.filter(isOpen).length <= limits.maxConnectionsPerAddress);
    await new Promise((r) => setTimeout(r, 300));
    const open = flood.filter(isOpen) as net.Socket[];
    expect(open.length).toBe(limits.maxConnectionsPerAddress);
    expect(await new Promise((r) => server!.getConnections((_e, n) => r(n)))).toBe(limits.maxConnectionsPerAddress);
    // Meanwhile 127.0.0.1 is answered normally, and the idle flood still holds its 256 sockets.
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.text()).toBe("ok");
    // A socket from the flooding address that frees a slot is replaced by at most one more.
    open[0]!.destroy();
    await closed(open[0]!);
    await new Promise((r) => setTimeout(r, 100));
    const again = await connect(port, "127.0.0.2");
    await new Promise((r) => setTimeout(r, 200));
    expect(again.destroyed || again.readableEnded).toBe(false);
  }, 20_000);

  it("cap connections in all", async () => {
    const port = await listen({ ...parseConfig({}).http, maxConnections: 50, maxConnectionsPerAddress: 1000 });
    const many = await Promise.all(Array.from({ length: 80 }, () => connect(port, "127.0.0.3").catch(() => null)));
    const isOpen = (s: net.Socket | null) => s && !s.destroyed && !s.readableEnded;
    await waitFor(() => many.filter(isOpen).length <= 50);
    await new Promise((r) => setTimeout(r, 300));
    expect(many.filter(isOpen).length).toBe(50);
  });
});
