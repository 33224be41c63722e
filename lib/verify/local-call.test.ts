import { describe, expect, it } from "vitest";
import { registerServer } from "@/lib/servers/mutations";
import { reportTools } from "@/lib/servers/tools";
import { apiPost, auditCount, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";
import { handleLocalCall } from "./http";

const ctx = { actor: "system" as const, clientIp: null, userAgent: "vitest" };

function body(res: { body: string }) {
  return JSON.parse(res.body) as Record<string, unknown>;
}

describe("POST /api/v1/local-calls: the local, one-user pattern", () => {
  const t = useTempDb();

  function setup() {
    const single = registerServer({ name: "My notes", deployment: "local-single" }, ctx);
    const multi = registerServer({ name: "Team notes", deployment: "local-multi" }, ctx);
    const remote = registerServer({ name: "Hosted", url: "https://notes.example.com/mcp", deployment: "remote" }, ctx);
    reportTools(single.server, [{ name: "list_notes", annotations: { readOnlyHint: true } }, { name: "add_note" }], { clientIp: null, userAgent: null });
    return { single, multi, remote };
  }

  function lastEvent() {
    return t.db.$client.prepare("SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1").get() as Record<string, unknown>;
  }

  it("allows a tokenless call from a server registered local-single, and audits it with the OS user", () => {
    const s = setup();
    const res = handleLocalCall(apiPost({ local_user: "alice", method: "tools/call", tool: "add_note", request_id: 3 }, { auth: `Bearer ${s.single.credential}` }), testDeps().deps);
    expect(res.status).toBe(200);
    expect(body(res)).toMatchObject({ allowed: true, server: s.single.server.slug, tool_class: "write" });
    const e = lastEvent();
    expect(e).toMatchObject({ type: "call.allowed", decision: "allow", server_id: s.single.server.id, tool: "add_note", tool_class: "write", request_id: "3", token_id: null });
    expect(JSON.parse(String(e.details))).toEqual({ via: "local", localUser: "alice" });
    expect(body(res).audit_id).toBe(e.id);
  });

  it.each([
    ["local-multi", "multi"],
    ["remote", "remote"],
  ] as const)("refuses a tokenless call from a %s server, and audits the refusal", (_kind, key) => {
    const s = setup();
    const res = handleLocalCall(apiPost({ local_user: "mallory", method: "tools/call", tool: "add_note" }, { auth: `Bearer ${s[key].credential}` }), testDeps().deps);
    expect(res.status).toBe(200);
    expect(body(res)).toMatchObject({ allowed: false, reason: "token_required" });
    expect(String(body(res).message)).toMatch(/needs a token \(GATEHOUSE_TOKEN\)/);
    expect(lastEvent()).toMatchObject({ type: "call.denied", decision: "deny", reason: "token_required", server_id: s[key].server.id });
  });

  it("refuses a bad server credential with 401, audited as verify's are", () => {
    setup();
    const before = auditCount(t.db.$client);
    const res = handleLocalCall(apiPost({ local_user: "alice", method: "tools/list" }, { auth: "Bearer mcps_" + "x".repeat(40) }), testDeps().deps);
    expect(res.status).toBe(401);
    expect(auditCount(t.db.$client)).toBe(before + 1);
    expect(lastEvent()).toMatchObject({ type: "call.denied", reason: "invalid_server_credential", actor_type: "anonymous" });
  });

  it.each([
    [{ method: "tools/list" }, /local_user is required/],
    [{ local_user: "", method: "tools/list" }, /local_user must be 1 to 64/],
    [{ local_user: "a\u0000b" }, /local_user must be the OS user name/],
    [{ local_user: "alice", token: "mcpt_x" }, /Unknown field: token/],
    [{ local_user: "alice", method: "tools/call" }, /tool is required/],
  ])("refuses a malformed body with 400 and changes nothing: %j", (payload, message) => {
    const s = setup();
    const before = auditCount(t.db.$client);
    const res = handleLocalCall(apiPost(payload, { auth: `Bearer ${s.single.credential}` }), testDeps().deps);
    expect(res.status).toBe(400);
    expect(String((body(res).error as { message: string }).message)).toMatch(message);
    expect(auditCount(t.db.$client)).toBe(before);
  });

  it("answers 503 and never allows when the audit row cannot be written", () => {
    const s = setup();
    const before = auditCount(t.db.$client);
    const { deps } = testDeps({
      audit: () => {
        throw new Error("disk full");
      },
    });
    const res = handleLocalCall(apiPost({ local_user: "alice", method: "tools/call", tool: "add_note" }, { auth: `Bearer ${s.single.credential}` }), deps);
    expect(res.status).toBe(503);
    expect(body(res)).toMatchObject({ error: { code: "audit_unavailable" } });
    expect(auditCount(t.db.$client)).toBe(before);
  });
});
