import { db, type Db } from "./client";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Runs fn in one IMMEDIATE transaction: the write lock is taken up front, so the audit
 * chain's head cannot move between reading it and appending to it, even across processes.
 */
export function transact<T>(fn: (tx: Tx) => T): T {
  return db().transaction(fn, { behavior: "immediate" });
}
