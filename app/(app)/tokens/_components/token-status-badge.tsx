import { Badge } from "@/components/ui/badge";
import { TOKEN_STATUS_LABELS, type TokenStatus } from "@/lib/tokens/status";
import { formatDateTime } from "@/lib/time/format";

const VARIANTS = { active: "success", rotating: "warning", ready: "default", expired: "muted", revoked: "destructive" } as const;

/** The token's status; "rotating until …" while an old secret is in grace; a note when the owner is disabled. */
export function TokenStatusBadge({ status, rotatingUntil, ownerDisabled }: { status: TokenStatus; rotatingUntil?: Date | null; ownerDisabled?: boolean }) {
  // The long "rotating until …" may wrap in narrow table cells.
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <Badge variant={VARIANTS[status]} data-status={status} className="max-w-48 whitespace-normal">
        {status === "rotating" && rotatingUntil ? `Rotating until ${formatDateTime(rotatingUntil)}` : TOKEN_STATUS_LABELS[status]}
      </Badge>
      {ownerDisabled && status !== "revoked" && (
        <Badge variant="muted" title="The owner is disabled: this token does not work until they are enabled again.">
          Inactive: owner disabled
        </Badge>
      )}
    </span>
  );
}
