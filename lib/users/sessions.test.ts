import { describe, expect, it } from "vitest";
import { useTempDb } from "@/test/temp-db";
import { ForbiddenError, type ActorCtx } from "@/lib/auth/actor";
import { inviteUser } from "./mutations";
import { countLiveSessions, endAllSessions, endSession, endSessionByHandle, findSessionUser, listLiveSessions, pruneExpiredSessions, startSession } from "./sessions";

const net = { clientIp: "127.0.0.1", userAgent: "vitest" };
const system: ActorCtx = { actor: "system", ...net };
const DAY = 24 * 3600 * 1000;

describe("sessions", () => {
  const t = useTempDb();
  const person = (email: string, role: "admin" | "user" = "user") => inviteUser({ email, name: email, role }, system).user;
  const signedOut = () =>
    t.db.$client.prepare("SELECT actor_name AS actor, subject_user_id AS subject, details FROM audit_events WHERE type = 'auth.signed_out' ORDER BY seq").all() as {
      actor: string | null;
      subject: string;
      details: string;
    }[];

  it("a session ends at its absolute lifetime (7 days by default), however recently it was used", () => {
    const u = person("week@example.com");
    const T0 = Date.now();
    const sid = startSession(u, net, T0);
    expect(findSessionUser(sid, u.id, T0 + 7 * DAY - 1000)?.id).toBe(u.id);
    expect(findSessionUser(sid, u.id, T0 + 7 * DAY)).toBeUndefined();
    pruneExpiredSessions(T0 + 8 * DAY);
    expect(t.db.$client.prepare("SELECT count(*) AS n FROM sessions").get()).toEqual({ n: 0 });
  });

  it("sign-out deletes the session, so its id (a replayed cookie) is refused; audited once as auth.signed_out", () => {
    const u = person("out@example.com");
    const sid = startSession(u, net);
    const other = startSession(u, net);
    endSession(sid, net);
    endSession(sid, net); // a second sign-out with the same cookie records nothing more
    expect(findSessionUser(sid, u.id)).toBeUndefined();
    expect(findSessionUser(other, u.id)?.id).toBe(u.id);
    expect(signedOut()).toEqual([{ actor: "out@example.com", subject: u.id, details: JSON.stringify({ scope: "this_session" }) }]);
  });

  it("a session id is only good for the user it was started for, and is stored only as a digest", () => {
    const u = person("mine@example.com");
    const v = person("yours@example.com");
    const sid = startSession(u, net);
    expect(findSessionUser(sid, v.id)).toBeUndefined();
    expect(JSON.stringify(t.db.$client.prepare("SELECT * FROM sessions").all())).not.toContain(sid);
  });

  it("sign out everywhere: the person themself or an admin, never another user; audited with the count", () => {
    const u = person("many@example.com");
    const admin = person("boss@example.com", "admin");
    const nosy = person("nosy@example.com");
    const asUser = (x: typeof u): ActorCtx => ({ actor: { id: x.id, email: x.email, name: x.name, role: x.role }, ...net });
    const ids = [startSession(u, net), startSession(u, net)];
    const nosySession = startSession(nosy, net);
    expect(() => endAllSessions(u.id, asUser(nosy))).toThrow(ForbiddenError);
    expect(() => countLiveSessions(u.id, asUser(nosy))).toThrow(ForbiddenError);
    expect(countLiveSessions(u.id, asUser(u))).toBe(2);
    expect(endAllSessions(u.id, asUser(admin))).toBe(2);
    expect(ids.map((id) => findSessionUser(id, u.id))).toEqual([undefined, undefined]);
    expect(findSessionUser(nosySession, nosy.id)?.id).toBe(nosy.id);
    startSession(u, net);
    expect(endAllSessions(u.id, asUser(u))).toBe(1);
    expect(signedOut().map((e) => [e.actor, e.subject, JSON.parse(e.details)])).toEqual([
      ["boss@example.com", u.id, { scope: "everywhere", sessions: 2 }],
      ["many@example.com", u.id, { scope: "everywhere", sessions: 1 }],
    ]);
  });

  it("an admin sees a user's live sessions by handle and ends one: that browser is signed out, the others are not", () => {
    const u = person("two-laptops@example.com");
    const admin = person("ops@example.com", "admin");
    const nosy = person("peek@example.com");
    const asUser = (x: typeof u): ActorCtx => ({ actor: { id: x.id, email: x.email, name: x.name, role: x.role }, ...net });
    const [first, second] = [startSession(u, { clientIp: "198.51.100.1", userAgent: "Firefox" }), startSession(u, { clientIp: "198.51.100.2", userAgent: "Safari" })];
    expect(() => listLiveSessions(u.id, asUser(nosy))).toThrow(ForbiddenError);

    const listed = listLiveSessions(u.id, asUser(admin));
    expect(listed.map((s) => s.userAgent)).toEqual(["Firefox", "Safari"]);
    // The page holds a handle, never the cookie's id or the digest that stands for it.
    expect(JSON.stringify(listed)).not.toContain(first);
    expect(listed[0]!.handle).toMatch(/^[0-9a-f]{16}$/);
    expect(() => endSessionByHandle(u.id, listed[0]!.handle, asUser(nosy))).toThrow(ForbiddenError);
    // A handle only ends a session of the user it names.
    expect(endSessionByHandle(nosy.id, listed[0]!.handle, asUser(admin))).toBe(false);

    expect(endSessionByHandle(u.id, listed[0]!.handle, asUser(admin))).toBe(true);
    expect(endSessionByHandle(u.id, listed[0]!.handle, asUser(admin))).toBe(false);
    expect(findSessionUser(first, u.id)).toBeUndefined();
    expect(findSessionUser(second, u.id)?.id).toBe(u.id);
    expect(signedOut()).toEqual([{ actor: "ops@example.com", subject: u.id, details: JSON.stringify({ scope: "one_session", sessions: 1 }) }]);
  });
});
