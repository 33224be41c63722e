/**
 * The local, single-user pattern: a stdio server on someone's own machine runs without a token,
 * yet every call is still decided and audited here ("the audit log is non-optional"). Only a
 * server registered `local-single` may call without one; for any other, a tokenless call is
 * refused and that refusal is audited too. The server's credential says which server calls, and
 * the OS user it runs as stands in for the token's owner in the audit row.
 */
import type { Tx } from "@/db/transaction";
import { db } from "@/db/client";
import type { AuditInput } from "@/lib/audit/events";
import type { LocalCallRequest } from "@/lib/validation/verify";
import { defaultVerifyDeps, presentedServer, serverActor, type AuthenticatedServer, type ToolClass, type VerifyDeps, type VerifyInput } from "./core";
import { inTransaction, record } from "./decision-tx";
import { verifyLookups } from "./lookup-cache";
import { refuseServerCredential } from "./refusals";
import { dueLastUsed, noteLastUsed, verifyStatements } from "./statements";

export type LocalCallDecision =
  | { outcome: "allowed"; server: AuthenticatedServer; toolClass: ToolClass | null; auditId: string }
  | { outcome: "token_required"; server: AuthenticatedServer; auditId: string }
  | { outcome: "unauthenticated" }
  | { outcome: "rate_limited"; retryAfterSeconds: number }
  | { outcome: "audit_unavailable" };

function localAudit(server: AuthenticatedServer, input: VerifyInput, localUser: string, allowed: boolean, toolClass: ToolClass | null): AuditInput {
  const { call } = input;
  return {
    type: allowed ? "call.allowed" : "call.denied",
    actor: serverActor(server),
    decision: allowed ? "allow" : "deny",
    reason: allowed ? null : "token_required",
    subjectUserId: null,
    tokenId: null,
    serverId: server.id,
    method: call.method,
    tool: call.tool,
    toolClass,
    requestId: call.requestId,
    clientIp: call.clientIp ?? input.remoteAddress,
    userAgent: call.userAgent,
    details: { via: "local", localUser },
  };
}

function decide(tx: Tx, input: VerifyInput, localUser: string, deps: VerifyDeps, now: number): LocalCallDecision {
  const sqlite = db().$client;
  const s = verifyStatements(sqlite);
  const look = verifyLookups(sqlite);
  look.sync();
  const found = presentedServer(look, input, now);
  if (!found) return refuseServerCredential(tx, s, input, deps, now);
  const { server, row } = found;
  const due = dueLastUsed(now, row, null);
  if (server.deployment !== "local-single") {
    const auditId = record(tx, s, deps, localAudit(server, input, localUser, false, null), due, now);
    noteLastUsed(due, now, row, null);
    return { outcome: "token_required", server, auditId };
  }
  const { call } = input;
  // Recorded as verify records it, so the audit page and the review read local calls alike.
  const toolClass: ToolClass | null = call.method === "tools/call" && call.tool !== null ? (look.toolClass(server.id, call.tool) ?? "unclassified") : null;
  const auditId = record(tx, s, deps, localAudit(server, input, localUser, true, toolClass), due, now);
  noteLastUsed(due, now, row, null);
  return { outcome: "allowed", server, toolClass, auditId };
}

/** Decides and records one tokenless call. Never throws: a failure to audit is `audit_unavailable`, never an allow. */
export function decideLocalCall(
  serverCredential: string | null,
  remoteAddress: string | null,
  request: LocalCallRequest,
  deps: VerifyDeps = defaultVerifyDeps(),
): LocalCallDecision {
  const now = deps.now();
  const input: VerifyInput = { serverCredential, remoteAddress, call: request.call, via: "local" };
  try {
    return inTransaction((tx) => decide(tx, input, request.localUser, deps, now));
  } catch (err) {
    console.error("local call could not be recorded:", err instanceof Error ? err.name + ": " + err.message : "unknown");
    return { outcome: "audit_unavailable" };
  }
}
