/**
 * Property 8: failed verifications are limited per server credential (many addresses, one
 * credential) and per client address (many bad credentials, one address): 429 with
 * Retry-After, and the refusal is in the audit log. The flood-vs-latency half is measured by
 * `npm run bench` (see docs/SECURITY.md).
 */
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { registerServer } from "@/lib/servers/mutations";
import { generateCredential } from "@/lib/tokens/format";
import { handleVerify } from "@/lib/verify/http";
import { createFailureLimits } from "@/lib/verify/rate-limit";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { apiPost, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";

const ctx = { actor: SYSTEM_ACTOR, clientIp: null, userAgent: "vitest" };
const TIGHT = { capacity: 5, refillPerSecond: 1, maxKeys: 100 };
const ROOMY = { capacity: 1e6, refillPerSecond: 1e6, maxKeys: 100 };

describe("brute force against verify", () => {
  const t = useTempDb();

  it.each([
    ["one server credential guessing tokens from many addresses", "credential"],
    ["one address guessing server credentials", "address"],
  ] as const)("%s gets 429 after 5 failures, audited as call.rate_limited", (_label, key) => {
    const { server, credential } = registerServer({ name: "Brute", url: "https://brute.example.com", deployment: "remote" }, ctx);
    const good = insertToken({ ownerId: insertUser().id, scope: "read" });
    const limits = key === "credential" ? createFailureLimits(ROOMY, TIGHT) : createFailureLimits(TIGHT, ROOMY);
    const { deps } = testDeps({ limits });
    const attempt = (i: number) =>
      key === "credential"
        ? handleVerify(apiPost({ token: generateCredential("mcpt_") }, { auth: `Bearer ${credential}`, remote: `198.51.100.${i}` }), deps)
        : handleVerify(apiPost({ token: good.secret }, { auth: `Bearer ${generateCredential("mcps_")}`, remote: "198.51.100.7" }), deps);
    const statuses = Array.from({ length: 7 }, (_, i) => attempt(i).status);
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(key === "credential" ? 200 : 401));
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = attempt(99);
    expect(limited.headers["retry-after"]).toMatch(/^[1-9]\d*$/);
    const logged = t.db.$client.prepare("SELECT actor_type, server_id, reason, client_ip FROM audit_events WHERE type = 'call.rate_limited' ORDER BY seq DESC LIMIT 1").get();
    expect(logged).toEqual(
      key === "credential"
        ? { actor_type: "server", server_id: server.id, reason: "too_many_failures", client_ip: "198.51.100.99" }
        : { actor_type: "anonymous", server_id: null, reason: "too_many_failures", client_ip: "198.51.100.7" },
    );
  });
});
