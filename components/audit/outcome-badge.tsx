import { Badge } from "@/components/ui/badge";
import { DECISION_LABELS, DECISION_TONES } from "@/lib/audit/display";
import { AUDIT_DECISIONS, type AuditDecision } from "@/lib/audit/events";
import { CALL_OUTCOME_LOOKS, callOutcome } from "@/lib/audit/outcome";

function isDecision(value: string): value is AuditDecision {
  return (AUDIT_DECISIONS as readonly string[]).includes(value);
}

/** The outcome of one audit event, the same on the audit log, the server page, the token page and My tokens. */
export function AuditOutcomeBadge({ type, decision, reason }: { type: string; decision: string; reason: string | null }) {
  // Calls are named by what happened to them (lib/audit/outcome.ts); other events by their decision.
  const outcome = callOutcome(type, reason);
  const look = outcome ? CALL_OUTCOME_LOOKS[outcome] : isDecision(decision) ? { label: DECISION_LABELS[decision], variant: DECISION_TONES[decision] } : undefined;
  return <Badge variant={look?.variant ?? "muted"}>{look?.label ?? decision}</Badge>;
}
