import "server-only";
import type { AuditEvent } from "@/db/schema";
import { requireAdminActor, requireSelfOrAdmin, type Actor } from "@/lib/auth/actor";
import type { AuditCursor, AuditFilters } from "@/lib/validation/audit";
import { GENESIS_HASH, type ChainPoint } from "./chain";
import { AUDIT_COLUMNS_SQL, auditWhere, prepared, type SqlPart } from "./filter-sql";
import { auditSeqs, indexedWhere, searchPrepared } from "./search";
import { searchAll, searchOne } from "./search-thread";

/** An audit row with the display names of the user, token and server it points at. */
export type AuditRow = AuditEvent & { subjectName: string | null; subjectEmail: string | null; tokenName: string | null; serverName: string | null };

export type AuditPage = {
  rows: AuditRow[];
  /** Cursor for the next newer page (`after=`), null on the newest page. */
  newer: number | null;
  /** Cursor for the next older page (`before=`), null on the oldest page. */
  older: number | null;
};

export const DEFAULT_PAGE_SIZE = 50;

/**
 * Full rows (with display names) for the seqs an inner query picks. The inner query selects seq
 * only, so it can run on indexes alone; the rows are then fetched by primary key. (Fetching
 * whole rows inside a multi-index OR, e.g. the user filter, was 70× slower on a million rows.)
 */
function named(inner: SqlPart, order: "ASC" | "DESC"): SqlPart {
  const clause = `SELECT ${AUDIT_COLUMNS_SQL}, u.name AS subjectName, u.email AS subjectEmail, k.name AS tokenName, s.name AS serverName
    FROM main.audit_events e
    LEFT JOIN users u ON u.id = e.subject_user_id
    LEFT JOIN tokens k ON k.id = e.token_id
    LEFT JOIN mcp_servers s ON s.id = e.server_id
    WHERE e.seq IN (${inner.clause}) ORDER BY e.seq ${order}`;
  return { clause, params: inner.params };
}

/** Rows for bounded index seeks (a known seq, one owner's tokens), read on this thread. */
function namedHere(inner: SqlPart, order: "ASC" | "DESC"): AuditRow[] {
  const query = named(inner, order);
  return searchPrepared(query.clause).all(...query.params) as AuditRow[];
}

// The page's filters can be free text or any time range: those run on the search thread.
function seek(filters: AuditFilters, direction: "older" | "newer", cursor: number | null, limit: number): Promise<AuditRow[]> {
  const order = direction === "older" ? "DESC" : "ASC";
  const bound = cursor === null ? {} : direction === "older" ? { before: cursor } : { after: cursor };
  return searchAll<AuditRow>(named(auditSeqs(auditWhere(filters), { order, limit, ...bound }), order));
}

async function exists(filters: AuditFilters, op: "<" | ">", seq: number): Promise<boolean> {
  const inner = auditSeqs(auditWhere(filters), { order: "DESC", limit: 1, ...(op === "<" ? { before: seq } : { after: seq }) });
  return (await searchOne(inner)) !== undefined;
}

/**
 * One page of the log, newest first, by keyset: "older than seq X" or "newer than seq Y".
 * Each page is an index seek plus `size` rows, however deep it is (no OFFSET); a free-text
 * filter scans, which is why the page is read on the search thread.
 */
export async function listAuditEvents(actor: Actor, filters: AuditFilters, cursor: AuditCursor = {}): Promise<AuditPage> {
  requireAdminActor(actor);
  const size = cursor.size ?? DEFAULT_PAGE_SIZE;
  let rows: AuditRow[];
  if (cursor.after !== undefined) {
    rows = (await seek(filters, "newer", cursor.after, size)).reverse();
    // Near the newest end a short page would look odd: show the newest full page instead.
    if (rows.length < size) rows = await seek(filters, "older", null, size);
  } else {
    rows = await seek(filters, "older", cursor.before ?? null, size);
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  const [newer, older] = await Promise.all([first ? exists(filters, ">", first.seq) : false, last ? exists(filters, "<", last.seq) : false]);
  return { rows, newer: newer ? first!.seq : null, older: older ? last!.seq : null };
}

/** The newest events of the tokens `ownerId` owns, and only those (for "My tokens"). */
export function eventsForOwner(actor: Actor, ownerId: string, opts: { before?: number; limit?: number } = {}): AuditPage {
  requireSelfOrAdmin(actor, ownerId);
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const where = indexedWhere("e.token_id IN (SELECT id FROM main.tokens WHERE owner_id = ?)", ownerId);
  const rows = namedHere(auditSeqs(where, { order: "DESC", limit: limit + 1, before: opts.before }), "DESC");
  const more = rows.length > limit;
  if (more) rows.pop();
  return { rows, newer: null, older: more ? rows[rows.length - 1]!.seq : null };
}

export function getAuditEvent(actor: Actor, seq: number): AuditRow | undefined {
  requireAdminActor(actor);
  return namedHere({ clause: "?", params: [seq] }, "DESC")[0];
}

/** Where the stored chain starts: the archive anchor, or genesis. */
export function chainStart(): ChainPoint {
  return (prepared("SELECT seq, hash FROM audit_anchor WHERE id = 1").get() as ChainPoint | undefined) ?? { seq: 0, hash: GENESIS_HASH };
}

/** The chain's head (cheap: one primary-key seek) and how many events the table holds. */
export function chainHead(): { head: ChainPoint; start: ChainPoint; stored: number; headTs: number | null } {
  const start = chainStart();
  const last = prepared("SELECT seq, hash, ts FROM audit_events ORDER BY seq DESC LIMIT 1").get() as (ChainPoint & { ts: number }) | undefined;
  const head = last ? { seq: last.seq, hash: last.hash } : start;
  // Sequence numbers are contiguous from the anchor, so the count needs no scan.
  return { head, start, stored: head.seq - start.seq, headTs: last?.ts ?? null };
}
