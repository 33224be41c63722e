import { DAY_MS } from "@/lib/tokens/duration";
import type { TokenPolicy } from "@/lib/validation/tokens";

export type { TokenPolicy };

export const DEFAULT_TOKEN_POLICY: TokenPolicy = {
  defaultLifetimeDays: 90,
  maxLifetimeDays: 365,
  allowNoExpiry: false,
  usersMayIssue: true,
  userMaxScope: "read",
  userMaxLifetimeDays: 90,
};

/** A request to issue a token, as the policy sees it. selfService: a non-admin issuing their own. */
export type IssueRequest = { selfService: boolean; scope: "read" | "write"; lifetimeMs: number | null };

/** The longest lifetime this issuer may choose, in days. */
export function maxLifetimeDaysFor(policy: TokenPolicy, selfService: boolean): number {
  return selfService ? Math.min(policy.maxLifetimeDays, policy.userMaxLifetimeDays) : policy.maxLifetimeDays;
}

/** Null when the policy allows the request; otherwise a message that says what is allowed. */
export function policyRefusal(policy: TokenPolicy, req: IssueRequest): string | null {
  if (req.selfService && !policy.usersMayIssue) return "Only administrators can issue tokens. Ask one to issue a token for you.";
  if (req.selfService && req.scope === "write" && policy.userMaxScope === "read") {
    return "You may only issue read tokens. Ask an administrator for a write token.";
  }
  const maxDays = maxLifetimeDaysFor(policy, req.selfService);
  if (req.lifetimeMs === null) {
    if (!policy.allowNoExpiry || req.selfService) return `Tokens must expire: choose at most ${maxDays} days.`;
    return null;
  }
  if (req.lifetimeMs <= 0) return "Choose an expiry in the future.";
  if (req.lifetimeMs > maxDays * DAY_MS) return `Tokens may live at most ${maxDays} days under this Gatehouse's policy.`;
  return null;
}

/** Rotation keeps the token's expiry, so only "no expiry" can have fallen out of policy since issue. */
export function rotationRefusal(policy: TokenPolicy, token: { expiresAt: Date | null }): string | null {
  if (token.expiresAt === null && !policy.allowNoExpiry) {
    return "The policy no longer allows tokens without expiry. Issue a new token with an expiry instead.";
  }
  return null;
}

/** A regenerated token's lifetime: the old one's length, from now, cut to what the policy allows this issuer. */
export type RegeneratedLifetime = { lifetimeMs: number | null; cappedFromMs?: number | null };

/**
 * The old token lived `originalMs` (null: it never expired). The new one lives as long, from
 * now, unless the policy has since lowered the ceiling for this issuer: then the longest allowed.
 */
export function regeneratedLifetime(policy: TokenPolicy, selfService: boolean, originalMs: number | null): RegeneratedLifetime {
  const maxMs = maxLifetimeDaysFor(policy, selfService) * DAY_MS;
  if (originalMs === null) {
    return policy.allowNoExpiry && !selfService ? { lifetimeMs: null } : { lifetimeMs: maxMs, cappedFromMs: null };
  }
  return originalMs > maxMs ? { lifetimeMs: maxMs, cappedFromMs: originalMs } : { lifetimeMs: originalMs };
}
