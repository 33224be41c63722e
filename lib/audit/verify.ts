import "server-only";
import { setImmediate as nextTick } from "node:timers/promises";
import { ChainWalker, type ChainCheck, type ChainPoint, type StoredChainRow } from "./chain";
import { AUDIT_COLUMNS_SQL, prepared } from "./filter-sql";
import { chainStart } from "./queries";

export type StoredChainCheck = ChainCheck & { start: ChainPoint };

const BATCH = 5_000;

/**
 * Streams the stored rows from `after` up to and including `through` (or the end) in seq order,
 * one keyset batch at a time. Each batch is read to completion with .iterate() before control
 * returns: the process shares one connection, and an iterator left open would block every other
 * statement on it (including the audit writer) and pin a WAL snapshot.
 */
export async function* storedChainRows(after: number, through = Number.MAX_SAFE_INTEGER): AsyncGenerator<StoredChainRow[]> {
  const stmt = prepared(`SELECT ${AUDIT_COLUMNS_SQL} FROM audit_events e WHERE e.seq > ? AND e.seq <= ? ORDER BY e.seq LIMIT ?`);
  let cursor = after;
  for (;;) {
    const batch: StoredChainRow[] = [];
    for (const row of stmt.iterate(cursor, through, BATCH)) batch.push(row as StoredChainRow);
    if (batch.length === 0) return;
    yield batch;
    cursor = batch[batch.length - 1]!.seq;
    if (batch.length < BATCH) return;
    // Let requests in between batches: a million hashes take a couple of seconds.
    await nextTick();
  }
}

/**
 * Verifies the stored chain from its anchor. With a checkpoint (SEQ:HASH kept elsewhere), also
 * proves the log up to it is unchanged; a checkpoint older than the anchor lies in an archive.
 */
export async function verifyStoredChain(checkpoint?: ChainPoint): Promise<StoredChainCheck> {
  const start = chainStart();
  if (checkpoint && checkpoint.seq < start.seq) {
    return {
      ok: false,
      count: 0,
      badSeq: checkpoint.seq,
      problem: `the checkpoint (${checkpoint.seq}) predates the archive anchor (${start.seq}); verify it against the archive file`,
      start,
    };
  }
  const walker = new ChainWalker(start, checkpoint);
  for await (const batch of storedChainRows(start.seq)) {
    for (const row of batch) if (!walker.step(row)) return { ...walker.result(), start };
  }
  return { ...walker.result(), start };
}
