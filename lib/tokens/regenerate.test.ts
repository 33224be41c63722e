import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { mcpServers } from "@/db/schema";
import type { ActorCtx } from "@/lib/auth/actor";
import type { SessionUser } from "@/lib/auth/session";
import { saveTokenPolicy } from "@/lib/policy/store";
import { DEFAULT_TOKEN_POLICY } from "@/lib/policy/token-policy";
import { createServiceAccount, inviteUser } from "@/lib/users/mutations";
import { useTempDb } from "@/test/temp-db";
import { DAY_MS, HOUR_MS } from "./duration";
import { isWellFormed, TOKEN_PREFIX } from "./format";
import { issueToken, type IssueInput } from "./issue";
import { revealToken } from "./lifecycle";
import { tokenLineage } from "./lineage";
import { findTokenDetail } from "./queries";
import { planRegeneration, regenerateToken } from "./regenerate";
import { revokeToken } from "./revoke";

const net = { clientIp: "203.0.113.7", userAgent: "vitest" };
const system: ActorCtx = { actor: "system", ...net };
const as = (user: SessionUser): ActorCtx => ({ actor: user, ...net });
const sessionUser = (u: { id: string; email: string; name: string; role: "admin" | "user" }): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });
const person = (email: string, role: "admin" | "user" = "user") => sessionUser(inviteUser({ email, name: email.split("@")[0]!, role }, system).user);
const service = (email: string) => sessionUser(createServiceAccount({ email, name: email.split("@")[0]! }, system));

function issued(ownerId: string, extra: Partial<IssueInput> = {}) {
  const input: IssueInput = { ownerId, name: "laptop", scope: "read", audience: { allServers: true }, lifetimeMs: 30 * DAY_MS, revealTo: "owner", ...extra };
  return issueToken(input, system).token;
}

/** Moves the clock past a token's end, so it is expired. */
function later(ms: number) {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + ms });
}

