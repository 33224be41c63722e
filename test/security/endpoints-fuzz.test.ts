/**
 * Property 7, for the public endpoints beside verify (lib/verify/fuzz.test.ts covers verify):
 * 10,000 generated malformed requests to each produce no 500, no active answer, no change,
 * and oversized bodies are refused before any database work.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PUT as reportToolsRoute } from "@/app/api/v1/tools/route";
import { registerServer } from "@/lib/servers/mutations";
import { handleIntrospect, handleRevoke } from "@/lib/verify/http";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { apiPost, auditCount, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";

const ctx = { actor: "system" as const, clientIp: null, userAgent: "vitest" };
const RUNS = 10_000;

function nearMiss(secret: string) {
  return fc
    .tuple(fc.nat({ max: secret.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }))
    .map(([i, c]) => secret.slice(0, i) + c + secret.slice(i + 1))
    .filter((v) => v !== secret);
}

const asText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function bodies(secret: string) {
  const token = fc.oneof(nearMiss(secret), fc.string({ maxLength: 300 }), fc.jsonValue({ maxDepth: 2 }));
  return fc.oneof(
    token.map((v) => `token=${encodeURIComponent(asText(v))}`),
    fc.tuple(token, token).map(([a, b]) => `token=${encodeURIComponent(asText(a))}&token=${encodeURIComponent(asText(b))}`),
    fc.record({ token, token_type_hint: fc.string() }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
    fc.string({ maxLength: 2000 }),
    fc.string({ unit: "binary", maxLength: 500 }),
  );
}
const contentTypes = fc.constantFrom("application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data", "");

describe("10,000 malformed requests to each public endpoint", () => {
  const t = useTempDb();

  function fixture() {
    const { server, credential } = registerServer({ name: "Fuzz", url: "https://fuzz.example.com", deployment: "remote" }, ctx);
    const token = insertToken({ ownerId: insertUser().id, scope: "write", serverIds: [server.id] });
    return { server, credential, token };
  }

  it("POST /api/v1/introspect: never a 500, never active", () => {
    const { credential, token } = fixture();
    const { deps } = testDeps();
    fc.assert(
      fc.property(bodies(token.secret), contentTypes, (text, type) => {
        const res = handleIntrospect(apiPost(text, { auth: `Bearer ${credential}`, contentType: type, raw: true }), deps);
        expect([200, 400, 413]).toContain(res.status);
        expect((JSON.parse(res.body) as { active?: boolean }).active).not.toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("POST /api/v1/revoke: never a 500, and the real token is never revoked by a near miss", () => {
    const { token } = fixture();
    const { deps } = testDeps();
    fc.assert(
      fc.property(bodies(token.secret), contentTypes, (text, type) => {
        const res = handleRevoke(apiPost(text, { contentType: type, raw: true }), deps);
        expect([200, 400, 413]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
    expect(t.db.$client.prepare("SELECT revoked_at FROM tokens WHERE id = ?").pluck().get(token.tokenId)).toBeNull();
  });

  it("PUT /api/v1/tools: never a 500, and a refused report changes nothing but the audit of a failed authentication", async () => {
    const { credential } = fixture();
    const tool = fc.record({ name: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()), title: fc.jsonValue({ maxDepth: 1 }), annotations: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] });
    const body = fc.oneof(
      fc.record({ tools: fc.oneof(fc.array(tool, { maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })) }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 2000 }),
    );
    const auth = fc.constantFrom(`Bearer ${credential}`, "", "Bearer mcps_nope", `Basic ${credential}`);
    await fc.assert(
      fc.asyncProperty(body, auth, async (text, authorization) => {
        const before = auditCount(t.db.$client);
        const res = await reportToolsRoute(new Request("http://localhost/api/v1/tools", { method: "PUT", headers: { authorization, "content-type": "application/json" }, body: text }));
        expect([200, 400, 401, 429]).toContain(res.status);
        // A bad credential is audited (429s past the limit at most once an interval); a bad body is not.
        const added = auditCount(t.db.$client) - before;
        if (res.status === 400) expect(added).toBe(0);
        if (res.status === 401) expect(added).toBe(1);
        if (res.status === 429) expect(added).toBeLessThanOrEqual(1);
      }),
      { numRuns: RUNS },
    );
  });

  it("PUT /api/v1/tools refuses a body over 1 MB with 413 and records nothing", async () => {
    const { credential } = fixture();
    const before = auditCount(t.db.$client);
    const big = JSON.stringify({ tools: [{ name: "x", title: "a".repeat(2 * 1024 * 1024) }] });
    const res = await reportToolsRoute(new Request("http://localhost/api/v1/tools", { method: "PUT", headers: { authorization: `Bearer ${credential}` }, body: big }));
    expect(res.status).toBe(413);
    expect(auditCount(t.db.$client)).toBe(before);
  });
});
