import { describe, expect, it } from "vitest";
import { parseAuditFilters } from "@/lib/validation/audit";
import { callEvent, recordEvents } from "@/test/audit-events";
import { useTempDb } from "@/test/temp-db";
import { listAuditEvents } from "./queries";
import { bucketSize, callBuckets, MAX_BUCKETS } from "./stats";

const ROWS = 300_000;

/**
 * A big log, fast: rows inserted by SQL (chain hashes are not what is tested here), spread over
 * the last 30 days, as calls with varied text, so a free-text search that misses reads them all.
 */
function seedBigLog(sqlite: import("better-sqlite3").Database): void {
  const now = Date.now();
  sqlite
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO audit_events (seq, id, ts, type, actor_type, actor_id, actor_name, server_id, token_id, subject_user_id, method, tool,
         tool_class, decision, reason, request_id, client_ip, user_agent, details, prev_hash, hash)
       SELECT i, 'evt_big' || i, ? - (? - i) * 8000, 'call.allowed', 'server', 'srv_big', 'Big server', 'srv_big', 'tok_big' || (i % 97),
         'usr_big' || (i % 31), 'tools/call', 'read_file', 'read', 'allow', NULL, 'req-' || i, '10.0.0.' || (i % 200),
         'mcp-client/1.0', '{"note":"row ' || i || '"}', 'x', 'x'
       FROM n`,
    )
    .run(ROWS, now, ROWS);
}

describe("audit searches run on the search thread", () => {
  const t = useTempDb();

  it("keeps the main thread responsive: timers fire while a free-text search scans a big log", async () => {
    seedBigLog(t.db.$client);
    // Three needles to find among 300,000 rows: the answer must be exactly these, newest first.
    const needles = recordEvents([1, 2, 3].map((i) => callEvent({ reason: `needle-${i} in the haystack` })));

    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const started = performance.now();
      const miss = await listAuditEvents("system", parseAuditFilters({ q: "no-such-text-anywhere" }));
      const searchMs = performance.now() - started;
      expect(miss.rows).toEqual([]);
      // Sanity: this search really is a long scan; on the main thread no timer could fire in it.
      expect(searchMs).toBeGreaterThan(50);
      expect(ticks).toBeGreaterThanOrEqual(3);

      const hit = await listAuditEvents("system", parseAuditFilters({ q: "needle-" }));
      expect(hit.rows.map((r) => r.seq)).toEqual([...needles].reverse());
      expect(hit.rows.map((r) => r.reason)).toEqual(["needle-3 in the haystack", "needle-2 in the haystack", "needle-1 in the haystack"]);
      expect([hit.newer, hit.older]).toEqual([null, null]);
    } finally {
      clearInterval(timer);
    }
  }, 60_000);
});

describe("the calls chart", () => {
  useTempDb();

  it("draws at most 60 buckets for any range, ten thousand years included", async () => {
    recordEvents([callEvent(), callEvent({ decision: "deny" })]);
    const series = await callBuckets("system", parseAuditFilters({ from: "0000-01-01", to: "9999-12-31" }));
    expect(series.buckets.length).toBeLessThanOrEqual(60);
    expect(series.buckets.reduce((n, b) => n + b.allowed + b.denied, 0)).toBe(2);
    // Clamped to the log's own span: the chart starts on the day of the first event, not in year 0.
    expect(series.from).toBe(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    expect(series.to).toBeLessThanOrEqual(Date.now() + 1);
  });

  it("never needs more than MAX_BUCKETS buckets, whatever the width (an empty log is not clamped)", async () => {
    const year = 365 * 86_400_000;
    for (const width of [1, 59_999, 3_600_000, 86_400_000, 45 * 86_400_000, year, 100 * year, 10_000 * year]) {
      const from = Date.UTC(2026, 0, 1) - width;
      const size = bucketSize(from, from + width);
      expect(Math.ceil((from + width - Math.floor(from / size) * size) / size)).toBeLessThanOrEqual(MAX_BUCKETS);
    }
    const series = await callBuckets("system", parseAuditFilters({ from: "0000-01-01", to: "9999-12-31" }));
    expect(series.buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
  });
});
