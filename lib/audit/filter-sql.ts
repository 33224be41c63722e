import "server-only";
import type Database from "better-sqlite3";
import { db } from "@/db/client";
import { preparedOnce } from "@/db/per-connection";
import { containsPattern } from "@/lib/search/like";
import type { AuditFilters } from "@/lib/validation/audit";
import { OUTCOME_FILTER_SQL } from "./outcome";
import { firstSeqAtOrAfter, lastEventBefore } from "./time-seq";

/*
 * The SQL behind every audit filter, in one place: the page, the chart, the export and the
 * benchmark all ask the same question. Filter keys map to fixed SQL fragments (values only
 * ever travel as parameters), so nothing from a URL reaches the query text.
 */

export type SqlPart = { clause: string; params: unknown[] };

/** Filter conditions, and whether the search index can answer them (see lib/audit/search.ts). */
export type AuditWhere = SqlPart & { indexable: boolean };

// Columns the free-text search looks in.
const SEARCHED = [
  "type", "actor_name", "actor_id", "subject_user_id", "token_id", "server_id", "method", "tool",
  "reason", "request_id", "client_ip", "user_agent", "details",
];

const EXACT: Partial<Record<keyof AuditFilters, string>> = {
  type: "type",
  decision: "decision",
  token: "token_id",
  server: "server_id",
  tool: "tool",
  ip: "client_ip",
  request: "request_id",
};

/**
 * WHERE conditions (joined with AND, "1" when none) for the filters, on table alias `e`. Apart
 * from free text, they name only columns the search index also has, under the same names.
 */
export function auditWhere(filters: AuditFilters): AuditWhere {
  const parts: string[] = [];
  const params: unknown[] = [];
  // The writer keeps ts non-decreasing along seq, so a time range is also a seq range: the
  // seq bounds (binary searches, time-seq.ts) keep the scan on the primary key; the ts tests
  // keep it exact. A bound with no event (null) matches nothing, as the range does.
  if (filters.from !== undefined) {
    parts.push("e.ts >= ?", "e.seq >= ?");
    params.push(filters.from, firstSeqAtOrAfter(db().$client, filters.from));
  }
  if (filters.to !== undefined) {
    parts.push("e.ts < ?", "e.seq <= ?");
    params.push(filters.to, lastEventBefore(db().$client, filters.to)?.seq ?? null);
  }
  for (const [key, column] of Object.entries(EXACT) as [keyof AuditFilters, string][]) {
    const value = filters[key];
    if (value === undefined) continue;
    parts.push(`e.${column} = ?`);
    params.push(value);
  }
  if (filters.outcome !== undefined) parts.push(`(${OUTCOME_FILTER_SQL[filters.outcome]})`);
  if (filters.user !== undefined) {
    // By id (lib/audit/resolve.ts turns an email or a name into one): events about or by them.
    parts.push("(e.subject_user_id = ? OR e.actor_id = ?)");
    params.push(filters.user, filters.user);
  }
  if (filters.q !== undefined) {
    parts.push(`(${SEARCHED.map((c) => `e.${c} LIKE ? ESCAPE '\\'`).join(" OR ")})`);
    const pattern = containsPattern(filters.q);
    for (let i = 0; i < SEARCHED.length; i++) params.push(pattern);
  }
  // Free text reads columns the index does not hold; a time range alone is a seq range already.
  const selective = filters.user !== undefined || filters.outcome !== undefined || Object.keys(EXACT).some((k) => filters[k as keyof AuditFilters] !== undefined);
  return { clause: parts.length ? parts.join(" AND ") : "1", params, indexable: selective && filters.q === undefined };
}

/** A prepared statement per distinct SQL text on the process's connection (filter combinations are few). */
export function prepared(sql: string): Database.Statement {
  return preparedOnce(db().$client, sql);
}

/** Every stored column, as camelCase names. */
export const AUDIT_COLUMNS_SQL = `e.seq, e.id, e.ts, e.type, e.actor_type AS actorType, e.actor_id AS actorId,
  e.actor_name AS actorName, e.subject_user_id AS subjectUserId, e.token_id AS tokenId, e.server_id AS serverId,
  e.method, e.tool, e.tool_class AS toolClass, e.decision, e.reason, e.request_id AS requestId,
  e.client_ip AS clientIp, e.user_agent AS userAgent, e.details, e.prev_hash AS prevHash, e.hash, e.key_id AS keyId`;

