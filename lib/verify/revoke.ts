/**
 * RFC 7009-style self-revocation: whoever holds a token can end it by presenting it (the
 * response to a leak). The answer never tells whether the token existed.
 */
import { db } from "@/db/client";
import { transact } from "@/db/transaction";
import { digestCredential, isWellFormed, TOKEN_PREFIX } from "@/lib/tokens/format";
import type { VerifyDeps } from "./core";
import { verifyStatements } from "./statements";

export type RevokeContext = { clientIp: string | null; userAgent: string | null };

/** "ok" whether or not anything was revoked; "audit_unavailable" when the revocation could not be recorded (nothing changed). */
export function revokePresentedToken(token: string, ctx: RevokeContext, deps: Pick<VerifyDeps, "now" | "audit">): "ok" | "audit_unavailable" {
  if (!isWellFormed(token, TOKEN_PREFIX)) return "ok";
  const now = deps.now();
  try {
    transact((tx) => {
      const s = verifyStatements(db().$client);
      const row = s.tokenBySecretHash.get(digestCredential(token));
      if (!row || row.revoked_at !== null) return;
      // A secret past its grace end no longer speaks for the token: it cannot end the current one.
      if (row.secret_expires_at !== null && row.secret_expires_at <= now) return;
      if (s.selfRevoke.run({ now, id: row.token_id }).changes === 0) return;
      deps.audit(tx, {
        type: "token.revoked",
        actor: { type: "anonymous", name: "token holder" },
        decision: "success",
        reason: "self-revoked",
        tokenId: row.token_id,
        subjectUserId: row.user_id,
        clientIp: ctx.clientIp,
        userAgent: ctx.userAgent,
      });
    });
    return "ok";
  } catch (err) {
    console.error("self-revocation could not be recorded:", err instanceof Error ? err.name : "unknown");
    return "audit_unavailable";
  }
}
