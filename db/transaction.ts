import { db, type Db } from "./client";
import { perConnection } from "./per-connection";

/**
 * What a transaction's body queries through. The connection is the process's one connection
 * and better-sqlite3 is synchronous, so every statement made while fn runs is in the
 * transaction; the name says that the body is meant to run only inside transact().
 */
export type Tx = Db;

type Runner = <T>(fn: (tx: Tx) => T, tx: Tx) => T;

// better-sqlite3 builds a transaction function once per connection, not once per call:
// drizzle's db.transaction() built four wrapped functions and a transaction object every
// time (about 10 µs, paid by every verification group).
const immediate = perConnection((sqlite) => sqlite.transaction((body: (tx: Tx) => unknown, tx: Tx) => body(tx)).immediate as Runner);

/**
 * Runs fn in one IMMEDIATE transaction: the write lock is taken up front, so the audit
 * chain's head cannot move between reading it and appending to it, even across processes.
 * Commits when fn returns, rolls back when it throws; nested, it is a savepoint.
 */
export function transact<T>(fn: (tx: Tx) => T): T {
  const d = db();
  return immediate(d.$client)(fn, d);
}
