import { RefusalSummaries } from "./refusal-summary";

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

  /** Forgets the key's failures (a sign-in that succeeded). */
  forgive(key: string): void {
    this.buckets.delete(key);
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

/**
 * The bucket an address counts against. An IPv6 host is given a whole /64 and can pick any
 * address in it, so its /64 is the key; an IPv4-mapped IPv6 address is its IPv4 address.
 * Expects a valid address (the socket's, or a validated client_ip); anything else is its own key.
 */
export function addressKey(address: string): string {
  if (!address.includes(":")) return address;
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) return address.slice(7);
  const bare = address.split("%")[0]!; // a zone id (fe80::1%eth0) names an interface, not a host
  const [left, right] = bare.split("::");
  const head = left ? left.split(":") : [];
  if (right === undefined) return `${head.slice(0, 4).map(group).join(":")}::/64`;
  const tail = right ? right.split(":") : [];
  // An embedded IPv4 address (…:1.2.3.4) takes two groups.
  const tailGroups = tail.length + (tail.at(-1)?.includes(".") ? 1 : 0);
  const zeros = Array<string>(Math.max(0, 8 - head.length - tailGroups)).fill("0");
  return `${[...head, ...zeros, ...tail].slice(0, 4).map(group).join(":")}::/64`;
}

function group(hex: string): string {
  const n = Number.parseInt(hex, 16);
  return Number.isNaN(n) ? hex : n.toString(16);
}

/**
 * Defaults. Only failing calls are ever refused, so the address buckets can be tight: their
 * refill rate is how many rows per second one address can still add to the audit log.
 */
export const DEFAULT_ADDRESS_LIMITS: BucketLimits = { capacity: 100, refillPerSecond: 2, maxKeys: 10_000 };
export const DEFAULT_CREDENTIAL_LIMITS: BucketLimits = { capacity: 1_000, refillPerSecond: 100, maxKeys: 10_000 };

/**
 * Three buckets, so that one abuser cannot lock out everyone else. Each refuses only calls
 * whose own credential fails: a valid one is never refused, whoever else shares its address.
 * - byAddress: bad server credentials per client address (the socket's, or TRUST_PROXY's);
 * - byClient: inactive tokens per (server, end client address as the server reports it);
 * - byCredential: inactive tokens per server credential.
 * Refusals past a bucket are counted into summaries (refusal-summary.ts), not written one each.
 */
export type FailureLimits = { byAddress: FailureLimiter; byClient: FailureLimiter; byCredential: FailureLimiter; refusals: RefusalSummaries };

export function createFailureLimits(
  address: BucketLimits = DEFAULT_ADDRESS_LIMITS,
  credential: BucketLimits = DEFAULT_CREDENTIAL_LIMITS,
  refusals: RefusalSummaries = new RefusalSummaries(),
): FailureLimits {
  return { byAddress: new FailureLimiter(address), byClient: new FailureLimiter(address), byCredential: new FailureLimiter(credential), refusals };
}
