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
