import "server-only";
import type Database from "better-sqlite3";
import { AUDIT_INDEX, auditReader } from "@/db/audit-index";
import { db } from "@/db/client";
import { preparedOnce } from "@/db/per-connection";
import type { AuditWhere, SqlPart } from "./filter-sql";

/*
 * Filtered reads of the audit log through the search index (db/audit-index.ts). The index
 * answers for events up to its watermark; events after it (the last fraction of a second while
 * the indexer keeps up) are found by scanning the log past the watermark. Both halves take the
 * same WHERE clause, so a result is exact the moment an event is committed.
 */

// Entries of archived events may outlive them briefly; they are never returned.
const ABOVE_ANCHOR = "e.seq > (SELECT coalesce((SELECT seq FROM main.audit_anchor WHERE id = 1), 0))";
const ABOVE_WATERMARK = `e.seq > (SELECT seq FROM ${AUDIT_INDEX}.audit_search_state WHERE id = 1)`;

/** A prepared statement on the process's audit reader (the connection with the index attached). */
export function searchPrepared(sql: string): Database.Statement {
  return preparedOnce(auditReader(db().$client), sql);
}

export type SeqOptions = { order: "ASC" | "DESC"; limit: number; before?: number; after?: number };

/**
 * A query for the seqs of the `limit` matching events nearest one end (DESC: newest first),
 * optionally strictly before/after a seq. Selects `seq` only, so it runs on indexes alone.
 */
export function auditSeqs(where: AuditWhere, opts: SeqOptions): SqlPart {
  let bound = "";
  const boundParams: unknown[] = [];
  if (opts.before !== undefined) {
    bound += " AND e.seq < ?";
    boundParams.push(opts.before);
  }
  if (opts.after !== undefined) {
    bound += " AND e.seq > ?";
    boundParams.push(opts.after);
  }
  const order = `ORDER BY e.seq ${opts.order} LIMIT ?`;
  if (!where.indexable) {
    return { clause: `SELECT e.seq FROM main.audit_events e WHERE ${where.clause}${bound} ${order}`, params: [...where.params, ...boundParams, opts.limit] };
  }
  const arm = [...where.params, ...boundParams, opts.limit];
  return {
    clause: `SELECT seq FROM (SELECT e.seq FROM ${AUDIT_INDEX}.audit_search e WHERE ${where.clause}${bound} AND ${ABOVE_ANCHOR} ${order})
      UNION ALL SELECT seq FROM (SELECT e.seq FROM main.audit_events e WHERE ${ABOVE_WATERMARK} AND ${where.clause}${bound} ${order})
      ORDER BY seq ${opts.order} LIMIT ?`,
    params: [...arm, ...arm, opts.limit],
  };
}

/**
 * A row source (to use as `FROM (…) e`) of every matching event, with `columns` (on alias `e`,
 * indexed columns only when the filter is indexable), for aggregates over a filter.
 */
export function auditRows(where: AuditWhere, columns: string): SqlPart {
  if (!where.indexable) return { clause: `SELECT ${columns} FROM main.audit_events e WHERE ${where.clause}`, params: where.params };
  return {
    clause: `SELECT ${columns} FROM ${AUDIT_INDEX}.audit_search e WHERE ${where.clause} AND ${ABOVE_ANCHOR}
      UNION ALL SELECT ${columns} FROM main.audit_events e WHERE ${ABOVE_WATERMARK} AND ${where.clause}`,
    params: [...where.params, ...where.params],
  };
}

/** A filter on indexed columns that is not one of the audit page's (server views, owners). */
export function indexedWhere(clause: string, ...params: unknown[]): AuditWhere {
  return { clause, params, indexable: true };
}
