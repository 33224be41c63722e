import "server-only";
import { setImmediate as nextTick } from "node:timers/promises";
import { db } from "@/db/client";
import { ChainWalker, type ChainCheck, type ChainPoint, type StoredChainRow } from "./chain";
import { AUDIT_COLUMNS_SQL, prepared } from "./filter-sql";
import { auditVerifyKeys } from "./key";
import { chainStart } from "./queries";

/** archivedCheckpoints: checkpoints before the anchor, not checked here (verify them against the archive file). */
export type StoredChainCheck = ChainCheck & { start: ChainPoint; archivedCheckpoints: number; unkeyedThrough: number };

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
 * Verifies the stored chain from its anchor with the audit keys, naming every break. Each
 * checkpoint (SEQ:HASH kept elsewhere, e.g. the checkpoint file) also proves the log up to it
 * is unchanged and not cut short; checkpoints older than the anchor lie in an archive.
 */
export async function verifyStoredChain(checkpoints: ChainPoint[] = []): Promise<StoredChainCheck> {
  const start = chainStart();
  const keys = auditVerifyKeys(db().$client.name);
  const walker = new ChainWalker(start, { checkpoints, keys, requireAnchorEvent: true });
  for await (const batch of storedChainRows(start.seq)) {
    for (const row of batch) walker.step(row);
  }
  const archivedCheckpoints = checkpoints.filter((c) => c.seq < start.seq).length;
  return { ...walker.result(), start, archivedCheckpoints, unkeyedThrough: walker.unkeyedThrough() };
}
