import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { attachAuditIndex } from "@/db/audit-index";
import { callEvent, ONE_OF_EACH_OUTCOME, recordEvents } from "@/test/audit-events";
import { useTempDb } from "@/test/temp-db";
import { chartRangeSchema, CHART_RANGES } from "@/lib/validation/chart-range";
import { parseAuditFilters } from "@/lib/validation/audit";
import { CALL_OUTCOMES, type CallOutcome } from "./outcome";
import { listAuditEvents } from "./queries";
import { indexAllAuditEvents } from "./search-index";
import { callBuckets, MAX_BUCKETS, serverCallBuckets, tokenCallBuckets, usageByToken, type CallSeries } from "./stats";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 30, 12, 30);

/** Records each event at `ago` before NOW (oldest first: the writer keeps ts non-decreasing). */
function recordAgo(events: [number, Parameters<typeof callEvent>[0]][]) {
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    for (const [ago, overrides] of events) {
      vi.setSystemTime(NOW - ago);
      recordEvents([callEvent(overrides)]);
    }
  } finally {
    vi.useRealTimers();
  }
}

const total = (s: CallSeries, o: CallOutcome = "allowed") => s.buckets.reduce((n, b) => n + b[o], 0);

describe("call charts over 24 hours, 7 days and 30 days", () => {
  const t = useTempDb();

  it("reads the range from the URL, and anything else as 24 hours", () => {
    expect(CHART_RANGES.map((r) => chartRangeSchema.parse(r))).toEqual(["24h", "7d", "30d"]);
    for (const bad of [undefined, "", "90d", "7D", "24h; drop table"]) expect(chartRangeSchema.parse(bad)).toBe("24h");
  });

  it.each([
    ["24h", HOUR],
    ["7d", 3 * HOUR],
    ["30d", DAY],
  ] as const)("per token and per server, %s: hourly to daily bars, never more than MAX_BUCKETS, only calls in the window", async (range, bucketMs) => {
    recordAgo([
      [40 * DAY, {}],
      [20 * DAY, { decision: "deny", reason: "insufficient_scope" }],
      [3 * DAY, { tokenId: "tok_two", serverId: "srv_git" }],
      [3 * DAY, {}],
      [HOUR, {}],
    ]);
    const expected = { "24h": [1, 0], "7d": [2, 0], "30d": [2, 1] }[range];
    for (const series of [await tokenCallBuckets("system", "tok_one", range, NOW), await serverCallBuckets("system", "srv_files", range, NOW)]) {
      expect(series.bucketMs).toBe(bucketMs);
      expect(series.buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
      expect(series.to - series.from).toBe({ "24h": DAY, "7d": 7 * DAY, "30d": 30 * DAY }[range]);
      expect([total(series), total(series, "denied")]).toEqual(expected);
    }
    // The audit page's chart with no time filter shows the same window over the whole log.
    const all = await callBuckets("system", {}, range, NOW);
    expect(all.bucketMs).toBe(bucketMs);
    expect(total(all)).toBe(expected[0]! + (range === "24h" ? 0 : 1));
    // The usage counts over the same window agree with the chart.
    const usage = await usageByToken("system", "tok_one", { from: all.from, to: all.to });
    expect(usage.reduce((n, u) => n + u.calls, 0)).toBe(expected[0]! + expected[1]!);
  });

  it("the outcome filter selects exactly the calls the chart counts under each outcome, indexed or not", async () => {
    recordEvents(ONE_OF_EACH_OUTCOME);
    const count = async (outcome: string) => (await listAuditEvents("system", parseAuditFilters({ outcome }))).rows.length;
    const check = async () => {
      const chart = await callBuckets("system", {});
      for (const o of CALL_OUTCOMES) expect([o, await count(o)]).toEqual([o, total(chart, o)]);
      expect(await count("call")).toBe(7);
      expect(await count("refused")).toBe(6);
    };
    await check();
    const sqlite = new Database(t.file);
    attachAuditIndex(sqlite);
    indexAllAuditEvents(sqlite);
    sqlite.close();
    await check();
    expect(parseAuditFilters({ outcome: "maybe" })).toEqual({});
  });
});
