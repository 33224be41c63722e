import "server-only";
import { requireAdminActor, requireSelfOrAdmin, type Actor } from "@/lib/auth/actor";
import { requireTokenViewer } from "@/lib/tokens/actor";
import type { AuditFilters } from "@/lib/validation/audit";
import { CHART_RANGE_MS, chartWindow, DEFAULT_CHART_RANGE, type ChartRange } from "@/lib/validation/chart-range";
import { auditWhere, prepared } from "./filter-sql";
import { CALL_OUTCOME_SQL, CALL_OUTCOMES, CALL_TYPES_SQL, type CallOutcome } from "./outcome";
import { auditRows, indexedWhere } from "./search";
import { searchAll } from "./search-thread";

/** Calls in one time bucket, by outcome (lib/audit/outcome.ts), as the audit table labels them. */
export type CallBucket = { start: number } & Record<CallOutcome, number>;
export type CallSeries = { from: number; to: number; bucketMs: number; buckets: CallBucket[] };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const BUCKET_SIZES = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY, MONTH];
/** The most buckets a chart ever has, whatever range the URL asks for. */
export const MAX_BUCKETS = 60;

/** The log's first and last event times (primary-key seeks; ts never decreases along seq). */
function logSpan(): { first: number; last: number } | null {
  const first = prepared("SELECT ts FROM audit_events ORDER BY seq ASC LIMIT 1").pluck().get() as number | undefined;
  const last = prepared("SELECT ts FROM audit_events ORDER BY seq DESC LIMIT 1").pluck().get() as number | undefined;
  return first === undefined || last === undefined ? null : { first, last };
}

/**
 * The chart's window: the last `range` when the filters name no time, else the filtered range
 * (open end: `range` before its end), clamped to the days the log covers (a range of ten
 * thousand years draws the few days there are).
 */
export function chartRange(filters: AuditFilters, range: ChartRange = DEFAULT_CHART_RANGE, now = Date.now()): { from: number; to: number } {
  if (filters.from === undefined && filters.to === undefined) return chartWindow(range, now);
  // Open-ended: up to and including now (the filter's upper bound is exclusive).
  let to = filters.to ?? now + 1;
  let from = Math.min(filters.from ?? to - CHART_RANGE_MS[range], to);
  const span = logSpan();
  if (span) {
    const clampedFrom = Math.max(from, Math.floor(span.first / DAY) * DAY);
    const clampedTo = Math.min(to, Math.max(now, span.last) + 1);
    // A range wholly outside the log keeps its own (empty) window.
    if (clampedFrom < clampedTo) [from, to] = [clampedFrom, clampedTo];
  }
  return { from, to };
}

/** How many buckets of `size`, aligned to whole multiples of it, cover [from, to). */
function bucketCount(from: number, to: number, size: number): number {
  return Math.ceil((to - Math.floor(from / size) * size) / size);
}

/** The finest bucket size that keeps the chart within MAX_BUCKETS; whole months past a month. */
export function bucketSize(from: number, to: number): number {
  const fixed = BUCKET_SIZES.find((b) => bucketCount(from, to, b) <= MAX_BUCKETS);
  if (fixed !== undefined) return fixed;
  let months = Math.ceil((to - from) / MAX_BUCKETS / MONTH);
  while (bucketCount(from, to, months * MONTH) > MAX_BUCKETS) months++;
  return months * MONTH;
}

/**
 * Calls matching `filters` per time bucket of [from, to), by outcome (MAX_BUCKETS at most).
 * The range can span the whole log, so the counting runs on the search thread.
 */
async function countCalls(filters: AuditFilters, from: number, to: number): Promise<CallSeries> {
  const bucketMs = bucketSize(from, to);
  // Buckets align to whole multiples of their size (UTC), so the axis reads 13:00, 14:00, …
  const first = Math.floor(from / bucketMs) * bucketMs;
  const where = auditWhere({ ...filters, from, to });
  const source = auditRows(where, "e.seq, e.ts, e.type, e.server_id");
  const rows = await searchAll<{ b: number; outcome: CallOutcome; n: number }>({
    clause: `SELECT CAST((e.ts - ?) / ? AS INTEGER) AS b, ${CALL_OUTCOME_SQL} AS outcome, COUNT(*) AS n
     FROM (${source.clause}) e WHERE e.type IN ${CALL_TYPES_SQL} GROUP BY b, outcome`,
    params: [first, bucketMs, ...source.params],
  });
  const buckets: CallBucket[] = [];
  for (let start = first; start < to; start += bucketMs) {
    buckets.push({ start, ...(Object.fromEntries(CALL_OUTCOMES.map((o) => [o, 0])) as Record<CallOutcome, number>) });
  }
  for (const r of rows) {
    const bucket = buckets[r.b];
    if (bucket) bucket[r.outcome] += r.n;
  }
  return { from, to, bucketMs, buckets };
}

