import "server-only";
import type { McpServer } from "@/db/schema";
import { auditSeqs, indexedWhere, searchPrepared } from "@/lib/audit/search";
import { requireAdminActor, type Actor } from "@/lib/auth/actor";
import { CALLER_SQL, serverCalls } from "./queries";
import { judgeReview, type ReviewCheck, type ReviewEvidence } from "./review-checks";

export type { CheckStatus, ReviewCheck } from "./review-checks";

// Review windows: recent enough to matter, bounded so a busy server's page stays fast.
const RECENT_EVENTS = 50_000;
// The audit timestamp is taken just after the decision; allow that much slack before calling an allow late.
const DECISION_SLACK_MS = 1000;
// Two callers already fail the single-user check; a few more make the detail worth reading.
const CALLERS_SHOWN = 5;

// On the audit reader: some of these counts read the audit search index.
function count(sql: string, ...params: unknown[]): number {
  return Number(searchPrepared(sql).pluck().get(...params) ?? 0);
}

/** The auth review checklist as live checks on this server's data and audit log. */
export function authReview(actor: Actor, server: McpServer, now = Date.now()): ReviewCheck[] {
  requireAdminActor(actor);
  const activeCredentials = count(
    "SELECT count(*) FROM server_credentials WHERE server_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)",
    server.id,
    now,
  );
  const last = auditSeqs(serverCalls(server.id), { order: "DESC", limit: 1 });
  const lastCall = searchPrepared(`SELECT ts FROM main.audit_events WHERE seq IN (${last.clause})`).pluck().get(...last.params) as number | undefined;

  const audience = "(t.all_servers = 1 OR EXISTS (SELECT 1 FROM token_servers ts WHERE ts.token_id = t.id AND ts.server_id = ?))";
  const live = `t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?) AND ${audience}`;
  const recentSeqs = auditSeqs(indexedWhere("e.server_id = ?", server.id), { order: "DESC", limit: RECENT_EVENTS });
  const recent = `(SELECT token_id, subject_user_id, ts, type, reason, details FROM main.audit_events WHERE seq IN (${recentSeqs.clause}))`;
  const callers = searchPrepared(
    `SELECT DISTINCT ${CALLER_SQL} AS who
       FROM ${recent} e LEFT JOIN main.users u ON u.id = e.subject_user_id
      WHERE e.type LIKE 'call.%' AND who IS NOT NULL LIMIT ?`,
  )
    .pluck()
    .all(...recentSeqs.params, CALLERS_SHOWN) as string[];

  const evidence: ReviewEvidence = {
    server,
    now,
    activeCredentials,
    lastCall: lastCall ?? null,
    liveTokens: count(`SELECT count(*) FROM tokens t WHERE ${live}`, now, server.id),
    neverExpire: count(`SELECT count(*) FROM tokens t WHERE ${live} AND t.expires_at IS NULL`, now, server.id),
    inGrace: count(`SELECT count(DISTINCT t.id) FROM tokens t JOIN token_secrets s ON s.token_id = t.id WHERE ${live} AND s.expires_at > ?`, now, server.id, now),
    allowedAfterEnd: count(
      `SELECT count(*) FROM ${recent} e JOIN tokens t ON t.id = e.token_id
        WHERE e.type = 'call.allowed'
          AND ((t.revoked_at IS NOT NULL AND e.ts > t.revoked_at + ?) OR (t.expires_at IS NOT NULL AND e.ts > t.expires_at + ?))`,
      ...recentSeqs.params,
      DECISION_SLACK_MS,
      DECISION_SLACK_MS,
    ),
    refusedRevoked: count(`SELECT count(*) FROM ${recent} e WHERE e.type = 'call.inactive' AND e.reason IN ('revoked', 'expired', 'secret_replaced')`, ...recentSeqs.params),
    callers,
  };
  return judgeReview(evidence);
}
