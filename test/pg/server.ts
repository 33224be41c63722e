import { randomBytes } from "node:crypto";
import postgres from "postgres";

/*
 * The PostgreSQL server the tests run against (TEST_DATABASE_URL), and its scratch databases.
 * Database names are made here, never taken from input: they go into DDL unquoted.
 */

export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set (test/pg/project.ts)");
  return url;
}

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** The server's address without its password, for messages. */
export function describeServer(): string {
  const url = new URL(testServerUrl());
  url.password = url.password ? "***" : "";
  return url.toString();
}

/** A fresh name with `prefix`: unique across parallel runs sharing the server. */
export function scratchName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** Runs `fn` on a one-connection client to the server's own database (the one in TEST_DATABASE_URL). */
export async function withServer<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(testServerUrl(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Creates database `name`, empty or as a copy of `template`. */
export async function createDatabase(name: string, template?: string): Promise<void> {
  await withServer((sql) => sql.unsafe(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`));
}

/** Drops database `name`, ending any connection still open to it. */
export async function dropDatabase(name: string): Promise<void> {
  await withServer((sql) => sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
