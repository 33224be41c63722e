import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";

export type RecentEvent = {
  id: string;
  ts: Date;
  type: string;
  actorType: string;
  actorName: string | null;
  decision: string;
  reason: string | null;
  serverId: string | null;
  method: string | null;
  tool: string | null;
  clientIp: string | null;
};

/** The newest audit events about one token. Callers check the viewer may see the token first. */
export function recentEventsForToken(tokenId: string, limit = 20): RecentEvent[] {
  return db()
    .select({
      id: auditEvents.id,
      ts: auditEvents.ts,
      type: auditEvents.type,
      actorType: auditEvents.actorType,
      actorName: auditEvents.actorName,
      decision: auditEvents.decision,
      reason: auditEvents.reason,
      serverId: auditEvents.serverId,
      method: auditEvents.method,
      tool: auditEvents.tool,
      clientIp: auditEvents.clientIp,
    })
    .from(auditEvents)
    .where(eq(auditEvents.tokenId, tokenId))
    .orderBy(desc(auditEvents.seq))
    .limit(Math.min(Math.max(1, limit), 200))
    .all()
    .map((e) => ({ ...e, ts: new Date(e.ts) }));
}
