import { describe, expect, it, vi } from "vitest";
import { callEvent, recordEvents } from "@/test/audit-events";
import { useTempDb } from "@/test/temp-db";
import type { AuditFilters } from "@/lib/validation/audit";
import { auditRangeErrors, parseAuditCursor, parseAuditFilters } from "@/lib/validation/audit";
import { eventsForOwner, listAuditEvents } from "./queries";
import { callBuckets, usageByToken, usageByUser } from "./stats";

describe("audit queries", () => {
  const t = useTempDb();

  function seedMix() {
    recordEvents([
      callEvent({ tool: "read_file", requestId: "r1" }),
      callEvent({ tool: "write_file", toolClass: "write", decision: "deny", reason: "scope read", requestId: "r2" }),
      callEvent({ tokenId: "tok_two", subjectUserId: "usr_two", serverId: "srv_git", tool: "git_log", clientIp: "192.0.2.9", requestId: "r3" }),
      { type: "user.role_changed", actor: { type: "user", id: "usr_admin", name: "Ada" }, subjectUserId: "usr_two", decision: "success", details: { role: "admin" } },
      callEvent({ tool: "read_file", requestId: "r5", userAgent: "curl/8 \"quoted\" 100%" }),
    ]);
  }

  const seqs = async (f: AuditFilters) => (await listAuditEvents("system", f)).rows.map((r) => r.seq);

  it.each<[string, AuditFilters, number[]]>([
    ["no filter, newest first", {}, [5, 4, 3, 2, 1]],
    ["decision", { decision: "deny" }, [2]],
    ["type", { type: "user.role_changed" }, [4]],
    ["token", { token: "tok_two" }, [3]],
    ["server", { server: "srv_git" }, [3]],
    ["tool", { tool: "read_file" }, [5, 1]],
    ["client address", { ip: "192.0.2.9" }, [3]],
    ["request id", { request: "r2" }, [2]],
    ["user as subject or actor", { user: "usr_two" }, [4, 3]],
    ["user as actor", { user: "usr_admin" }, [4]],
    ["free text in details", { q: "admin" }, [4]],
    ["free text with LIKE wildcards taken literally", { q: "100%" }, [5]],
    ["free text, no wildcard match", { q: "1_0" }, []],
    ["several at once", { tool: "read_file", request: "r5" }, [5]],
    ["a future range", { from: Date.now() + 3_600_000 }, []],
    ["a past range", { to: Date.now() - 3_600_000 }, []],
  ])("filters by %s", async (_name, filters, expected) => {
    seedMix();
    expect(await seqs(filters)).toEqual(expected);
  });

  it("pages a filtered view by keyset without gaps or repeats", async () => {
    recordEvents(Array.from({ length: 60 }, (_, i) => callEvent({ decision: i % 2 ? "deny" : "allow" })));
    const filters = parseAuditFilters({ decision: "deny" });
    const first = await listAuditEvents("system", filters, parseAuditCursor({ size: "25" }));
    const second = await listAuditEvents("system", filters, parseAuditCursor({ size: "25", before: String(first.older) }));
    const walked = [...first.rows, ...second.rows].map((r) => r.seq);
    expect(walked).toEqual(Array.from({ length: 30 }, (_, i) => 60 - 2 * i));
    expect([first.newer, second.older, second.newer]).toEqual([null, null, second.rows[0]!.seq]);
  });

  it("next/previous cursors lead to adjacent pages", async () => {
    recordEvents(Array.from({ length: 120 }, () => callEvent()));
    const p1 = await listAuditEvents("system", {}, { size: 50 });
    expect([p1.rows[0]!.seq, p1.rows.at(-1)!.seq, p1.newer, p1.older]).toEqual([120, 71, null, 71]);
    const p2 = await listAuditEvents("system", {}, { size: 50, before: p1.older! });
    expect([p2.rows[0]!.seq, p2.rows.at(-1)!.seq, p2.newer, p2.older]).toEqual([70, 21, 70, 21]);
    const p3 = await listAuditEvents("system", {}, { size: 50, before: p2.older! });
    expect([p3.rows.length, p3.older]).toEqual([20, null]);
    const back = await listAuditEvents("system", {}, { size: 50, after: p3.newer! });
    expect(back.rows.map((r) => r.seq)).toEqual(p2.rows.map((r) => r.seq));
    // Newer than something near the top: the newest full page, not a stub.
    expect((await listAuditEvents("system", {}, { size: 50, after: 110 })).rows[0]!.seq).toBe(120);
    expect((await listAuditEvents("system", {}, { size: 50, after: 110 })).rows).toHaveLength(50);
  });

  it("time ranges use the event times (from inclusive, to exclusive)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      for (const hour of [10, 11, 12, 13]) {
        vi.setSystemTime(Date.UTC(2026, 5, 1, hour));
        recordEvents([callEvent({ requestId: `h${hour}` })]);
      }
    } finally {
      vi.useRealTimers();
    }
    const range = parseAuditFilters({ from: "2026-06-01T11:00", to: "2026-06-01T13:00" });
    expect((await listAuditEvents("system", range)).rows.map((r) => r.requestId)).toEqual(["h12", "h11"]);
    const series = await callBuckets("system", range);
    expect(series.bucketMs).toBe(5 * 60_000);
    expect(series.buckets.reduce((n, b) => n + b.allowed, 0)).toBe(2);
  });

  it("the chart counts calls allowed vs denied, and nothing else", async () => {
    seedMix();
    const series = await callBuckets("system", {});
    const total = series.buckets.reduce((acc, b) => ({ allowed: acc.allowed + b.allowed, denied: acc.denied + b.denied }), { allowed: 0, denied: 0 });
    expect(total).toEqual({ allowed: 3, denied: 1 });
    expect(series.buckets.length).toBeLessThanOrEqual(60);
  });

  it("usage: which tools on which servers, how often, last time", async () => {
    seedMix();
    const byUser = await usageByUser("system", "usr_one");
    expect(byUser.map((u) => [u.serverId, u.tool, u.calls, u.allowed, u.refused])).toEqual([
      ["srv_files", "read_file", 2, 2, 0],
      ["srv_files", "write_file", 1, 0, 1],
    ]);
    expect(await usageByToken("system", "tok_two")).toMatchObject([{ serverId: "srv_git", tool: "git_log", calls: 1 }]);
    expect(await usageByUser("system", "usr_nobody")).toEqual([]);
  });

  it("eventsForOwner returns only events of tokens the user owns", () => {
    const sqlite = t.db.$client;
    sqlite.exec(`INSERT INTO users (id, email, name) VALUES ('usr_one', 'one@example.com', 'One'), ('usr_two', 'two@example.com', 'Two');
      INSERT INTO tokens (id, owner_id, name, scope, created_by) VALUES ('tok_one', 'usr_one', 'laptop', 'read', 'usr_one'), ('tok_two', 'usr_two', 'ci', 'write', 'usr_two');`);
    seedMix();
    const mine = eventsForOwner("system", "usr_one");
    expect(mine.rows.map((r) => r.tokenId)).toEqual(["tok_one", "tok_one", "tok_one"]);
    expect(mine.rows[0]).toMatchObject({ tokenName: "laptop", subjectName: "One" });
    expect(eventsForOwner("system", "usr_two").rows.map((r) => r.seq)).toEqual([3]);
    expect(eventsForOwner("system", "usr_nobody").rows).toEqual([]);
    const paged = eventsForOwner("system", "usr_one", { limit: 2 });
    expect(paged.rows).toHaveLength(2);
    expect(eventsForOwner("system", "usr_one", { limit: 2, before: paged.older! }).rows.map((r) => r.seq)).toEqual([1]);
  });
});

