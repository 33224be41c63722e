/**
 * The transactions decisions run in: a call joins its group's (group-commit.ts) or opens its own,
 * and writes its audit row, with any last-used times due, as one unit.
 */
import { db } from "@/db/client";
import { transact, type Tx } from "@/db/transaction";
import type { AuditInput } from "@/lib/audit/events";
import type { VerifyDeps } from "./core";
import { verifyLookups } from "./lookup-cache";
import { writeLastUsed, type LastUsedDue, type Statements } from "./statements";

// The transaction of the group being decided (decideTogether), which every call in it joins.
let groupTx: Tx | null = null;

/**
 * Runs fn, which makes several verify() calls, in ONE IMMEDIATE transaction that those calls
 * join instead of each opening its own (group-commit.ts). Throws if it cannot commit.
 */
export function decideTogether<T>(fn: () => T): T {
  return forgetOnFailure(() =>
    transact((tx) => {
      groupTx = tx;
      try {
        return fn();
      } finally {
        groupTx = null;
      }
    }),
  );
}

/** The group's transaction when there is one still open, else a transaction of the call's own. */
export function inTransaction<T>(fn: (tx: Tx) => T): T {
  return groupTx !== null && db().$client.inTransaction ? fn(groupTx) : forgetOnFailure(() => transact(fn));
}

/** What was read in a transaction that rolls back may reflect changes that never happened. */
export function forgetOnFailure<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    verifyLookups(db().$client).forget();
    throw err;
  }
}

/**
 * Writes a call's audit row, and any last-used times due, as one unit: in a group, a call that
 * fails here leaves nothing behind to be committed with the others. A prepared savepoint
 * (about 1.5 µs), not a nested transact(), which built a new drizzle transaction per call.
 * On a busy server no last-used time is due on most calls; the audit INSERT is then the one
 * write, and a single statement is atomic by itself, so those calls take no savepoint.
 */
export function record(tx: Tx, s: Statements, deps: VerifyDeps, audit: AuditInput, due: LastUsedDue | null, now: number): string {
  return forgetOnFailure(() =>
    due
      ? s.atomically(() => {
          writeLastUsed(s, now, due);
          return deps.audit(tx, audit).id;
        })
      : deps.audit(tx, audit).id,
  );
}
