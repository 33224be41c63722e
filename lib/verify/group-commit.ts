/**
 * Group commit for the verification endpoints. Calls that arrive in the same turn of the event
 * loop are decided inside ONE IMMEDIATE transaction (each call's writes still go in a savepoint of
 * their own, see record() in core.ts), and none is answered until that transaction has
 * committed. One commit then writes the shared audit and index pages once for the whole group
 * instead of once per call, while every answer still has its audit row durably committed first.
 * If the commit fails, every call in the group is answered 503 audit_unavailable: never an
 * allow without its audit row.
 */
import { db } from "@/db/client";
import { API_ERRORS, errorBody } from "@/lib/http/api-errors";
import { decideTogether } from "./decision-tx";
import type { ApiResult } from "./http";

type Pending = { decide: () => ApiResult; answer: (result: ApiResult) => void };

// A bound on the group keeps one slow commit from holding many answers back.
const MAX_GROUP = 64;

const AUDIT_UNAVAILABLE: ApiResult = {
  status: API_ERRORS.audit_unavailable,
  headers: { "content-type": "application/json", "cache-control": "no-store" },
  body: JSON.stringify(errorBody("audit_unavailable", "The decision could not be written to the audit log, so none was made.")),
};

const INTERNAL_ERROR: ApiResult = {
  status: API_ERRORS.internal_error,
  headers: AUDIT_UNAVAILABLE.headers,
  body: JSON.stringify(errorBody("internal_error", "Something went wrong on our side.")),
};

// The core never throws; this guard keeps a bug in one call from failing its whole group.
function decideSafely(p: Pending): ApiResult {
  try {
    return p.decide();
  } catch {
    return INTERNAL_ERROR;
  }
}

let queue: Pending[] = [];
let scheduled = false;

function flush() {
  scheduled = false;
  const group = queue;
  queue = [];
  if (group.length === 0) return;
  let results: ApiResult[];
  const sqlite = db().$client;
  try {
    // SQLite rolls the whole transaction back by itself on SQLITE_FULL or SQLITE_IOERR. Calls
    // after that point would each commit on their own; they are not decided at all instead.
    results = decideTogether(() => group.map((p) => (sqlite.inTransaction ? decideSafely(p) : AUDIT_UNAVAILABLE)));
  } catch (err) {
    console.error("verification group could not be committed:", err instanceof Error ? err.name + ": " + err.message : "unknown");
    results = group.map(() => AUDIT_UNAVAILABLE);
  }
  for (let i = 0; i < group.length; i++) group[i]!.answer(results[i]!);
}

/** Queues a decision for the current group; `answer` is called once the group has committed. */
export function submitToGroup(decide: () => ApiResult, answer: (result: ApiResult) => void): void {
  queue.push({ decide, answer });
  if (queue.length >= MAX_GROUP) flush();
  else if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}

/** The same, as a promise (for route handlers). */
export function decideInGroup(decide: () => ApiResult): Promise<ApiResult> {
  return new Promise((resolve) => submitToGroup(decide, resolve));
}
