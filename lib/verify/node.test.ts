import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerServer } from "@/lib/servers/mutations";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { auditCount } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";
import { handleFastPath } from "./node";

const ctx = { actor: "system" as const, clientIp: null, userAgent: "vitest" };

/** Sends a raw request; resolves with the status, or "reset" if the connection was cut before an answer. */
function send(
  port: number,
  path: string,
  body: Buffer | string,
  headers: Record<string, string>,
): Promise<{ status: number | "reset"; body: string; headers?: http.IncomingHttpHeaders }> {
  return new Promise((resolve) => {
    const req = http.request({ port, path, method: "POST", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
    });
    req.on("error", () => resolve({ status: "reset", body: "" }));
    req.end(body);
  });
}

describe("the fast path in front of Next", () => {
  const t = useTempDb();
  let server: http.Server;
  let port = 0;
  let passedOn: string[] = [];

  beforeEach(async () => {
    passedOn = [];
    server = http.createServer((req, res) => {
      if (handleFastPath(req, res, req.socket.remoteAddress ?? null)) return;
      passedOn.push(`${req.method} ${req.url}`);
      res.end("next");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  it("answers verify itself and hands everything else to Next", async () => {
    const { credential } = registerServer({ name: "Fast", url: "https://fast.example.com", deployment: "remote" }, ctx);
    const token = insertToken({ ownerId: insertUser().id, scope: "read" });
    const res = await send(port, "/api/v1/verify", JSON.stringify({ token: token.secret, method: "tools/list" }), {
      "content-type": "application/json",
      authorization: `Bearer ${credential}`,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ active: true, allowed: true });
    // Sent whole, with its length in bytes, not in chunks.
    expect(res.headers?.["content-length"]).toBe(String(Buffer.byteLength(res.body)));
    expect(res.headers?.["transfer-encoding"]).toBeUndefined();
    // The refusal's message has a non-ASCII "…": its length is counted in bytes, not characters.
    const refused = await send(port, "/api/v1/verify", JSON.stringify({ token: token.secret }), { "content-type": "application/json" });
    expect(refused.status).toBe(401);
    expect(refused.body).toContain("…");
    expect(refused.headers?.["content-length"]).toBe(String(Buffer.byteLength(refused.body)));
    await send(port, "/api/v1/tools", "{}", {});
    await send(port, "/tokens", "", {});
    expect(passedOn).toEqual(["POST /api/v1/tools", "POST /tokens"]);
  });

  it("answers the OAuth client endpoints itself, with their RFC errors, and leaves their other methods to Next", async () => {
    const registered = await send(port, "/oauth/register", JSON.stringify({ client_name: "Fast client", redirect_uris: ["http://127.0.0.1/callback"], token_endpoint_auth_method: "none" }), {
      "content-type": "application/json",
    });
    expect(registered.status).toBe(201);
    const { client_id } = JSON.parse(registered.body) as { client_id: string };
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const token = await send(port, "/oauth/token", new URLSearchParams({ grant_type: "refresh_token", refresh_token: "mcpr_unknown", client_id }).toString(), form);
    expect(token.status).toBe(400);
    expect(JSON.parse(token.body)).toMatchObject({ error: "invalid_grant" });
    expect(token.headers?.["cache-control"]).toBe("no-store");
    const revoked = await send(port, "/oauth/revoke", new URLSearchParams({ token: "mcpr_unknown", client_id }).toString(), form);
    expect(revoked.status).toBe(200);
    const big = await send(port, "/oauth/token", Buffer.alloc(1024 * 1024, "a"), form);
    expect(big.status).toBe(413);
    await new Promise<void>((resolve) => http.get({ port, path: "/oauth/token" }, (res) => res.resume().on("end", resolve)));
    expect(passedOn).toEqual(["GET /oauth/token"]);
  });

  it("refuses a 10 MB body with 413, reads no further, and records nothing", async () => {
    const { credential } = registerServer({ name: "Big", url: "https://big.example.com", deployment: "remote" }, ctx);
    const before = auditCount(t.db.$client);
    const tenMb = Buffer.alloc(10 * 1024 * 1024, "a");
    const declared = await send(port, "/api/v1/verify", tenMb, { "content-type": "application/json", authorization: `Bearer ${credential}` });
    expect(declared.status).toBe(413);
    // Without a Content-Length the reader counts bytes as they come.
    const chunked = await send(port, "/api/v1/verify", tenMb, { "content-type": "application/json", "transfer-encoding": "chunked" });
    expect(chunked.status).toBe(413);
    expect(auditCount(t.db.$client)).toBe(before);
    // The server is still there for the next caller.
    const ok = await send(port, "/api/v1/verify", JSON.stringify({ token: "x" }), { "content-type": "application/json", authorization: `Bearer ${credential}` });
    expect(ok.status).toBe(200);
  });
});
