import { describe, expect, it } from "vitest";
import { useTempDb } from "@/test/temp-db";
import type { ActorCtx } from "@/lib/auth/actor";
import { acceptInvite, changeRole, createServiceAccount, findInvite, inviteRefusal, inviteUser, reinviteUser, setUserStatus, UserChangeError } from "./mutations";
import { findUserById, maySignIn } from "./queries";
import { findSessionUser, startSession } from "./sessions";
import { authenticateWithPassword } from "./sign-in";

const ctx: ActorCtx = { actor: "system", clientIp: "127.0.0.1", userAgent: "vitest" };
const anon = { clientIp: "127.0.0.1", userAgent: "vitest" };

describe("users", () => {
  const t = useTempDb();

  it("an invite link sets the password once, then is dead", async () => {
    const { user, inviteSecret } = inviteUser({ email: "new@example.com", name: "New", role: "user" }, ctx);
    expect(findInvite(inviteSecret)?.user.id).toBe(user.id);
    await acceptInvite(inviteSecret, "a long enough password", anon);
    expect(findUserById(user.id)?.passwordHash).toMatch(/^scrypt\$/);
    expect(findInvite(inviteSecret)).toBeUndefined();
    await expect(acceptInvite(inviteSecret, "another long password", anon)).rejects.toThrow(UserChangeError);
  });

  it("a live link to a disabled account says the account is disabled, not that the link expired", async () => {
    const { user, inviteSecret } = inviteUser({ email: "off@example.com", name: "Off", role: "user" }, ctx);
    inviteUser({ email: "boss@example.com", name: "Boss", role: "admin" }, ctx);
    setUserStatus(user.id, "disabled", ctx);
    expect(findInvite(inviteSecret)).toBeUndefined();
    expect(inviteRefusal(inviteSecret)).toMatch(/account is disabled/);
    await expect(acceptInvite(inviteSecret, "a long enough password", anon)).rejects.toThrow(/account is disabled/);
    expect(inviteRefusal("not-a-link")).toMatch(/expired or was already used/);
  });

  it("refuses a second user with the same email, whatever its case", () => {
    inviteUser({ email: "dup@example.com", name: "A", role: "user" }, ctx);
    expect(() => inviteUser({ email: "dup@example.com", name: "B", role: "user" }, ctx)).toThrow(/already exists/);
  });

  async function adminWithPassword(email: string) {
    const { user, inviteSecret } = inviteUser({ email, name: email.split("@")[0]!, role: "admin" }, ctx);
    await acceptInvite(inviteSecret, "a long enough password", anon);
    return user;
  }

  it("never lets the last admin who can sign in be demoted or disabled", async () => {
    const admin = await adminWithPassword("boss@example.com");
    expect(() => changeRole(admin.id, "user", ctx)).toThrow(/last admin who can sign in/);
    expect(() => setUserStatus(admin.id, "disabled", ctx)).toThrow(/last admin who can sign in/);
    const second = await adminWithPassword("second@example.com");
    expect(setUserStatus(admin.id, "disabled", ctx).status).toBe("disabled");
    expect(() => changeRole(second.id, "user", ctx)).toThrow(/last admin who can sign in/);
  });

  it.each([
    ["an invited admin who never set a password", async () => void inviteUser({ email: "inv@example.com", name: "Inv", role: "admin" }, ctx)],
    ["a disabled admin", async () => void setUserStatus((await adminWithPassword("off@example.com")).id, "disabled", ctx)],
    ["a service account", async () => void createServiceAccount({ email: "bot@example.com", name: "Bot" }, ctx)],
  ])("does not count %s as a way back in", async (_case, addOther) => {
    const boss = await adminWithPassword("boss@example.com");
    await addOther();
    expect(() => changeRole(boss.id, "user", ctx)).toThrow(/last admin who can sign in/);
    expect(findUserById(boss.id)?.role).toBe("admin");
  });

  it("counts an admin who signs in with single sign-on only", async () => {
    const boss = await adminWithPassword("boss@example.com");
    const sso = inviteUser({ email: "sso@example.com", name: "SSO", role: "admin" }, ctx).user;
    t.db.$client.prepare("INSERT INTO accounts (provider, subject, user_id) VALUES ('oidc', 'sub-1', ?)").run(sso.id);
    expect(changeRole(boss.id, "user", ctx).role).toBe("user");
  });

  it("lets an admin who cannot sign in be demoted even when nobody else is admin", () => {
    const invited = inviteUser({ email: "inv@example.com", name: "Inv", role: "admin" }, ctx).user;
    expect(changeRole(invited.id, "user", ctx).role).toBe("user");
  });

  it("disabling deletes the user's sessions, ending them at their next request", () => {
    const { user } = inviteUser({ email: "u@example.com", name: "U", role: "user" }, ctx);
    const sid = startSession(user, ctx);
    expect(findSessionUser(sid, user.id)?.id).toBe(user.id);
    setUserStatus(user.id, "disabled", ctx);
    setUserStatus(user.id, "active", ctx);
    // Enabled again, the old session stays ended: the person signs in afresh.
    expect(findSessionUser(sid, user.id)).toBeUndefined();
  });

  it("a service account can never sign in: no password, no set-password link, never an admin, no session", async () => {
    const bot = createServiceAccount({ email: "CI-Bot@example.com", name: "CI bot" }, ctx);
    expect(bot).toMatchObject({ email: "ci-bot@example.com", kind: "service", role: "user", passwordHash: null });
    expect(() => reinviteUser(bot.id, ctx)).toThrow(/never signs in/);
    expect(() => changeRole(bot.id, "admin", ctx)).toThrow(/cannot be an admin/);
    expect(await authenticateWithPassword("ci-bot@example.com", "", anon)).toMatchObject({ ok: false });
    // The session checks (lib/auth: every request, and the OIDC sign-in callback) ask this.
    expect(maySignIn(findUserById(bot.id)!)).toBe(false);
    expect(() => createServiceAccount({ email: "ci-bot@example.com", name: "again" }, ctx)).toThrow(/already exists/);
    const details = t.db.$client.prepare("SELECT details FROM audit_events WHERE type = 'user.created'").pluck().get() as string;
    expect(JSON.parse(details)).toEqual({ email: "ci-bot@example.com", kind: "service" });
  });

  it("writes an audit event with every change, in the same transaction", () => {
    const { user } = inviteUser({ email: "a@example.com", name: "A", role: "user" }, ctx);
    setUserStatus(user.id, "disabled", ctx);
    const types = t.db.$client.prepare("SELECT type FROM audit_events ORDER BY seq").pluck().all();
    expect(types).toEqual(["user.invited", "user.disabled"]);
  });
});
