/**
 * The PostgreSQL pool and migrator: int8 as exact numbers, the server-side timeouts on every
 * connection (a stuck lock holder cannot stall the others for ever), and migrations that two
 * instances starting together apply once.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closePgPool, migratePg, openPgPool } from "./pg-client";
import { usePgEmptyDb, usePgTempDb } from "@/test/pg/temp-db";

const journal = JSON.parse(fs.readFileSync(path.join(process.cwd(), "db", "migrations-pg", "meta", "_journal.json"), "utf8")) as { entries: unknown[] };

describe("openPgPool", () => {
  const t = usePgTempDb({ lockTimeoutMs: 300, idleInTransactionTimeoutMs: 400, statementTimeoutMs: 1000 });

  it("reads int8 as a number, and refuses one it cannot hold exactly", async () => {
    const sql = t.db.$client;
    const [r] = await sql`SELECT count(*) AS n, ${2 ** 53 - 1}::int8 AS max, 1796400000123::int8 AS ms`;
    expect(r).toEqual({ n: 1, max: 2 ** 53 - 1, ms: 1_796_400_000_123 });
    await expect(sql`SELECT ${"9007199254740993"}::int8 AS x`).rejects.toThrow("beyond 2^53");
    // The connection is still good after the refusal.
    expect(await sql`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
  });

  it("sets the timeouts it was given on every connection", async () => {
    const settings = await t.db.$client`
      SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock,
             current_setting('idle_in_transaction_session_timeout') AS idle, current_setting('application_name') AS app`;
    expect(settings).toEqual([{ statement: "1s", lock: "300ms", idle: "400ms", app: "gatehouse" }]);
  });

  it("lets a parameter in the URL's query override a default (an operator's knob)", async () => {
    const tuned = openPgPool(`${t.url}?lock_timeout=750`);
    try {
      expect(await tuned.$client`SELECT current_setting('lock_timeout') AS lock, current_setting('idle_in_transaction_session_timeout') AS idle`).toEqual([{ lock: "750ms", idle: "5s" }]);
    } finally {
      await closePgPool(tuned);
    }
  });

  it("gives up on a lock held by another transaction after lock_timeout", async () => {
    const other = openPgPool(t.url);
    try {
      const holder = await other.$client.reserve();
      await holder`BEGIN`;
      await holder`SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE`;
      const started = Date.now();
      await expect(t.db.$client`SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE`).rejects.toMatchObject({ code: "55P03" });
      expect(Date.now() - started).toBeLessThan(2000);
      await holder`ROLLBACK`;
      holder.release();
    } finally {
      await closePgPool(other);
    }
  });

  it("ends a transaction left idle, so its locks go back to the others", async () => {
    const frozen = openPgPool(t.url, { idleInTransactionTimeoutMs: 300 });
    try {
      const holder = await frozen.$client.reserve();
      await holder`BEGIN`;
      await holder`SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE`;
      // The holder sends nothing more, like a paused process; the server ends its session.
      await new Promise((r) => setTimeout(r, 800));
      expect(await t.db.$client`SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE`).toEqual([{ seq: 0 }]);
      holder.release();
    } finally {
      await closePgPool(frozen);
    }
  });

  it("refuses a URL that is not postgres://", () => {
    expect(() => openPgPool("file:./data/gatehouse.db")).toThrow("must be a postgres:// URL");
  });
});

describe("migratePg", () => {
  const empty = usePgEmptyDb();

  it("applies each migration once when two instances start together", async () => {
    const starts = await Promise.allSettled([migratePg(empty.url), migratePg(empty.url), migratePg(empty.url)]);
    expect(starts.map((s) => (s.status === "rejected" ? String(s.reason) : s.status))).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    const db = openPgPool(empty.url);
    try {
      const applied = await db.$client`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`;
      expect(applied).toEqual([{ n: journal.entries.length }]);
      // The seeded rows exist once: the hand-written migration did not run twice.
      expect(await db.$client`SELECT id, seq, ts FROM audit_head`).toEqual([{ id: 1, seq: 0, ts: 0 }]);
      expect(await db.$client`SELECT id, n FROM verify_epoch`).toEqual([{ id: 1, n: 0 }]);
      // A later start finds nothing to do.
      await migratePg(empty.url);
      expect(await db.$client`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`).toEqual([{ n: journal.entries.length }]);
    } finally {
      await closePgPool(db);
    }
  });
});
