import path from "node:path";
import postgres, { type PostgresType, type Sql } from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { z } from "zod";
import * as schema from "./schema.pg";

/*
 * The PostgreSQL connection: a postgres.js pool (it pipelines queries on a connection by design,
 * which the verification groups will need) and the migrator. Not used by the app yet: the data
 * layer still runs on SQLite only (docs/POSTGRES.md).
 */

export type PgDb = PostgresJsDatabase<typeof schema> & { $client: Sql };

const MIGRATIONS = path.join(process.cwd(), "db", "migrations-pg");

/** Server-side limits, in milliseconds, sent with every connection's startup message (no extra round trip). */
const timeoutsSchema = z.object({
  // A runaway query (a search over the whole log) cannot hold a connection forever.
  statementTimeoutMs: z.number().int().min(0).default(30_000),
  // A writer stuck behind a held lock (the audit chain head) fails fast and the call answers 503.
  lockTimeoutMs: z.number().int().min(0).default(2_000),
  // A frozen or partitioned instance in the middle of a transaction gives its locks back.
  idleInTransactionTimeoutMs: z.number().int().min(0).default(5_000),
});

const poolOptionsSchema = timeoutsSchema.extend({
  max: z.number().int().min(1).max(1000).default(10),
  applicationName: z.string().min(1).max(63).default("gatehouse"),
});

export type PgPoolOptions = z.input<typeof poolOptionsSchema>;

const urlSchema = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/./i.test(v), "must be a postgres:// URL, e.g. postgres://gatehouse@db.example.com:5432/gatehouse");

/**
 * int8 (count(*), bigint columns: times in ms, audit seq) as a JS number. postgres.js returns it as
 * a string by default, and a string would change an audit row's canonical form and so its hash.
 * A value past 2^53 cannot be a number exactly: refused rather than silently rounded.
 */
const int8AsNumber: PostgresType<number> = {
  to: 20,
  from: [20],
  serialize: (n: number) => String(n),
  parse: (text: string) => {
    const n = Number(text);
    if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} is beyond 2^53 and cannot be read exactly`);
    return n;
  },
};

function startupParameters(t: z.output<typeof timeoutsSchema>, applicationName: string): Record<string, string> {
  return {
    application_name: applicationName,
    statement_timeout: String(t.statementTimeoutMs),
    lock_timeout: String(t.lockTimeoutMs),
    idle_in_transaction_session_timeout: String(t.idleInTransactionTimeoutMs),
  };
}

/** A pool of connections to the database at `url`; limits from `options`, parameters in the URL's query win. */
export function openPgPool(url: string, options: PgPoolOptions = {}): PgDb {
  const checkedUrl = urlSchema.parse(url);
  const o = poolOptionsSchema.parse(options);
  const client = postgres(checkedUrl, {
    max: o.max,
    types: { int8: int8AsNumber },
    connection: startupParameters(o, o.applicationName),
    onnotice: () => {}, // "relation already exists, skipping" and the like are not for the log
  });
  return drizzle(client, { schema }) as PgDb;
}

/** Closes every connection of a pool, waiting up to `timeoutSeconds` for running queries. */
export async function closePgPool(db: PgDb, timeoutSeconds = 5): Promise<void> {
  await db.$client.end({ timeout: timeoutSeconds });
}

// Any fixed 64-bit number, the same in every instance: "gatehouse migrate" as ASCII.
const MIGRATION_LOCK = 0x6761_7465_6d69_6772n;

export type MigrateOptions = {
  /** How long to wait for another instance that is migrating (and for any lock a migration needs). */
  lockWaitMs?: number;
  /** For tests: another migrations folder. */
  migrationsFolder?: string;
};

/**
 * Brings the database at `url` up to date. drizzle's migrator is not safe to run from two
 * processes at once (both read "nothing applied yet", both create the tables), so it runs under a
 * session advisory lock: instances starting together migrate once, the others wait and find
 * nothing left to do. Its own connection, without a statement timeout: a migration may be long.
 */
export async function migratePg(url: string, options: MigrateOptions = {}): Promise<void> {
  const lockWaitMs = options.lockWaitMs ?? 300_000;
  const client = postgres(urlSchema.parse(url), {
    max: 1, // the lock is the session's: the migrator must run on the same connection
    max_lifetime: null,
    types: { int8: int8AsNumber },
    connection: startupParameters({ statementTimeoutMs: 0, lockTimeoutMs: lockWaitMs, idleInTransactionTimeoutMs: 60_000 }, "gatehouse migrate"),
    onnotice: () => {},
  });
  try {
    try {
      await client`SELECT pg_advisory_lock(${MIGRATION_LOCK.toString()}::bigint)`;
    } catch (err) {
      if ((err as { code?: string }).code === "55P03") {
        throw new Error(`Another Gatehouse instance has been migrating this database for over ${Math.round(lockWaitMs / 1000)} s; is one stuck?`, { cause: err });
      }
      throw err;
    }
    await migrate(drizzle(client), { migrationsFolder: options.migrationsFolder ?? MIGRATIONS });
    await client`SELECT pg_advisory_unlock(${MIGRATION_LOCK.toString()}::bigint)`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