describe("audit URL state", () => {
  it.each<[string, Record<string, string>, AuditFilters]>([
    ["known keys", { decision: "deny", tool: "read_file" }, { decision: "deny", tool: "read_file" }],
    ["an unknown key is ignored", { decision: "deny", "1=1;--": "x" }, { decision: "deny" }],
    ["a value outside the enum is dropped", { type: "call.forged", decision: "deny" }, { decision: "deny" }],
    ["empty values are dropped", { tool: "", q: "  " }, {}],
    ["a date-time (UTC)", { from: "2026-01-02T03:04" }, { from: Date.UTC(2026, 0, 2, 3, 4) }],
    ["a date-time as the form shows it (24-hour UTC)", { from: "2026-01-02 23:04" }, { from: Date.UTC(2026, 0, 2, 23, 4) }],
    ["a bad date is dropped", { from: "yesterday" }, {}],
    ["an oversized search is dropped", { q: "x".repeat(201) }, {}],
  ])("%s", (_name, params, expected) => {
    expect(parseAuditFilters(params)).toEqual(expected);
  });

  it.each<[string, Record<string, string>, Record<string, string>]>([
    ["a range in order", { from: "2026-01-02 10:00", to: "2026-01-02 11:00" }, {}],
    ["From after To", { from: "2026-01-03", to: "2026-01-02" }, { to: "To must be later than From." }],
    ["From equal to To", { from: "2026-01-02 10:00", to: "2026-01-02T10:00" }, { to: "To must be later than From." }],
    ["a time that is not one", { from: "yesterday", to: "2026-01-02 25:00" }, { from: expect.stringMatching(/^Not a time/), to: expect.stringMatching(/^Not a time/) }],
  ])("range: %s", (_name, params, expected) => {
    expect(auditRangeErrors(params, parseAuditFilters(params))).toEqual(expected);
  });

  it.each([
    [{ before: "10" }, { before: 10 }],
    [{ before: "10", after: "5" }, { before: 10 }],
    [{ after: "-1", size: "1000" }, {}],
    [{ size: "100" }, { size: 100 }],
    [{ before: "1e3" }, { before: 1000 }],
    [{ before: "abc" }, {}],
  ])("cursor %j", (params, expected) => {
    expect(parseAuditCursor(params)).toEqual(expected);
  });
});
