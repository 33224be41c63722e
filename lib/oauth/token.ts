import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { oauthClients, oauthCodes, oauthGrants, oauthRefreshTokens, users, type OAuthClient, type OAuthGrant } from "@/db/schema";
import { transact, type Tx } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { digestCredential, isWellFormed, REFRESH_TOKEN_PREFIX } from "@/lib/tokens/format";
import { CODE_VERIFIER } from "@/lib/validation/oauth";
import { issueTokenPair, revokeGrant, type IssuedTokens, type RequestCtx } from "./grants";
import { OAuthError } from "./http";
import { closedServerRefusal, serverForResource } from "./resource";
import { parseScope } from "./scope";

const SYSTEM = { type: "system", name: "oauth" } as const;

/** RFC 7636 §4.6: BASE64URL(SHA256(verifier)) must equal the stored challenge. */
function pkceMatches(verifier: string, challenge: string): boolean {
  return createHash("sha256").update(verifier, "ascii").digest("base64url") === challenge;
}

/** RFC 8707 §2.2: a resource at the token endpoint must be the grant's server; absent, the grant's server it is. */
function checkResource(form: Map<string, string>, grant: OAuthGrant): void {
  const resource = form.get("resource");
  if (resource !== undefined && serverForResource(resource).id !== grant.serverId) {
    throw new OAuthError("invalid_target", "resource is not the server this grant was given for.");
  }
}

const invalidGrant = (why: string) => new OAuthError("invalid_grant", why);

function refuseClosedServer(tx: Tx, grant: OAuthGrant): void {
  const refusal = closedServerRefusal(tx, grant.serverId);
  if (refusal) throw refusal;
}

/** The grant must still be alive and its user active; otherwise the client must send the user through consent again. */
function liveGrant(tx: Tx, grantId: string, client: OAuthClient, now: number): OAuthGrant {
  const grant = tx.select().from(oauthGrants).where(eq(oauthGrants.id, grantId)).get();
  if (!grant || grant.clientId !== client.id) throw invalidGrant("This grant was not given to this client.");
  refuseClosedServer(tx, grant);
  if (grant.revokedAt) throw invalidGrant("This grant has been revoked.");
  // Its end was fixed at consent (the absolute lifetime then in force).
  if (grant.expiresAt.getTime() <= now) throw invalidGrant("This grant has expired: sign in again.");
  const user = tx.select({ status: users.status }).from(users).where(eq(users.id, grant.userId)).get();
  if (user?.status !== "active") throw invalidGrant("The user of this grant is disabled.");
  return grant;
}

/**
 * A thrown invalid_grant rolls the transaction back; a revocation that must stick (code replay,
 * refresh reuse) is committed first, and the refusal is thrown after.
 */
class RefuseAfterCommit extends Error {
  constructor(readonly refusal: OAuthError) {
    super(refusal.description);
  }
}

function redeemCode(tx: Tx, form: Map<string, string>, client: OAuthClient, now: number, ctx: RequestCtx): IssuedTokens {
  const code = form.get("code");
  const verifier = form.get("code_verifier");
  const redirectUri = form.get("redirect_uri");
  if (!code || code.length > 256) throw new OAuthError("invalid_request", "code is required.");
  if (!verifier || !CODE_VERIFIER.test(verifier)) throw new OAuthError("invalid_request", "code_verifier is required: 43 to 128 unreserved characters (RFC 7636 §4.1).");
  const row = tx.select().from(oauthCodes).where(eq(oauthCodes.codeHash, digestCredential(code))).get();
  if (!row) throw invalidGrant("Unknown authorization code.");
  const grant = tx.select().from(oauthGrants).where(eq(oauthGrants.id, row.grantId)).get();
  if (!grant || grant.clientId !== client.id) throw invalidGrant("This code was not issued to this client.");
  if (row.usedAt) {
    // OAuth 2.1 §4.1.3: a code used twice may have been stolen; end everything issued from it.
    if (!grant.revokedAt) revokeGrant(tx, grant, "authorization code replayed", SYSTEM, ctx);
    recordAudit(tx, { type: "oauth.code_replayed", actor: SYSTEM, decision: "deny", subjectUserId: grant.userId, serverId: grant.serverId, clientIp: ctx.clientIp, userAgent: ctx.userAgent, details: { clientId: client.id, grantId: grant.id } });
    throw new RefuseAfterCommit(invalidGrant("This authorization code was already used; the tokens issued from it are revoked."));
  }
  if (row.expiresAt.getTime() <= now) throw invalidGrant("This authorization code has expired.");
  if (redirectUri !== row.redirectUri) throw invalidGrant("redirect_uri differs from the one in the authorization request.");
  if (!pkceMatches(verifier, row.codeChallenge)) throw invalidGrant("code_verifier does not match the code_challenge.");
  const live = liveGrant(tx, grant.id, client, now);
  checkResource(form, live);
  tx.update(oauthCodes).set({ usedAt: new Date(now) }).where(eq(oauthCodes.codeHash, row.codeHash)).run();
  recordAudit(tx, { type: "oauth.code_redeemed", actor: SYSTEM, decision: "success", subjectUserId: grant.userId, serverId: grant.serverId, clientIp: ctx.clientIp, userAgent: ctx.userAgent, details: { clientId: client.id, grantId: grant.id } });
  return issueTokenPair(tx, live, client, live.scope, new Date(now), ctx);
}

