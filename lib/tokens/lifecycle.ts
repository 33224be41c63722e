import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { tokens, tokenSecrets, tokenServers, users, type Token } from "@/db/schema";
import { transact } from "@/db/transaction";
import { readTokenPolicy } from "@/lib/policy/store";
import { rotationRefusal } from "@/lib/policy/token-policy";
import { actorRef, type ActorCtx } from "@/lib/auth/actor";
import { tokenForActor } from "./actor";
import { auditTokenChange } from "./audit";
import { TokenChangeError } from "./errors";
import { graceEndsAt, MAX_GRACE_MS } from "./grace";
import { activeServers, actorMaySeeSecret, type Audience } from "./issue";
import { widening } from "./narrowing";
import { insertCurrentSecret } from "./secrets";
import { deriveTokenStatus, TOKEN_STATUS_LABELS, type TokenStatus } from "./status";

// Reads run on the process's one connection, i.e. inside the caller's open transaction.
function statusOf(token: Token, now: Date): TokenStatus {
  const secrets = db().select({ expiresAt: tokenSecrets.expiresAt }).from(tokenSecrets).where(eq(tokenSecrets.tokenId, token.id)).all();
  return deriveTokenStatus(token, secrets, now);
}

function refuseUnless(status: TokenStatus, allowed: TokenStatus[], doing: string) {
  if (!allowed.includes(status)) {
    throw new TokenChangeError(`This token is ${TOKEN_STATUS_LABELS[status].toLowerCase()}; it cannot be ${doing}.`);
  }
}

export type RevealResult = { token: Token; secret: string };

/**
 * The owner claims a token an admin issued or rotated for them: its secret is generated now, so
 * the plaintext never rested anywhere, and returned this once. Only the owner may do this (or an
 * admin, for a service account's token: it has nobody else to claim it).
 */
export function revealToken(tokenId: string, ctx: ActorCtx): RevealResult {
  return transact((tx) => {
    const token = tokenForActor(ctx.actor, tokenId);
    const owner = tx.select({ id: users.id, kind: users.kind }).from(users).where(eq(users.id, token.ownerId)).get()!;
    if (!actorMaySeeSecret(ctx.actor, owner)) throw new TokenChangeError("Only the token's owner can reveal it.");
    const now = new Date();
    refuseUnless(statusOf(token, now), ["ready"], "claimed");
    const { secret, hint } = insertCurrentSecret(tx, token.id, actorRef(ctx.actor), now);
    auditTokenChange(tx, "token.revealed", token, ctx, { details: { hint } });
    return { token, secret };
  });
}

export type RotateResult = {
  token: Token;
  /** The new secret, when the actor may see it (see actorMaySeeSecret); else the owner claims it. */
  secret?: string;
  /** Whoever claims the new secret on My tokens, when it was not returned. */
  claimBy?: { name: string; email: string };
  oldSecretValidUntil: Date | null;
};

/**
 * A new secret for the same token. The old current secret keeps working until
 * min(now + grace, token expiry); grace 0 ends it at once. Older secrets still in an
 * earlier grace keep their own end. Rotating someone else's token creates no secret: the
 * token waits, "ready", for its owner to claim the new one, so no admin ever holds it.
 */
export function rotateToken(tokenId: string, graceMs: number, ctx: ActorCtx): RotateResult {
  if (!Number.isFinite(graceMs) || graceMs < 0 || graceMs > MAX_GRACE_MS) {
    throw new TokenChangeError("Grace must be between 0 and 7 days.");
  }
  return transact((tx) => {
    const token = tokenForActor(ctx.actor, tokenId);
    const now = new Date();
    refuseUnless(statusOf(token, now), ["active", "rotating"], "rotated");
    const refusal = rotationRefusal(readTokenPolicy(), token);
    if (refusal) throw new TokenChangeError(refusal);
    const owner = tx.select({ id: users.id, kind: users.kind, name: users.name, email: users.email }).from(users).where(eq(users.id, token.ownerId)).get()!;

    const until = graceEndsAt(now, graceMs, token.expiresAt);
    const old = tx
      .update(tokenSecrets)
      .set({ expiresAt: until, rotatedAt: now })
      .where(and(eq(tokenSecrets.tokenId, token.id), isNull(tokenSecrets.expiresAt)))
      .returning({ hint: tokenSecrets.hint })
      .get();
    const fresh = actorMaySeeSecret(ctx.actor, owner) ? insertCurrentSecret(tx, token.id, actorRef(ctx.actor), now) : undefined;
    tx.update(tokens).set({ updatedAt: now }).where(eq(tokens.id, token.id)).run();
    auditTokenChange(tx, "token.rotated", token, ctx, {
      details: { graceMs, oldHint: old?.hint ?? null, oldSecretValidUntil: until.toISOString(), newHint: fresh?.hint ?? null, newSecretTo: fresh ? "actor" : "owner" },
    });
    return {
      token,
      secret: fresh?.secret,
      claimBy: fresh ? undefined : { name: owner.name, email: owner.email },
      oldSecretValidUntil: old ? until : null,
    };
  });
}

export type UpdateInput = { name: string; scope: "read" | "write"; audience: Audience };

/** Renames a token and/or narrows its scope and audience (never widens; see narrowing.ts). */
export function updateToken(tokenId: string, input: UpdateInput, ctx: ActorCtx): Token {
  return transact((tx) => {
    const token = tokenForActor(ctx.actor, tokenId);
    if (token.revokedAt) throw new TokenChangeError("This token is revoked; it cannot be changed.");
    const currentIds = tx.select({ id: tokenServers.serverId }).from(tokenServers).where(eq(tokenServers.tokenId, token.id)).all().map((r) => r.id);
    const nextIds = input.audience.allServers ? [] : [...new Set(input.audience.serverIds)];
    const refusal = widening(
      { scope: token.scope, allServers: token.allServers, serverIds: currentIds },
      { scope: input.scope, allServers: input.audience.allServers, serverIds: nextIds },
    );
    if (refusal) throw new TokenChangeError(refusal);
    // Narrowing all → some may only pick active servers; keeping an existing binding is always allowed.
    const added = nextIds.filter((id) => !currentIds.includes(id));
    if (added.length > 0) activeServers(added);

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (input.name !== token.name) changes.name = { from: token.name, to: input.name };
    if (input.scope !== token.scope) changes.scope = { from: token.scope, to: input.scope };
    const sameServers = token.allServers === input.audience.allServers && currentIds.length === nextIds.length;
    if (!sameServers) changes.servers = { from: token.allServers ? "all" : currentIds, to: input.audience.allServers ? "all" : nextIds };
    if (Object.keys(changes).length === 0) return token;

    const updated = tx
      .update(tokens)
      .set({ name: input.name, scope: input.scope, allServers: input.audience.allServers, updatedAt: new Date() })
      .where(eq(tokens.id, token.id))
      .returning()
      .get();
    if (!sameServers) {
      tx.delete(tokenServers).where(eq(tokenServers.tokenId, token.id)).run();
      if (nextIds.length > 0) tx.insert(tokenServers).values(nextIds.map((serverId) => ({ tokenId: token.id, serverId }))).run();
    }
    auditTokenChange(tx, "token.updated", token, ctx, { details: { changes } });
    return updated;
  });
}
