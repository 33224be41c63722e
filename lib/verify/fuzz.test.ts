import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registerServer } from "@/lib/servers/mutations";
import { generateCredential } from "@/lib/tokens/format";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { apiPost, auditCount, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";
import { handleVerify } from "./http";

const ctx = { actor: "system" as const, clientIp: null, userAgent: "vitest" };

/** A near miss of a real token: one character changed, cut or added. Never the token itself. */
function nearMiss(secret: string) {
  return fc
    .tuple(fc.nat({ max: secret.length - 1 }), fc.constantFrom("change", "cut", "add"), fc.string({ minLength: 1, maxLength: 1 }))
    .map(([i, how, c]) => (how === "cut" ? secret.slice(0, i) + secret.slice(i + 1) : how === "add" ? secret.slice(0, i) + c + secret.slice(i) : secret.slice(0, i) + c + secret.slice(i + 1)))
    .filter((v) => v !== secret);
}

describe("verify under 10,000 generated malformed requests", () => {
  const t = useTempDb();

  it("never answers 500 and never allows", () => {
    const { server, credential } = registerServer({ name: "Fuzz", url: "https://fuzz.example.com", deployment: "remote" }, ctx);
    const user = insertUser();
    const write = insertToken({ ownerId: user.id, scope: "write", serverIds: [server.id] });
    const { deps } = testDeps();
    const field = fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null), fc.boolean(), fc.jsonValue({ maxDepth: 2 }));
    const token = fc.oneof(nearMiss(write.secret), fc.constant(generateCredential("mcpt_")), fc.string({ maxLength: 300 }), field);
    const arbitrary = fc.record(
      { token, method: field, tool: field, request_id: field, client_ip: field, user_agent: field, extra: field },
      { requiredKeys: [] },
    );
    // Well-shaped requests whose token is wrong: these reach the database and must still never allow.
    const plausible = fc.record(
      {
        token: fc.oneof(nearMiss(write.secret), fc.constant(generateCredential("mcpt_")), fc.string({ minLength: 1, maxLength: 256 })),
        method: fc.constantFrom("tools/list", "resources/read", "initialize"),
        request_id: fc.oneof(fc.integer(), fc.string({ minLength: 1, maxLength: 20 })),
        client_ip: fc.constantFrom("127.0.0.1", "::1", "203.0.113.7"),
      },
      { requiredKeys: ["token"] },
    );
    const objectBody = fc.oneof({ arbitrary: plausible, weight: 3 }, { arbitrary, weight: 1 });
    const body = fc.oneof(
      objectBody.map((o) => JSON.stringify(o)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 2000 }),
      fc.string({ unit: "binary", maxLength: 500 }),
      objectBody.map((o) => JSON.stringify(o).slice(0, -1)),
    );
    let audited = 0;
    fc.assert(
      fc.property(body, (text) => {
        const before = auditCount(t.db.$client);
        const res = handleVerify(apiPost(text, { auth: `Bearer ${credential}`, raw: true }), deps);
        expect(res.status).not.toBe(500);
        const parsed = JSON.parse(res.body) as { allowed?: boolean; active?: boolean };
        expect(parsed.allowed).not.toBe(true);
        // 200s and 429s are decisions and are audited; 4xx refusals happen before any database work.
        const expected = res.status === 200 || res.status === 429 ? 1 : 0;
        expect(auditCount(t.db.$client) - before).toBe(expected);
        audited += expected;
      }),
      { numRuns: 10_000 },
    );
    expect(audited).toBeGreaterThan(1000);
  });
});
