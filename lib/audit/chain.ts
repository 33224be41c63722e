import { hash } from "node:crypto";
import { hmacHex, type AuditKey, type AuditKeys } from "./key";

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

/** hash = SHA-256(prev_hash ‖ canonical(row)), hex (one-shot, as digestCredential explains): rows written before the audit key. */
export function chainHash(prevHash: string, row: ChainedRow): string {
  return hash("sha256", prevHash + canonicalize(row), "hex");
}

/** hash = HMAC-SHA-256(audit key, prev_hash ‖ canonical(row)): only the key's holder can make one. */
export function keyedChainHash(key: AuditKey, prevHash: string, row: ChainedRow): string {
  return hmacHex(key, prevHash + canonicalize(row));
}

/** A position in the chain: the event with this sequence number has this hash (seq 0 = genesis). */
export type ChainPoint = { seq: number; hash: string };

/** keyId: which audit key hashed the row; null for rows written before the log was keyed. */
export type StoredChainRow = ChainedRow & { prevHash: string; hash: string; keyId?: string | null };

export type ChainBreakKind = "missing" | "reordered" | "bad-link" | "edited" | "unkeyed" | "unknown-key" | "checkpoint" | "truncated" | "bad-anchor" | "index";

/** One thing that does not follow, at one sequence number. */
export type ChainBreak = { seq: number; kind: ChainBreakKind; problem: string };

export type ChainCheck =
  | { ok: true; count: number; head: ChainPoint | null }
  // badSeq and problem repeat the first break; breakCount counts all, breaks lists the first MAX_LISTED_BREAKS.
  | { ok: false; count: number; badSeq: number; problem: string; breaks: ChainBreak[]; breakCount: number };

/** A re-hashed log breaks at every row; listing a million of them helps nobody. */
export const MAX_LISTED_BREAKS = 1000;

export type WalkOptions = {
  /** Checkpoints kept elsewhere (any order): each must be passed with its hash, or the log was rewritten or cut. */
  checkpoints?: ChainPoint[];
  /** The audit keys; without them, keyed rows cannot be checked and are reported. */
  keys?: AuditKeys;
  /** The start is an archive anchor, valid only with the `audit.archived` event that moved it there. */
  requireAnchorEvent?: boolean;
};

/**
 * Checks rows one at a time, in seq order, from a known starting point, so a caller can feed it
 * from a cursor or a file without holding the log in memory. Every row that does not follow
 * (an edited field, a deleted or inserted row, a reordering, a forged or re-hashed row) is
 * named with its kind, and the walk resynchronises on the stored row so one bad row cannot
 * hide what comes after it.
 */
export class ChainWalker {
  private expectedSeq: number;
  private prev: string;
  private count = 0;
  private breaks: ChainBreak[] = [];
  private breakCount = 0;
  private keyedSeen = false;
  private lastUnkeyed = 0;
  private anchorProven: boolean;
  private readonly checkpoints: Map<number, string>;
  private readonly keys?: AuditKeys;

  constructor(
    private readonly start: ChainPoint = { seq: 0, hash: GENESIS_HASH },
    opts: WalkOptions = {},
  ) {
    this.expectedSeq = start.seq + 1;
    this.prev = start.hash;
    this.keys = opts.keys;
    this.anchorProven = !opts.requireAnchorEvent || start.seq === 0;
    this.checkpoints = new Map();
    for (const c of opts.checkpoints ?? []) {
      if (c.seq < start.seq) continue; // before the start: proven against the archive, not here
      if (c.seq === start.seq && c.hash !== start.hash) this.fail(start.seq, "checkpoint", `the chain's start (${start.seq}) does not match the checkpoint`);
      else if (c.seq > start.seq) this.checkpoints.set(c.seq, c.hash);
    }
  }

  private fail(seq: number, kind: ChainBreakKind, problem: string): void {
    this.breakCount++;
    if (this.breaks.length < MAX_LISTED_BREAKS) this.breaks.push({ seq, kind, problem });
  }

