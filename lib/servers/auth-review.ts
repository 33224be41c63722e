import "server-only";
import { counted } from "@/lib/text/counted";
import type { McpServer } from "@/db/schema";
import { auditSeqs, indexedWhere, searchPrepared } from "@/lib/audit/search";
import { formatDateTime } from "@/lib/time/format";
import { serverCalls } from "./queries";
import { requireAdminActor, type Actor } from "@/lib/auth/actor";

export type CheckStatus = "pass" | "warn" | "fail";
export type ReviewCheck = { id: string; title: string; status: CheckStatus; detail: string };

const DAY = 86_400_000;
// Review windows: recent enough to matter, bounded so a busy server's page stays fast.
const RECENT_EVENTS = 50_000;
// The audit timestamp is taken just after the decision; allow that much slack before calling an allow late.
const DECISION_SLACK_MS = 1000;

// On the audit reader: some of these counts read the audit search index.
function count(sql: string, ...params: unknown[]): number {
  return Number(searchPrepared(sql).pluck().get(...params) ?? 0);
}

/** "1 call was", "3 calls were": details are read as sentences. */
function ago(ms: number): string {
  const m = Math.round(ms / 60_000);
  if (m < 1) return "just now";
  if (m < 120) return `${m} min ago`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
}

function strategyCheck(server: McpServer, activeCredentials: number, lastCall: number | null, now: number): ReviewCheck {
  const title = "Authentication fits the deployment";
  if (server.status === "disabled") return { id: "strategy", title, status: "warn", detail: "The server is disabled: Gatehouse refuses every call it makes." };
  if (activeCredentials === 0) {
    return { id: "strategy", title, status: "fail", detail: "No working server credential: the server cannot verify tokens, so it either refuses everyone or runs open. Rotate to issue one." };
  }
  const shared = server.deployment !== "local-single";
  if (lastCall !== null && now - lastCall < 7 * DAY) {
    const mode = shared
      ? "The server verifies every request's token with Gatehouse"
      : "The server runs for one person without tokens, and Gatehouse records every call with the OS user";
    return { id: "strategy", title, status: "pass", detail: `${mode} (last call ${ago(now - lastCall)}).` };
  }
  return {
    id: "strategy",
    title,
    status: shared ? "fail" : "warn",
    detail: shared
      ? "A server used by several people must never be open, and this one has not verified a token in the last 7 days. Check that it is configured with its credential."
      : "No call recorded in the last 7 days. A local, one-user server runs without tokens, but its calls still go through Gatehouse's audit log (@gatehouse/mcp's gatehouseStdio does this): check that it is configured with its credential.",
  };
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
  const liveTokens = count(`SELECT count(*) FROM tokens t WHERE ${live}`, now, server.id);
  const neverExpire = count(`SELECT count(*) FROM tokens t WHERE ${live} AND t.expires_at IS NULL`, now, server.id);
  const inGrace = count(
    `SELECT count(DISTINCT t.id) FROM tokens t JOIN token_secrets s ON s.token_id = t.id WHERE ${live} AND s.expires_at > ?`,
    now,
    server.id,
    now,
  );
  const recentSeqs = auditSeqs(indexedWhere("e.server_id = ?", server.id), { order: "DESC", limit: RECENT_EVENTS });
  const recent = `(SELECT token_id, ts, type, reason FROM main.audit_events WHERE seq IN (${recentSeqs.clause}))`;
  const allowedAfterEnd = count(
    `SELECT count(*) FROM ${recent} e JOIN tokens t ON t.id = e.token_id
      WHERE e.type = 'call.allowed'
        AND ((t.revoked_at IS NOT NULL AND e.ts > t.revoked_at + ?) OR (t.expires_at IS NOT NULL AND e.ts > t.expires_at + ?))`,
    ...recentSeqs.params,
    DECISION_SLACK_MS,
    DECISION_SLACK_MS,
  );
  const refusedRevoked = count(`SELECT count(*) FROM ${recent} e WHERE e.type = 'call.inactive' AND e.reason IN ('revoked', 'expired', 'secret_replaced')`, ...recentSeqs.params);

  return [
    strategyCheck(server, activeCredentials, lastCall ?? null, now),
    neverExpire > 0
      ? { id: "expiry", title: "Tokens for it expire and can be rotated", status: "fail", detail: `${neverExpire} of ${counted(liveTokens, "token", "tokens")} valid here ${neverExpire === 1 ? "never expires" : "never expire"}. Give them an expiry (or rotate them into ones that do).` }
      : {
          id: "expiry",
          title: "Tokens for it expire and can be rotated",
          status: "pass",
          detail: `${liveTokens === 0 ? "No live tokens are valid here yet." : liveTokens === 1 ? "The one live token valid here expires." : `All ${liveTokens} live tokens valid here expire.`}${inGrace > 0 ? ` ${counted(inGrace, "is", "are")} mid-rotation (old secret in its grace period).` : ""}`,
        },
    allowedAfterEnd > 0
      ? { id: "revocation", title: "Revocation works for its tokens", status: "fail", detail: `${counted(allowedAfterEnd, "call was", "calls were")} allowed after their token was revoked or expired. Investigate at once.` }
      : {
          id: "revocation",
          title: "Revocation works for its tokens",
          status: "pass",
          detail: `No call was allowed after its token was revoked or expired${refusedRevoked > 0 ? `; ${counted(refusedRevoked, "such call was", "such calls were")} refused` : ""}. Every call is decided afresh, so a revocation applies on the next one.`,
        },
    lastCall === undefined
      ? { id: "audit", title: "The audit log receives its calls", status: "warn", detail: "No calls from this server have been recorded yet." }
      : {
          id: "audit",
          title: "The audit log receives its calls",
          status: now - lastCall < DAY ? "pass" : "warn",
          detail: `Last call recorded ${ago(now - lastCall)} (${formatDateTime(lastCall)}).`,
        },
  ];
}
