import "server-only";
import { eq } from "drizzle-orm";
import { oauthGrants, oauthRefreshTokens, tokens, tokenSecrets, type OAuthClient } from "@/db/schema";
import { transact } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { digestCredential, isWellFormed, REFRESH_TOKEN_PREFIX, TOKEN_PREFIX } from "@/lib/tokens/format";
import { revokeGrant, type RequestCtx } from "./grants";

/**
 * RFC 7009 for an authenticated client: a refresh token ends its whole grant (§2.1), an access
 * token ends itself. Only tokens issued to this client are touched; the answer is the same 200
 * whether anything was revoked or not (§2.2), so it tells nothing about other clients' tokens.
 */
export function revokeForClient(presented: string, client: OAuthClient, ctx: RequestCtx): void {
  const actor = { type: "anonymous", name: `OAuth client ${client.name}`.slice(0, 120) } as const;
  transact((tx) => {
    if (isWellFormed(presented, REFRESH_TOKEN_PREFIX)) {
      const row = tx.select({ grantId: oauthRefreshTokens.grantId }).from(oauthRefreshTokens).where(eq(oauthRefreshTokens.secretHash, digestCredential(presented))).get();
      const grant = row && tx.select().from(oauthGrants).where(eq(oauthGrants.id, row.grantId)).get();
      if (grant && grant.clientId === client.id && !grant.revokedAt) revokeGrant(tx, grant, "revoked by the client", actor, ctx);
      return;
    }
    if (!isWellFormed(presented, TOKEN_PREFIX)) return;
    const token = tx
      .select({ id: tokens.id, grantId: tokens.oauthGrantId, revokedAt: tokens.revokedAt })
      .from(tokenSecrets)
      .innerJoin(tokens, eq(tokens.id, tokenSecrets.tokenId))
      .where(eq(tokenSecrets.secretHash, digestCredential(presented)))
      .get();
    if (!token?.grantId || token.revokedAt) return;
    const grant = tx.select().from(oauthGrants).where(eq(oauthGrants.id, token.grantId)).get();
    if (!grant || grant.clientId !== client.id) return;
    const now = new Date();
    tx.update(tokens).set({ revokedAt: now, revokedBy: "oauth", revokeReason: "revoked by the client", updatedAt: now }).where(eq(tokens.id, token.id)).run();
    recordAudit(tx, { type: "token.revoked", actor, decision: "success", reason: "revoked by the client", subjectUserId: grant.userId, tokenId: token.id, serverId: grant.serverId, clientIp: ctx.clientIp, userAgent: ctx.userAgent });
  });
}
