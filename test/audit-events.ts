import { transact } from "@/db/transaction";
import type { AuditInput } from "@/lib/audit/events";
import { recordAudit } from "@/lib/audit/writer";

/** A call event as the verification API writes it; override any field. */
export function callEvent(overrides: Partial<AuditInput> = {}): AuditInput {
  const allowed = overrides.decision !== "deny";
  return {
    type: allowed ? "call.allowed" : "call.denied",
    actor: { type: "server", id: "srv_files", name: "Files" },
    decision: "allow",
    method: "tools/call",
    tool: "read_file",
    toolClass: "read",
    serverId: "srv_files",
    tokenId: "tok_one",
    subjectUserId: "usr_one",
    requestId: "req-1",
    clientIp: "10.0.0.7",
    userAgent: "mcp-client/1.0",
    reason: allowed ? null : "scope",
    ...overrides,
  };
}

/** Writes events through the one audit writer (each in its own transaction, as in production). */
export function recordEvents(inputs: AuditInput[]): number[] {
  return inputs.map((input) => transact((tx) => recordAudit(tx, input)).seq);
}

/** One call of each outcome, as the verifier writes them (verify/core.ts, verify/refusals.ts), and one event that is no call. */
export const ONE_OF_EACH_OUTCOME: AuditInput[] = [
  callEvent(),
  callEvent({ decision: "deny", reason: "insufficient_scope" }),
  callEvent({ type: "call.denied", decision: "deny", actor: { type: "anonymous" }, serverId: null, tokenId: null, subjectUserId: null, reason: "invalid_server_credential" }),
  callEvent({ type: "call.inactive", decision: "deny", reason: "wrong_audience" }),
  callEvent({ type: "call.inactive", decision: "deny", reason: "expired" }),
  callEvent({ type: "call.inactive", decision: "deny", reason: "revoked" }),
  callEvent({ type: "call.rate_limited", decision: "deny", reason: "too_many_failures" }),
  { type: "token.issued", actor: { type: "system", name: "system" }, decision: "success", tokenId: "tok_one" },
];
