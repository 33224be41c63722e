import { addressKey, FailureLimiter } from "@/lib/verify/rate-limit";

/**
 * Counts failed password sign-ins per account and per client address. Past the limit a
 * sign-in is refused before its password is hashed, so guessing costs the attacker time and
 * the server nothing. In memory: one process serves Gatehouse, and a restart forgiving
 * everyone is a fair price for no write per failure. A token bucket that refills the whole
 * allowance over the window is "N failures per window" without storing each failure's time.
 */
export type ThrottleLimits = { maxFailures: number; maxFailuresPerAddress: number; windowSeconds: number };

// Enough distinct keys for any real user base; a flood of made-up emails evicts the oldest.
const MAX_KEYS = 50_000;

export class SignInThrottle {
  private readonly accounts: FailureLimiter;
  private readonly addresses: FailureLimiter;

  constructor(limits: ThrottleLimits) {
    this.accounts = new FailureLimiter({ capacity: limits.maxFailures, refillPerSecond: limits.maxFailures / limits.windowSeconds, maxKeys: MAX_KEYS });
    this.addresses = new FailureLimiter({
      capacity: limits.maxFailuresPerAddress,
      refillPerSecond: limits.maxFailuresPerAddress / limits.windowSeconds,
      maxKeys: MAX_KEYS,
    });
  }

  /** Seconds until this account may try again from this address, and which limit holds it; null when it may try now. */
  refusal(email: string, address: string | null, now: number): { retryAfter: number; limit: "account" | "address" } | null {
    const account = this.accounts.retryAfter(accountKey(email), now);
    if (account > 0) return { retryAfter: account, limit: "account" };
    const byAddress = address ? this.addresses.retryAfter(addressKey(address), now) : 0;
    return byAddress > 0 ? { retryAfter: byAddress, limit: "address" } : null;
  }

  recordFailure(email: string, address: string | null, now: number): void {
    this.accounts.recordFailure(accountKey(email), now);
    if (address) this.addresses.recordFailure(addressKey(address), now);
  }

  /** A correct password clears the account's count; the address's stays, or one good account would launder guesses at others. */
  recordSuccess(email: string): void {
    this.accounts.forgive(accountKey(email));
  }
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/** "in 14 minutes", "in 40 seconds": what the sign-in form tells a throttled person. */
export function retryAfterText(seconds: number): string {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}
