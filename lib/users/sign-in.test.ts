import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { useTempDb } from "@/test/temp-db";
import { acceptInvite, inviteUser, setUserStatus } from "./mutations";
import { findUserByEmail } from "./queries";
import { authenticateWithPassword, resetSignInThrottle, resolveOidcUser, type OidcIdentity } from "./sign-in";

// Small limits keep the number of (slow, N=2^17) hashes down; the default 10-in-15-minutes is
// lib/auth/sign-in-throttle.test.ts's. config() is read lazily, after this line.
process.env.SIGN_IN_MAX_FAILURES = "3";
process.env.SIGN_IN_MAX_FAILURES_PER_ADDRESS = "5";

const ctx = { clientIp: "127.0.0.1", userAgent: "vitest" };
const PASSWORD = "a perfectly long password";

function sso(email: string, over: Partial<OidcIdentity> = {}): OidcIdentity {
  return { provider: "oidc", subject: `sub-${email}`, email, emailVerified: true, name: "Sso Person", ...over };
}

// Each attempt hashes at N=2^17, which takes seconds on a loaded machine.
describe("sign-in", { timeout: 120_000 }, () => {
  const t = useTempDb();
  beforeEach(() => resetSignInThrottle());
  const audit = () =>
    t.db.$client.prepare("SELECT type, decision, reason, actor_name AS actor, details FROM audit_events ORDER BY seq").all() as {
      type: string;
      reason: string | null;
      actor: string | null;
      details: string | null;
    }[];

  async function userWithPassword(email: string) {
    const { user, inviteSecret } = inviteUser({ email, name: "P", role: "user" }, { actor: "system" as const, ...ctx });
    await acceptInvite(inviteSecret, PASSWORD, ctx);
    return user;
  }

  it("audits every password attempt, good or bad, and never the password", async () => {
    await userWithPassword("pat@example.com");
    expect(await authenticateWithPassword("pat@example.com", PASSWORD, ctx)).toMatchObject({ ok: true, user: { email: "pat@example.com" } });
    expect(await authenticateWithPassword("pat@example.com", "the wrong password", ctx)).toEqual({ ok: false, reason: "wrong_credentials" });
    expect(await authenticateWithPassword("nobody@example.com", "the wrong password", ctx)).toEqual({ ok: false, reason: "wrong_credentials" });
    const events = audit().filter((e) => e.type.startsWith("auth."));
    expect(events.map((e) => [e.type, e.reason])).toEqual([
      ["auth.signed_in", null],
      ["auth.sign_in_failed", "wrong_password"],
      ["auth.sign_in_failed", "unknown_user"],
    ]);
    expect(findUserByEmail("pat@example.com")?.lastSignInAt).toBeInstanceOf(Date);
    const everything = JSON.stringify(t.db.$client.prepare("SELECT * FROM audit_events").all());
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain("the wrong password");
  });

  it("refuses a disabled user even with the right password", async () => {
    const user = await userWithPassword("gone@example.com");
    setUserStatus(user.id, "disabled", { actor: "system" as const, ...ctx });
    expect(await authenticateWithPassword("gone@example.com", PASSWORD, ctx)).toMatchObject({ ok: false });
    expect(audit().at(-1)).toMatchObject({ type: "auth.sign_in_failed", reason: "user_disabled" });
  });

  describe("throttle", () => {
    const T0 = Date.parse("2026-12-02T12:00:00Z");

    it("past the account's limit refuses without hashing, even the right password, audits it and says when", async () => {
      await userWithPassword("guess@example.com");
      for (let i = 0; i < 3; i++) {
        expect(await authenticateWithPassword("guess@example.com", `wrong ${i}`, ctx, T0 + i)).toMatchObject({ reason: "wrong_credentials" });
      }
      const started = performance.now();
      const refused = await authenticateWithPassword("guess@example.com", PASSWORD, ctx, T0 + 20);
      // A refusal costs no hash: far under one scrypt at N=2^17.
      expect(performance.now() - started).toBeLessThan(30);
      expect(refused).toMatchObject({ ok: false, reason: "throttled" });
      const wait = (refused as { retryAfterSeconds: number }).retryAfterSeconds;
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(15 * 60);
      expect(audit().at(-1)).toMatchObject({ type: "auth.sign_in_failed", reason: "throttled" });
      expect(JSON.parse(audit().at(-1)!.details!)).toMatchObject({ limit: "account", retry_after_s: wait });
      // Another address is held too: the limit is the account's. After the wait, it may try again.
      expect(await authenticateWithPassword("GUESS@example.com", PASSWORD, { ...ctx, clientIp: "192.0.2.9" }, T0 + 30)).toMatchObject({ reason: "throttled" });
      expect(await authenticateWithPassword("guess@example.com", PASSWORD, ctx, T0 + 20 + wait * 1000)).toMatchObject({ ok: true });
    });

    it("a success resets the account's count", async () => {
      await userWithPassword("typo@example.com");
      for (let i = 0; i < 2; i++) await authenticateWithPassword("typo@example.com", `wrong ${i}`, ctx, T0);
      expect(await authenticateWithPassword("typo@example.com", PASSWORD, ctx, T0)).toMatchObject({ ok: true });
      for (let i = 0; i < 2; i++) await authenticateWithPassword("typo@example.com", `wrong ${i}`, ctx, T0);
      expect(await authenticateWithPassword("typo@example.com", PASSWORD, ctx, T0)).toMatchObject({ ok: true });
    });

    it("limits one address spraying many accounts, while other addresses still sign in", async () => {
      await userWithPassword("victim@example.com");
      const sprayer = { ...ctx, clientIp: "198.51.100.7" };
      for (let i = 0; i < 5; i++) await authenticateWithPassword(`nobody${i}@example.com`, "x", sprayer, T0);
      expect(await authenticateWithPassword("victim@example.com", PASSWORD, sprayer, T0)).toMatchObject({ reason: "throttled" });
      expect(await authenticateWithPassword("victim@example.com", PASSWORD, ctx, T0)).toMatchObject({ ok: true });
    });
  });

  it("an older, weaker hash is replaced at the next successful sign-in, and the old password goes on working", async () => {
    const user = await userWithPassword("old@example.com");
    const weak = await hashPassword(PASSWORD, { N: 1 << 14, r: 8, p: 1 });
    t.db.$client.prepare("UPDATE users SET password_hash = ? WHERE id = ?").run(weak, user.id);
    expect(await authenticateWithPassword("old@example.com", "not it", ctx)).toMatchObject({ ok: false });
    expect(findUserByEmail("old@example.com")?.passwordHash).toBe(weak); // a wrong password rehashes nothing
    expect(await authenticateWithPassword("old@example.com", PASSWORD, ctx)).toMatchObject({ ok: true });
    const stored = findUserByEmail("old@example.com")!.passwordHash!;
    expect(stored).not.toBe(weak);
    expect(stored.split("$").slice(0, 4)).toEqual(["scrypt", String(1 << 17), "8", "1"]);
    expect(await authenticateWithPassword("old@example.com", PASSWORD, ctx)).toMatchObject({ ok: true });
  });

  describe("single sign-on (resolveOidcUser)", () => {
    it("signs in as the existing user with the same verified email, then by the linked account", () => {
      const { user } = inviteUser({ email: "match@example.com", name: "M", role: "admin" }, { actor: "system" as const, ...ctx });
      expect(resolveOidcUser(sso("MATCH@example.com"), false, ctx)?.id).toBe(user.id);
      // Linked now: the provider's later email change does not lose the account.
      expect(resolveOidcUser(sso("MATCH@example.com", { email: "renamed@example.com" }), false, ctx)?.id).toBe(user.id);
      expect(audit().filter((e) => e.type === "auth.signed_in")).toHaveLength(2);
    });

    it("creates a regular user for an unknown verified email when allowed", () => {
      const created = resolveOidcUser(sso("Newcomer@Example.com", { name: "  New Comer " }), true, ctx);
      expect(created).toMatchObject({ email: "newcomer@example.com", name: "New Comer", role: "user", status: "active" });
      expect(audit().map((e) => e.type)).toEqual(["user.created", "auth.signed_in"]);
      // The second time it is the same user, not another one.
      expect(resolveOidcUser(sso("Newcomer@Example.com"), true, ctx)?.id).toBe(created?.id);
    });

    it.each([
      ["an unknown email when creation is off", sso("stranger@example.com"), false, "unknown_user"],
      ["an unverified email, even when creation is on", sso("unverified@example.com", { emailVerified: false }), true, "email_not_verified"],
      ["no email at all", sso("", { email: null }), true, "no_email"],
    ])("refuses %s", (_case, identity, createUsers, reason) => {
      expect(resolveOidcUser(identity, createUsers, ctx)).toBeNull();
      expect(audit()).toEqual([expect.objectContaining({ type: "auth.sign_in_failed", reason })]);
      expect(t.db.$client.prepare("SELECT count(*) FROM users").pluck().get()).toBe(0);
    });

    it("does not take over an existing user through an unverified email", () => {
      inviteUser({ email: "victim@example.com", name: "V", role: "admin" }, { actor: "system" as const, ...ctx });
      expect(resolveOidcUser(sso("victim@example.com", { emailVerified: false }), true, ctx)).toBeNull();
      expect(t.db.$client.prepare("SELECT count(*) FROM accounts").pluck().get()).toBe(0);
    });

    it("refuses a disabled user", () => {
      const { user } = inviteUser({ email: "off@example.com", name: "O", role: "user" }, { actor: "system" as const, ...ctx });
      setUserStatus(user.id, "disabled", { actor: "system" as const, ...ctx });
      expect(resolveOidcUser(sso("off@example.com"), true, ctx)).toBeNull();
      expect(audit().at(-1)).toMatchObject({ type: "auth.sign_in_failed", reason: "user_disabled" });
    });
  });
});