/**
 * Refresh with rotation. Each grant has one current refresh token and at most one previous: the
 * previous stays valid until the current is first used, because clients retry and several
 * processes share one token ("strict single use" fails under concurrency). A retired token
 * presented again is reuse, a sign of theft: the grant and all its tokens are revoked at once.
 */
function refresh(tx: Tx, form: Map<string, string>, client: OAuthClient, now: number, ctx: RequestCtx): IssuedTokens {
  const presented = form.get("refresh_token");
  if (!presented) throw new OAuthError("invalid_request", "refresh_token is required.");
  if (!isWellFormed(presented, REFRESH_TOKEN_PREFIX)) throw invalidGrant("Unknown refresh token.");
  const row = tx.select().from(oauthRefreshTokens).where(eq(oauthRefreshTokens.secretHash, digestCredential(presented))).get();
  if (!row) throw invalidGrant("Unknown refresh token.");
  const grant = tx.select().from(oauthGrants).where(eq(oauthGrants.id, row.grantId)).get();
  if (!grant || grant.clientId !== client.id) throw invalidGrant("This refresh token was not issued to this client.");
  if (row.state === "retired") {
    if (!grant.revokedAt) {
      revokeGrant(tx, grant, "refresh token reused", SYSTEM, ctx);
      recordAudit(tx, { type: "oauth.refresh_reused", actor: SYSTEM, decision: "deny", subjectUserId: grant.userId, serverId: grant.serverId, clientIp: ctx.clientIp, userAgent: ctx.userAgent, details: { clientId: client.id, grantId: grant.id, refreshTokenId: row.id } });
      throw new RefuseAfterCommit(invalidGrant("This refresh token was already replaced; the grant is revoked. Sign in again."));
    }
    refuseClosedServer(tx, grant);
    throw invalidGrant("This grant has been revoked.");
  }
  const live = liveGrant(tx, grant.id, client, now);
  if (row.expiresAt.getTime() <= now) throw invalidGrant("This refresh token has expired from disuse: sign in again.");
  checkResource(form, live);
  const asked = form.has("scope") ? parseScope(form.get("scope")) : live.scope;
  if (asked === "write" && live.scope === "read") throw new OAuthError("invalid_scope", "This grant does not include tools:write.");

  const retire = (state: "current" | "previous") =>
    tx.update(oauthRefreshTokens).set({ state: "retired", retiredAt: new Date(now) }).where(and(eq(oauthRefreshTokens.grantId, grant.id), eq(oauthRefreshTokens.state, state))).run();
  if (row.state === "current") {
    // The previous one's successor (this one) is now used: the previous is retired.
    retire("previous");
    tx.update(oauthRefreshTokens).set({ state: "previous" }).where(eq(oauthRefreshTokens.id, row.id)).run();
  } else {
    // A retry with the previous token: the current one was never used, so it is dropped in favour of a new one.
    retire("current");
  }
  const issued = issueTokenPair(tx, live, client, asked, new Date(now), ctx);
  recordAudit(tx, { type: "oauth.refresh_rotated", actor: SYSTEM, decision: "success", subjectUserId: grant.userId, serverId: grant.serverId, clientIp: ctx.clientIp, userAgent: ctx.userAgent, details: { clientId: client.id, grantId: grant.id, presented: row.state } });
  return issued;
}

/** The token endpoint's decision for an authenticated client (RFC 6749 §4.1.3, §6). */
export function exchange(form: Map<string, string>, client: OAuthClient, ctx: RequestCtx, now = Date.now()): IssuedTokens {
  const grantType = form.get("grant_type");
  if (!grantType) throw new OAuthError("invalid_request", "grant_type is required.");
  if (grantType !== "authorization_code" && grantType !== "refresh_token") {
    throw new OAuthError("unsupported_grant_type", "Use authorization_code or refresh_token.");
  }
  const result = transact((tx): IssuedTokens | RefuseAfterCommit => {
    tx.update(oauthClients).set({ lastUsedAt: new Date(now) }).where(eq(oauthClients.id, client.id)).run();
    try {
      return grantType === "authorization_code" ? redeemCode(tx, form, client, now, ctx) : refresh(tx, form, client, now, ctx);
    } catch (err) {
      if (err instanceof RefuseAfterCommit) return err; // returned, so the revocation commits
      throw err;
    }
  });
  if (result instanceof RefuseAfterCommit) throw result.refusal;
  return result;
}
