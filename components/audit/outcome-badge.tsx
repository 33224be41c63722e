import { Badge } from "@/components/ui/badge";
import { DECISION_LABELS, DECISION_TONES } from "@/lib/audit/display";
import { AUDIT_DECISIONS, type AuditDecision } from "@/lib/audit/events";

type Look = { label: string; variant: "success" | "destructive" | "warning" | "muted" };

// Verification calls are named by what happened to the token; other events by their decision.
const CALLS: Record<string, Look> = {
  "call.allowed": { label: "Allowed", variant: "success" },
  "call.denied": { label: "Denied", variant: "destructive" },
  "call.inactive": { label: "Inactive token", variant: "warning" },
  "call.rate_limited": { label: "Rate-limited", variant: "muted" },
};

function isDecision(value: string): value is AuditDecision {
  return (AUDIT_DECISIONS as readonly string[]).includes(value);
}

/** The outcome of one audit event, the same on the audit log, the server page, the token page and My tokens. */
export function AuditOutcomeBadge({ type, decision }: { type: string; decision: string }) {
  const look = CALLS[type] ?? (isDecision(decision) ? { label: DECISION_LABELS[decision], variant: DECISION_TONES[decision] } : undefined);
  return <Badge variant={look?.variant ?? "muted"}>{look?.label ?? decision}</Badge>;
}
