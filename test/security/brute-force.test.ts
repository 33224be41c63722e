/**
 * Property 10: failed verifications are limited per server credential (many addresses, one
 * credential), per end client and per address (many bad credentials, one address): 429 with
 * Retry-After. A valid credential is never refused by any of these buckets, and a flood of
 * refusals adds a bounded number of audit rows: the first refusal of a key in an interval is
 * written as itself, the rest are counted into one summary. The flood-vs-latency half is
 * measured by `npm run bench` (see docs/SECURITY.md).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PUT as reportToolsRoute } from "@/app/api/v1/tools/route";
import { verifyStoredChain } from "@/lib/audit/verify";
import { CLIENT_IP_HEADER } from "@/lib/http/client-address";
import { registerServer } from "@/lib/servers/mutations";
import { generateCredential } from "@/lib/tokens/format";
import { handleIntrospect, handleVerify } from "@/lib/verify/http";
import { addressKey, createFailureLimits } from "@/lib/verify/rate-limit";
import { RefusalSummaries } from "@/lib/verify/refusal-summary";
import { flushRefusalSummaries } from "@/lib/verify/refusals";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { apiPost, auditCount, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";

const ctx = { actor: "system" as const, clientIp: null, userAgent: "vitest" };
const TIGHT = { capacity: 5, refillPerSecond: 1, maxKeys: 100 };
const ROOMY = { capacity: 1e6, refillPerSecond: 1e6, maxKeys: 100 };
const FLOOD = 2_000;

type Row = { type: string; actor_type: string; server_id: string | null; reason: string | null; client_ip: string | null; user_agent: string | null; details: string | null };

describe("brute force against verify", () => {
  const t = useTempDb();
  const rows = (sinceSeq = 0) =>
    t.db.$client.prepare("SELECT type, actor_type, server_id, reason, client_ip, user_agent, details FROM audit_events WHERE seq > ? ORDER BY seq").all(sinceSeq) as Row[];
  const headSeq = () => Number(t.db.$client.prepare("SELECT coalesce(max(seq), 0) FROM audit_events").pluck().get());

  function fixture() {
    const { server, credential } = registerServer({ name: "Brute", url: "https://brute.example.com", deployment: "remote" }, ctx);
    const good = insertToken({ ownerId: insertUser().id, scope: "read" });
    return { server, credential, good };
  }

  it.each([
    ["one server credential guessing tokens from many addresses", "credential"],
    ["one address guessing server credentials", "address"],
  ] as const)("%s gets 429 after 5 failures; the first refusal is audited as call.rate_limited", (_label, key) => {
    const { server, credential, good } = fixture();
    const limits = key === "credential" ? createFailureLimits(ROOMY, TIGHT) : createFailureLimits(TIGHT, ROOMY);
    const { deps } = testDeps({ limits });
    const attempt = (i: number) =>
      key === "credential"
        ? handleVerify(apiPost({ token: generateCredential("mcpt_") }, { auth: `Bearer ${credential}`, remote: `198.51.100.${i}` }), deps)
        : handleVerify(apiPost({ token: good.secret }, { auth: `Bearer ${generateCredential("mcps_")}`, remote: "198.51.100.7" }), deps);
    const statuses = Array.from({ length: 7 }, (_, i) => attempt(i).status);
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(key === "credential" ? 200 : 401));
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(attempt(99).headers["retry-after"]).toMatch(/^[1-9]\d*$/);
    const limited = rows().filter((r) => r.type === "call.rate_limited");
    expect(limited).toHaveLength(1);
    expect(limited[0]).toMatchObject(
      key === "credential"
        ? { actor_type: "server", server_id: server.id, reason: "too_many_failures", client_ip: "198.51.100.5" }
        : { actor_type: "anonymous", server_id: null, reason: "too_many_failures", client_ip: "198.51.100.7" },
    );
  });

  it.each([
    ["bad server credentials from one address", "address"],
    ["bad tokens through one server credential", "credential"],
    ["bad tokens from one end client", "client"],
  ] as const)("a flood of %s adds a bounded number of rows, and the summary counts every refusal", (_label, kind) => {
    const { credential } = fixture();
    const limits = kind === "address" ? createFailureLimits(TIGHT, ROOMY) : kind === "client" ? createFailureLimits(TIGHT, ROOMY) : createFailureLimits(ROOMY, TIGHT);
    const { deps, clock } = testDeps({ limits });
    const userAgent = "A".repeat(512);
    const call = (i: number) =>
      kind === "address"
        ? handleVerify(apiPost({ token: "x", user_agent: userAgent, request_id: "r".repeat(128) }, { auth: `Bearer ${generateCredential("mcps_")}`, remote: "203.0.113.9" }), deps)
        : handleVerify(apiPost({ token: generateCredential("mcpt_"), client_ip: kind === "client" ? "203.0.113.9" : undefined }, { auth: `Bearer ${credential}`, remote: `198.51.100.${i % 250}` }), deps);
    const before = headSeq();
    let refused = 0;
    for (let i = 0; i < FLOOD; i++) {
      clock.now += 1; // 2 s of flood: within one summary interval, and the buckets barely refill
      if (call(i).status === 429) refused++;
    }
    expect(refused).toBeGreaterThan(FLOOD - 20);
    const during = rows(before);
    // The failures the bucket allows (5, plus what 2 s of refill gives back), and one row for the first refusal.
    expect(during.length).toBeLessThanOrEqual(TIGHT.capacity + 2 * TIGHT.refillPerSecond + 1);
    const firstRefusal = during.filter((r) => r.type === "call.rate_limited");
    expect(firstRefusal).toHaveLength(1);
    if (kind === "address") {
      for (const r of during) expect(r.user_agent!.length).toBeLessThanOrEqual(64);
    }

    clock.now += 60_000;
    flushRefusalSummaries(deps);
    const summary = rows(before + during.length);
    expect(summary).toHaveLength(1);
    expect(summary[0]!.type).toBe("call.rate_limited");
    const details = JSON.parse(summary[0]!.details!) as { key_kind: string; count: number; first: string; last: string };
    const firstId = t.db.$client.prepare("SELECT id FROM audit_events WHERE seq = ?").pluck().get(before + during.indexOf(firstRefusal[0]!) + 1);
    expect(details).toMatchObject({ summary: true, key_kind: kind, count: refused, first_event: firstId });
    expect(Date.parse(details.last) - Date.parse(details.first)).toBeGreaterThan(0);
    // Neither the summary nor any row holds a credential.
    expect(JSON.stringify(rows(before))).not.toMatch(/mcp[strc]_/);
  });

  it("writes an interval's summary when the next one starts, and opens it with a row of its own", () => {
    const { deps, clock } = testDeps({ limits: createFailureLimits({ capacity: 1, refillPerSecond: 0.001, maxKeys: 10 }, ROOMY) });
    const bad = () => handleVerify(apiPost({ token: "x" }, { auth: "Bearer mcps_nope", remote: "203.0.113.9" }), deps).status;
    expect([bad(), bad(), bad(), bad()]).toEqual([401, 429, 429, 429]);
    const before = auditCount(t.db.$client);
    clock.now += 61_000;
    expect(bad()).toBe(429);
    const [summary, first] = rows().slice(before);
    expect(JSON.parse(summary!.details!)).toMatchObject({ key_kind: "address", count: 3 });
    expect(first).toMatchObject({ type: "call.rate_limited", details: null });
  });

  it("keeps memory bounded under refusals from many addresses, writing the evicted summaries", () => {
    const refusals = new RefusalSummaries({ intervalMs: 60_000, maxKeys: 50 });
    const limits = createFailureLimits({ capacity: 1, refillPerSecond: 0.001, maxKeys: 10_000 }, ROOMY, refusals);
    const { deps } = testDeps({ limits });
    for (let i = 0; i < 200; i++) {
      for (let k = 0; k < 3; k++) handleVerify(apiPost({ token: "x" }, { auth: "Bearer mcps_nope", remote: `10.0.${i >> 8}.${i & 255}` }), deps);
    }
    expect(refusals.size).toBe(50);
    flushRefusalSummaries(deps, true);
    const summaries = rows().filter((r) => r.details?.includes('"summary":true'));
    // 200 addresses, 2 refusals each after their one allowed failure: every one is accounted for.
    expect(summaries).toHaveLength(200);
    expect(summaries.every((r) => JSON.parse(r.details!).count === 2)).toBe(true);
  });
});

describe("refusal summaries at shutdown", () => {
  const t = useTempDb();

  it("are written, in the chain, when the process exits", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "test/fixtures/flood-then-exit.ts", t.file, "300"], { timeout: 30_000 });
    const limited = Number(stdout.trim());
    expect(limited).toBeGreaterThan(150);
    const details = t.db.$client.prepare("SELECT details FROM audit_events WHERE details LIKE '%\"summary\":true%'").pluck().all() as string[];
    expect(details.map((d) => JSON.parse(d))).toEqual([expect.objectContaining({ key_kind: "address", count: limited })]);
    expect(await verifyStoredChain()).toMatchObject({ ok: true });
  });
});

describe("a valid credential from a flooded address", () => {
  const t = useTempDb();

  it("is still answered on verify and introspect after 2,000 bad-credential calls from that address", () => {
    const { server, credential } = registerServer({ name: "Valid", url: "https://valid.example.com", deployment: "remote" }, ctx);
    const good = insertToken({ ownerId: insertUser().id, scope: "read" });
    // The process's default bucket sizes: what a real flood meets.
    const { deps } = testDeps({ limits: createFailureLimits() });
    const remote = "192.0.2.50";
    const statuses = new Set<number>();
    for (let i = 0; i < FLOOD; i++) statuses.add(handleVerify(apiPost({ token: "x" }, { auth: `Bearer ${generateCredential("mcps_")}`, remote }), deps).status);
    expect(statuses).toEqual(new Set([401, 429]));

    const verified = handleVerify(apiPost({ token: good.secret }, { auth: `Bearer ${credential}`, remote }), deps);
    expect(verified.status).toBe(200);
    expect(JSON.parse(verified.body)).toMatchObject({ active: true, allowed: true });
    const basic = `Basic ${Buffer.from(`${server.slug}:${credential}`).toString("base64")}`;
    const introspected = handleIntrospect(apiPost(`token=${good.secret}`, { auth: basic, remote, contentType: "application/x-www-form-urlencoded" }), deps);
    expect(introspected.status).toBe(200);
    expect(JSON.parse(introspected.body)).toMatchObject({ active: true });
    expect(t.db.$client.prepare("SELECT count(*) FROM audit_events WHERE type = 'call.allowed'").pluck().get()).toBe(2);
  });

  it("is still answered for a valid token from an end client whose stale tokens were limited", () => {
    const { credential } = registerServer({ name: "Nat", url: "https://nat.example.com", deployment: "remote" }, ctx);
    const good = insertToken({ ownerId: insertUser().id, scope: "read" });
    const { deps } = testDeps({ limits: createFailureLimits(TIGHT, ROOMY) });
    const from = (token: string) => handleVerify(apiPost({ token, client_ip: "203.0.113.77" }, { auth: `Bearer ${credential}` }), deps).status;
    const stale = generateCredential("mcpt_");
    expect(Array.from({ length: 7 }, () => from(stale))).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(from(good.secret)).toBe(200);
  });
});

describe("PUT /api/v1/tools under bad credentials", () => {
  const t = useTempDb();
  const put = (authorization: string, remote: string) =>
    reportToolsRoute(
      new Request("http://localhost/api/v1/tools", {
        method: "PUT",
        headers: { authorization, "content-type": "application/json", [CLIENT_IP_HEADER]: remote, "user-agent": "U".repeat(512) },
        body: JSON.stringify({ tools: [{ name: "list_notes", annotations: { readOnlyHint: true } }] }),
      }),
    );

  it("audits each failed authentication, answers 429 past the address's limit with a bounded number of rows, and still takes a valid credential", async () => {
    const { credential } = registerServer({ name: "Tools", url: "https://tools.example.com", deployment: "remote" }, ctx);
    const remote = "198.51.100.200";
    const before = auditCount(t.db.$client);
    const first = await put("Bearer mcps_nope", remote);
    expect(first.status).toBe(401);
    const denied = t.db.$client.prepare("SELECT type, reason, client_ip, user_agent, details FROM audit_events ORDER BY seq DESC LIMIT 1").get();
    expect(denied).toEqual({ type: "call.denied", reason: "invalid_server_credential", client_ip: remote, user_agent: "U".repeat(64), details: '{"via":"tools"}' });

    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await put(`Bearer ${generateCredential("mcps_")}`, remote)).status);
    expect(statuses).toContain(429);
    const limited = await put("Bearer mcps_nope", remote);
    expect(limited.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    // The default bucket (100) plus the first refusal, and what the test's seconds refill; not one row a call.
    expect(auditCount(t.db.$client) - before).toBeLessThan(120);

    const ok = await put(`Bearer ${credential}`, remote);
    expect(ok.status).toBe(200);
  });
});

describe("the address a bucket counts", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["64:ff9b::203.0.113.9", "64:ff9b:0:0::/64"],
  ])("%s counts as %s", (address, key) => {
    expect(addressKey(address)).toBe(key);
  });

  const t = useTempDb();
  it("an IPv6 client cannot leave its bucket by changing address within its /64", () => {
    const { deps } = testDeps({ limits: createFailureLimits(TIGHT, ROOMY) });
    const statuses = Array.from({ length: 8 }, (_, i) => handleVerify(apiPost({ token: "x" }, { auth: "Bearer mcps_nope", remote: `2001:db8:1:2::${i + 1}` }), deps).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // Another /64 is another bucket.
    expect(handleVerify(apiPost({ token: "x" }, { auth: "Bearer mcps_nope", remote: "2001:db8:1:3::1" }), deps).status).toBe(401);
    expect(t.db.$client.prepare("SELECT client_ip FROM audit_events WHERE type = 'call.rate_limited'").pluck().all()).toEqual(["2001:db8:1:2::6"]);
  });
});
