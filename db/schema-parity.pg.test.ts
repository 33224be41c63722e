/**
 * Each dialect's migrations build what its drizzle schema says: the same columns with the same
 * nullability (and on PostgreSQL the same SQL types, indexes and enum checks). With
 * db/schema-parity.test.ts (schema against schema) this ties the two migrated databases together.
 */
import { getTableName, is, Table } from "drizzle-orm";
import { getTableConfig as pgTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { usePgTempDb } from "@/test/pg/temp-db";
import { useTempDb } from "@/test/temp-db";
import * as pg from "./schema.pg";
import * as sqlite from "./schema";

const tables = <T extends Table>(schema: Record<string, unknown>) => Object.values(schema).filter((v): v is T => is(v, Table));

/** Quoted values of a CHECK (col = ANY (ARRAY['a'::text, …])) as PostgreSQL prints it. */
const checkValues = (definition: string) => [...definition.matchAll(/'((?:[^']|'')*)'::text/g)].map((m) => m[1]!.replaceAll("''", "'"));

describe("migrated databases match their schemas", () => {
  const lite = useTempDb();
  const pgDb = usePgTempDb();

  it("SQLite: every table and column, with its nullability", () => {
    const actual = Object.fromEntries(
      tables<SQLiteTable>(sqlite).map((t) => {
        const rows = lite.db.$client.prepare("SELECT name, \"notnull\" AS required FROM pragma_table_info(?)").all(getTableName(t)) as { name: string; required: number }[];
        return [getTableName(t), Object.fromEntries(rows.map((r) => [r.name, r.required === 1]))];
      }),
    );
    const expected = Object.fromEntries(
      tables<SQLiteTable>(sqlite).map((t) => {
        const c = sqliteTableConfig(t);
        return [c.name, Object.fromEntries(c.columns.map((col) => [col.name, col.notNull]))];
      }),
    );
    expect(actual).toEqual(expected);
  });

  it("PostgreSQL: every table and column, with its nullability and SQL type, and no table beyond them", async () => {
    const rows = await pgDb.db.$client<{ table: string; column: string; nullable: string; type: string }[]>`
      SELECT table_name AS "table", column_name AS "column", is_nullable AS nullable, data_type AS type
      FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`;
    const actual: Record<string, Record<string, string>> = {};
    for (const r of rows) (actual[r.table] ??= {})[r.column] = `${r.type}${r.nullable === "NO" ? " not null" : ""}`;
    const expected = Object.fromEntries(
      tables<PgTable>(pg).map((t) => {
        const c = pgTableConfig(t);
        return [c.name, Object.fromEntries(c.columns.map((col) => [col.name, `${col.getSQLType()}${col.notNull ? " not null" : ""}`]))];
      }),
    );
    expect(actual).toEqual(expected);
  });

  it("PostgreSQL: the schema's indexes and unique constraints", async () => {
    const rows = await pgDb.db.$client<{ name: string }[]>`
      SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%\_pkey' AND indexname NOT LIKE '%\_pk'`;
    const expected = tables<PgTable>(pg).flatMap((t) => {
      const c = pgTableConfig(t);
      return [...c.indexes.map((i) => i.config.name!), ...c.columns.filter((col) => col.isUnique).map((col) => col.uniqueName!)];
    });
    expect(rows.map((r) => r.name).sort()).toEqual(expected.sort());
  });

  it("PostgreSQL: a CHECK for every enum column, allowing exactly its values", async () => {
    const rows = await pgDb.db.$client<{ name: string; definition: string }[]>`
      SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
      WHERE contype = 'c' AND connamespace = current_schema()::regnamespace`;
    const actual = Object.fromEntries(rows.filter((r) => r.name !== "audit_head_one_row").map((r) => [r.name, checkValues(r.definition)]));
    const expected = Object.fromEntries(
      tables<PgTable>(pg).flatMap((t) => {
        const c = pgTableConfig(t);
        return c.columns.filter((col) => col.enumValues).map((col) => [`${c.name}_${col.name}_check`, [...col.enumValues!]]);
      }),
    );
    expect(actual).toEqual(expected);
  });
});
