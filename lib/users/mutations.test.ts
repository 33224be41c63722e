import { describe, expect, it } from "vitest";
import { useTempDb } from "@/test/temp-db";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { acceptInvite, changeRole, findInvite, inviteUser, setUserStatus, UserChangeError } from "./mutations";
import { findUserById } from "./queries";

const ctx = { actor: SYSTEM_ACTOR, clientIp: "127.0.0.1", userAgent: "vitest" };
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

  it("refuses a second user with the same email, whatever its case", () => {
    inviteUser({ email: "dup@example.com", name: "A", role: "user" }, ctx);
    expect(() => inviteUser({ email: "dup@example.com", name: "B", role: "user" }, ctx)).toThrow(/already exists/);
  });

  it("never lets the last active admin be demoted or disabled", () => {
    const { user: admin } = inviteUser({ email: "boss@example.com", name: "Boss", role: "admin" }, ctx);
    expect(() => changeRole(admin.id, "user", ctx)).toThrow(/last active admin/);
    expect(() => setUserStatus(admin.id, "disabled", ctx)).toThrow(/last active admin/);
    const { user: second } = inviteUser({ email: "second@example.com", name: "Second", role: "admin" }, ctx);
    expect(setUserStatus(admin.id, "disabled", ctx).status).toBe("disabled");
    expect(() => changeRole(second.id, "user", ctx)).toThrow(/last active admin/);
  });

  it("disabling bumps the session version, ending open sessions", () => {
    const { user } = inviteUser({ email: "u@example.com", name: "U", role: "user" }, ctx);
    const before = findUserById(user.id)!.sessionVersion;
    setUserStatus(user.id, "disabled", ctx);
    expect(findUserById(user.id)!.sessionVersion).toBe(before + 1);
  });

  it("writes an audit event with every change, in the same transaction", () => {
    const { user } = inviteUser({ email: "a@example.com", name: "A", role: "user" }, ctx);
    setUserStatus(user.id, "disabled", ctx);
    const types = t.db.$client.prepare("SELECT type FROM audit_events ORDER BY seq").pluck().all();
    expect(types).toEqual(["user.invited", "user.disabled"]);
  });
});
