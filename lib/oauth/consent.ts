import "server-only";
import { serverAudience } from "@/lib/servers/audience";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { mcpServers, oauthClients, oauthCodes, oauthGrants, oauthRequests, tools, type OAuthRequest } from "@/db/schema";
import { transact, type Tx } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { auditActor, requireSignedInActor, type ActorCtx } from "@/lib/auth/actor";
import type { SessionUser } from "@/lib/auth/session";
import { newId } from "@/lib/ids";
import { randomBase62 } from "@/lib/tokens/base62";
import { digestCredential } from "@/lib/tokens/format";
import { responseLocation } from "./authorize";
import { oauthLifetimes, OAUTH_STEP_LIFETIMES } from "./lifetimes";
import { verifiedDomain } from "./metadata-client";
import { isLoopbackRedirect, redirectHost } from "./redirect";
import { closedServerRefusal } from "./resource";
import { readOAuthSettings } from "./settings";
import type { GrantScope } from "./scope";

export type ConsentView = {
  clientName: string;
  /** The host a metadata-document client proved; null for a registration (its name is self-asserted). */
  clientDomain: string | null;
  redirectHost: string;
  loopback: boolean;
  serverName: string;
  serverUrl: string;
  requested: GrantScope;
  /** What this user may grant: a non-admin gets read even when write was asked, unless the OAuth settings let everyone allow write. */
  grantable: GrantScope;
  readTools: string[];
  writeTools: string[];
};

/** What the actor may grant: write only for admins, unless Settings → OAuth lets everyone allow it. */
function grantableScope(actor: SessionUser, requested: GrantScope): GrantScope {
  if (requested === "read" || actor.role === "admin") return requested;
  return readOAuthSettings().writeApproval === "everyone" ? "write" : "read";
}

/**
 * The pending request behind a consent page, for the signed-in actor only: the first signed-in
 * viewer binds it, so a request id passed to another person shows them nothing. Expired,
 * answered and unknown ids all read as absent.
 */
function pendingFor(tx: Tx, requestId: string, actor: SessionUser, now: number): OAuthRequest | undefined {
  if (requestId.length !== 32) return undefined;
  const row = tx.select().from(oauthRequests).where(eq(oauthRequests.idHash, digestCredential(requestId))).get();
  if (!row || row.answeredAt || row.expiresAt.getTime() <= now) return undefined;
  if (row.userId && row.userId !== actor.id) return undefined;
  if (!row.userId) tx.update(oauthRequests).set({ userId: actor.id }).where(eq(oauthRequests.idHash, row.idHash)).run();
  return row;
}

export function loadConsent(requestId: string, actor: SessionUser, now = Date.now()): ConsentView | undefined {
  requireSignedInActor(actor);
  return transact((tx) => {
    const row = pendingFor(tx, requestId, actor, now);
    if (!row) return undefined;
    const client = tx.select().from(oauthClients).where(eq(oauthClients.id, row.clientId)).get();
    const server = tx.select().from(mcpServers).where(eq(mcpServers.id, row.serverId)).get();
    // A stdio server has no URL, so no resource could have named it; the check keeps the types honest.
    if (!client || client.deletedAt || !server?.url) return undefined;
    const list = tx.select({ name: tools.name, accessClass: tools.accessClass }).from(tools).where(eq(tools.serverId, server.id)).orderBy(asc(tools.name)).all();
    return {
      clientName: client.name,
      clientDomain: verifiedDomain(client),
      redirectHost: redirectHost(row.redirectUri),
      loopback: isLoopbackRedirect(row.redirectUri),
      serverName: server.name,
      serverUrl: serverAudience(server),
      requested: row.scope,
      grantable: grantableScope(actor, row.scope),
      readTools: list.filter((t) => t.accessClass === "read").map((t) => t.name),
      writeTools: list.filter((t) => t.accessClass === "write").map((t) => t.name),
    };
  });
}

type Audited = { actor: ReturnType<typeof auditActor>; subjectUserId: string; serverId: string; clientIp: string | null; userAgent: string | null };

