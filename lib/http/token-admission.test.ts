import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RequestAdmission } from "./request-admission";
import { refuseTokenFlood } from "./token-admission";

describe("token admission in front of the token endpoint", () => {
  let server: http.Server;
  let port = 0;
  const passedOn: string[] = [];

  beforeAll(async () => {
    // One request a second per address after a burst of ten; the address is the test's to choose.
    const admission = new RequestAdmission({ perAddressPerSecond: 1, overallPerSecond: 100 });
    server = http.createServer((req, res) => {
      if (refuseTokenFlood(admission, req, res, String(req.headers["x-test-address"]))) return;
      passedOn.push(`${req.method} ${req.url}`);
      res.end("handled");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const post = (path: string, address: string) =>
    fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", headers: { "x-test-address": address, "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=refresh_token" });

  it("lets an address's burst through, then answers 429 as an OAuth error a browser client can read, before any work", async () => {
    for (let i = 0; i < 10; i++) expect((await post("/oauth/token", "203.0.113.9")).status).toBe(200);
    const refused = await post("/oauth/revoke", "203.0.113.9");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(await refused.json()).toEqual({ error: "invalid_request", error_description: "Too many token requests right now. Try again in 1 second." });
    expect(passedOn).toHaveLength(10);
    // Another address is not held back, and other OAuth requests are never counted.
    expect((await post("/oauth/token", "203.0.113.10")).status).toBe(200);
    expect((await post("/oauth/register", "203.0.113.9")).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/oauth/token`, { headers: { "x-test-address": "203.0.113.9" } })).status).toBe(200);
  });
});
