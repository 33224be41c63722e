import { hash } from "node:crypto";

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

/** hash = SHA-256(prev_hash ‖ canonical(row)), hex (one-shot, as digestCredential explains). */
export function chainHash(prevHash: string, row: ChainedRow): string {
  return hash("sha256", prevHash + canonicalize(row), "hex");
}

/** A position in the chain: the event with this sequence number has this hash (seq 0 = genesis). */
export type ChainPoint = { seq: number; hash: string };

export type StoredChainRow = ChainedRow & { prevHash: string; hash: string };

export type ChainCheck =
  | { ok: true; count: number; head: ChainPoint | null }
  | { ok: false; count: number; badSeq: number; problem: string };

/**
 * Checks rows one at a time, in seq order, from a known starting point, so a caller can feed it
 * from a cursor or a file without holding the log in memory. The first row that does not follow
 * (an edited field, a deleted or inserted row, a reordering) ends the walk and is named.
 * A checkpoint (kept elsewhere) must be passed on the way: proof that nothing up to it changed.
 */
export class ChainWalker {
  private expectedSeq: number;
  private prev: string;
  private count = 0;
  private failure: { badSeq: number; problem: string } | null = null;

  constructor(
    start: ChainPoint = { seq: 0, hash: GENESIS_HASH },
    private readonly checkpoint?: ChainPoint,
  ) {
    this.expectedSeq = start.seq + 1;
    this.prev = start.hash;
    if (checkpoint && checkpoint.seq === start.seq && checkpoint.hash !== start.hash) {
      this.failure = { badSeq: start.seq, problem: `the chain's start (${start.seq}) does not match the checkpoint` };
    }
  }

  /** Feeds the next row; false once the chain is broken (further rows are ignored). */
  step(row: StoredChainRow): boolean {
    if (this.failure) return false;
    const problem = this.problemWith(row);
    if (problem) {
      this.failure = problem;
      return false;
    }
    this.prev = row.hash;
    this.expectedSeq++;
    this.count++;
    return true;
  }

  private problemWith(row: StoredChainRow): { badSeq: number; problem: string } | null {
    const expected = this.expectedSeq;
    if (row.seq !== expected) {
      // A gap is a deletion; a repeat or step back is an insertion or reordering.
      const problem = row.seq > expected ? `event ${expected} is missing (next stored event is ${row.seq})` : `event ${row.seq} appears out of order after ${expected - 1}`;
      return { badSeq: expected, problem };
    }
    if (row.prevHash !== this.prev) return { badSeq: row.seq, problem: "prev_hash does not match the previous event's hash" };
    if (chainHash(this.prev, row) !== row.hash) return { badSeq: row.seq, problem: "contents do not match the stored hash" };
    if (this.checkpoint && row.seq === this.checkpoint.seq && row.hash !== this.checkpoint.hash) {
      return { badSeq: row.seq, problem: "hash differs from the checkpoint: the log was rewritten up to here" };
    }
    return null;
  }

  /** The verdict; a checkpoint beyond the last row means events after the end were removed. */
  result(): ChainCheck {
    if (this.failure) return { ok: false, count: this.count, ...this.failure };
    const last = this.expectedSeq - 1;
    if (this.checkpoint && this.checkpoint.seq > last) {
      return { ok: false, count: this.count, badSeq: last + 1, problem: `the log ends at ${last} but the checkpoint is at ${this.checkpoint.seq}: events were removed` };
    }
    return { ok: true, count: this.count, head: this.count > 0 ? { seq: last, hash: this.prev } : null };
  }

  /** The point reached so far (the start while nothing was fed). */
  position(): ChainPoint {
    return { seq: this.expectedSeq - 1, hash: this.prev };
  }
}

/** Walks rows in seq order from a known starting point and names the first row that does not follow. */
export function verifyChain(rows: Iterable<StoredChainRow>, start?: ChainPoint, checkpoint?: ChainPoint): ChainCheck {
  const walker = new ChainWalker(start, checkpoint);
  for (const row of rows) if (!walker.step(row)) break;
  return walker.result();
}

/** Parses "SEQ:HASH" as printed by `audit checkpoint`. */
export function parseChainPoint(text: string): ChainPoint | null {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}
