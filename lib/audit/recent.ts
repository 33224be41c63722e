import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireTokenViewer } from "@/lib/tokens/actor";
import { auditSeqs, indexedWhere, searchPrepared } from "./search";

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

/** The newest audit events about one token, for its owner or an admin ("not found" for anyone else). */
export function recentEventsForToken(actor: Actor, tokenId: string, limit = 20): RecentEvent[] {
  requireTokenViewer(actor, tokenId);
  const inner = auditSeqs(indexedWhere("e.token_id = ?", tokenId), { order: "DESC", limit: Math.min(Math.max(1, limit), 200) });
  const rows = searchPrepared(
    `SELECT id, ts, type, actor_type AS actorType, actor_name AS actorName, decision, reason, server_id AS serverId, method, tool,
       client_ip AS clientIp
     FROM main.audit_events WHERE seq IN (${inner.clause}) ORDER BY seq DESC`,
  ).all(...inner.params) as (Omit<RecentEvent, "ts"> & { ts: number })[];
  return rows.map((e) => ({ ...e, ts: new Date(e.ts) }));
}
