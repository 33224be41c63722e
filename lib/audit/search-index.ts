/*
 * Fills the audit search index (db/audit-index.ts) from the log, in batches, off the hot path.
 * Framework-free (no "server-only"): the indexer worker thread runs it, and tests call it.
 * The connection must have the index attached and be used by nothing else meanwhile.
 */
import type Database from "better-sqlite3";
import { perConnection } from "@/db/per-connection";
import { AUDIT_INDEX, INDEXED_COLUMNS } from "@/db/audit-index";

type State = { seq: number; hash: string };

const COLUMNS = INDEXED_COLUMNS.join(", ");

type Statements = {
  state: Database.Statement<[], State>;
  hashAt: Database.Statement<[number], string>;
  anchor: Database.Statement<[], number>;
  copy: Database.Statement<[number, number]>;
  last: Database.Statement<[number, number], State>;
  setState: Database.Statement<[number, string]>;
  prune: Database.Statement<[number]>;
  oldest: Database.Statement<[], number>;
  clear: Database.Statement<[]>;
};

const statements = perConnection(
  (sqlite): Statements => ({
    state: sqlite.prepare(`SELECT seq, hash FROM ${AUDIT_INDEX}.audit_search_state WHERE id = 1`),
    hashAt: sqlite.prepare("SELECT hash FROM main.audit_events WHERE seq = ?").pluck() as Database.Statement<[number], string>,
    anchor: sqlite.prepare("SELECT coalesce((SELECT seq FROM main.audit_anchor WHERE id = 1), 0)").pluck() as Database.Statement<[], number>,
    copy: sqlite.prepare(
      `INSERT INTO ${AUDIT_INDEX}.audit_search (${COLUMNS})
       SELECT ${COLUMNS} FROM main.audit_events WHERE seq > ? ORDER BY seq LIMIT ?`,
    ),
    last: sqlite.prepare(
      "SELECT seq, hash FROM main.audit_events WHERE seq > ? ORDER BY seq LIMIT 1 OFFSET ?",
    ) as Database.Statement<[number, number], State>,
    setState: sqlite.prepare(`UPDATE ${AUDIT_INDEX}.audit_search_state SET seq = ?, hash = ? WHERE id = 1`),
    prune: sqlite.prepare(`DELETE FROM ${AUDIT_INDEX}.audit_search WHERE seq <= ?`),
    oldest: sqlite.prepare(`SELECT coalesce(min(seq), 0) FROM ${AUDIT_INDEX}.audit_search`).pluck() as Database.Statement<[], number>,
    clear: sqlite.prepare(`DELETE FROM ${AUDIT_INDEX}.audit_search`),
  }),
);

export type IndexRun = { indexed: number; rebuilt: boolean; pruned: boolean; watermark: number };

/**
 * One step: checks the index still belongs to this log (else empties it to rebuild), drops
 * entries of archived events, then indexes up to `batch` events after the watermark, all in one
 * transaction on the index file. Reading the log takes no lock that a writer would wait for.
 */
export function indexAuditEvents(sqlite: Database.Database, batch = 5000): IndexRun {
  const s = statements(sqlite);
  // DEFERRED: the only write is to the index file, so only the index file is locked.
  return sqlite.transaction((): IndexRun => {
    let state = s.state.get() ?? { seq: 0, hash: "" };
    const anchor = s.anchor.get() ?? 0;
    let rebuilt = false;
    if (state.seq > anchor) {
      // The watermark event must still be the one that was indexed: a restored backup or a
      // replaced file would otherwise leave entries that point at other events.
      const hash = s.hashAt.get(state.seq);
      if (hash !== state.hash) {
        s.clear.run();
        state = { seq: 0, hash: "" };
        rebuilt = true;
      }
    }
    let pruned = false;
    if (s.oldest.get() !== 0 && (s.oldest.get() ?? 0) <= anchor) {
      s.prune.run(anchor);
      pruned = true;
    }
    const from = Math.max(state.seq, anchor);
    const { changes } = s.copy.run(from, batch);
    if (changes > 0) {
      const last = s.last.get(from, changes - 1)!;
      s.setState.run(last.seq, last.hash);
      state = last;
    } else if (from !== state.seq) {
      s.setState.run(from, "");
      state = { seq: from, hash: "" };
    }
    return { indexed: changes, rebuilt, pruned, watermark: state.seq };
  }).deferred();
}

/** Indexes until caught up with the log (tools and tests; the worker goes batch by batch). */
export function indexAllAuditEvents(sqlite: Database.Database, batch = 5000): number {
  let total = 0;
  for (;;) {
    const { indexed } = indexAuditEvents(sqlite, batch);
    total += indexed;
    if (indexed < batch) return total;
  }
}

export type IndexCheck = { checked: number; mismatched: number[]; mismatchCount: number };

const COMPARED = INDEXED_COLUMNS.filter((c) => c !== "seq").map((c) => `s.${c} IS NOT e.${c}`).join(" OR ");

/**
 * Checks the search index against the log: every event up to the watermark must have its entry,
 * with the same values, and no entry may point past the log. An index edited to hide events from
 * the audit page's filters is found here. Read-only; `resetAuditIndex` then makes it rebuild.
 */
export function checkAuditIndex(sqlite: Database.Database, limit = 1000): IndexCheck {
  const anchor = statements(sqlite).anchor.get() ?? 0;
  const watermark = statements(sqlite).state.get()?.seq ?? 0;
  const bad = sqlite
    .prepare(
      `SELECT e.seq FROM main.audit_events e LEFT JOIN ${AUDIT_INDEX}.audit_search s ON s.seq = e.seq
       WHERE e.seq > ? AND e.seq <= ? AND (s.seq IS NULL OR ${COMPARED})
       UNION ALL
       SELECT s.seq FROM ${AUDIT_INDEX}.audit_search s
       WHERE s.seq > ? AND NOT EXISTS (SELECT 1 FROM main.audit_events e WHERE e.seq = s.seq)
       ORDER BY 1`,
    )
    .pluck()
    .all(anchor, watermark, anchor) as number[];
  return { checked: Math.max(0, watermark - anchor), mismatched: bad.slice(0, limit), mismatchCount: bad.length };
}

/** Empties the index and its watermark: queries scan the log (exact) until the indexer has rebuilt it. */
export function resetAuditIndex(sqlite: Database.Database): void {
  const s = statements(sqlite);
  sqlite.transaction(() => {
    s.clear.run();
    s.setState.run(0, "");
  })();
}

/**
 * Cheap enough to run every minute: the entries up to the watermark must be as many as the events
 * they index (seqs are contiguous from the anchor). Entries deleted to hide events from the page's
 * filters fail this; the index is then emptied and rebuilt, and queries read the log meanwhile.
 * (Edited values are found by `audit verify`, which compares every entry.)
 */
export function resetAuditIndexIfShort(sqlite: Database.Database): boolean {
  const s = statements(sqlite);
  const anchor = s.anchor.get() ?? 0;
  const watermark = s.state.get()?.seq ?? 0;
  if (watermark <= anchor) return false;
  const entries = sqlite.prepare(`SELECT count(*) FROM ${AUDIT_INDEX}.audit_search WHERE seq > ? AND seq <= ?`).pluck().get(anchor, watermark) as number;
  if (entries === watermark - anchor) return false;
  resetAuditIndex(sqlite);
  return true;
}
