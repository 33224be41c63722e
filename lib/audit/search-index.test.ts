import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { attachAuditIndex, AUDIT_INDEX, auditIndexPath } from "@/db/audit-index";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import type { AuditFilters } from "@/lib/validation/audit";
import { callEvent, recordEvents } from "@/test/audit-events";
import { useTempDb } from "@/test/temp-db";
import { archiveAuditEvents } from "./archive";
import { startAuditIndexer } from "./indexer";
import { eventsForOwner, listAuditEvents } from "./queries";
import { recentEventsForToken } from "./recent";
import { indexAllAuditEvents, indexAuditEvents, resetAuditIndexIfShort } from "./search-index";
import { callBuckets, usageByToken, usageByUser } from "./stats";

/** A connection like the indexer worker's: its own, with the index attached. */
function indexer(file: string): Database.Database {
  const sqlite = new Database(file);
  attachAuditIndex(sqlite);
  return sqlite;
}

const TOKENS = ["tok_a", "tok_b", "tok_c"] as const;
const USERS = ["usr_a", "usr_b"] as const;
const SERVERS = ["srv_x", "srv_y"] as const;

/** 90 varied events: every filter below matches some and misses others. */
function seedVaried(): void {
  recordEvents(
    Array.from({ length: 90 }, (_, i) =>
      i % 15 === 7
        ? { type: "user.role_changed" as const, actor: { type: "user" as const, id: USERS[i % 2]!, name: "Ada" }, subjectUserId: USERS[(i + 1) % 2], decision: "success" as const }
        : callEvent({
            tokenId: TOKENS[i % 3],
            subjectUserId: USERS[i % 2],
            serverId: SERVERS[i % 2],
            actor: { type: "server", id: SERVERS[i % 2]!, name: "srv" },
            tool: i % 4 === 0 ? "write_file" : "read_file",
            toolClass: i % 4 === 0 ? "write" : "read",
            decision: i % 5 === 0 ? "deny" : "allow",
            requestId: `req-${i % 10}`,
            clientIp: `10.0.0.${i % 3}`,
          }),
    ),
  );
}

const FILTERS: [string, AuditFilters][] = [
  ["none", {}],
  ["token", { token: "tok_b" }],
  ["user (subject or actor)", { user: "usr_a" }],
  ["server + decision", { server: "srv_y", decision: "deny" }],
  ["tool", { tool: "write_file" }],
  ["type", { type: "user.role_changed" }],
  ["client address", { ip: "10.0.0.2" }],
  ["request id", { request: "req-3" }],
  ["free text", { q: "write_file" }],
];

/** Every page of a filtered view, walked by keyset, newest first. */
async function walk(filters: AuditFilters): Promise<number[]> {
  const seqs: number[] = [];
  let page = await listAuditEvents("system", filters, { size: 25 });
  for (;;) {
    seqs.push(...page.rows.map((r) => r.seq));
    if (page.older === null) return seqs;
    page = await listAuditEvents("system", filters, { size: 25, before: page.older });
  }
}

async function snapshot() {
  return {
    views: await Promise.all(FILTERS.map(([, f]) => walk(f))),
    owner: eventsForOwner("system", "usr_a", { limit: 100 }).rows.map((r) => r.seq),
    recent: recentEventsForToken("system", "tok_c", 200).map((e) => e.id),
    usage: await Promise.all([usageByToken("system", "tok_a"), usageByUser("system", "usr_b")]),
    chart: (await callBuckets("system", { server: "srv_x" })).buckets.filter((b) => b.allowed + b.denied > 0),
  };
}

