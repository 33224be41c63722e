import { afterEach, describe, expect, it, vi } from "vitest";
import { callEvent, recordEvents } from "@/test/audit-events";
import { useTempDb } from "@/test/temp-db";
import { auditGrowth } from "./growth";

describe("the audit log's size and growth", () => {
  useTempDb();
  afterEach(() => vi.useRealTimers());

  function writeAt(ts: number, count: number, userAgent: string) {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(ts);
    recordEvents(Array.from({ length: count }, () => callEvent({ userAgent })));
    vi.useRealTimers();
  }

  it("counts the events and their bytes of the last hour and day, and the file", () => {
    const now = Date.UTC(2026, 5, 1, 12);
    writeAt(now - 3 * 24 * 3600_000, 5, "old");
    writeAt(now - 5 * 3600_000, 20, "a".repeat(1000));
    writeAt(now - 10 * 60_000, 30, "b".repeat(100));
    const g = auditGrowth(now);
    expect(g.events).toBe(55);
    expect(g.lastHour.events).toBe(30);
    expect(g.lastDay.events).toBe(50);
    // The day's 20 longer rows outweigh the hour's 30 shorter ones.
    expect(g.lastHour.bytes).toBeGreaterThan(30 * 100);
    expect(g.lastDay.bytes - g.lastHour.bytes).toBeGreaterThan(20 * 1000);
    expect(g.fileBytes).toBeGreaterThan(g.lastDay.bytes);
  });

  it("reports no growth for a quiet or empty log", () => {
    expect(auditGrowth()).toMatchObject({ events: 0, lastHour: { events: 0, bytes: 0 }, lastDay: { events: 0, bytes: 0 } });
  });
});
