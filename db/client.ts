import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import { isMainThread } from "node:worker_threads";
import { config } from "@/lib/config";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");

const PRIVATE_FILES = ["", "-wal", "-shm", ".audit-index", ".audit-index-wal", ".audit-index-shm"];

/**
 * The data folder holds the database, its WAL and shared memory, the search index, the keys:
 * folder 0700 and files 0600, including files an older version created 0644. A shared folder
 * (sticky, like /tmp) is left as it is: its files are still private.
 */
function makePrivate(file: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dirMode = fs.statSync(dir).mode;
  if ((dirMode & 0o1000) === 0 && (dirMode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  // SQLite gives the WAL and shared-memory files the mode of their database file.
  fs.closeSync(fs.openSync(`${file}.audit-index`, "a", 0o600));
  for (const suffix of PRIVATE_FILES) {
    try {
      fs.chmodSync(file + suffix, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
}

/** Runs `open` with a umask that makes new files owner-only (worker threads cannot set one). */
function withPrivateUmask<T>(open: () => T): T {
  if (!isMainThread) return open();
  const previous = process.umask(0o077);
  try {
    return open();
  } finally {
    process.umask(previous);
  }
}

/** Opens (creating if needed) a Gatehouse database and brings its schema up to date. */
export function openDatabase(file: string): Db {
  const sqlite = withPrivateUmask(() => {
    makePrivate(file);
    const conn = new Database(file);
    conn.pragma("journal_mode = WAL");
    return conn;
  });
  // WAL + NORMAL: a commit survives a process crash (kill -9); only an OS crash or power loss can drop the last ones.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  // 64 MiB of page cache: the audit log's indexes stay in memory as the log grows.
  sqlite.pragma("cache_size = -65536");
  const db = drizzle(sqlite, { schema });
  // Migrations run before foreign keys are enforced: a migration that rebuilds a table (SQLite's
  // way to change a column) drops the old one, which would otherwise cascade into its children.
  // The migrator's one transaction ignores PRAGMA foreign_keys inside it, so this is the only
  // place; better-sqlite3 turns them on by default.
  sqlite.pragma("foreign_keys = OFF");
  migrate(db, { migrationsFolder: MIGRATIONS });
  const broken = sqlite.pragma("foreign_key_check") as unknown[];
  if (broken.length > 0) throw new Error(`The database has ${broken.length} rows whose references are broken; restore a backup.`);
  sqlite.pragma("foreign_keys = ON");
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
