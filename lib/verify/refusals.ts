/**
 * The refusal path: calls whose own credential failed, answered 401 or, past their bucket, 429.
 * Past a bucket only the first refusal of a key in an interval is written as itself; the rest
 * are counted into its summary (refusal-summary.ts), written here when due.
 */
import type { Tx } from "@/db/transaction";
import type { AuditActor, AuditInput } from "@/lib/audit/events";
import type { VerifyDeps, VerifyInput } from "./core";
import { inTransaction, record } from "./decision-tx";
import { addressKey } from "./rate-limit";
import { summaryAudit, type LimitedKeyKind, type RefusalSummary } from "./refusal-summary";
import type { LastUsedDue, Statements } from "./statements";

// What a caller without a working server credential sends is anyone's text: a short bound keeps
// each of a flood's rows small. Cut before a high surrogate, never between a pair.
const ANONYMOUS_FIELD_CHARS = 64;
const ANONYMOUS: AuditActor = { type: "anonymous" };

function bounded(value: string | null): string | null {
  if (value === null || value.length <= ANONYMOUS_FIELD_CHARS) return value;
  const last = value.charCodeAt(ANONYMOUS_FIELD_CHARS - 1);
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? ANONYMOUS_FIELD_CHARS - 1 : ANONYMOUS_FIELD_CHARS);
}

/** The audit input of a call whose server credential failed: bounded fields, and the address Gatehouse saw, not one the body claims. */
export function anonymousAudit(input: VerifyInput, type: "call.denied" | "call.rate_limited", reason: string): AuditInput {
  const { call } = input;
  return {
    type,
    actor: ANONYMOUS,
    decision: "deny",
    reason,
    subjectUserId: null,
    tokenId: null,
    serverId: null,
    method: bounded(call.method),
    tool: bounded(call.tool),
    toolClass: null,
    requestId: bounded(call.requestId),
    clientIp: input.remoteAddress,
    userAgent: bounded(call.userAgent),
    details: input.via === "verify" ? null : { via: input.via },
  };
}

/** A refusal past a bucket: the first of its key's interval is written as itself, the rest counted into a summary. */
type Limited = { kind: LimitedKeyKind; key: string; retryAfterSeconds: number; audit: () => AuditInput; due: LastUsedDue | null };

type RateLimited = { outcome: "rate_limited"; retryAfterSeconds: number };

export function limited(tx: Tx, s: Statements, deps: VerifyDeps, now: number, l: Limited): RateLimited {
  const refusals = deps.limits.refusals;
  const opened = refusals.note(l.kind, l.key, now, () => {
    const a = l.audit();
    return { actor: a.actor, serverId: a.serverId ?? null, clientIp: l.kind === "credential" ? null : (a.clientIp ?? null) };
  });
  // An interval this one closed is written first, so the log reads in order.
  writeSummaries(tx, s, deps, refusals.take(now), now);
  if (opened) opened.firstEventId = record(tx, s, deps, l.audit(), l.due, now);
  return { outcome: "rate_limited", retryAfterSeconds: l.retryAfterSeconds };
}

/** Summaries that came due (interval over, or evicted to bound memory), in the call's transaction. */
function writeSummaries(tx: Tx, s: Statements, deps: VerifyDeps, due: RefusalSummary[], now: number) {
  for (let i = 0; i < due.length; i++) {
    try {
      record(tx, s, deps, summaryAudit(due[i]!), null, now);
    } catch (err) {
      deps.limits.refusals.restore(due.slice(i));
      throw err;
    }
  }
}

/** A call whose server credential failed: refused with 429 once its address has failed too often. */
export function refuseServerCredential(tx: Tx, s: Statements, input: VerifyInput, deps: VerifyDeps, now: number): { outcome: "unauthenticated" } | RateLimited {
  const address = addressKey(input.remoteAddress ?? "unknown");
  const retryAfterSeconds = deps.limits.byAddress.retryAfter(address, now);
  if (retryAfterSeconds > 0) {
    const audit = () => anonymousAudit(input, "call.rate_limited", "too_many_failures");
    return limited(tx, s, deps, now, { kind: "address", key: address, retryAfterSeconds, audit, due: null });
  }
  record(tx, s, deps, anonymousAudit(input, "call.denied", "invalid_server_credential"), null, now);
  deps.limits.byAddress.recordFailure(address, now);
  return { outcome: "unauthenticated" };
}

/** Writes the refusal summaries whose interval has ended, or with `all` every one (at shutdown). */
export function flushRefusalSummaries(deps: VerifyDeps, all = false): void {
  const due = deps.limits.refusals.take(deps.now(), all);
  if (due.length === 0) return;
  try {
    inTransaction((tx) => {
      for (const summary of due) deps.audit(tx, summaryAudit(summary));
    });
  } catch (err) {
    deps.limits.refusals.restore(due);
    console.error("refusal summaries could not be recorded:", err instanceof Error ? err.name + ": " + err.message : "unknown");
  }
}
