/**
 * Property 6, through the real data layer (lib/verify/http.test.ts covers the same with
 * fixtures): each change an admin or a user can make takes effect on the very next verify.
 */
import { describe, expect, it } from "vitest";
import { registerServer } from "@/lib/servers/mutations";
import { reportTools } from "@/lib/servers/tools";
import { HOUR_MS } from "@/lib/tokens/duration";
import { issueToken } from "@/lib/tokens/issue";
import { rotateToken } from "@/lib/tokens/lifecycle";
import { revokeAllForUser, revokeToken } from "@/lib/tokens/revoke";
import { createServiceAccount, setUserStatus } from "@/lib/users/mutations";
import { handleVerify } from "@/lib/verify/http";
import { apiPost, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";

const net = { clientIp: null, userAgent: "vitest" };

function world() {
  const a = registerServer({ name: "Alpha", url: "https://a.example.com", deployment: "remote" }, { actor: "system" as const, ...net });
  const b = registerServer({ name: "Beta", url: "https://b.example.com", deployment: "remote" }, { actor: "system" as const, ...net });
  reportTools(a.server, [{ name: "read_it", annotations: { readOnlyHint: true } }, { name: "write_it" }], net);
  // A service account: the CLI may take its secret at issue, which is all these tests need.
  const user = createServiceAccount({ email: `u${Math.random()}@example.com`, name: "U" }, { actor: "system" as const, ...net });
  const owner = { id: user.id, email: user.email, name: user.name, role: "user" as const };
  const issue = (scope: "read" | "write", audience: { allServers: true } | { allServers: false; serverIds: string[] } = { allServers: true }) => {
    const r = issueToken({ ownerId: user.id, name: `t${Math.random()}`, scope, audience, lifetimeMs: 2 * HOUR_MS, revealTo: "creator" }, { actor: "system", ...net });
    return { id: r.token.id, secret: r.secret! };
  };
  return { a, b, owner, issue };
}

describe("the very next verify", () => {
  useTempDb();

  it.each([
    ["a read token on a write tool", "write_it", false],
    ["a read token on a tool the server never reported", "rm_rf", false],
    ["a read token on a read tool", "read_it", true],
  ])("%s (%s) → allowed: %s", (_label, tool, allowed) => {
    const w = world();
    const token = w.issue("read");
    const res = handleVerify(apiPost({ token: token.secret, method: "tools/call", tool }, { auth: `Bearer ${w.a.credential}` }), testDeps().deps);
    expect(JSON.parse(res.body)).toMatchObject({ active: true, allowed });
  });

  it("a token bound to server A is inactive on server B", () => {
    const w = world();
    const token = w.issue("write", { allServers: false, serverIds: [w.a.server.id] });
    const { deps } = testDeps();
    expect(JSON.parse(handleVerify(apiPost({ token: token.secret }, { auth: `Bearer ${w.a.credential}` }), deps).body)).toMatchObject({ allowed: true });
    expect(JSON.parse(handleVerify(apiPost({ token: token.secret }, { auth: `Bearer ${w.b.credential}` }), deps).body)).toEqual({ active: false, reason: "wrong_audience" });
  });

  type World = ReturnType<typeof world>;
  it.each([
    ["revoked by its owner", "revoked", (w: World, t: { id: string }) => void revokeToken(t.id, "lost laptop", { actor: w.owner, ...net }), 0],
    ["revoked with all of the user's tokens", "revoked", (w: World) => void revokeAllForUser(w.owner.id, "left", { actor: "system", ...net }), 0],
    ["rotated with a 1-minute grace, one minute on", "secret_replaced", (w: World, t: { id: string }) => void rotateToken(t.id, 60_000, { actor: w.owner, ...net }), 60_000],
    ["past its expiry", "expired", () => undefined, 2 * HOUR_MS],
    ["after its owner is disabled", "user_disabled", (w: World) => void setUserStatus(w.owner.id, "disabled", { actor: "system" as const, ...net }), 0],
  ])("after a token is %s says inactive (%s)", (_label, reason, change, laterMs) => {
    const w = world();
    const token = w.issue("write");
    const { deps, clock } = testDeps();
    const verify = () => JSON.parse(handleVerify(apiPost({ token: token.secret }, { auth: `Bearer ${w.a.credential}` }), deps).body) as unknown;
    const issuedAt = Date.now();
    clock.now = issuedAt;
    expect(verify()).toMatchObject({ active: true, allowed: true });
    change(w, token);
    // Just before the moment: still good (grace and expiry end exactly on time, not early).
    if (laterMs > 0) {
      clock.now = issuedAt + laterMs - 1_000;
      expect(verify()).toMatchObject({ active: true });
    }
    clock.now = issuedAt + laterMs + (laterMs > 0 ? 1_000 : 0);
    expect(verify()).toEqual({ active: false, reason });
  });
});
