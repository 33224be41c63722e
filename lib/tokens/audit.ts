import "server-only";
import type { Tx } from "@/db/transaction";
import type { AuditEventType } from "@/lib/audit/events";
import { recordAudit } from "@/lib/audit/writer";
import { auditActor, type ActorCtx } from "@/lib/auth/actor";

/** Records a successful change to a token, in the caller's transaction. Never pass a secret in `details`. */
export function auditTokenChange(
  tx: Tx,
  type: AuditEventType,
  token: { id: string; ownerId: string },
  ctx: ActorCtx,
  extra: { reason?: string; details?: Record<string, unknown> } = {},
): void {
  recordAudit(tx, {
    type,
    actor: auditActor(ctx.actor),
    subjectUserId: token.ownerId,
    tokenId: token.id,
    decision: "success",
    reason: extra.reason,
    clientIp: ctx.clientIp,
    userAgent: ctx.userAgent,
    details: extra.details,
  });
}
