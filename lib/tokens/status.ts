/**
 * A token's status is derived, never stored, in this order of precedence:
 * revoked > expired > ready (no current secret: the owner has one to claim) > rotating (an old secret
 * still in grace) > active. A token rotated by an admin for someone else is "ready" while its old
 * secret is still in grace: the new one waits for its owner.
 * The same rules are expressed in SQL for filtering (lib/tokens/status-sql.ts); a test keeps them equal.
 */
export const TOKEN_STATUSES = ["active", "rotating", "ready", "expired", "revoked"] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

export const TOKEN_STATUS_LABELS: Record<TokenStatus, string> = {
  active: "Active",
  rotating: "Rotating",
  ready: "Ready to claim",
  expired: "Expired",
  revoked: "Revoked",
};

type StatusInput = { revokedAt: Date | null; expiresAt: Date | null };
type SecretInput = { expiresAt: Date | null };

export function deriveTokenStatus(token: StatusInput, secrets: readonly SecretInput[], now: Date): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "expired";
  if (!secrets.some((s) => s.expiresAt === null)) return "ready";
  if (secrets.some((s) => s.expiresAt && s.expiresAt.getTime() > now.getTime())) return "rotating";
  return "active";
}

/** Whether the secret can still be used: the token's status allows calls and its owner is enabled. */
export function isUsable(status: TokenStatus, ownerStatus: "active" | "disabled"): boolean {
  return (status === "active" || status === "rotating") && ownerStatus === "active";
}
