/*
 * Time → position in the audit log, without an index on `ts`.
 *
 * The writer keeps `ts` non-decreasing along `seq` (a clock that steps back is clamped, see
 * recordAudit), so "the first event at or after T" is a binary search over `seq`, each probe a
 * primary-key seek: about 20 probes for a million events, well under a millisecond. An index on
 * `ts` answered the same question in one seek, but every verification paid for it: its right-edge
 * leaf was one more page in each group commit's WAL write (about 3.5 µs a call, docs/PERFORMANCE.md).
 * `seq` may have a gap at its start (archived events) but never inside; the search does not rely
 * on either, only on the order of `ts`.
 */
import type Database from "better-sqlite3";
import { perConnection } from "@/db/per-connection";

type Probe = { seq: number; ts: number };

type Statements = {
  first: Database.Statement<[], Probe>;
  last: Database.Statement<[], Probe>;
  atOrAfter: Database.Statement<[number], Probe>;
  before: Database.Statement<[number], { seq: number; hash: string }>;
};

const statements = perConnection(
  (sqlite): Statements => ({
    first: sqlite.prepare("SELECT seq, ts FROM audit_events ORDER BY seq LIMIT 1"),
    last: sqlite.prepare("SELECT seq, ts FROM audit_events ORDER BY seq DESC LIMIT 1"),
    atOrAfter: sqlite.prepare("SELECT seq, ts FROM audit_events WHERE seq >= ? ORDER BY seq LIMIT 1"),
    before: sqlite.prepare("SELECT seq, hash FROM audit_events WHERE seq < ? ORDER BY seq DESC LIMIT 1"),
  }),
);

/** The seq of the first event whose ts is at or after `ts`, or null when every event is older. */
export function firstSeqAtOrAfter(sqlite: Database.Database, ts: number): number | null {
  const s = statements(sqlite);
  const first = s.first.get();
  const last = s.last.get();
  if (!first || !last || last.ts < ts) return null;
  if (first.ts >= ts) return first.seq;
  // The predicate "the first event at or after seq n has ts ≥ T" is false at first.seq, true at
  // last.seq, and never turns false again as n grows: find where it turns true.
  let lo = first.seq + 1;
  let hi = last.seq;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (s.atOrAfter.get(mid)!.ts >= ts) hi = mid;
    else lo = mid + 1;
  }
  return s.atOrAfter.get(lo)!.seq;
}

/** The last event whose ts is before `ts` (its seq and hash), or undefined when none is. */
export function lastEventBefore(sqlite: Database.Database, ts: number): { seq: number; hash: string } | undefined {
  // With no event at or after ts, every event is older: the answer is the last one, if any.
  return statements(sqlite).before.get(firstSeqAtOrAfter(sqlite, ts) ?? Number.MAX_SAFE_INTEGER);
}