describe("regenerating a token", () => {
  const t = useTempDb();
  afterEach(() => vi.useRealTimers());
  const rowOf = (id: string) => t.db.$client.prepare("SELECT * FROM tokens WHERE id = ?").get(id);
  const secretsOf = (id: string) => t.db.$client.prepare("SELECT * FROM token_secrets WHERE token_id = ? ORDER BY rowid").all(id);

  it("the owner gets a new token with the same settings and as long a life from now; the old one is untouched", () => {
    const owner = person("own@example.com");
    t.db.insert(mcpServers).values({ id: "srv_aaaaaaaaaaaaaaaa", slug: "notes", name: "Notes", url: "https://notes.example/mcp" }).run();
    const old = issued(owner.id, { name: "notes reader", audience: { allServers: false, serverIds: ["srv_aaaaaaaaaaaaaaaa"] }, lifetimeMs: 10 * DAY_MS });
    revealToken(old.id, as(owner));
    later(11 * DAY_MS);
    const before = { row: rowOf(old.id), secrets: secretsOf(old.id) };

    const { token, secret } = regenerateToken(old.id, as(owner));
    expect(token.id).not.toBe(old.id);
    expect(token).toMatchObject({ ownerId: owner.id, name: "notes reader", scope: "read", allServers: false, revokedAt: null });
    expect(token.expiresAt!.getTime() - Date.now()).toBeGreaterThan(10 * DAY_MS - 5_000);
    expect(token.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(10 * DAY_MS);
    expect(findTokenDetail(owner, token.id)!.token.servers.map((s) => s.slug)).toEqual(["notes"]);
    // Their own token: the secret is theirs, shown now, as when they issue one.
    expect(isWellFormed(secret!, TOKEN_PREFIX)).toBe(true);
    expect(findTokenDetail(owner, token.id)!.token.status).toBe("active");
    expect({ row: rowOf(old.id), secrets: secretsOf(old.id) }).toEqual(before);

    const audit = t.db.$client.prepare("SELECT actor_id, subject_user_id, decision, details FROM audit_events WHERE type = 'token.issued' AND token_id = ?").get(token.id) as {
      actor_id: string; subject_user_id: string; decision: string; details: string;
    };
    expect(audit).toMatchObject({ actor_id: owner.id, subject_user_id: owner.id, decision: "success" });
    expect(JSON.parse(audit.details)).toMatchObject({ regenerated_from: old.id, name: "notes reader", servers: ["notes"], revealedToCreator: true });
    expect(audit.details).not.toContain(secret!);
  });

  it("each end names the other: the new token its original, the old one every replacement, newest first", () => {
    const owner = person("line@example.com");
    const admin = person("lead@example.com", "admin");
    const stranger = person("nosy@example.com");
    const old = issued(owner.id, { name: "ci runner" });
    revokeToken(old.id, "rotated out", system);
    expect(tokenLineage(owner, old.id)).toEqual({ regeneratedFrom: null, replacedBy: [] });

    const first = regenerateToken(old.id, as(owner)).token;
    const second = regenerateToken(old.id, as(admin)).token;
    expect(tokenLineage(owner, first.id)).toEqual({ regeneratedFrom: { id: old.id, name: "ci runner" }, replacedBy: [] });
    expect(tokenLineage(admin, old.id).replacedBy).toEqual([
      { id: second.id, name: "ci runner" },
      { id: first.id, name: "ci runner" },
    ]);
    // The row on the old token is a log entry only: the token itself is as it was.
    expect(rowOf(old.id)).toMatchObject({ revoke_reason: "rotated out" });
    expect(() => tokenLineage(stranger, old.id)).toThrow("Token not found.");
  });

  it("a revoked token can be regenerated while it would still have been in date", () => {
    const owner = person("rev@example.com");
    const old = issued(owner.id);
    revokeToken(old.id, "leaked", as(owner));
    const { token } = regenerateToken(old.id, as(owner));
    expect(rowOf(old.id)).toMatchObject({ revoke_reason: "leaked" });
    expect(findTokenDetail(owner, token.id)!.token.status).toBe("active");
  });

  it.each([
    ["an active token", (id: string, owner: SessionUser) => revealToken(id, as(owner))],
    ["a token waiting to be claimed", () => undefined],
  ])("refuses %s: it still works, so it is rotated instead", (_what, prepare) => {
    const owner = person("live@example.com");
    const old = issued(owner.id);
    prepare(old.id, owner);
    expect(planRegeneration(owner, old.id).refusal).toMatch(/Only an expired or revoked token/);
    expect(() => regenerateToken(old.id, as(owner))).toThrow(/rotate it for a new secret instead/);
    expect(t.db.$client.prepare("SELECT count(*) FROM tokens").pluck().get()).toBe(1);
  });

  it("only its owner or an admin may regenerate it: anyone else is told it does not exist", () => {
    const owner = person("bob@example.com");
    const stranger = person("eve@example.com");
    const admin = person("ada@example.com", "admin");
    const old = issued(owner.id, { lifetimeMs: HOUR_MS });
    later(2 * HOUR_MS);
    expect(() => planRegeneration(stranger, old.id)).toThrow("Token not found.");
    expect(() => regenerateToken(old.id, as(stranger))).toThrow("Token not found.");

    // An admin regenerating a person's token never sees its secret: the owner claims it.
    const byAdmin = regenerateToken(old.id, as(admin));
    expect(planRegeneration(admin, old.id).secretTo).toBe("owner");
    expect(byAdmin.secret).toBeUndefined();
    expect(byAdmin.claimBy).toEqual({ name: "bob", email: "bob@example.com" });
    expect(findTokenDetail(owner, byAdmin.token.id)!.token.status).toBe("ready");
    // A service account has nobody to claim it: the admin gets its secret, once.
    const bot = service("bot@example.com");
    const botToken = issued(bot.id);
    revokeToken(botToken.id, "rotated out", system);
    expect(isWellFormed(regenerateToken(botToken.id, as(admin)).secret!, TOKEN_PREFIX)).toBe(true);
  });

  it("keeps within the policy: a lifetime longer than the issuer may choose is cut to the longest allowed", () => {
    const admin = person("boss@example.com", "admin");
    const owner = person("long@example.com");
    const old = issued(owner.id, { lifetimeMs: 200 * DAY_MS });
    revokeToken(old.id, "lost laptop", system);

    // A user may choose at most 90 days (the default policy): their regenerated token gets 90.
    const plan = planRegeneration(owner, old.id);
    expect(plan).toMatchObject({ refusal: null, secretTo: "actor", lifetime: { lifetimeMs: 90 * DAY_MS, cappedFromMs: 200 * DAY_MS } });
    expect(regenerateToken(old.id, as(owner)).token.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 90 * DAY_MS);
    // An admin may keep 200 days, until the policy's maximum is lowered.
    expect(planRegeneration(admin, old.id).lifetime).toEqual({ lifetimeMs: 200 * DAY_MS });
    saveTokenPolicy({ ...DEFAULT_TOKEN_POLICY, maxLifetimeDays: 100, userMaxLifetimeDays: 90 }, admin, net);
    expect(planRegeneration(admin, old.id).lifetime).toEqual({ lifetimeMs: 100 * DAY_MS, cappedFromMs: 200 * DAY_MS });
  });

  it.each([
    ["a write token, when users may only issue read ones", { scope: "write" as const }, DEFAULT_TOKEN_POLICY, /only issue read tokens/],
    ["any token, when users may not issue", {}, { ...DEFAULT_TOKEN_POLICY, usersMayIssue: false }, /Only administrators can issue tokens/],
  ])("refuses a user %s", (_what, extra, policy, message) => {
    const admin = person("root@example.com", "admin");
    const owner = person("capped@example.com");
    saveTokenPolicy(policy, admin, net);
    const old = issued(owner.id, extra);
    revokeToken(old.id, "done", system);
    expect(() => regenerateToken(old.id, as(owner))).toThrow(message);
    // The admin may still do it for them.
    expect(regenerateToken(old.id, as(admin)).claimBy?.email).toBe("capped@example.com");
  });

  it("refuses when one of its servers has been disabled, saying which", () => {
    const owner = person("srv@example.com");
    t.db.insert(mcpServers).values({ id: "srv_bbbbbbbbbbbbbbbb", slug: "files", name: "Files", url: "https://files.example/mcp" }).run();
    const old = issued(owner.id, { audience: { allServers: false, serverIds: ["srv_bbbbbbbbbbbbbbbb"] } });
    revokeToken(old.id, "done", system);
    t.db.update(mcpServers).set({ status: "disabled" }).where(eq(mcpServers.id, "srv_bbbbbbbbbbbbbbbb")).run();
    expect(() => regenerateToken(old.id, as(owner))).toThrow("Files is disabled: issue a new token for the servers it should reach.");
  });
});
