import { afterAll, beforeAll, inject } from "vitest";
import { closePgPool, openPgPool, type PgDb, type PgPoolOptions } from "@/db/pg-client";
import { createDatabase, databaseUrl, dropDatabase, scratchName } from "./server";

/**
 * Gives the test file its own PostgreSQL database, a copy of the run's migrated template, and a
 * pool on it; dropped after the file. Tests in one file share it, so each makes its own rows.
 */
export function usePgTempDb(options: PgPoolOptions = {}) {
  let name = "";
  let db: PgDb | undefined;
  beforeAll(async () => {
    name = scratchName("gatehouse_test");
    await createDatabase(name, inject("pgTemplate"));
    db = openPgPool(databaseUrl(name), options);
  });
  afterAll(async () => {
    if (db) await closePgPool(db);
    if (name) await dropDatabase(name);
  });
  return {
    get url(): string {
      return databaseUrl(name);
    },
    get db(): PgDb {
      if (!db) throw new Error("usePgTempDb: no database outside a test");
      return db;
    },
  };
}

/** Gives the test file an empty database (no migrations run), dropped after the file. */
export function usePgEmptyDb() {
  let name = "";
  beforeAll(async () => {
    name = scratchName("gatehouse_empty");
    await createDatabase(name);
  });
  afterAll(async () => {
    if (name) await dropDatabase(name);
  });
  return {
    get url(): string {
      return databaseUrl(name);
    },
  };
}
