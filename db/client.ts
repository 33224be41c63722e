import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");

/** Opens (creating if needed) a Gatehouse database and brings its schema up to date. */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // WAL + NORMAL: a commit survives a process crash (kill -9); only an OS crash or power loss can drop the last ones.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  // 64 MiB of page cache: the audit log's indexes stay in memory as the log grows.
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("foreign_keys = ON");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

const globalForDb = globalThis as unknown as { gatehouseDb?: Db };

/** The process's one connection (kept across dev-server reloads). */
export function db(): Db {
  globalForDb.gatehouseDb ??= openDatabase(config().databasePath);
  return globalForDb.gatehouseDb;
}

/** For tests and tools that run against another file. */
export function setDb(next: Db | undefined): void {
  globalForDb.gatehouseDb = next;
}