/** Grants what the request asked for (as far as the actor may) and sends a fresh code back, in the caller's transaction. */
function grantWithCode(tx: Tx, row: OAuthRequest, actor: SessionUser, audited: Audited, now: number, rememberedFrom?: string): string {
  const scope = grantableScope(actor, row.scope);
  // The absolute lifetime in force now is this grant's, whatever the setting becomes later.
  const expiresAt = new Date(now + oauthLifetimes().refreshAbsoluteMs);
  const grant = tx
    .insert(oauthGrants)
    .values({ id: newId("ogr"), userId: actor.id, clientId: row.clientId, serverId: row.serverId, scope, createdAt: new Date(now), expiresAt })
    .returning()
    .get();
  const code = randomBase62(43);
  tx.insert(oauthCodes)
    .values({ codeHash: digestCredential(code), grantId: grant.id, redirectUri: row.redirectUri, codeChallenge: row.codeChallenge, createdAt: new Date(now), expiresAt: new Date(now + OAUTH_STEP_LIFETIMES.codeMs) })
    .run();
  const remembered = rememberedFrom ? { rememberedFrom } : {};
  recordAudit(tx, { ...audited, type: "oauth.consent_granted", decision: "success", details: { clientId: row.clientId, grantId: grant.id, requested: row.scope, granted: scope, ...remembered } });
  recordAudit(tx, { ...audited, type: "oauth.code_issued", decision: "success", details: { clientId: row.clientId, grantId: grant.id } });
  return responseLocation(row.redirectUri, { code, state: row.state ?? undefined });
}

function auditedFor(row: OAuthRequest, ctx: ActorCtx & { actor: SessionUser }): Audited {
  return { actor: auditActor(ctx.actor), subjectUserId: ctx.actor.id, serverId: row.serverId, clientIp: ctx.clientIp, userAgent: ctx.userAgent };
}

/**
 * The user's answer. Single-use: the request is marked answered in the same transaction that
 * grants or refuses, so a replayed form changes nothing. Returns where to send the browser, or
 * null when the request is no longer pending (the page then says so).
 */
export function answerConsent(requestId: string, allow: boolean, ctx: ActorCtx & { actor: SessionUser }, now = Date.now()): string | null {
  const actor = ctx.actor;
  requireSignedInActor(actor);
  return transact((tx) => {
    const row = pendingFor(tx, requestId, actor, now);
    if (!row) return null;
    tx.update(oauthRequests).set({ answeredAt: new Date(now), userId: actor.id }).where(eq(oauthRequests.idHash, row.idHash)).run();
    const audited = auditedFor(row, ctx);
    if (!allow) {
      recordAudit(tx, { ...audited, type: "oauth.consent_denied", decision: "success", details: { clientId: row.clientId, scope: row.scope } });
      return responseLocation(row.redirectUri, { error: "access_denied", error_description: "The user denied access.", state: row.state ?? undefined });
    }
    // OAuth may have been turned off for the server since the request was made.
    const closed = closedServerRefusal(tx, row.serverId);
    if (closed) return responseLocation(row.redirectUri, { error: closed.code, error_description: closed.description, state: row.state ?? undefined });
    return grantWithCode(tx, row, actor, audited, now);
  });
}

/**
 * A remembered consent: when the signed-in actor already holds a live grant for the same client
 * and server that covers what they may grant now, the request is answered as Allow without the
 * page, audited with the grant it was remembered from. Returns null (the page is shown) otherwise.
 */
export function answerRememberedConsent(requestId: string, ctx: ActorCtx & { actor: SessionUser }, now = Date.now()): string | null {
  const actor = ctx.actor;
  requireSignedInActor(actor);
  return transact((tx) => {
    const row = pendingFor(tx, requestId, actor, now);
    if (!row) return null;
    const client = tx.select({ deletedAt: oauthClients.deletedAt }).from(oauthClients).where(eq(oauthClients.id, row.clientId)).get();
    if (!client || client.deletedAt || closedServerRefusal(tx, row.serverId)) return null;
    const wanted = grantableScope(actor, row.scope);
    const earlier = tx
      .select({ id: oauthGrants.id, scope: oauthGrants.scope })
      .from(oauthGrants)
      .where(and(eq(oauthGrants.userId, actor.id), eq(oauthGrants.clientId, row.clientId), eq(oauthGrants.serverId, row.serverId), isNull(oauthGrants.revokedAt)))
      .orderBy(desc(oauthGrants.createdAt))
      .all()
      .find((g) => g.scope === "write" || wanted === "read");
    if (!earlier) return null;
    tx.update(oauthRequests).set({ answeredAt: new Date(now), userId: actor.id }).where(eq(oauthRequests.idHash, row.idHash)).run();
    return grantWithCode(tx, row, actor, auditedFor(row, ctx), now, earlier.id);
  });
}
