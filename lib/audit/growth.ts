import "server-only";
import { db } from "@/db/client";
import { prepared } from "./filter-sql";
import { chainHead } from "./queries";
import { firstSeqAtOrAfter } from "./time-seq";

/** How large the audit log is and how fast it grows: a flood shows here before the disk fills. */
export type AuditGrowth = {
  events: number;
  /** The database file's used pages (the audit log is most of it). */
  fileBytes: number;
  lastHour: WindowGrowth;
  lastDay: WindowGrowth;
};

export type WindowGrowth = { events: number; bytes: number };

const HOUR_MS = 60 * 60 * 1000;
// Bytes are summed over at most this many of a window's newest events and scaled to the rest:
// the page stays a few milliseconds away from its answer however large the log is.
const SAMPLED_EVENTS = 1_000;

const TEXT_COLUMNS = ["id", "type", "actor_type", "actor_id", "actor_name", "subject_user_id", "token_id", "server_id", "method", "tool", "tool_class", "decision", "reason", "request_id", "client_ip", "user_agent", "details", "prev_hash", "hash"];
// Stored bytes of one row's values (text as UTF-8, seq and ts as 8 bytes each), without SQLite's own overhead.
const ROW_BYTES_SQL = `16 + ${TEXT_COLUMNS.map((c) => `coalesce(length(CAST(${c} AS BLOB)), 0)`).join(" + ")}`;

function windowGrowth(headSeq: number, since: number): WindowGrowth {
  const first = firstSeqAtOrAfter(db().$client, since);
  if (first === null) return { events: 0, bytes: 0 };
  const events = headSeq - first + 1;
  const sampleFrom = Math.max(first, headSeq - SAMPLED_EVENTS + 1);
  const sampled = prepared(`SELECT count(*) AS n, coalesce(sum(${ROW_BYTES_SQL}), 0) AS bytes FROM audit_events WHERE seq >= ?`).get(sampleFrom) as { n: number; bytes: number };
  return { events, bytes: sampled.n === 0 ? 0 : Math.round((sampled.bytes / sampled.n) * events) };
}

export function auditGrowth(now = Date.now()): AuditGrowth {
  const { head, stored } = chainHead();
  const sqlite = db().$client;
  const pages = (sqlite.pragma("page_count", { simple: true }) as number) - (sqlite.pragma("freelist_count", { simple: true }) as number);
  return {
    events: stored,
    fileBytes: pages * (sqlite.pragma("page_size", { simple: true }) as number),
    lastHour: windowGrowth(head.seq, now - HOUR_MS),
    lastDay: windowGrowth(head.seq, now - 24 * HOUR_MS),
  };
}
