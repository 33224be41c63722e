import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { oauthGrants, oauthRefreshTokens, tokens, tokenServers, type OAuthClient, type OAuthGrant } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import type { AuditActor } from "@/lib/audit/events";
import { recordAudit } from "@/lib/audit/writer";
import { newId } from "@/lib/ids";
import { credentialHint, digestCredential, generateCredential, REFRESH_TOKEN_PREFIX } from "@/lib/tokens/format";
import { insertCurrentSecret } from "@/lib/tokens/secrets";
import { oauthLifetimes, type OAuthLifetimes } from "./lifetimes";
import { scopeString } from "./scope";

export type IssuedTokens = { access_token: string; token_type: "Bearer"; expires_in: number; refresh_token: string; scope: string };
export type RequestCtx = { clientIp: string | null; userAgent: string | null };

/**
 * A new access token: an ordinary Gatehouse token owned by the consenting user, bound to the
 * grant's one server, so verify, introspection, revocation and the audit treat it like any other.
 */
function issueAccessToken(tx: Tx, grant: OAuthGrant, client: OAuthClient, scope: "read" | "write", now: Date, lifetimeMs: number, ctx: RequestCtx): string {
  const token = tx
    .insert(tokens)
    .values({
      id: newId("tok"),
      ownerId: grant.userId,
      name: `${client.name} (OAuth)`.slice(0, 120),
      scope,
      allServers: false,
      expiresAt: new Date(now.getTime() + lifetimeMs),
      // Handed to the client now; nobody claims it later.
      revealTo: "creator",
      createdBy: grant.userId,
      createdAt: now,
      updatedAt: now,
      oauthGrantId: grant.id,
    })
    .returning()
    .get();
  tx.insert(tokenServers).values({ tokenId: token.id, serverId: grant.serverId }).run();
  const { secret, hint } = insertCurrentSecret(tx, token.id, grant.userId, now);
  recordAudit(tx, {
    type: "token.issued",
    actor: { type: "anonymous", name: `OAuth client ${client.name}`.slice(0, 120) },
    decision: "success",
    subjectUserId: grant.userId,
    tokenId: token.id,
    serverId: grant.serverId,
    clientIp: ctx.clientIp,
    userAgent: ctx.userAgent,
    details: { via: "oauth", clientId: client.id, grantId: grant.id, scope, expiresAt: token.expiresAt?.toISOString(), hint },
  });
  return secret;
}

/** A new current refresh token for the grant; returns its plaintext, the only time it exists. */
function insertRefreshToken(tx: Tx, grantId: string, now: Date, idleMs: number): string {
  const secret = generateCredential(REFRESH_TOKEN_PREFIX);
  tx.insert(oauthRefreshTokens)
    .values({ id: newId("ort"), grantId, secretHash: digestCredential(secret), hint: credentialHint(secret), state: "current", createdAt: now, expiresAt: new Date(now.getTime() + idleMs) })
    .run();
  return secret;
}

/** An access token and a refresh token for the grant, in the caller's transaction, living as the settings say now. */
export function issueTokenPair(tx: Tx, grant: OAuthGrant, client: OAuthClient, scope: "read" | "write", now: Date, ctx: RequestCtx, lifetimes: OAuthLifetimes = oauthLifetimes()): IssuedTokens {
  const access = issueAccessToken(tx, grant, client, scope, now, lifetimes.accessTokenMs, ctx);
  const refresh = insertRefreshToken(tx, grant.id, now, lifetimes.refreshIdleMs);
  tx.update(oauthGrants).set({ lastUsedAt: now }).where(eq(oauthGrants.id, grant.id)).run();
  return { access_token: access, token_type: "Bearer", expires_in: Math.floor(lifetimes.accessTokenMs / 1000), refresh_token: refresh, scope: scopeString(scope) };
}

/**
 * Ends a grant at once: its refresh tokens stop working and every access token issued under it
 * is revoked (one token.revoked each, as any revocation), in the caller's transaction.
 */
export function revokeGrant(tx: Tx, grant: OAuthGrant, reason: string, actor: AuditActor, ctx: RequestCtx): void {
  const now = new Date();
  tx.update(oauthGrants).set({ revokedAt: now, revokeReason: reason }).where(and(eq(oauthGrants.id, grant.id), isNull(oauthGrants.revokedAt))).run();
  tx.update(oauthRefreshTokens).set({ state: "retired", retiredAt: now }).where(and(eq(oauthRefreshTokens.grantId, grant.id), isNull(oauthRefreshTokens.retiredAt))).run();
  const live = tx.select({ id: tokens.id }).from(tokens).where(and(eq(tokens.oauthGrantId, grant.id), isNull(tokens.revokedAt))).all();
  for (const t of live) {
    tx.update(tokens).set({ revokedAt: now, revokedBy: "oauth", revokeReason: reason, updatedAt: now }).where(eq(tokens.id, t.id)).run();
    recordAudit(tx, { type: "token.revoked", actor, decision: "success", reason, subjectUserId: grant.userId, tokenId: t.id, serverId: grant.serverId, clientIp: ctx.clientIp, userAgent: ctx.userAgent });
  }
  recordAudit(tx, {
    type: "oauth.grant_revoked",
    actor,
    decision: "success",
    reason,
    subjectUserId: grant.userId,
    serverId: grant.serverId,
    clientIp: ctx.clientIp,
    userAgent: ctx.userAgent,
    details: { grantId: grant.id, clientId: grant.clientId, tokenIds: live.map((t) => t.id) },
  });
}
