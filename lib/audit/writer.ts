// No "server-only" here: the verification fast path in server.ts runs this under plain Node.
import type Database from "better-sqlite3";
import { perConnection } from "@/db/per-connection";
import { db } from "@/db/client";
import type { Tx } from "@/db/transaction";
import { newSortableId } from "@/lib/ids";
import { GENESIS_HASH, keyedChainHash, type StoredChainRow } from "./chain";
import { auditKeyring, type AuditKey } from "./key";
import { AUDIT_DECISIONS, AUDIT_EVENT_TYPES, type AuditInput } from "./events";

// Anything shaped like a Gatehouse credential is cut out before it can reach the log.
const CREDENTIAL_PATTERN = /mcp[tsrc]_[0-9A-Za-z]{20,}/g;
const MAX_FIELD = 1024;
const MAX_DETAILS = 16_384;
const EVENT_TYPES: ReadonlySet<string> = new Set(AUDIT_EVENT_TYPES);
const DECISIONS: ReadonlySet<string> = new Set(AUDIT_DECISIONS);

/**
 * What is hashed must be exactly what SQLite stores and gives back: a lone UTF-16 surrogate
 * cannot be encoded as UTF-8 and would come back as U+FFFD, breaking the row's hash for good.
 * Every string of a row goes through here (the check is cheap; the copy only happens for bad input).
 */
function wellFormed(value: string): string {
  return value.isWellFormed() ? value : value.toWellFormed();
}

/** For identifiers and enum values: not cut or redacted, but made storable all the same. */
function stored(value: string | null | undefined): string | null {
  return value === undefined || value === null ? null : wellFormed(value);
}

function clean(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  // Cut first, then mend: a cut can split a surrogate pair.
  return wellFormed(value.slice(0, MAX_FIELD)).replace(CREDENTIAL_PATTERN, "[redacted]");
}

function cleanDetails(details: Record<string, unknown> | null | undefined): string | null {
  if (!details) return null;
  // JSON.stringify escapes lone surrogates as \uXXXX (ASCII), so the text stores as it is hashed.
  const json = JSON.stringify(details).replace(CREDENTIAL_PATTERN, "[redacted]");
  // Cut oversized details to a marker rather than a broken JSON prefix: details stay parseable.
  return json.length <= MAX_DETAILS ? json : JSON.stringify({ truncated: true, size: json.length });
}

type Head = { seq: number; hash: string; ts: number };

type Statements = { head: Database.Statement; anchor: Database.Statement; insert: Database.Statement };
// Prepared once per connection: this runs on every verification call.
const statements = perConnection(
  (sqlite): Statements => ({
    head: sqlite.prepare("SELECT seq, hash, ts FROM audit_events ORDER BY seq DESC LIMIT 1"),
    anchor: sqlite.prepare("SELECT seq, hash, 0 AS ts FROM audit_anchor WHERE id = 1"),
    // Positional parameters: binding 21 named ones from an object cost 9 µs a row more.
    insert: sqlite.prepare(
      `INSERT INTO audit_events (seq, id, ts, type, actor_type, actor_id, actor_name, subject_user_id, token_id,
        server_id, method, tool, tool_class, decision, reason, request_id, client_ip, user_agent, details, prev_hash, hash, key_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  }),
);

/** Builds the chained row that follows `head`, signed with `key`. Pure; the writer and the tests share it. */
export function buildAuditRow(input: AuditInput, head: { seq: number; hash: string }, key: AuditKey, ts = Date.now()) {
  // The enum is closed at runtime too: a caller cannot invent an event name or outcome.
  if (!EVENT_TYPES.has(input.type)) throw new Error(`unknown audit event type: ${String(input.type)}`);
  if (!DECISIONS.has(input.decision)) throw new Error(`unknown audit decision: ${String(input.decision)}`);
  // One literal with every field, the hash filled in last: a spread of the row into a new
  // object cost about 7 µs a call on Node 20 and made V8 promote its garbage (docs/PERFORMANCE.md).
  const row: StoredChainRow = {
    seq: head.seq + 1,
    id: newSortableId("evt", ts),
    ts,
    type: input.type,
    actorType: input.actor.type,
    actorId: stored(input.actor.id),
    actorName: clean(input.actor.name),
    subjectUserId: stored(input.subjectUserId),
    tokenId: stored(input.tokenId),
    serverId: stored(input.serverId),
    method: clean(input.method),
    tool: clean(input.tool),
    toolClass: stored(input.toolClass),
    decision: input.decision,
    reason: clean(input.reason),
    requestId: clean(input.requestId),
    clientIp: clean(input.clientIp),
    userAgent: clean(input.userAgent),
    details: cleanDetails(input.details),
    prevHash: head.hash,
    hash: "",
    keyId: key.id,
  };
  row.hash = keyedChainHash(key, head.hash, row);
  return row;
}

/** Stores a row built by buildAuditRow (the writer, and the seeding script's bulk load). */
export function insertAuditRow(sqlite: Database.Database, r: ReturnType<typeof buildAuditRow>): void {
  statements(sqlite).insert.run(r.seq, r.id, r.ts, r.type, r.actorType, r.actorId, r.actorName, r.subjectUserId, r.tokenId, r.serverId,
    r.method, r.tool, r.toolClass, r.decision, r.reason, r.requestId, r.clientIp, r.userAgent, r.details, r.prevHash, r.hash, r.keyId);
}

/**
 * The one audit writer. Takes the caller's open transaction, so the event commits or rolls
 * back together with the change it records. Throws if the row cannot be written; callers
 * let that abort their transaction (a decision that cannot be audited is not made).
 */
export function recordAudit(_tx: Tx, input: AuditInput): { seq: number; id: string } {
  // One connection per process: statements on it run inside the caller's transaction.
  const sqlite = db().$client;
  // Outside a transaction two writers could read the same head; refuse rather than fork the chain.
  if (!sqlite.inTransaction) throw new Error("recordAudit must run inside transact()");
  const s = statements(sqlite);
  const head = (s.head.get() ?? s.anchor.get() ?? { seq: 0, hash: GENESIS_HASH, ts: 0 }) as Head;
  // ts never goes backwards along seq (a clock step back is clamped), so a time range maps
  // to a seq range and the browsing queries stay on the primary key.
  const row = buildAuditRow(input, head, auditKeyring(sqlite).current, Math.max(Date.now(), head.ts));
  insertAuditRow(sqlite, row);
  return { seq: row.seq, id: row.id };
}
