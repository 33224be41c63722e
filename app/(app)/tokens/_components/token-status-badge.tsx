import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import { formatDateTime } from "@/lib/time/format";
import { TOKEN_STATUS_LABELS, type TokenStatus } from "@/lib/tokens/status";

const VARIANTS = { active: "success", rotating: "warning", ready: "default", expired: "muted", revoked: "destructive" } as const;

type Props = {
  status: TokenStatus;
  rotatingUntil?: Date | null;
  ownerDisabled?: boolean;
  /** In narrow table cells the long "rotating until …" wraps instead of widening the column. */
  compact?: boolean;
};

/** The token's status; "rotating until …" while an old secret is in grace. */
export function TokenStatusBadge({ status, rotatingUntil, ownerDisabled, compact }: Props) {
  // A disabled owner's token does not work, whatever its own status says: one badge, not "Active" beside "Inactive".
  if (ownerDisabled && (status === "active" || status === "rotating" || status === "ready")) {
    return (
      <Badge variant="muted" data-status={status} className={cn(compact && "max-w-36 whitespace-normal")} title={`${TOKEN_STATUS_LABELS[status]}, but the owner is disabled: it works again only if they are enabled.`}>
        Inactive: owner disabled
      </Badge>
    );
  }
  return (
    <Badge variant={VARIANTS[status]} data-status={status} className={cn(compact && "max-w-36 whitespace-normal")}>
      {status === "rotating" && rotatingUntil ? `Rotating until ${formatDateTime(rotatingUntil)}` : TOKEN_STATUS_LABELS[status]}
    </Badge>
  );
}
