import { Badge } from "@/components/ui/badge";
import { DECISION_LABELS, DECISION_TONES } from "@/lib/audit/display";
import type { AuditDecision } from "@/lib/audit/events";

export function DecisionBadge({ decision }: { decision: AuditDecision }) {
  return <Badge variant={DECISION_TONES[decision]}>{DECISION_LABELS[decision]}</Badge>;
}
