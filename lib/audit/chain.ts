import { createHash } from "node:crypto";

/** The hash before the first event of a chain that was never archived. */
export const GENESIS_HASH = "0".repeat(64);

/** The stored fields of an audit row that the chain covers, in their fixed order. */
export type ChainedRow = {
  seq: number;
  id: string;
  ts: number;
  type: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  subjectUserId: string | null;
  tokenId: string | null;
  serverId: string | null;
  method: string | null;
  tool: string | null;
  toolClass: string | null;
  decision: string;
  reason: string | null;
  requestId: string | null;
  clientIp: string | null;
  userAgent: string | null;
  details: string | null;
};

/**
 * Canonical serialization: a JSON array of the fields in a fixed order. JSON escapes every
 * quote, newline and control character, so no value can spill into a neighbouring field.
 */
export function canonicalize(row: ChainedRow): string {
  return JSON.stringify([
    row.seq,
    row.id,
    row.ts,
    row.type,
    row.actorType,
    row.actorId,
    row.actorName,
    row.subjectUserId,
    row.tokenId,
    row.serverId,
    row.method,
    row.tool,
    row.toolClass,
    row.decision,
    row.reason,
    row.requestId,
    row.clientIp,
    row.userAgent,
    row.details,
  ]);
}

/** hash = SHA-256(prev_hash ‖ canonical(row)), hex. */
export function chainHash(prevHash: string, row: ChainedRow): string {
  return createHash("sha256").update(prevHash).update(canonicalize(row)).digest("hex");
}

export type ChainCheck =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | { ok: false; count: number; badSeq: number; problem: string };

/**
 * Walks rows in seq order from a known starting point and names the first row that does not
 * follow: an edited field, a deleted or inserted row, or a reordering all break the links.
 */
export function verifyChain(
  rows: Iterable<ChainedRow & { prevHash: string; hash: string }>,
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainCheck {
  let expectedSeq = start.seq + 1;
  let prev = start.hash;
  let count = 0;
  let last: { seq: number; hash: string } | null = null;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return { ok: false, count, badSeq: row.seq, problem: `expected sequence ${expectedSeq}, found ${row.seq}` };
    }
    if (row.prevHash !== prev) {
      return { ok: false, count, badSeq: row.seq, problem: "prev_hash does not match the previous event's hash" };
    }
    const hash = chainHash(prev, row);
    if (hash !== row.hash) {
      return { ok: false, count, badSeq: row.seq, problem: "contents do not match the stored hash" };
    }
    prev = hash;
    expectedSeq++;
    count++;
    last = { seq: row.seq, hash };
  }
  return { ok: true, count, head: last };
}
