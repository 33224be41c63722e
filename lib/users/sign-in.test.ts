import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { useTempDb } from "@/test/temp-db";
import { acceptInvite, inviteUser, setUserStatus } from "./mutations";
import { findUserByEmail } from "./queries";
import { authenticateWithPassword, resolveOidcUser, type OidcIdentity } from "./sign-in";

const ctx = { clientIp: "127.0.0.1", userAgent: "vitest" };
const PASSWORD = "a perfectly long password";

function sso(email: string, over: Partial<OidcIdentity> = {}): OidcIdentity {
  return { provider: "oidc", subject: `sub-${email}`, email, emailVerified: true, name: "Sso Person", ...over };
}

describe("sign-in", () => {
  const t = useTempDb();
  const audit = () =>
    t.db.$client.prepare("SELECT type, decision, reason, actor_name AS actor, details FROM audit_events ORDER BY seq").all() as {
      type: string;
      reason: string | null;
      actor: string | null;
      details: string | null;
    }[];

  async function userWithPassword(email: string) {
    const { user, inviteSecret } = inviteUser({ email, name: "P", role: "user" }, { actor: SYSTEM_ACTOR, ...ctx });
    await acceptInvite(inviteSecret, PASSWORD, ctx);
    return user;
  }

  it("audits every password attempt, good or bad, and never the password", async () => {
    await userWithPassword("pat@example.com");
    expect(await authenticateWithPassword("pat@example.com", PASSWORD, ctx)).toMatchObject({ email: "pat@example.com" });
    expect(await authenticateWithPassword("pat@example.com", "the wrong password", ctx)).toBeNull();
    expect(await authenticateWithPassword("nobody@example.com", "the wrong password", ctx)).toBeNull();
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
    setUserStatus(user.id, "disabled", { actor: SYSTEM_ACTOR, ...ctx });
    expect(await authenticateWithPassword("gone@example.com", PASSWORD, ctx)).toBeNull();
    expect(audit().at(-1)).toMatchObject({ type: "auth.sign_in_failed", reason: "user_disabled" });
  });

  describe("single sign-on (resolveOidcUser)", () => {
    it("signs in as the existing user with the same verified email, then by the linked account", () => {
      const { user } = inviteUser({ email: "match@example.com", name: "M", role: "admin" }, { actor: SYSTEM_ACTOR, ...ctx });
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
      inviteUser({ email: "victim@example.com", name: "V", role: "admin" }, { actor: SYSTEM_ACTOR, ...ctx });
      expect(resolveOidcUser(sso("victim@example.com", { emailVerified: false }), true, ctx)).toBeNull();
      expect(t.db.$client.prepare("SELECT count(*) FROM accounts").pluck().get()).toBe(0);
    });

    it("refuses a disabled user", () => {
      const { user } = inviteUser({ email: "off@example.com", name: "O", role: "user" }, { actor: SYSTEM_ACTOR, ...ctx });
      setUserStatus(user.id, "disabled", { actor: SYSTEM_ACTOR, ...ctx });
      expect(resolveOidcUser(sso("off@example.com"), true, ctx)).toBeNull();
      expect(audit().at(-1)).toMatchObject({ type: "auth.sign_in_failed", reason: "user_disabled" });
    });
  });
});