describe("audit search index", () => {
  const t = useTempDb();

  it("answers every view the same with nothing, part or all of the log indexed", async () => {
    seedVaried();
    const unindexed = await snapshot();
    // Sanity: the views are not trivially empty or everything.
    expect(unindexed.views[1]!.length).toBe(24);
    expect(unindexed.views[5]!.length).toBe(6);

    const sqlite = indexer(t.file);
    expect(indexAuditEvents(sqlite, 40).indexed).toBe(40);
    expect(await snapshot()).toEqual(unindexed);

    expect(indexAllAuditEvents(sqlite)).toBe(50);
    expect(await snapshot()).toEqual(unindexed);

    // New events after the watermark are found at once, before the indexer runs again.
    const [late] = recordEvents([callEvent({ tokenId: "tok_b", requestId: "late" })]);
    expect((await walk({ token: "tok_b" }))[0]).toBe(late);
    expect(await walk({ request: "late" })).toEqual([late]);
    sqlite.close();
  });

  it("reads the indexed part from the index, not by scanning the log", () => {
    seedVaried();
    const sqlite = indexer(t.file);
    indexAllAuditEvents(sqlite);
    const plan = sqlite
      .prepare(`EXPLAIN QUERY PLAN SELECT seq FROM ${AUDIT_INDEX}.audit_search e WHERE e.token_id = ? ORDER BY e.seq DESC LIMIT 50`)
      .all("tok_a") as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toMatch(/USING (COVERING )?INDEX audit_search_token/);
    sqlite.close();
  });

  it("rebuilds when the log it was built from is replaced", () => {
    seedVaried();
    const sqlite = indexer(t.file);
    indexAllAuditEvents(sqlite);
    sqlite.close();
    // Another log under the same name (a restored backup of another install): its index is stale.
    const other = path.join(path.dirname(t.file), "other.db");
    fs.copyFileSync(t.file + ".audit-index", auditIndexPath(other));
    openDatabase(other).$client.close();
    const replaced = indexer(other);
    const run = indexAuditEvents(replaced);
    expect(run).toMatchObject({ rebuilt: true, indexed: 0, watermark: 0 });
    expect(replaced.prepare(`SELECT count(*) FROM ${AUDIT_INDEX}.audit_search`).pluck().get()).toBe(0);
    replaced.close();
  });

  it("drops entries of archived events and indexes on from the archive's anchor", async () => {
    seedVaried();
    const sqlite = indexer(t.file);
    indexAllAuditEvents(sqlite);
    const cutoff = Date.now() + 1;
    while (Date.now() <= cutoff + 1) {
      // the next event must be newer than the cutoff
    }
    recordEvents([callEvent({ tokenId: "tok_b", requestId: "after-archive" })]);
    const archived = await archiveAuditEvents(cutoff, path.join(path.dirname(t.file), "archive.ndjson"), SYSTEM_ACTOR);
    expect(archived.count).toBe(90);
    const run = indexAuditEvents(sqlite);
    expect(run.pruned).toBe(true);
    const remaining = sqlite.prepare(`SELECT min(seq) FROM ${AUDIT_INDEX}.audit_search`).pluck().get() as number;
    expect(remaining).toBeGreaterThan(archived.head.seq);
    // What is left is exactly what the log still holds.
    expect(await walk({ token: "tok_b" })).toEqual(await walk({ token: "tok_b", q: "tok_b" }));
    sqlite.close();
  });
});

describe("audit indexer worker", () => {
  const t = useTempDb();

  it("indexes the log in the background thread the server starts", async () => {
    recordEvents(Array.from({ length: 30 }, (_, i) => callEvent({ requestId: `bg-${i}` })));
    const stop = startAuditIndexer(t.file, { idleMs: 20 });
    try {
      const watermark = () => {
        const sqlite = indexer(t.file);
        try {
          return sqlite.prepare(`SELECT seq FROM ${AUDIT_INDEX}.audit_search_state`).pluck().get() as number;
        } finally {
          sqlite.close();
        }
      };
      await expect.poll(watermark, { timeout: 15_000 }).toBe(30);
      recordEvents([callEvent({ requestId: "bg-late" })]);
      await expect.poll(watermark, { timeout: 15_000 }).toBe(31);
    } finally {
      await stop();
    }
  });

  it("notices entries deleted underneath, empties itself, and the filters answer from the log until rebuilt", async () => {
    recordEvents([callEvent({ tokenId: "tok_a" }), callEvent({ tokenId: "tok_a" }), callEvent({ tokenId: "tok_a" })]);
    const worker = indexer(t.file);
    try {
      indexAllAuditEvents(worker);
      expect(resetAuditIndexIfShort(worker)).toBe(false);
      worker.prepare(`DELETE FROM ${AUDIT_INDEX}.audit_search WHERE seq = 2`).run();
      const filtered = async () => (await listAuditEvents("system", { token: "tok_a" } as AuditFilters)).rows.map((r) => r.seq);
      expect(await filtered()).toEqual([3, 1]);
      expect(resetAuditIndexIfShort(worker)).toBe(true);
      expect(await filtered()).toEqual([3, 2, 1]);
      indexAllAuditEvents(worker);
      expect(await filtered()).toEqual([3, 2, 1]);
      expect(resetAuditIndexIfShort(worker)).toBe(false);
    } finally {
      worker.close();
    }
  });
});
