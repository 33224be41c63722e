import "server-only";
import { and, count, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { oauthGrants, tokens, users, type Token } from "@/db/schema";
import { transact, type Tx } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { actorRef, auditActor, isAdminActor, requireAdminActor, type Actor, type ActorCtx } from "@/lib/auth/actor";
import { revokeGrant } from "@/lib/oauth/grants";
import { tokenForActor } from "./actor";
import { auditTokenChange } from "./audit";
import { TokenChangeError, TokenNotFoundError } from "./errors";

function markRevoked(tx: Tx, token: Token, reason: string, ctx: ActorCtx, details: Record<string, unknown> = {}): void {
  const now = new Date();
  tx.update(tokens)
    .set({ revokedAt: now, revokedBy: actorRef(ctx.actor), revokeReason: reason, updatedAt: now })
    .where(eq(tokens.id, token.id))
    .run();
  auditTokenChange(tx, "token.revoked", token, ctx, { reason, details });
}

/** Revokes one token at once and for good (owner or admin). All its secrets stop working. */
export function revokeToken(tokenId: string, reason: string, ctx: ActorCtx): Token {
  return transact((tx) => {
    const token = tokenForActor(ctx.actor, tokenId);
    if (token.revokedAt) throw new TokenChangeError("This token is already revoked.");
    markRevoked(tx, token, reason, ctx);
    return tx.select().from(tokens).where(eq(tokens.id, token.id)).get()!;
  });
}

/**
 * Revokes the selected tokens in one transaction: all or none. Tokens already revoked are
 * skipped; any id the actor may not act on refuses the whole batch. Returns how many were revoked.
 */
export function revokeTokens(tokenIds: readonly string[], reason: string, ctx: ActorCtx): number {
  const ids = [...new Set(tokenIds)];
  return transact((tx) => {
    const found = ids.map((id) => tokenForActor(ctx.actor, id));
    const live = found.filter((t) => !t.revokedAt);
    for (const token of live) markRevoked(tx, token, reason, ctx, { bulk: true, batchSize: ids.length });
    return live.length;
  });
}

// What "revoke all" acts on, and what its dialog counts beforehand: one condition for both.
const unrevokedTokensOf = (userId: string) => and(eq(tokens.ownerId, userId), isNull(tokens.revokedAt));
const liveGrantsOf = (userId: string) => and(eq(oauthGrants.userId, userId), isNull(oauthGrants.revokedAt));

/** How many tokens and connected apps revokeAllForUser would end now (admins only): its dialog says so before anyone confirms. */
export function countRevokeAll(userId: string, actor: Actor): { tokens: number; apps: number } {
  requireAdminActor(actor);
  return {
    tokens: db().select({ n: count() }).from(tokens).where(unrevokedTokensOf(userId)).get()?.n ?? 0,
    apps: db().select({ n: count() }).from(oauthGrants).where(liveGrantsOf(userId)).get()?.n ?? 0,
  };
}

/**
 * Offboarding: revokes every token of a user in one transaction (admins only), one
 * token.revoked per token plus a token.revoked_all summary, and ends their OAuth grants. Returns
 * how many tokens were revoked.
 */
export function revokeAllForUser(userId: string, reason: string, ctx: ActorCtx): number {
  if (!isAdminActor(ctx.actor)) throw new TokenNotFoundError();
  return transact((tx) => {
    const owner = tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId)).get();
    if (!owner) throw new TokenChangeError("No such user.");
    const live = tx.select().from(tokens).where(unrevokedTokensOf(owner.id)).all();
    for (const token of live) markRevoked(tx, token, reason, ctx, { revokeAll: true });
    // Their OAuth grants too: otherwise a refresh token would mint new access tokens tomorrow.
    const grants = tx.select().from(oauthGrants).where(liveGrantsOf(owner.id)).all();
    for (const grant of grants) revokeGrant(tx, grant, reason, auditActor(ctx.actor), ctx);
    recordAudit(tx, {
      type: "token.revoked_all",
      actor: auditActor(ctx.actor),
      subjectUserId: owner.id,
      decision: "success",
      reason,
      clientIp: ctx.clientIp,
      userAgent: ctx.userAgent,
      details: { email: owner.email, count: live.length, tokenIds: live.map((t) => t.id) },
    });
    return live.length;
  });
}
