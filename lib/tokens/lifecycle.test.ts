import fs from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { mcpServers } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { saveTokenPolicy } from "@/lib/policy/store";
import { DEFAULT_TOKEN_POLICY } from "@/lib/policy/token-policy";
import { createServiceAccount, inviteUser } from "@/lib/users/mutations";
import { recordAudit } from "@/lib/audit/writer";
import { revokePresentedToken } from "@/lib/verify/revoke";
import { useTempDb } from "@/test/temp-db";
import { ForbiddenError, type ActorCtx } from "@/lib/auth/actor";
import { DAY_MS, HOUR_MS } from "./duration";
import { issueToken } from "./issue";
import { revealToken, rotateToken, updateToken } from "./lifecycle";
import { findTokenDetail, listTokens } from "./queries";
import { countRevokeAll, revokeAllForUser, revokeToken, revokeTokens } from "./revoke";
import { deriveTokenStatus } from "./status";
import { digestCredential, isWellFormed, TOKEN_PREFIX } from "./format";

const net = { clientIp: "203.0.113.9", userAgent: "vitest" };
const system: ActorCtx = { actor: "system", ...net };
const page = { page: 1, pageSize: 50, sort: { id: "createdAt" as const, desc: true } };

function person(email: string, role: "admin" | "user" = "user"): SessionUser {
  const { user } = inviteUser({ email, name: email.split("@")[0]!, role }, system);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
const as = (user: SessionUser): ActorCtx => ({ actor: user, ...net });
function service(email: string): SessionUser {
  const user = createServiceAccount({ email, name: email.split("@")[0]! }, system);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
/** A person's token as it normally starts: issued by the CLI, claimed by its owner. */
function claimed(owner: SessionUser, extra: Partial<Parameters<typeof issueToken>[0]> = {}) {
  const { token } = issueToken(forOwner(owner.id, extra), system);
  return { token, secret: revealToken(token.id, as(owner)).secret };
}
const forOwner = (ownerId: string, extra: Partial<Parameters<typeof issueToken>[0]> = {}) => ({
  ownerId,
  name: "laptop",
  scope: "read" as const,
  audience: { allServers: true as const },
  lifetimeMs: 30 * DAY_MS,
  revealTo: "owner" as const,
  ...extra,
});

describe("token lifecycle", () => {
  const t = useTempDb();
  const auditTypes = () => t.db.$client.prepare("SELECT type FROM audit_events WHERE type LIKE 'token.%' ORDER BY seq").pluck().all();

  it("a canary secret revealed at issue exists nowhere in the database file or its WAL", () => {
    const owner = service("svc@example.com");
    const { token, secret } = issueToken(forOwner(owner.id, { revealTo: "creator", name: "canary" }), system);
    expect(secret && isWellFormed(secret, TOKEN_PREFIX)).toBe(true);
    t.db.$client.pragma("wal_checkpoint(PASSIVE)");
    for (const file of [t.file, `${t.file}-wal`].filter((f) => fs.existsSync(f))) {
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(Buffer.from(secret!)), file).toBe(false);
      expect(bytes.includes(Buffer.from(secret!.slice(5, 30))), file).toBe(false);
    }
    // What is stored is its digest, and the audit event says the creator saw it.
    const stored = t.db.$client.prepare("SELECT secret_hash FROM token_secrets WHERE token_id = ?").pluck().get(token.id);
    expect(stored).toBe(digestCredential(secret!));
    const details = t.db.$client.prepare("SELECT details FROM audit_events WHERE type = 'token.issued'").pluck().get() as string;
    expect(JSON.parse(details)).toMatchObject({ revealTo: "creator", revealedToCreator: true });
  });

  it("an admin-issued token is ready to claim until its owner reveals it, once", () => {
    const owner = person("owner@example.com");
    const admin = person("boss@example.com", "admin");
    const { token, secret } = issueToken(forOwner(owner.id), as(admin));
    expect(secret).toBeUndefined();
    expect(findTokenDetail(owner, token.id)?.token.status).toBe("ready");
    expect(() => revealToken(token.id, as(admin))).toThrow(/Only the token's owner/);

    const revealed = revealToken(token.id, as(owner));
    expect(isWellFormed(revealed.secret, TOKEN_PREFIX)).toBe(true);
    expect(findTokenDetail(owner, token.id)?.token.status).toBe("active");
    expect(() => revealToken(token.id, as(owner))).toThrow(/active; it cannot be claimed/);
    expect(auditTypes()).toEqual(["token.issued", "token.revealed"]);
  });

  it.each([
    ["an admin", (admin: SessionUser) => as(admin)],
    ["the CLI", () => system],
  ])("rotating someone else's token as %s shows no secret: its owner claims the new one, the old keeps its grace", (_who, rotator) => {
    const owner = person("bob@example.com");
    const admin = person("ada@example.com", "admin");
    const { token } = claimed(owner);
    const rotated = rotateToken(token.id, 24 * HOUR_MS, rotator(admin));
    expect(rotated.secret).toBeUndefined();
    expect(rotated.claimBy).toEqual({ name: "bob", email: "bob@example.com" });
    // Bob's old secret keeps working through the grace; the new one does not exist until he claims it.
    const waiting = findTokenDetail(owner, token.id)!;
    expect(waiting.token.status).toBe("ready");
    expect(waiting.secrets.map((s) => s.state)).toEqual(["grace"]);
    expect(() => revealToken(token.id, as(admin))).toThrow(/Only the token's owner/);
    const claimedNew = revealToken(token.id, as(owner));
    expect(isWellFormed(claimedNew.secret, TOKEN_PREFIX)).toBe(true);
    expect(findTokenDetail(owner, token.id)!.secrets.map((s) => s.state)).toEqual(["current", "grace"]);
    const details = t.db.$client.prepare("SELECT details FROM audit_events WHERE type = 'token.rotated'").pluck().get() as string;
    expect(JSON.parse(details)).toMatchObject({ newHint: null, newSecretTo: "owner" });
  });

  it("'reveal to me now' is only for the admin's own tokens and for service accounts", () => {
    const owner = person("carol@example.com");
    const admin = person("dana@example.com", "admin");
    const bot = service("ci-bot@example.com");
    const tokenCount = () => t.db.$client.prepare("SELECT count(*) FROM tokens").pluck().get();

    expect(() => issueToken(forOwner(owner.id, { revealTo: "creator" }), as(admin))).toThrow(/Only carol can see this token's secret/);
    expect(() => issueToken(forOwner(owner.id, { revealTo: "creator" }), system)).toThrow(/Only carol can see/);
    expect(tokenCount()).toBe(0);

    expect(isWellFormed(issueToken(forOwner(admin.id, { revealTo: "creator" }), as(admin)).secret!, TOKEN_PREFIX)).toBe(true);
    // A service account has nobody to claim its secret: the admin (or the CLI) gets it, once.
    const botToken = issueToken(forOwner(bot.id), as(admin));
    expect(isWellFormed(botToken.secret!, TOKEN_PREFIX)).toBe(true);
    expect(issueToken(forOwner(bot.id, { revealTo: "creator" }), system).secret).toBeDefined();
    expect(rotateToken(botToken.token.id, 0, as(admin)).secret).toBeDefined();
  });

  it("rotation keeps the old secret for the grace, never past expiry, and grace 0 ends it at once", () => {
    const owner = person("rot@example.com");
    const { token } = claimed(owner, { lifetimeMs: 2 * HOUR_MS });

    const before = Date.now();
    const rotated = rotateToken(token.id, 24 * HOUR_MS, as(owner));
    // The token expires in 2 hours: the old secret may not outlive it.
    expect(rotated.oldSecretValidUntil!.getTime()).toBe(token.expiresAt!.getTime());
    const detail = findTokenDetail(owner, token.id)!;
    expect(detail.token.status).toBe("rotating");
    expect(detail.token.rotatingUntil).toEqual(token.expiresAt);
    expect(detail.secrets.map((s) => s.state)).toEqual(["current", "grace"]);

    rotateToken(token.id, 0, as(owner));
    const after = findTokenDetail(owner, token.id)!;
    expect(after.secrets.map((s) => s.state)).toEqual(["current", "expired", "grace"]);
    expect(after.secrets[1]!.expiresAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(after.secrets[1]!.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(() => rotateToken(token.id, 8 * DAY_MS, as(owner))).toThrow(/between 0 and 7 days/);
  });

  it("lists secrets newest first even when they were all written in the same millisecond", () => {
    const owner = person("same-ms@example.com");
    const { token } = claimed(owner, { lifetimeMs: 2 * HOUR_MS });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    try {
      const first = findTokenDetail(owner, token.id)!.secrets[0]!.id;
      rotateToken(token.id, HOUR_MS, as(owner));
      const second = findTokenDetail(owner, token.id)!.secrets[0]!.id;
      rotateToken(token.id, 0, as(owner));
      const detail = findTokenDetail(owner, token.id)!;
      expect(detail.secrets.slice(1).map((s) => s.id)).toEqual([second, first]);
      expect(detail.secrets.map((s) => s.state)).toEqual(["current", "expired", "grace"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses another user's token id with the same answer as a missing one", () => {
    const alice = person("alice@example.com");
    const mallory = person("mallory@example.com");
    const { token } = claimed(alice);
    const missing = "tok_0000000000000000";
    for (const id of [token.id, missing]) {
      expect(() => rotateToken(id, 0, as(mallory))).toThrow("Token not found.");
      expect(() => revokeToken(id, "mine now", as(mallory))).toThrow("Token not found.");
      expect(() => revealToken(id, as(mallory))).toThrow("Token not found.");
      expect(() => updateToken(id, { name: "x", scope: "read", audience: { allServers: true } }, as(mallory))).toThrow("Token not found.");
      expect(findTokenDetail(mallory, id)).toBeUndefined();
    }
    expect(() => revokeTokens([token.id], "bulk", as(mallory))).toThrow("Token not found.");
    expect(() => revokeAllForUser(alice.id, "offboard", as(mallory))).toThrow("Token not found.");
    expect(() => issueToken(forOwner(alice.id), as(mallory))).toThrow(/only issue tokens for yourself/);
    // Even asking the list for Alice's tokens shows Mallory only her own.
    expect(listTokens(mallory, page, { owner: "alice@example.com" }).rows).toEqual([]);
    expect(findTokenDetail(alice, token.id)?.token.revokedAt).toBeNull();
  });

  it("enforces the policy in the data layer, not only in forms", () => {
    const admin = person("pol@example.com", "admin");
    const user = person("self@example.com");
    saveTokenPolicy({ ...DEFAULT_TOKEN_POLICY, maxLifetimeDays: 30, defaultLifetimeDays: 30, userMaxLifetimeDays: 7 }, admin, net);
    expect(() => issueToken(forOwner(user.id, { lifetimeMs: 31 * DAY_MS }), as(admin))).toThrow(/at most 30 days/);
    expect(() => issueToken(forOwner(user.id, { lifetimeMs: null }), as(admin))).toThrow(/must expire/);
    expect(() => issueToken(forOwner(user.id, { lifetimeMs: 8 * DAY_MS }), as(user))).toThrow(/at most 7 days/);
    expect(() => issueToken(forOwner(user.id, { scope: "write", lifetimeMs: DAY_MS }), as(user))).toThrow(/only issue read/);
    const own = issueToken(forOwner(user.id, { lifetimeMs: 7 * DAY_MS }), as(user));
    expect(own.secret).toBeDefined(); // self-issued tokens are shown at once
    expect(t.db.$client.prepare("SELECT COUNT(*) FROM tokens").pluck().get()).toBe(1);
  });

  it("edits only narrow", () => {
    const owner = person("edit@example.com");
    t.db.insert(mcpServers).values([
      { id: "srv_aaaaaaaaaaaaaaaa", slug: "notes", name: "Notes", url: "https://notes.example/mcp" },
      { id: "srv_bbbbbbbbbbbbbbbb", slug: "files", name: "Files", url: "https://files.example/mcp" },
    ]).run();
    const { token } = claimed(owner, { scope: "write" });
    const narrowed = updateToken(token.id, { name: "renamed", scope: "read", audience: { allServers: false, serverIds: ["srv_aaaaaaaaaaaaaaaa"] } }, as(owner));
    expect(narrowed).toMatchObject({ name: "renamed", scope: "read", allServers: false });
    expect(() => updateToken(token.id, { name: "renamed", scope: "write", audience: { allServers: false, serverIds: ["srv_aaaaaaaaaaaaaaaa"] } }, as(owner))).toThrow(/cannot become write/);
    expect(() => updateToken(token.id, { name: "renamed", scope: "read", audience: { allServers: false, serverIds: ["srv_bbbbbbbbbbbbbbbb"] } }, as(owner))).toThrow(/only be removed/);
    expect(findTokenDetail(owner, token.id)?.token.servers.map((s) => s.slug)).toEqual(["notes"]);
    expect(auditTypes()).toEqual(["token.issued", "token.revealed", "token.updated"]);
  });

  it("revokes one, a selection, or all of a user's tokens, with one event per token", () => {
    const owner = person("leaver@example.com");
    const admin = person("hr@example.com", "admin");
    const ids = [1, 2, 3, 4].map((n) => claimed(owner, { name: `t${n}` }).token.id);
    revokeToken(ids[0]!, "lost laptop", as(owner));
    expect(() => revokeToken(ids[0]!, "again", as(owner))).toThrow(/already revoked/);
    expect(revokeTokens([ids[0]!, ids[1]!], "cleanup", as(admin))).toBe(1);
    // The dialog's count beforehand is what revoking all then does.
    expect(() => countRevokeAll(owner.id, owner)).toThrow(ForbiddenError);
    expect(countRevokeAll(owner.id, admin)).toEqual({ tokens: 2, apps: 0 });
    expect(revokeAllForUser(owner.id, "left the company", as(admin))).toBe(2);
    expect(countRevokeAll(owner.id, admin)).toEqual({ tokens: 0, apps: 0 });

    const rows = listTokens(admin, page, {}).rows;
    expect(rows.every((r) => r.status === "revoked")).toBe(true);
    expect(rows.find((r) => r.id === ids[0])).toMatchObject({ revokedByName: "leaver@example.com", revokeReason: "lost laptop" });
    expect(rows.find((r) => r.id === ids[3])).toMatchObject({ revokedByName: "hr@example.com", revokeReason: "left the company" });
    expect(auditTypes().slice(8)).toEqual(["token.revoked", "token.revoked", "token.revoked", "token.revoked", "token.revoked_all"]);
  });

  it("names the token holder as the revoker of a token revoked by presenting it (POST /api/v1/revoke)", () => {
    const owner = person("leaky@example.com");
    const { token, secret } = claimed(owner);
    expect(revokePresentedToken(secret!, { clientIp: null, userAgent: null }, { now: Date.now, audit: recordAudit })).toBe("ok");
    expect(findTokenDetail(owner, token.id)?.token).toMatchObject({ status: "revoked", revokedByName: "the token holder", revokeReason: "self-revoked" });
  });

  it("filters by status in SQL exactly as the status is derived", () => {
    const owner = person("mix@example.com");
    const admin = person("root@example.com", "admin");
    issueToken(forOwner(owner.id, { name: "ready" }), as(admin));
    claimed(owner, { name: "active" });
    const rotating = claimed(owner, { name: "rotating" }).token;
    rotateToken(rotating.id, HOUR_MS, as(owner));
    const revoked = claimed(owner, { name: "revoked" }).token;
    revokeToken(revoked.id, "test", system);
    const expired = claimed(owner, { name: "expired" }).token;
    t.db.$client.prepare("UPDATE tokens SET expires_at = ? WHERE id = ?").run(Date.now() - 1, expired.id);

    for (const status of ["ready", "active", "rotating", "revoked", "expired"] as const) {
      const rows = listTokens(admin, page, { status }).rows;
      expect(rows.map((r) => r.name)).toEqual([status]);
      const { token, secrets } = findTokenDetail(admin, rows[0]!.id)!;
      expect(deriveTokenStatus(token, secrets, new Date())).toBe(status);
    }
  });
});
