import { Badge } from "@/components/ui/badge";

type Look = { label: string; variant: "success" | "destructive" | "warning" | "muted" };

// Verification calls are named by what happened to the token; other events by their decision.
const CALLS: Record<string, Look> = {
  "call.allowed": { label: "Allowed", variant: "success" },
  "call.denied": { label: "Denied", variant: "destructive" },
  "call.inactive": { label: "Inactive token", variant: "warning" },
  "call.rate_limited": { label: "Rate-limited", variant: "muted" },
};
const DECISIONS: Record<string, Look> = {
  allow: { label: "Allowed", variant: "success" },
  deny: { label: "Denied", variant: "destructive" },
  success: { label: "Done", variant: "success" },
  failure: { label: "Failed", variant: "destructive" },
};

/** The outcome of one audit event, the same on the server page, the token page and the audit log. */
export function AuditOutcomeBadge({ type, decision }: { type: string; decision: string }) {
  const look = CALLS[type] ?? DECISIONS[decision] ?? { label: decision, variant: "muted" };
  return <Badge variant={look.variant}>{look.label}</Badge>;
}
