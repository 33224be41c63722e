/**
 * The two dialects' drizzle schemas describe the same tables: the same names (SQL and JS), the
 * same nullability, defaults, keys, indexes and JS types, so that one data layer reads both and
 * a row means the same on both. No database needed; db/schema-parity.pg.test.ts checks the
 * migrated databases against these schemas.
 */
import { getTableColumns, getTableName, is, SQL, Table } from "drizzle-orm";
import { getTableConfig as pgTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as pg from "./schema.pg";
import * as sqlite from "./schema";

/** Tables only PostgreSQL needs, and why. */
const PG_ONLY_TABLES: Record<string, string> = {
  audit_head: "the chain head row writers lock; SQLite's one write lock does its job",
};

type AnyColumn = ReturnType<typeof getTableColumns>[string];

/** The JS type a column reads as: a custom column says it by what it makes of a stored value. */
function jsType(column: AnyColumn): string {
  if (column.dataType !== "custom") return column.dataType;
  const value: unknown = column.mapFromDriverValue(0);
  return value instanceof Date ? "date" : typeof value;
}

function describeDefault(column: AnyColumn): unknown {
  if (!column.hasDefault) return undefined;
  return is(column.default, SQL) ? "(sql: now)" : column.default;
}

type Config = ReturnType<typeof pgTableConfig> | ReturnType<typeof sqliteTableConfig>;

/** Everything about a table that the two dialects must agree on. */
function shapeOf(table: Table, config: Config) {
  const keys = new Map(Object.entries(getTableColumns(table)).map(([key, c]) => [c.name, key]));
  return {
    columns: Object.fromEntries(
      config.columns.map((c) => [
        c.name,
        { key: keys.get(c.name), notNull: c.notNull, jsType: jsType(c), default: describeDefault(c), primary: c.primary, unique: c.isUnique, enum: c.enumValues ?? null },
      ]),
    ),
    primaryKey: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    indexes: config.indexes
      .map((i) => ({ name: i.config.name, unique: Boolean(i.config.unique), columns: i.config.columns.map((c) => (c as { name: string }).name) }))
      .sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "")),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const r = fk.reference();
        return { columns: r.columns.map((c) => c.name), table: getTableName(r.foreignTable), references: r.foreignColumns.map((c) => c.name), onDelete: fk.onDelete ?? "no action" };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
  };
}

function tablesOf(schema: Record<string, unknown>): Map<string, Table> {
  const tables = Object.values(schema).filter((v): v is Table => is(v, Table));
  return new Map(tables.map((t) => [getTableName(t), t]));
}

const sqliteTables = tablesOf(sqlite);
const pgTables = tablesOf(pg);

describe("schema parity (db/schema.ts and db/schema.pg.ts)", () => {
  it("has the same tables in both dialects, but for the PostgreSQL-only ones", () => {
    const pgShared = [...pgTables.keys()].filter((name) => !(name in PG_ONLY_TABLES));
    expect(pgShared.sort()).toEqual([...sqliteTables.keys()].sort());
  });

  it.each([...sqliteTables.keys()])("%s: the same columns, keys and indexes", (name) => {
    const inSqlite = shapeOf(sqliteTables.get(name)!, sqliteTableConfig(sqliteTables.get(name) as SQLiteTable));
    const pgTable = pgTables.get(name);
    expect(pgTable, `${name} is missing from db/schema.pg.ts`).toBeDefined();
    expect(shapeOf(pgTable!, pgTableConfig(pgTable as PgTable))).toEqual(inSqlite);
  });

  it("stores a time as the same milliseconds and reads it back as the same Date", () => {
    const at = new Date(1_796_400_000_123);
    const stored = [sqlite.tokens.createdAt.mapToDriverValue(at), pg.tokens.createdAt.mapToDriverValue(at)];
    expect(stored).toEqual([at.getTime(), at.getTime()]);
    expect(pg.tokens.createdAt.mapFromDriverValue(at.getTime())).toEqual(sqlite.tokens.createdAt.mapFromDriverValue(at.getTime()));
    // The driver may hand an int8 over as text; it still reads as the same instant.
    expect(pg.tokens.createdAt.mapFromDriverValue(String(at.getTime()))).toEqual(at);
  });

  it("gives every row the same TypeScript type in both dialects (checked by tsc)", () => {
    type Rows<S> = { [K in keyof S as S[K] extends Table ? K : never]: S[K] extends { $inferSelect: infer R } ? R : never };
    type Inserts<S> = { [K in keyof S as S[K] extends Table ? K : never]: S[K] extends { $inferInsert: infer R } ? R : never };
    type PgShared = Omit<typeof pg, "auditHead">;
    expectTypeOf<Rows<PgShared>>().toEqualTypeOf<Rows<typeof sqlite>>();
    // One difference, on insert: SQLite's INTEGER PRIMARY KEY is the rowid, optional (max + 1);
    // PostgreSQL has no rowid. Gatehouse always gives these keys (the audit seq under the lock).
    type Rowid = { auditEvents: "seq"; auditAnchor: "id"; verifyEpoch: "id" };
    type Flat<T> = { [K in keyof T]: T[K] };
    type GivenRowid<I> = { [K in keyof I]: K extends keyof Rowid ? Flat<Omit<I[K], Rowid[K]> & Required<Pick<I[K], Rowid[K] & keyof I[K]>>> : I[K] };
    expectTypeOf<Inserts<PgShared>>().toEqualTypeOf<GivenRowid<Inserts<typeof sqlite>>>();
  });
});
