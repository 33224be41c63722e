/**
 * In-memory token buckets that count failed verifications (bad server credentials, inactive
 * tokens). Successful calls never consume a bucket, so a busy, healthy server is never slowed.
 * One process serves the API, so memory is the right place; the map is bounded so a flood of
 * distinct addresses cannot grow it without limit.
 */
export type BucketLimits = { capacity: number; refillPerSecond: number; maxKeys: number };

type Bucket = { tokens: number; at: number };

export class FailureLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limits: BucketLimits) {}

  private current(key: string, now: number): Bucket | undefined {
    const b = this.buckets.get(key);
    if (!b) return undefined;
    const refilled = Math.min(this.limits.capacity, b.tokens + ((now - b.at) / 1000) * this.limits.refillPerSecond);
    if (refilled >= this.limits.capacity) {
      this.buckets.delete(key); // full again: forget it, the map only holds keys under pressure
      return undefined;
    }
    b.tokens = refilled;
    b.at = now;
    return b;
  }

  /** Seconds until the key may fail again, or 0 when it is not limited. */
  retryAfter(key: string, now: number): number {
    const b = this.current(key, now);
    if (!b || b.tokens >= 1) return 0;
    return Math.max(1, Math.ceil((1 - b.tokens) / this.limits.refillPerSecond));
  }

  recordFailure(key: string, now: number): void {
    const b = this.current(key, now);
    if (b) {
      b.tokens = Math.max(0, b.tokens - 1);
      return;
    }
    if (this.buckets.size >= this.limits.maxKeys) {
      // Drop the oldest entry (Map keeps insertion order): bounded memory beats perfect memory.
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    this.buckets.set(key, { tokens: this.limits.capacity - 1, at: now });
  }
}

/** Defaults: generous enough for a server whose users present many stale tokens at once. */
export const DEFAULT_ADDRESS_LIMITS: BucketLimits = { capacity: 200, refillPerSecond: 20, maxKeys: 10_000 };
export const DEFAULT_CREDENTIAL_LIMITS: BucketLimits = { capacity: 1_000, refillPerSecond: 100, maxKeys: 10_000 };

/**
 * Three buckets, so that one abuser cannot lock out everyone else:
 * - byAddress: bad server credentials per socket address — over it, refused before any work;
 * - byClient: inactive tokens per (server, end client address as the server reports it) —
 *   over it, that client's calls are refused before the token is looked at;
 * - byCredential: inactive tokens per server credential — over it, only calls that would fail
 *   are answered 429; valid tokens through the same server keep working.
 */
export type FailureLimits = { byAddress: FailureLimiter; byClient: FailureLimiter; byCredential: FailureLimiter };

export function createFailureLimits(
  address: BucketLimits = DEFAULT_ADDRESS_LIMITS,
  credential: BucketLimits = DEFAULT_CREDENTIAL_LIMITS,
): FailureLimits {
  return { byAddress: new FailureLimiter(address), byClient: new FailureLimiter(address), byCredential: new FailureLimiter(credential) };
}
