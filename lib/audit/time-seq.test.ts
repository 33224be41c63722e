import { afterEach, describe, expect, it, vi } from "vitest";
import { callEvent, recordEvents } from "@/test/audit-events";
import { useTempDb } from "@/test/temp-db";
import { firstSeqAtOrAfter, lastEventBefore } from "./time-seq";

describe("time → seq in the audit log", () => {
  const t = useTempDb();
  const sqlite = () => t.db.$client;
  afterEach(() => vi.useRealTimers());

  /** Writes one event at each time (ms) through the writer, which clamps a clock stepping back. */
  function writeAt(times: number[]) {
    vi.useFakeTimers({ toFake: ["Date"] });
    for (const ts of times) {
      vi.setSystemTime(ts);
      recordEvents([callEvent()]);
    }
    vi.useRealTimers();
  }

  // What an index on ts would answer, by scanning.
  const scanFirstAtOrAfter = (ts: number) =>
    sqlite().prepare("SELECT min(seq) FROM audit_events WHERE ts >= ?").pluck().get(ts) as number | null;
  const scanLastBefore = (ts: number) =>
    sqlite().prepare("SELECT seq, hash FROM audit_events WHERE ts < ? ORDER BY seq DESC LIMIT 1").get(ts);

  function expectSameAsScan(from: number, to: number) {
    for (let ts = from; ts <= to; ts++) {
      expect(firstSeqAtOrAfter(sqlite(), ts), `first at or after ${ts}`).toBe(scanFirstAtOrAfter(ts));
      expect(lastEventBefore(sqlite(), ts), `last before ${ts}`).toEqual(scanLastBefore(ts));
    }
  }

  it("finds nothing in an empty log", () => {
    expect(firstSeqAtOrAfter(sqlite(), 0)).toBeNull();
    expect(lastEventBefore(sqlite(), Date.now())).toBeUndefined();
  });

  it("agrees with a scan for every time, with runs of equal times and a clock that stepped back", () => {
    const base = Date.UTC(2026, 0, 1);
    // 5 steps back to 3 and is clamped to 5; 7 repeats.
    writeAt([1, 2, 2, 2, 5, 3, 7, 7, 7, 7, 8, 20, 21, 21, 40].map((d) => base + d));
    expect(sqlite().prepare("SELECT ts - ? FROM audit_events ORDER BY seq").pluck().all(base)).toEqual([
      1, 2, 2, 2, 5, 5, 7, 7, 7, 7, 8, 20, 21, 21, 40,
    ]);
    expectSameAsScan(base - 2, base + 42);
    expect(firstSeqAtOrAfter(sqlite(), base + 7)).toBe(7);
    expect(lastEventBefore(sqlite(), base + 7)?.seq).toBe(6);
  });

  it("agrees with a scan over a long log with gaps in seq (archived or missing events)", () => {
    const base = Date.UTC(2026, 0, 1);
    let ts = base;
    const times: number[] = [];
    // A deterministic mix of bursts (same ms) and pauses.
    for (let i = 0; i < 300; i++) times.push((ts += (i * 7919) % 5 === 0 ? 0 : ((i * 104729) % 13) + 1));
    writeAt(times);
    // Archiving removes a prefix; remove a few inner events too, which the search must not rely on.
    sqlite().exec(`DROP TRIGGER audit_events_no_delete;
      DELETE FROM audit_events WHERE seq <= 40 OR seq BETWEEN 100 AND 130 OR seq IN (200, 202, 299)`);
    expectSameAsScan(base - 1, ts + 1);
  });
});
