/**
 * The hand-written triggers say the same in both dialects' migrated databases: the audit log
 * refuses edits, and verify_epoch moves on every column but the last-used ones, with the same
 * UPDATE OF lists. A column added to a table without adding it to its trigger (in a migration of
 * each dialect) fails here, naming the dialect, table and column.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { useTempDb } from "@/test/temp-db";
import { usePgTempDb } from "@/test/pg/temp-db";
import * as pg from "./schema.pg";
import { VERIFY_EPOCH_UNWATCHED } from "./verify-epoch";

type Trigger = { table: string; name: string; timing: "before" | "after"; level: "row" | "statement"; events: string[]; updateOf: string[] };

const SQLITE_TRIGGER = /^CREATE TRIGGER (\w+) (BEFORE|AFTER) (INSERT|DELETE|UPDATE)(?: OF (.*?))? ON (\w+)/i;

function sqliteTriggers(sqlite: import("better-sqlite3").Database): Trigger[] {
  const rows = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[];
  return rows.map((text) => {
    const m = SQLITE_TRIGGER.exec(text.trim());
    if (!m) throw new Error(`cannot read trigger: ${text}`);
    const [, name, timing, event, columns, table] = m;
    return { table: table!, name: name!, timing: timing!.toLowerCase() as Trigger["timing"], level: "row", events: [event!.toLowerCase()], updateOf: columns ? columns.split(/,\s*/) : [] };
  });
}

// pg_trigger.tgtype bits (src/include/catalog/pg_trigger.h).
const TG = { row: 1, before: 2, insert: 4, delete: 8, update: 16, truncate: 32 } as const;

async function pgTriggers(sql: import("postgres").Sql): Promise<Trigger[]> {
  const triggers = await sql<{ table: string; name: string; type: number }[]>`
    SELECT c.relname AS "table", t.tgname AS name, t.tgtype AS type
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND n.nspname = current_schema()`;
  const columns = await sql<{ table: string; name: string; column: string }[]>`
    SELECT event_object_table AS "table", trigger_name AS name, event_object_column AS "column"
    FROM information_schema.triggered_update_columns WHERE trigger_schema = current_schema()`;
  return triggers.map((t) => ({
    table: t.table,
    name: t.name,
    timing: t.type & TG.before ? "before" : "after",
    level: t.type & TG.row ? "row" : "statement",
    events: (["insert", "delete", "update", "truncate"] as const).filter((e) => t.type & TG[e]),
    updateOf: columns.filter((c) => c.table === t.table && c.name === t.name).map((c) => c.column),
  }));
}

const epochTriggers = (all: Trigger[], table: string) => all.filter((t) => t.table === table && t.name.includes("verify_epoch"));
const updateList = (all: Trigger[], table: string) => epochTriggers(all, table).flatMap((t) => t.updateOf).sort();