  /** Feeds the next row; false if it did not follow (the walk goes on from the stored row). */
  step(row: StoredChainRow): boolean {
    const before = this.breakCount;
    const expected = this.expectedSeq;
    if (row.seq < expected) {
      // A repeat or step back is an insertion or reordering; the row is skipped.
      this.fail(row.seq, "reordered", `event ${row.seq} appears out of order after ${expected - 1}`);
      return false;
    }
    if (row.seq > expected) {
      const range = row.seq - 1 === expected ? `event ${expected} is` : `events ${expected}–${row.seq - 1} are`;
      this.fail(expected, "missing", `${range} missing (next stored event is ${row.seq})`);
    } else if (row.prevHash !== this.prev) {
      this.fail(row.seq, "bad-link", "prev_hash does not match the previous event's hash");
    }
    this.checkContents(row);
    const checkpoint = this.checkpoints.get(row.seq);
    if (checkpoint !== undefined && checkpoint !== row.hash) this.fail(row.seq, "checkpoint", "hash differs from the checkpoint: the log was rewritten up to here");
    if (!this.anchorProven && row.type === "audit.archived" && this.provesAnchor(row)) this.anchorProven = true;
    // Resynchronise on what is stored, so the next row is judged on its own.
    this.prev = row.hash;
    this.expectedSeq = row.seq + 1;
    this.count++;
    return this.breakCount === before;
  }

  private checkContents(row: StoredChainRow): void {
    const keyId = row.keyId ?? null;
    if (keyId === null) {
      if (!this.keyedSeen) this.lastUnkeyed = row.seq;
      // Once the log is keyed, an unkeyed row is one written (or re-hashed) without the key.
      if (this.keyedSeen) this.fail(row.seq, "unkeyed", "the event is not signed with the audit key, though earlier ones are: forged or re-hashed");
      else if (chainHash(row.prevHash, row) !== row.hash) this.fail(row.seq, "edited", "contents do not match the stored hash");
      return;
    }
    this.keyedSeen = true;
    const key = this.keys?.byId.get(keyId);
    if (!key) this.fail(row.seq, "unknown-key", `signed with audit key ${keyId}, which this verifier does not hold`);
    else if (keyedChainHash(key, row.prevHash, row) !== row.hash) this.fail(row.seq, "edited", "contents do not match the stored hash (edited, forged or re-hashed without the audit key)");
  }

  /** The archiving event names the point it moved the anchor to; being signed, it cannot be forged. */
  private provesAnchor(row: StoredChainRow): boolean {
    try {
      const d = JSON.parse(row.details ?? "null") as { throughSeq?: unknown; headHash?: unknown } | null;
      return d?.throughSeq === this.start.seq && d.headHash === this.start.hash;
    } catch {
      return false;
    }
  }

  /** The verdict; a checkpoint beyond the last row means events after the end were removed. */
  result(): ChainCheck {
    const last = this.expectedSeq - 1;
    const failures = this.breaks.slice();
    let total = this.breakCount;
    const extra: ChainBreak[] = [];
    if (!this.anchorProven) {
      extra.push({ seq: this.start.seq, kind: "bad-anchor", problem: `the chain starts at anchor ${this.start.seq}, but no audit.archived event records moving it there: older events were removed` });
    }
    const beyond = [...this.checkpoints.keys()].filter((seq) => seq > last);
    if (beyond.length > 0) {
      const furthest = Math.max(...beyond);
      extra.push({ seq: last + 1, kind: "truncated", problem: `the log ends at ${last} but a checkpoint is at ${furthest}: events were removed from the end` });
    }
    total += extra.length;
    for (const b of extra) if (failures.length < MAX_LISTED_BREAKS) failures.push(b);
    if (total > 0) return { ok: false, count: this.count, badSeq: failures[0]!.seq, problem: failures[0]!.problem, breaks: failures, breakCount: total };
    return { ok: true, count: this.count, head: this.count > 0 ? { seq: last, hash: this.prev } : null };
  }

  /**
   * The last event of the unkeyed stretch at the start (written before the audit key), 0 if none.
   * Said in the verdict: a log rewritten entirely without the key would look like this too.
   */
  unkeyedThrough(): number {
    return this.lastUnkeyed;
  }

  /** The point reached so far (the start while nothing was fed). */
  position(): ChainPoint {
    return { seq: this.expectedSeq - 1, hash: this.prev };
  }
}

/** Walks rows in seq order from a known starting point and names every row that does not follow. */
export function verifyChain(rows: Iterable<StoredChainRow>, start?: ChainPoint, checkpoint?: ChainPoint, keys?: AuditKeys): ChainCheck {
  const walker = new ChainWalker(start, { checkpoints: checkpoint ? [checkpoint] : [], keys });
  for (const row of rows) walker.step(row);
  return walker.result();
}

/** Parses "SEQ:HASH" as printed by `audit checkpoint`. */
export function parseChainPoint(text: string): ChainPoint | null {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}