/** The audit page's chart: calls matching its filters, over their time range or the last `range`. */
export function callBuckets(actor: Actor, filters: AuditFilters, range: ChartRange = DEFAULT_CHART_RANGE, now = Date.now()): Promise<CallSeries> {
  requireAdminActor(actor);
  const { from, to } = chartRange(filters, range, now);
  return countCalls(filters, from, to);
}

/** Calls made with one token over the last `range`, for whoever may see the token. */
export function tokenCallBuckets(actor: Actor, tokenId: string, range: ChartRange, now = Date.now()): Promise<CallSeries> {
  requireTokenViewer(actor, tokenId);
  const { from, to } = chartWindow(range, now);
  return countCalls({ token: tokenId }, from, to);
}

/** Calls that reached one server over the last `range`. */
export function serverCallBuckets(actor: Actor, serverId: string, range: ChartRange, now = Date.now()): Promise<CallSeries> {
  requireAdminActor(actor);
  const { from, to } = chartWindow(range, now);
  return countCalls({ server: serverId }, from, to);
}

/** One line of a "who called what" view. */
export type ToolUsage = {
  serverId: string | null;
  serverName: string | null;
  tool: string | null;
  calls: number;
  allowed: number;
  /** Every call not allowed: denied, wrong server, inactive token, rate-limited (decision "deny"). */
  refused: number;
  lastTs: number;
};

/** A time window, from inclusive, to exclusive (ms). */
export type TimeWindow = { from: number; to: number };

// A busy user or token has a large share of the log's calls: counted on the search thread.
function usage(column: "subject_user_id" | "token_id", id: string, window?: TimeWindow): Promise<ToolUsage[]> {
  const time = window ? auditWhere(window) : { clause: "1", params: [] };
  const where = indexedWhere(`e.${column} = ? AND e.type IN ${CALL_TYPES_SQL} AND ${time.clause}`, id, ...time.params);
  const source = auditRows(where, "e.server_id, e.tool, e.decision, e.ts");
  return searchAll<ToolUsage>({
    clause: `SELECT e.server_id AS serverId, s.name AS serverName, e.tool, COUNT(*) AS calls,
       SUM(e.decision = 'allow') AS allowed, SUM(e.decision = 'deny') AS refused, MAX(e.ts) AS lastTs
     FROM (${source.clause}) e LEFT JOIN main.mcp_servers s ON s.id = e.server_id
     GROUP BY e.server_id, e.tool ORDER BY lastTs DESC`,
    params: source.params,
  });
}

/** Which tools on which servers a user's calls reached (all time, or within `window`), how often, and when last. */
export function usageByUser(actor: Actor, userId: string, window?: TimeWindow): Promise<ToolUsage[]> {
  requireSelfOrAdmin(actor, userId);
  return usage("subject_user_id", userId, window);
}

/** Which tools on which servers a token was used for (all time, or within `window`), how often, and when last. */
export function usageByToken(actor: Actor, tokenId: string, window?: TimeWindow): Promise<ToolUsage[]> {
  requireTokenViewer(actor, tokenId);
  return usage("token_id", tokenId, window);
}

/** A name to head a usage view with: the user's name and email, or the token's name and owner. */
export function usageSubject(actor: Actor, kind: "user" | "token", id: string): { title: string; subtitle: string | null } | null {
  requireAdminActor(actor);
  if (kind === "user") {
    const u = prepared("SELECT name, email FROM users WHERE id = ?").get(id) as { name: string; email: string } | undefined;
    return u ? { title: u.name, subtitle: u.email } : null;
  }
  const t = prepared("SELECT t.name, u.email AS owner FROM tokens t LEFT JOIN users u ON u.id = t.owner_id WHERE t.id = ?").get(id) as { name: string; owner: string | null } | undefined;
  return t ? { title: t.name, subtitle: t.owner ? `owned by ${t.owner}` : null } : null;
}