describe("trigger parity (db/migrations and db/migrations-pg)", () => {
  const lite = useTempDb();
  const pgDb = usePgTempDb();

  async function both() {
    const sqlite = lite.db.$client;
    const sqliteColumns = (table: string) => sqlite.prepare("SELECT name FROM pragma_table_info(?)").pluck().all(table) as string[];
    const pgColumnRows = await pgDb.db.$client<{ table: string; column: string }[]>`
      SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns WHERE table_schema = current_schema()`;
    const pgColumns = (table: string) => pgColumnRows.filter((r) => r.table === table).map((r) => r.column);
    return [
      { dialect: "sqlite", triggers: sqliteTriggers(sqlite), columns: sqliteColumns },
      { dialect: "pg", triggers: await pgTriggers(pgDb.db.$client), columns: pgColumns },
    ] as const;
  }

  it("moves verify_epoch from the same tables in both dialects", async () => {
    for (const d of await both()) {
      const tables = [...new Set(d.triggers.filter((t) => t.name.includes("verify_epoch")).map((t) => t.table))].sort();
      expect(tables, d.dialect).toEqual(Object.keys(VERIFY_EPOCH_UNWATCHED).sort());
    }
  });

  it("covers every column of those tables but the last-used ones, in both dialects", async () => {
    const uncovered: Record<string, string[]> = {};
    const unwatchedListed: Record<string, string[]> = {};
    for (const d of await both()) {
      for (const [table, unwatched] of Object.entries(VERIFY_EPOCH_UNWATCHED)) {
        const listed = new Set(updateList(d.triggers, table));
        const missing = d.columns(table).filter((c) => !listed.has(c) && !unwatched.includes(c));
        if (missing.length > 0) uncovered[`${d.dialect} ${table}`] = missing;
        const flushing = unwatched.filter((c) => listed.has(c));
        if (flushing.length > 0) unwatchedListed[`${d.dialect} ${table}`] = flushing;
      }
    }
    // Add each to its table's UPDATE OF list, by a migration in both dialects (or, if verification
    // itself writes it, to VERIFY_EPOCH_UNWATCHED in db/verify-epoch.ts).
    expect(uncovered, "columns whose change moves no verify_epoch trigger").toEqual({});
    // Listed, these would empty the lookup cache on every verified call.
    expect(unwatchedListed, "last-used columns in an UPDATE OF list").toEqual({});
  });

  it.each(Object.keys(VERIFY_EPOCH_UNWATCHED))("%s: the same UPDATE OF list, and triggers on insert, delete and update", async (table) => {
    const [sqlite, postgres] = await both();
    expect(updateList(postgres.triggers, table)).toEqual(updateList(sqlite.triggers, table));
    const events = (d: typeof sqlite | typeof postgres) => epochTriggers(d.triggers, table).flatMap((t) => t.events).sort();
    expect(events(sqlite)).toEqual(["delete", "insert", "update"]);
    expect(events(postgres)).toEqual(["delete", "insert", "truncate", "update"]);
    // One bump per statement on PostgreSQL: after the change, whatever the number of rows.
    expect(epochTriggers(postgres.triggers, table).map((t) => `${t.timing} ${t.level}`)).toEqual(["after statement", "after statement", "after statement"]);
  });

  it("guards the audit log against update and delete in both dialects, and TRUNCATE on PostgreSQL", async () => {
    const [sqlite, postgres] = await both();
    const guards = (d: typeof sqlite | typeof postgres) =>
      d.triggers
        .filter((t) => t.table === "audit_events" && t.timing === "before")
        .flatMap((t) => t.events)
        .sort();
    expect(guards(sqlite)).toEqual(["delete", "update"]);
    expect(guards(postgres)).toEqual(["delete", "truncate", "update"]);
  });
});

describe("the PostgreSQL triggers at work", () => {
  const t = usePgTempDb();
  const epoch = async () => (await t.db.select().from(pg.verifyEpoch))[0]!.n;

  it("moves verify_epoch on a revocation, not when only last-used columns change", async () => {
    await t.db.insert(pg.users).values({ id: "usr_epoch", email: "eve@example.com", name: "Eve" });
    await t.db.insert(pg.tokens).values({ id: "tok_epoch", ownerId: "usr_epoch", name: "t", scope: "read", createdBy: "usr_epoch" });
    const before = await epoch();
    await t.db.update(pg.tokens).set({ lastUsedAt: new Date(), lastUsedServerId: null }).where(eq(pg.tokens.id, "tok_epoch"));
    await t.db.update(pg.users).set({ lastSignInAt: new Date() }).where(eq(pg.users.id, "usr_epoch"));
    expect(await epoch()).toBe(before);
    await t.db.update(pg.tokens).set({ revokedAt: new Date() }).where(eq(pg.tokens.id, "tok_epoch"));
    expect(await epoch()).toBe(before + 1);
    // Statement-level: the cascade into token_secrets and token_servers bumps too, rows or not.
    await t.db.delete(pg.tokens).where(eq(pg.tokens.id, "tok_epoch"));
    expect(await epoch()).toBeGreaterThan(before + 1);
  });

  it("refuses to update, delete or truncate audit rows, and keeps them", async () => {
    const row = { seq: 1, id: "evt_guard", ts: 1, type: "token.issued", actorType: "system" as const, decision: "success" as const, prevHash: "0".repeat(64), hash: "a".repeat(64) };
    await t.db.insert(pg.auditEvents).values(row);
    const sql = t.db.$client;
    await expect(sql`UPDATE audit_events SET reason = 'edited' WHERE seq = 1`).rejects.toThrow("audit_events is append-only");
    await expect(sql`DELETE FROM audit_events WHERE seq = 1`).rejects.toThrow("audit_events is append-only");
    await expect(sql`TRUNCATE audit_events`).rejects.toThrow("audit_events is append-only");
    expect(await sql`SELECT seq, reason FROM audit_events`).toEqual([{ seq: 1, reason: null }]);
  });

  it("refuses a value outside a column's enum, as the TypeScript types do", async () => {
    await expect(t.db.$client`INSERT INTO users (id, email, name, role) VALUES ('usr_bad', 'bad@example.com', 'Bad', 'root')`).rejects.toThrow(/users_role_check/);
  });
});
