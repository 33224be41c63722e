/**
 * Property 2: a token in a URL query string is refused (400) and never logged; a malformed or
 * bad-checksum token is answered without looking anything up in the database.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as schema from "@/db/schema";
import { setDb, type Db } from "@/db/client";
import { GET as verifyGet, POST as verifyPost } from "@/app/api/v1/verify/route";
import { POST as introspectPost } from "@/app/api/v1/introspect/route";
import { POST as revokePost } from "@/app/api/v1/revoke/route";
import { registerServer } from "@/lib/servers/mutations";
import { generateCredential } from "@/lib/tokens/format";
import { handleFastPath } from "@/lib/verify/node";
import { handleVerify } from "@/lib/verify/http";
import { carriesCredential } from "@/lib/http/credential-in-url";
import { refuseAtEdge } from "@/lib/http/edge-refusals";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { apiPost, auditCount, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";

const ctx = { actor: "system" as const, clientIp: null, userAgent: "vitest" };

/** Everything written to the console while `fn` runs. */
async function consoleDuring(fn: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" "))),
  );
  try {
    await fn();
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return lines.join("\n");
}

describe("a token in the URL", () => {
  const t = useTempDb();
  let server: http.Server;
  let port = 0;

  beforeEach(async () => {
    server = http.createServer((req, res) => {
      if (!handleFastPath(req, res, req.socket.remoteAddress ?? null)) res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  const PATHS = ["/api/v1/verify", "/api/v1/introspect", "/api/v1/revoke"];

  it.each(PATHS)("POST %s?token=… on the fast path: 400, no decision, no audit row, nothing logged", async (path) => {
    const { credential } = registerServer({ name: "Url", url: "https://url.example.com", deployment: "remote" }, ctx);
    const canary = insertToken({ ownerId: insertUser().id, scope: "write" }).secret;
    const before = auditCount(t.db.$client);
    let status = 0;
    let text = "";
    const logged = await consoleDuring(async () => {
      // Each endpoint's own body format, so the only thing wrong with the request is its URL.
      const json = path === "/api/v1/verify";
      const res = await fetch(`http://127.0.0.1:${port}${path}?token=${canary}`, {
        method: "POST",
        headers: { authorization: `Bearer ${credential}`, "content-type": json ? "application/json" : "application/x-www-form-urlencoded" },
        body: json ? JSON.stringify({ token: canary }) : `token=${canary}`,
      });
      status = res.status;
      text = await res.text();
    });
    expect(status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ error: { code: "invalid_request" } });
    expect(text).not.toContain(canary);
    expect(auditCount(t.db.$client)).toBe(before);
    expect(logged).not.toContain(canary);
    const dump = JSON.stringify(t.db.$client.prepare("SELECT * FROM audit_events").all());
    expect(dump).not.toContain(canary);
  });

  it.each([
    ["GET /api/v1/verify", verifyGet, "/api/v1/verify"],
    ["POST /api/v1/verify", verifyPost, "/api/v1/verify"],
    ["POST /api/v1/introspect", introspectPost, "/api/v1/introspect"],
    ["POST /api/v1/revoke", revokePost, "/api/v1/revoke"],
  ])("%s?access_token=… through the route handler (next dev, or a path Next answers): 400, no audit row", async (_label, handler, path) => {
    const canary = insertToken({ ownerId: insertUser().id, scope: "read" }).secret;
    const before = auditCount(t.db.$client);
    const method = _label.split(" ")[0]!;
    const res = await handler(
      new Request(`http://localhost${path}?access_token=${canary}`, {
        method,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: method === "GET" ? undefined : `token=${canary}`,
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain(canary);
    expect(auditCount(t.db.$client)).toBe(before);
    // The token in the URL did not revoke anything either.
    expect(t.db.$client.prepare("SELECT count(*) FROM tokens WHERE revoked_at IS NOT NULL").pluck().get()).toBe(0);
  });
});

describe("a credential-shaped URL at server.ts's edge", () => {
  const secret = generateCredential("mcpt_");
  const credential = generateCredential("mcps_");
  const pct = (s: string) => [...s].map((c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
  it.each([
    `/api/v1/verify;token=${secret}`,
    `/api/v1/verify;TOKEN=x`,
    `/api/v1/verify/x?access_token=${secret}`,
    `/anything?Access_Token=abc`,
    `/tokens/${secret}`,
    `/x?c=${credential}`,
    `/x?c=MCPT_abc`,
    `/api/v1/verify%3Btoken=abc`,
    `/x?${pct("access_token")}=abc`,
    `/x/${pct("mcpt_")}abc`,
    `/x/mcpt%255Fabc`,
    `/x/mcpt%25255fabc`,
    `/x%ZZ/${pct("mcps_")}`,
    // OAuth refresh tokens and client secrets are credentials too.
    `/oauth/token?refresh_token=mcpr_abc`,
    `/oauth/authorize?client_secret=mcpc_abc`,
  ])("%s is answered 400 before anything else sees it, echoing and logging nothing", async (url) => {
    expect(carriesCredential(url)).toBe(true);
    let passedOn = false;
    const server = http.createServer((req, res) => {
      if (refuseAtEdge(req, res)) return;
      passedOn = true;
      res.end("next");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    let answer = { status: 0, body: "", type: "" };
    const logged = await consoleDuring(async () => {
      answer = await new Promise((resolve, reject) => {
        // Raw request target as sent: fetch() would normalise the path.
        http
          .request({ host: "127.0.0.1", port, path: url, method: "GET" }, (res) => {
            let body = "";
            res.on("data", (c: Buffer) => (body += c.toString()));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers["content-type"]) }));
          })
          .on("error", reject)
          .end();
      });
    });
    await new Promise<void>((r) => server.close(() => r()));
    expect(answer.status).toBe(400);
    expect(answer.type).toBe("application/json");
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "invalid_request" } });
    expect(passedOn).toBe(false);
    for (const part of [secret, credential, "abc"]) expect(answer.body + logged).not.toContain(part);
  });

  it.each(["/", "/tokens?page=2&sort=createdAt", "/api/v1/verify", "/login?next=%2Ftokens", "/audit?q=token%3Dx", "/servers/mcp-notes"])(
    "%s goes on as usual",
    (url) => expect(carriesCredential(url)).toBe(false),
  );
});

describe("a malformed or bad-checksum token", () => {
  const t = useTempDb();
  let executed: string[] = [];
  let traced: Db;

  beforeEach(() => {
    // A second connection to the same file that reports every statement it runs
    // (better-sqlite3's `verbose` hook fires on each execution, with the SQL).
    executed = [];
    const sqlite = new Database(t.file, { verbose: (sql) => void executed.push(String(sql)) });
    sqlite.pragma("busy_timeout = 5000");
    traced = Object.assign(drizzle(sqlite, { schema }), { $client: sqlite }) as Db;
  });
  afterEach(() => {
    setDb(t.db);
    traced.$client.close();
  });

  function callWith(token: string) {
    const { credential } = registerServer({ name: `Q${Math.random()}`, url: "https://q.example.com", deployment: "remote" }, ctx);
    setDb(traced);
    executed = [];
    const res = handleVerify(apiPost({ token, method: "tools/list" }, { auth: `Bearer ${credential}` }), testDeps().deps);
    setDb(t.db);
    return { res, statements: executed };
  }

  const good = generateCredential("mcpt_");
  it.each([
    ["a bad checksum", good.slice(0, -1) + (good.endsWith("A") ? "B" : "A")],
    ["the wrong prefix", "mcpx_" + good.slice(5)],
    ["a server credential's prefix", generateCredential("mcps_")],
    ["one character short", good.slice(0, -1)],
    ["not a token at all", "hunter2"],
    ["a SQL fragment", "' OR 1=1 --"],
  ])("with %s is answered malformed without a token lookup", (_label, token) => {
    const { res, statements } = callWith(token);
    expect(JSON.parse(res.body)).toEqual({ active: false, reason: "malformed" });
    expect(statements.length).toBeGreaterThan(0);
    // The tables that hold tokens are never read; only the caller's credential is checked and the decision audited.
    expect(statements.filter((sql) => /\b(token_secrets|tokens|token_servers|users)\b/.test(sql))).toEqual([]);
  });

  it("(while a well-formed unknown token is looked up, so the tracer sees lookups)", () => {
    const { res, statements } = callWith(generateCredential("mcpt_"));
    expect(JSON.parse(res.body)).toEqual({ active: false, reason: "unknown" });
    expect(statements.some((sql) => /FROM token_secrets/.test(sql))).toBe(true);
  });
});
