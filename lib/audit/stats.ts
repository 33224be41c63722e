import "server-only";
import type { AuditFilters } from "@/lib/validation/audit";
import { auditWhere, CALL_TYPES_SQL, prepared } from "./filter-sql";
import { auditRows, indexedWhere, searchPrepared } from "./search";

export type CallBucket = { start: number; allowed: number; denied: number };
export type CallSeries = { from: number; to: number; bucketMs: number; buckets: CallBucket[] };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BUCKET_SIZES = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY, 30 * DAY];
const MAX_BUCKETS = 60;

/** The chart's window: the filtered range, or the last 24 hours when it is open-ended. */
export function chartRange(filters: AuditFilters, now = Date.now()): { from: number; to: number } {
  // Open-ended: up to and including now (the filter's upper bound is exclusive).
  const to = filters.to ?? now + 1;
  const from = filters.from ?? to - DAY;
  return { from: Math.min(from, to), to };
}

/** Calls per time bucket, allowed vs denied, for the filtered range (about 60 buckets at most). */
export function callBuckets(filters: AuditFilters, now = Date.now()): CallSeries {
  const { from, to } = chartRange(filters, now);
  const bucketMs = BUCKET_SIZES.find((b) => (to - from) / b <= MAX_BUCKETS) ?? BUCKET_SIZES[BUCKET_SIZES.length - 1]!;
  // Buckets align to whole multiples of their size (UTC), so the axis reads 13:00, 14:00, …
  const first = Math.floor(from / bucketMs) * bucketMs;
  const where = auditWhere({ ...filters, from, to });
  const source = auditRows(where, "e.ts, e.type, e.decision");
  const rows = searchPrepared(
    `SELECT CAST((e.ts - ?) / ? AS INTEGER) AS b, SUM(e.decision = 'allow') AS allowed, SUM(e.decision = 'deny') AS denied
     FROM (${source.clause}) e WHERE e.type IN ${CALL_TYPES_SQL} GROUP BY b`,
  ).all(first, bucketMs, ...source.params) as { b: number; allowed: number; denied: number }[];
  const byBucket = new Map(rows.map((r) => [r.b, r]));
  const buckets: CallBucket[] = [];
  for (let start = first, b = 0; start < to; start += bucketMs, b++) {
    const r = byBucket.get(b);
    buckets.push({ start, allowed: r?.allowed ?? 0, denied: r?.denied ?? 0 });
  }
  return { from, to, bucketMs, buckets };
}

/** One line of a "who called what" view. */
export type ToolUsage = {
  serverId: string | null;
  serverName: string | null;
  tool: string | null;
  calls: number;
  allowed: number;
  denied: number;
  lastTs: number;
};

function usage(column: "subject_user_id" | "token_id", id: string): ToolUsage[] {
  const source = auditRows(indexedWhere(`e.${column} = ? AND e.type IN ${CALL_TYPES_SQL}`, id), "e.server_id, e.tool, e.decision, e.ts");
  return searchPrepared(
    `SELECT e.server_id AS serverId, s.name AS serverName, e.tool, COUNT(*) AS calls,
       SUM(e.decision = 'allow') AS allowed, SUM(e.decision = 'deny') AS denied, MAX(e.ts) AS lastTs
     FROM (${source.clause}) e LEFT JOIN main.mcp_servers s ON s.id = e.server_id
     GROUP BY e.server_id, e.tool ORDER BY lastTs DESC`,
  ).all(...source.params) as ToolUsage[];
}

/** Which tools on which servers a user's calls reached, how often, and when last. */
export function usageByUser(userId: string): ToolUsage[] {
  return usage("subject_user_id", userId);
}

/** Which tools on which servers a token was used for, how often, and when last. */
export function usageByToken(tokenId: string): ToolUsage[] {
  return usage("token_id", tokenId);
}

/** A name to head a usage view with: the user's name and email, or the token's name and owner. */
export function usageSubject(kind: "user" | "token", id: string): { title: string; subtitle: string | null } | null {
  if (kind === "user") {
    const u = prepared("SELECT name, email FROM users WHERE id = ?").get(id) as { name: string; email: string } | undefined;
    return u ? { title: u.name, subtitle: u.email } : null;
  }
  const t = prepared("SELECT t.name, u.email AS owner FROM tokens t LEFT JOIN users u ON u.id = t.owner_id WHERE t.id = ?").get(id) as { name: string; owner: string | null } | undefined;
  return t ? { title: t.name, subtitle: t.owner ? `owned by ${t.owner}` : null } : null;
}
