/**
 * Authorization in the data path (STYLE habit 13): every data-layer function that reads or
 * changes someone else's data checks its actor first, so a page or action that forgot its own
 * check still opens nothing. One row per function; each is called as anonymous, a user, an
 * admin and the CLI ("system"). A refused call throws ForbiddenError and writes nothing.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { mcpServers } from "@/db/schema";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import type { SessionUser } from "@/lib/auth/session";
import { eventsForOwner, getAuditEvent, listAuditEvents } from "@/lib/audit/queries";
import { recentEventsForToken } from "@/lib/audit/recent";
import { callBuckets, serverCallBuckets, tokenCallBuckets, usageByToken, usageByUser, usageSubject } from "@/lib/audit/stats";
import { authReview } from "@/lib/servers/auth-review";
import { listServerChoices } from "@/lib/servers/choices";
import { registerServer, revokeServerCredential, rotateServerCredential, setServerStatus } from "@/lib/servers/mutations";
import { credentialsOf, findServerById, findServerBySlug, listServers, recentCalls, toolCatalogue } from "@/lib/servers/queries";
import { removeServer, restoreServer, updateServer } from "@/lib/servers/lifecycle";
import { serverTies } from "@/lib/servers/ties";
import { overrideToolClass } from "@/lib/servers/tools";
import { saveClientHostPolicy } from "@/lib/oauth/client-hosts";
import { saveOAuthSettings } from "@/lib/oauth/settings";
import { listConnectedApps } from "@/lib/oauth/connected-apps";
import { issueToken } from "@/lib/tokens/issue";
import { listTokensOwnedBy } from "@/lib/tokens/queries";
import { planRegeneration, regenerateToken } from "@/lib/tokens/regenerate";
import { countRevokeAll, revokeToken } from "@/lib/tokens/revoke";
import { changeRole, createServiceAccount, inviteUser, reinviteUser, setUserStatus } from "@/lib/users/mutations";
import { findUserForAdmin, listAllUsers, listUsersForAdmin, lookupUserByEmail } from "@/lib/users/queries";
import { endSessionByHandle, listLiveSessions } from "@/lib/users/sessions";
import { useTempDb } from "@/test/temp-db";

const net = { clientIp: null, userAgent: "vitest" };
const system = { actor: "system" as const, ...net };

type World = { admin: SessionUser; user: SessionUser; other: SessionUser; serverId: string; serverSlug: string; archivedServerId: string; otherTokenId: string; otherRevokedTokenId: string };
type Who = "anonymous" | "user" | "admin" | "system";

function world(): World {
  const person = (email: string, role: "admin" | "user") => {
    const { user } = inviteUser({ email, name: email.split("@")[0]!, role }, system);
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  };
  const admin = person("admin@example.com", "admin");
  const user = person("user@example.com", "user");
  const other = person("other@example.com", "user");
  const { server } = registerServer({ name: "Notes", url: "https://notes.example.com/mcp", deployment: "remote" }, system);
  const { token } = issueToken({ ownerId: other.id, name: "theirs", scope: "read", audience: { allServers: true }, lifetimeMs: 86_400_000, revealTo: "owner" }, system);
  const archived = registerServer({ name: "Old notes", url: "https://old-notes.example.com/mcp", deployment: "remote" }, system).server;
  db().update(mcpServers).set({ archivedAt: new Date() }).where(eq(mcpServers.id, archived.id)).run();
  const revoked = issueToken({ ownerId: other.id, name: "old", scope: "read", audience: { allServers: true }, lifetimeMs: 86_400_000, revealTo: "owner" }, system).token;
  revokeToken(revoked.id, "replaced", system);
  return { admin, user, other, serverId: server.id, serverSlug: server.slug, archivedServerId: archived.id, otherTokenId: token.id, otherRevokedTokenId: revoked.id };
}

// Anonymous arrives as null whatever the types say: a page that forgot requireUser() would pass currentUser()'s null.
const actorOf = (w: World, who: Who): Actor => (who === "anonymous" ? (null as unknown as Actor) : who === "system" ? "system" : w[who]);

const ADMIN_ONLY: Record<Who, boolean> = { anonymous: false, user: false, admin: true, system: true };
const SIGNED_IN: Record<Who, boolean> = { anonymous: false, user: true, admin: true, system: true };

// Each call names something the actor has no right to unless they are an admin (or, where said, anyone signed in).
const ROWS: [string, Record<Who, boolean>, (a: Actor, w: World) => unknown][] = [
  ["users: listAllUsers", ADMIN_ONLY, (a) => listAllUsers(a)],
  ["users: listUsersForAdmin", ADMIN_ONLY, (a) => listUsersForAdmin(a)],
  ["users: lookupUserByEmail", ADMIN_ONLY, (a) => lookupUserByEmail(a, "other@example.com")],
  ["users: inviteUser", ADMIN_ONLY, (a) => inviteUser({ email: `new${Math.random()}@example.com`, name: "New", role: "admin" }, { actor: a, ...net })],
  ["users: createServiceAccount", ADMIN_ONLY, (a) => createServiceAccount({ email: `bot${Math.random()}@example.com`, name: "Bot" }, { actor: a, ...net })],
  ["users: reinviteUser", ADMIN_ONLY, (a, w) => reinviteUser(w.other.id, { actor: a, ...net })],
  ["users: changeRole", ADMIN_ONLY, (a, w) => changeRole(w.other.id, "admin", { actor: a, ...net })],
  ["users: setUserStatus", ADMIN_ONLY, (a, w) => setUserStatus(w.other.id, "disabled", { actor: a, ...net })],
  ["servers: listServers", ADMIN_ONLY, (a) => listServers(a)],
  ["servers: findServerById", ADMIN_ONLY, (a, w) => findServerById(a, w.serverId)],
  ["servers: findServerBySlug", ADMIN_ONLY, (a, w) => findServerBySlug(a, w.serverSlug)],
  ["servers: credentialsOf", ADMIN_ONLY, (a, w) => credentialsOf(a, w.serverId)],
  ["servers: toolCatalogue", ADMIN_ONLY, (a, w) => toolCatalogue(a, w.serverId)],
  ["servers: recentCalls", ADMIN_ONLY, (a, w) => recentCalls(a, w.serverId)],
  ["servers: authReview", ADMIN_ONLY, (a, w) => authReview(a, findServerById("system", w.serverId)!)],
  ["servers: listServerChoices", SIGNED_IN, (a) => listServerChoices(a)],
  ["servers: registerServer", ADMIN_ONLY, (a) => registerServer({ name: `S${Math.random()}`, url: "https://s.example.com", deployment: "remote" }, { actor: a, ...net })],
  ["servers: rotateServerCredential", ADMIN_ONLY, (a, w) => rotateServerCredential(w.serverId, 0, { actor: a, ...net })],
  ["servers: revokeServerCredential", ADMIN_ONLY, (a, w) => revokeServerCredential(w.serverId, credentialsOf("system", w.serverId)[0]!.id, { actor: a, ...net })],
  ["servers: setServerStatus", ADMIN_ONLY, (a, w) => setServerStatus(w.serverId, "disabled", { actor: a, ...net })],
  ["servers: updateServer", ADMIN_ONLY, (a, w) => updateServer({ serverId: w.serverId, name: "Renamed", url: "https://elsewhere.example.com/mcp", deployment: "remote" }, { actor: a, ...net })],
  ["servers: removeServer", ADMIN_ONLY, (a, w) => removeServer(w.serverId, undefined, { actor: a, ...net })],
  ["servers: restoreServer", ADMIN_ONLY, (a, w) => restoreServer(w.archivedServerId, { actor: a, ...net })],
  ["servers: serverTies", ADMIN_ONLY, (a, w) => serverTies(a, w.serverId)],
  ["tools: overrideToolClass", ADMIN_ONLY, (a, w) => overrideToolClass(w.serverId, "delete_all", "read", { actor: a, ...net })],
  ["audit: listAuditEvents", ADMIN_ONLY, (a) => listAuditEvents(a, {})],
  ["audit: getAuditEvent", ADMIN_ONLY, (a) => getAuditEvent(a, 1)],
  ["audit: callBuckets", ADMIN_ONLY, (a) => callBuckets(a, {})],
  ["audit: serverCallBuckets", ADMIN_ONLY, (a, w) => serverCallBuckets(a, w.serverId, "30d")],
  ["audit: tokenCallBuckets (someone else's token)", ADMIN_ONLY, (a, w) => tokenCallBuckets(a, w.otherTokenId, "7d")],
  ["audit: usageSubject", ADMIN_ONLY, (a, w) => usageSubject(a, "user", w.other.id)],
  ["audit: eventsForOwner (someone else's)", ADMIN_ONLY, (a, w) => eventsForOwner(a, w.other.id)],
  ["audit: usageByUser (someone else's)", ADMIN_ONLY, (a, w) => usageByUser(a, w.other.id)],
  ["audit: usageByToken (someone else's token)", ADMIN_ONLY, (a, w) => usageByToken(a, w.otherTokenId)],
  ["audit: recentEventsForToken (someone else's token)", ADMIN_ONLY, (a, w) => recentEventsForToken(a, w.otherTokenId)],
  ["users: findUserForAdmin", ADMIN_ONLY, (a, w) => findUserForAdmin(a, w.other.id)],
  ["sessions: listLiveSessions (someone else's)", ADMIN_ONLY, (a, w) => listLiveSessions(w.other.id, { actor: a, ...net })],
  ["sessions: endSessionByHandle (someone else's)", ADMIN_ONLY, (a, w) => endSessionByHandle(w.other.id, "0123456789abcdef", { actor: a, ...net })],
  ["oauth: listConnectedApps (someone else's)", ADMIN_ONLY, (a, w) => listConnectedApps(a, w.other.id)],
  ["oauth: saveClientHostPolicy", ADMIN_ONLY, (a) => saveClientHostPolicy({ allowed: [], blocked: ["evil.example"] }, { actor: a, ...net })],
  ["oauth: saveOAuthSettings", ADMIN_ONLY, (a) => saveOAuthSettings({ writeApproval: "everyone", accessTokenMinutes: 60, refreshIdleDays: 30, refreshAbsoluteDays: 90 }, { actor: a, ...net })],
  ["tokens: listTokensOwnedBy (someone else's)", ADMIN_ONLY, (a, w) => listTokensOwnedBy(a, w.other.id)],
  ["tokens: countRevokeAll", ADMIN_ONLY, (a, w) => countRevokeAll(w.other.id, a)],
  ["tokens: planRegeneration (someone else's token)", ADMIN_ONLY, (a, w) => planRegeneration(a, w.otherRevokedTokenId)],
  ["tokens: regenerateToken (someone else's token)", ADMIN_ONLY, (a, w) => regenerateToken(w.otherRevokedTokenId, { actor: a, ...net })],
  ["tokens: issueToken (for someone else)", ADMIN_ONLY, (a, w) => issueToken({ ownerId: w.other.id, name: "x", scope: "read", audience: { allServers: true }, lifetimeMs: 86_400_000, revealTo: "owner" }, { actor: a, ...net })],
];

describe("every data-layer function checks its actor first", () => {
  const t = useTempDb();
  const events = () => t.db.$client.prepare("SELECT count(*) FROM audit_events").pluck().get() as number;

  for (const who of ["anonymous", "user", "admin", "system"] as const) {
    it.each(ROWS)(`%s as ${who}`, async (_name, allowed, call) => {
      const w = world();
      const before = events();
      let refusal: unknown;
      try {
        // Awaited: the audit reads answer from the search thread, so they refuse by rejecting.
        await call(actorOf(w, who), w);
      } catch (err) {
        refusal = err;
      }
      if (allowed[who]) {
        expect(refusal).not.toBeInstanceOf(ForbiddenError);
        expect(refusal).toBeUndefined();
      } else {
        // Refused before anything else, and nothing written. Token functions keep their own words
        // (a user is told "not found" for someone else's token, as for a missing one).
        const words = (refusal as Error | undefined)?.message ?? "";
        expect(refusal instanceof ForbiddenError || /^(Token not found\.|You can only issue tokens for yourself\.)$/.test(words), words).toBe(true);
        expect(events()).toBe(before);
      }
    });
  }

  it("a user may read their own activity and usage, and nobody else's", async () => {
    const w = world();
    expect(eventsForOwner(w.user, w.user.id).rows).toEqual([]);
    expect(await usageByUser(w.user, w.user.id)).toEqual([]);
    expect(() => eventsForOwner(w.user, w.other.id)).toThrow(ForbiddenError);
  });
});
