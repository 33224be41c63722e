import { describe, expect, it } from "vitest";
import { registerServer, revokeServerCredential, rotateServerCredential, setServerStatus } from "@/lib/servers/mutations";
import { credentialsOf } from "@/lib/servers/queries";
import { overrideToolClass, reportTools } from "@/lib/servers/tools";
import { generateCredential } from "@/lib/tokens/format";
import { insertToken, insertUser, revokeFixtureToken, rotateFixtureToken } from "@/test/fixtures/tokens";
import { apiPost, auditCount, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";
import { setUserStatus } from "@/lib/users/mutations";
import { handleIntrospect, handleRevoke, handleVerify } from "./http";
import { createFailureLimits } from "./rate-limit";

const ctx = { actor: "system" as const, clientIp: null, userAgent: "vitest" };

function setup() {
  const a = registerServer({ name: "Notes", url: "https://notes.example.com/mcp", deployment: "remote" }, ctx);
  const b = registerServer({ name: "Other", url: "https://other.example.com/mcp", deployment: "remote" }, ctx);
  reportTools(a.server, [
    { name: "list_notes", annotations: { readOnlyHint: true } },
    { name: "add_note", annotations: { readOnlyHint: false } },
  ], { clientIp: null, userAgent: null });
  const user = insertUser({ email: "uma@example.com", name: "Uma" });
  const read = insertToken({ ownerId: user.id, scope: "read" });
  const write = insertToken({ ownerId: user.id, scope: "write" });
  return { a, b, user, read, write, auth: `Bearer ${a.credential}` };
}

function body(res: { body: string }) {
  return JSON.parse(res.body) as Record<string, unknown>;
}

describe("POST /api/v1/verify", () => {
  const t = useTempDb();

  it("allows a read token to list tools and call a read tool, with the documented shape", () => {
    const s = setup();
    const { deps } = testDeps();
    const res = handleVerify(apiPost({ token: s.read.secret, method: "tools/call", tool: "list_notes", request_id: 7 }, { auth: s.auth }), deps);
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const b = body(res);
    expect(b).toMatchObject({
      active: true,
      allowed: true,
      user: { id: s.user.id, email: "uma@example.com", name: "Uma" },
      token_id: s.read.tokenId,
      scopes: ["tools:read"],
      tool_class: "read",
    });
    expect(typeof b.expires_at).toBe("number");
    expect(b.audit_id).toMatch(/^evt_/);
    const listed = body(handleVerify(apiPost({ token: s.read.secret, method: "tools/list" }, { auth: s.auth }), deps));
    expect(listed).toMatchObject({ active: true, allowed: true });
  });

  it("gives a write token both scopes and lets it call write tools", () => {
    const s = setup();
    const b = body(handleVerify(apiPost({ token: s.write.secret, method: "tools/call", tool: "add_note" }, { auth: s.auth }), testDeps().deps));
    expect(b).toMatchObject({ active: true, allowed: true, scopes: ["tools:read", "tools:write"], tool_class: "write" });
  });

  it.each([
    ["a write tool", "add_note", "write"],
    ["a tool the server never reported", "drop_database", "unclassified"],
  ])("denies a read token on %s, naming the scope it lacks", (_label, tool, toolClass) => {
    const s = setup();
    const b = body(handleVerify(apiPost({ token: s.read.secret, method: "tools/call", tool }, { auth: s.auth }), testDeps().deps));
    expect(b).toMatchObject({ active: true, allowed: false, reason: "insufficient_scope", required_scope: "tools:write", tool_class: toolClass });
  });

  it.each([
    ["malformed", () => "mcpt_not-a-token"],
    ["malformed", () => generateCredential("mcpt_").slice(0, -1) + "0"],
    ["unknown", () => generateCredential("mcpt_")],
    ["revoked", (s: ReturnType<typeof setup>) => (revokeFixtureToken(s.read.tokenId), s.read.secret)],
    ["expired", (s: ReturnType<typeof setup>) => insertToken({ ownerId: s.user.id, scope: "read", expiresAt: new Date(Date.now() - 1000) }).secret],
    ["secret_replaced", (s: ReturnType<typeof setup>) => (rotateFixtureToken(s.read.tokenId, new Date(Date.now() - 1000)), s.read.secret)],
    ["user_disabled", (s: ReturnType<typeof setup>) => (setUserStatus(s.user.id, "disabled", ctx), s.read.secret)],
    ["wrong_audience", (s: ReturnType<typeof setup>) => insertToken({ ownerId: s.user.id, scope: "write", serverIds: [s.b.server.id] }).secret],
  ])("answers exactly { active: false, reason: %s }", (reason, tokenFor) => {
    const s = setup();
    const res = handleVerify(apiPost({ token: tokenFor(s), method: "tools/list" }, { auth: s.auth }), testDeps().deps);
    expect(res.status).toBe(200);
    expect(body(res)).toEqual({ active: false, reason });
  });

  it("accepts a token bound to this server", () => {
    const s = setup();
    const bound = insertToken({ ownerId: s.user.id, scope: "read", serverIds: [s.a.server.id] });
    expect(body(handleVerify(apiPost({ token: bound.secret }, { auth: s.auth }), testDeps().deps))).toMatchObject({ allowed: true });
  });

  it("keeps a rotated-out secret working until the grace end, and not a millisecond longer", () => {
    const s = setup();
    const { deps, clock } = testDeps();
    const graceEnd = clock.now + 60_000;
    const fresh = rotateFixtureToken(s.read.tokenId, new Date(graceEnd));
    const call = (token: string) => body(handleVerify(apiPost({ token }, { auth: s.auth }), deps));

    clock.now = graceEnd - 1;
    expect(call(s.read.secret)).toMatchObject({ active: true, allowed: true, expires_at: Math.floor((graceEnd) / 1000) });
    expect(call(fresh)).toMatchObject({ active: true, allowed: true });
    clock.now = graceEnd;
    expect(call(s.read.secret)).toEqual({ active: false, reason: "secret_replaced" });
    expect(call(fresh)).toMatchObject({ active: true, allowed: true });
  });

  it("applies revocation, tool-class overrides and user disabling on the very next call", () => {
    const s = setup();
    const { deps } = testDeps();
    const call = (token: string, tool: string) => body(handleVerify(apiPost({ token, method: "tools/call", tool }, { auth: s.auth }), deps));
    expect(call(s.read.secret, "add_note")).toMatchObject({ allowed: false });
    overrideToolClass(s.a.server.id, "add_note", "read", ctx);
    expect(call(s.read.secret, "add_note")).toMatchObject({ allowed: true, tool_class: "read" });
    overrideToolClass(s.a.server.id, "list_notes", "write", ctx);
    expect(call(s.read.secret, "list_notes")).toMatchObject({ allowed: false, tool_class: "write" });
    revokeFixtureToken(s.write.tokenId);
    expect(call(s.write.secret, "add_note")).toEqual({ active: false, reason: "revoked" });
  });

  it.each([
    ["no Authorization header", () => null],
    ["a token instead of a server credential", (s: ReturnType<typeof setup>) => `Bearer ${s.read.secret}`],
    ["an unknown credential", () => `Bearer ${generateCredential("mcps_")}`],
    ["Basic instead of Bearer", (s: ReturnType<typeof setup>) => `Basic ${s.a.credential}`],
    ["a revoked credential", (s: ReturnType<typeof setup>) => (revokeServerCredential(s.a.server.id, credentialsOf("system", s.a.server.id)[0]!.id, ctx), s.auth)],
    ["a disabled server", (s: ReturnType<typeof setup>) => (setServerStatus(s.a.server.id, "disabled", ctx), s.auth)],
    ["a credential rotated out with no grace", (s: ReturnType<typeof setup>) => (rotateServerCredential(s.a.server.id, 0, ctx), s.auth)],
  ])("answers 401 for %s, and audits it", (_label, authFor) => {
    const s = setup();
    const auth = authFor(s);
    const before = auditCount(t.db.$client);
    const res = handleVerify(apiPost({ token: s.write.secret }, { auth }), testDeps().deps);
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toContain("Bearer");
    expect(body(res)).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
    expect(auditCount(t.db.$client)).toBe(before + 1);
  });

  it("keeps the old server credential working through its rotation grace", () => {
    const s = setup();
    const { credential } = rotateServerCredential(s.a.server.id, 3_600_000, ctx);
    for (const auth of [s.auth, `Bearer ${credential}`]) {
      expect(handleVerify(apiPost({ token: s.read.secret }, { auth }), testDeps().deps).status).toBe(200);
    }
  });

  it.each([
    ["not JSON", "{token:"],
    ["a JSON array", "[]"],
    ["a missing token", { method: "tools/list" }],
    ["a token that is not a string", { token: 12 }],
    ["a token over 256 characters", { token: "mcpt_" + "a".repeat(300) }],
    ["an unknown field", { token: "x", scope: "admin" }],
    ["tools/call without a tool", { token: "x", method: "tools/call" }],
    ["a tool without tools/call", { token: "x", method: "tools/list", tool: "a" }],
    ["a method over 128 characters", { token: "x", method: "m".repeat(129) }],
    ["a tool name over 128 characters", { token: "x", method: "tools/call", tool: "t".repeat(129) }],
    ["a client_ip that is no address", { token: "x", client_ip: "localhost" }],
    ["a user_agent over 512 characters", { token: "x", user_agent: "u".repeat(513) }],
    ["a control character in a tool name", { token: "x", method: "tools/call", tool: "a\nb" }],
  ])("answers 400 for %s, before any database work", (_label, payload) => {
    const s = setup();
    const before = auditCount(t.db.$client);
    const res = handleVerify(apiPost(payload, { auth: s.auth }), testDeps().deps);
    expect(res.status).toBe(400);
    expect(body(res)).toMatchObject({ error: { code: "invalid_request" } });
    expect(auditCount(t.db.$client)).toBe(before);
  });

  it("refuses other content types (415), methods (405) and bodies over 16 KB (413)", () => {
    const s = setup();
    const { deps } = testDeps();
    expect(handleVerify(apiPost({ token: "x" }, { auth: s.auth, contentType: "text/plain" }), deps).status).toBe(415);
    expect(handleVerify({ ...apiPost({}, { auth: s.auth }), method: "GET" }, deps).status).toBe(405);
    const big = apiPost({ token: s.read.secret, user_agent: "a".repeat(17 * 1024) }, { auth: s.auth });
    expect(handleVerify(big, deps).status).toBe(413);
    expect(handleVerify({ ...apiPost({}, { auth: s.auth }), bodyTooLarge: true }, deps).status).toBe(413);
    const tenMb = apiPost("x".repeat(10 * 1024 * 1024), { auth: s.auth, raw: true });
    expect(handleVerify(tenMb, deps).status).toBe(413);
  });

  it("answers 429 to failing calls once a credential has failed too often, audits it, and recovers — valid tokens keep working", () => {
    const s = setup();
    const limits = createFailureLimits({ capacity: 50, refillPerSecond: 1, maxKeys: 10 }, { capacity: 3, refillPerSecond: 1, maxKeys: 10 });
    const { deps, clock } = testDeps({ limits });
    const bad = () => handleVerify(apiPost({ token: generateCredential("mcpt_") }, { auth: s.auth }), deps);
    expect([bad(), bad(), bad()].map((r) => r.status)).toEqual([200, 200, 200]);
    const limited = bad();
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("1");
    const type = t.db.$client.prepare("SELECT type FROM audit_events ORDER BY seq DESC LIMIT 1").pluck().get();
    expect(type).toBe("call.rate_limited");
    // One abuser must not lock the server's other users out: a valid token still gets its answer.
    expect(handleVerify(apiPost({ token: s.read.secret }, { auth: s.auth }), deps).status).toBe(200);
    clock.now += 5000;
    expect(bad().status).toBe(200);
  });

  it("limits one end client that keeps failing, not the other clients of the same server", () => {
    const s = setup();
    const limits = createFailureLimits({ capacity: 2, refillPerSecond: 0.1, maxKeys: 10 });
    const { deps } = testDeps({ limits });
    const from = (token: string, ip: string) => handleVerify(apiPost({ token, client_ip: ip }, { auth: s.auth }), deps).status;
    const stale = generateCredential("mcpt_");
    expect([from(stale, "198.51.100.7"), from(stale, "198.51.100.7"), from(stale, "198.51.100.7")]).toEqual([200, 200, 429]);
    // Only the limited client's failing calls are refused: a valid token from it is served,
    // since behind a NAT that address is many people…
    expect(from(s.read.secret, "198.51.100.7")).toBe(200);
    expect(from(generateCredential("mcpt_"), "198.51.100.7")).toBe(429);
    // …and another client of the same server is not limited at all.
    expect(from(generateCredential("mcpt_"), "198.51.100.8")).toBe(200);
  });

  it("answers 429 to an address that keeps presenting bad server credentials", () => {
    setup();
    const limits = createFailureLimits({ capacity: 2, refillPerSecond: 0.1, maxKeys: 10 });
    const { deps } = testDeps({ limits });
    const statuses = [1, 2, 3].map(() => handleVerify(apiPost({ token: "x" }, { auth: `Bearer ${generateCredential("mcps_")}`, remote: "10.0.0.9" }), deps).status);
    expect(statuses).toEqual([401, 401, 429]);
  });

  it("answers 503 and never allows when the audit row cannot be written; nothing else changes", () => {
    const s = setup();
    const { deps } = testDeps({
      audit: () => {
        throw new Error("disk full");
      },
    });
    const before = auditCount(t.db.$client);
    const res = handleVerify(apiPost({ token: s.write.secret, method: "tools/call", tool: "add_note" }, { auth: s.auth }), deps);
    expect(res.status).toBe(503);
    expect(body(res)).toMatchObject({ error: { code: "audit_unavailable" } });
    expect(auditCount(t.db.$client)).toBe(before);
    const lastUsed = t.db.$client.prepare("SELECT last_used_at FROM tokens WHERE id = ?").pluck().get(s.write.tokenId);
    expect(lastUsed).toBeNull();
  });

  it("writes exactly one audit row per answered request, with who, what and why — never the token", () => {
    const s = setup();
    const { deps } = testDeps();
    const before = auditCount(t.db.$client);
    const calls = [
      apiPost({ token: s.read.secret, method: "tools/call", tool: "list_notes", request_id: "r1", client_ip: "203.0.113.5" }, { auth: s.auth }),
      apiPost({ token: s.read.secret, method: "tools/call", tool: "add_note", request_id: "r2" }, { auth: s.auth }),
      apiPost({ token: generateCredential("mcpt_") }, { auth: s.auth }),
      apiPost({ token: s.read.secret }, { auth: null }),
    ];
    for (const c of calls) handleVerify(c, deps);
    expect(auditCount(t.db.$client)).toBe(before + calls.length);
    const rows = t.db.$client
      .prepare("SELECT type, decision, reason, server_id, token_id, subject_user_id, method, tool, tool_class, request_id, client_ip FROM audit_events ORDER BY seq DESC LIMIT 4")
      .all()
      .reverse();
    expect(rows).toEqual([
      { type: "call.allowed", decision: "allow", reason: null, server_id: s.a.server.id, token_id: s.read.tokenId, subject_user_id: s.user.id, method: "tools/call", tool: "list_notes", tool_class: "read", request_id: "r1", client_ip: "203.0.113.5" },
      { type: "call.denied", decision: "deny", reason: "insufficient_scope", server_id: s.a.server.id, token_id: s.read.tokenId, subject_user_id: s.user.id, method: "tools/call", tool: "add_note", tool_class: "write", request_id: "r2", client_ip: "127.0.0.1" },
      expect.objectContaining({ type: "call.inactive", decision: "deny", reason: "unknown", token_id: null }),
      expect.objectContaining({ type: "call.denied", reason: "invalid_server_credential", server_id: null }),
    ]);
    const dump = JSON.stringify(t.db.$client.prepare("SELECT * FROM audit_events").all());
    expect(dump).not.toContain(s.read.secret);
    expect(dump).not.toContain(s.a.credential);
    const touched = t.db.$client.prepare("SELECT last_used_at, last_used_server_id FROM tokens WHERE id = ?").get(s.read.tokenId);
    expect(touched).toEqual({ last_used_at: expect.any(Number), last_used_server_id: s.a.server.id });
  });
});

describe("POST /api/v1/introspect", () => {
  useTempDb();
  const form = (token: string) => `token=${encodeURIComponent(token)}&token_type_hint=access_token`;
  const formType = "application/x-www-form-urlencoded";

  it("answers RFC 7662 fields for an active token, with Bearer or Basic slug:credential", () => {
    const s = setup();
    const basic = `Basic ${Buffer.from(`${s.a.server.slug}:${s.a.credential}`).toString("base64")}`;
    for (const auth of [s.auth, basic]) {
      const res = handleIntrospect(apiPost(form(s.write.secret), { auth, contentType: formType, raw: true }), testDeps().deps);
      expect(res.status).toBe(200);
      expect(body(res)).toEqual({
        active: true,
        scope: "tools:read tools:write",
        client_id: s.write.tokenId,
        username: "uma@example.com",
        sub: s.user.id,
        exp: expect.any(Number),
        iat: expect.any(Number),
        aud: "https://notes.example.com/mcp",
        iss: expect.stringMatching(/^http/),
        token_type: "Bearer",
      });
    }
  });

  it("gives a token that never expires exp one hour ahead, as verify does, so libraries that require exp accept it", () => {
    const s = setup();
    const forever = insertToken({ ownerId: s.user.id, scope: "read", expiresAt: null });
    const { deps, clock } = testDeps();
    const res = handleIntrospect(apiPost(form(forever.secret), { auth: s.auth, contentType: formType, raw: true }), deps);
    expect(body(res)).toMatchObject({ active: true, client_id: forever.tokenId, exp: Math.floor(clock.now / 1000) + 3600 });
  });

  it("accepts client_secret_post (client_id = slug, client_secret = credential in the form), openid-client's default", () => {
    const s = setup();
    const post = `${form(s.read.secret)}&client_id=${s.a.server.slug}&client_secret=${encodeURIComponent(s.a.credential)}`;
    const res = handleIntrospect(apiPost(post, { contentType: formType, raw: true }), testDeps().deps);
    expect(res.status).toBe(200);
    expect(body(res)).toMatchObject({ active: true, aud: "https://notes.example.com/mcp" });
  });

  it.each([
    ["Basic", (s: ReturnType<typeof setup>) => ({ auth: `Basic ${Buffer.from(`${s.a.server.slug}:mcps_wrong`).toString("base64")}`, extra: "" }), /^Basic realm="gatehouse"/],
    ["Bearer", () => ({ auth: "Bearer mcps_wrong", extra: "" }), /^Bearer realm="gatehouse"/],
    ["client_secret_post", (s: ReturnType<typeof setup>) => ({ auth: null, extra: `&client_id=${s.a.server.slug}&client_secret=mcps_wrong` }), /^Basic realm="gatehouse"/],
    ["no credentials", () => ({ auth: null, extra: "" }), /^Basic realm="gatehouse"/],
  ])("refuses a wrong client credential by %s with RFC 6749 §5.2 invalid_client and that scheme's challenge", (_label, client, challenge) => {
    const s = setup();
    const { auth, extra } = client(s);
    const res = handleIntrospect(apiPost(form(s.read.secret) + extra, { auth, contentType: formType, raw: true }), testDeps().deps);
    expect(res.status).toBe(401);
    expect(body(res)).toMatchObject({ error: "invalid_client" });
    expect(res.headers["www-authenticate"]).toMatch(challenge);
  });

  it("refuses a client that authenticates two ways at once (RFC 6749 §2.3)", () => {
    const s = setup();
    const post = `${form(s.read.secret)}&client_id=${s.a.server.slug}&client_secret=${encodeURIComponent(s.a.credential)}`;
    const res = handleIntrospect(apiPost(post, { auth: s.auth, contentType: formType, raw: true }), testDeps().deps);
    expect(res.status).toBe(400);
  });

  it.each([
    ["unknown", () => generateCredential("mcpt_")],
    ["revoked", (s: ReturnType<typeof setup>) => (revokeFixtureToken(s.read.tokenId), s.read.secret)],
    ["bound elsewhere", (s: ReturnType<typeof setup>) => insertToken({ ownerId: s.user.id, scope: "read", serverIds: [s.b.server.id] }).secret],
  ])("answers exactly {\"active\":false} for a token that is %s", (_label, tokenFor) => {
    const s = setup();
    const res = handleIntrospect(apiPost(form(tokenFor(s)), { auth: s.auth, contentType: formType, raw: true }), testDeps().deps);
    expect(res.body).toBe('{"active":false}');
  });

  it("refuses Basic auth whose slug is not the credential's server, and JSON bodies", () => {
    const s = setup();
    const wrong = `Basic ${Buffer.from(`${s.b.server.slug}:${s.a.credential}`).toString("base64")}`;
    expect(handleIntrospect(apiPost(form(s.read.secret), { auth: wrong, contentType: formType, raw: true }), testDeps().deps).status).toBe(401);
    expect(handleIntrospect(apiPost({ token: s.read.secret }, { auth: s.auth }), testDeps().deps).status).toBe(400);
  });
});

describe("POST /api/v1/revoke", () => {
  const t = useTempDb();

  it("ends a token for whoever presents it, audited as self-revoked; the next verify says revoked", () => {
    const s = setup();
    const { deps } = testDeps();
    const res = handleRevoke(apiPost(`token=${s.write.secret}`, { contentType: "application/x-www-form-urlencoded", raw: true, auth: null }), deps);
    expect(res.status).toBe(200);
    const row = t.db.$client.prepare("SELECT type, reason, token_id, actor_type FROM audit_events ORDER BY seq DESC LIMIT 1").get();
    expect(row).toEqual({ type: "token.revoked", reason: "self-revoked", token_id: s.write.tokenId, actor_type: "anonymous" });
    expect(body(handleVerify(apiPost({ token: s.write.secret }, { auth: s.auth }), deps))).toEqual({ active: false, reason: "revoked" });
  });

  it.each([
    ["an unknown token", () => generateCredential("mcpt_")],
    ["garbage", () => "hello"],
    ["an already revoked token", (s: ReturnType<typeof setup>) => (revokeFixtureToken(s.read.tokenId), s.read.secret)],
  ])("answers 200 for %s and records nothing", (_label, tokenFor) => {
    const s = setup();
    const token = tokenFor(s);
    const before = auditCount(t.db.$client);
    expect(handleRevoke(apiPost({ token }), testDeps().deps).status).toBe(200);
    expect(auditCount(t.db.$client)).toBe(before);
  });

  it("does not let a secret past its grace end revoke the token's current secret", () => {
    const s = setup();
    const fresh = rotateFixtureToken(s.read.tokenId, new Date(Date.now() - 1));
    handleRevoke(apiPost({ token: s.read.secret }), testDeps().deps);
    expect(body(handleVerify(apiPost({ token: fresh }, { auth: s.auth }), testDeps().deps))).toMatchObject({ allowed: true });
  });
});
