/**
 * Admission in front of work that costs the event loop: a token bucket per client address and
 * one for everyone, each holding ten seconds' worth. Past either, the request is refused before
 * anything is done for it, with how many seconds until the address may send the next.
 */
import type { ServerResponse } from "node:http";
import { addressKey, FailureLimiter } from "@/lib/verify/rate-limit";

const BURST_SECONDS = 10;
const MAX_ADDRESSES = 50_000;
const OVERALL = "all";

export type RequestAdmissionLimits = {
  /** Requests one address may send per second, after a burst of ten times that. */
  perAddressPerSecond: number;
  /** Requests let through per second from everyone together, after a burst of ten times that. */
  overallPerSecond: number;
};

export class RequestAdmission {
  private readonly byAddress: FailureLimiter;
  private readonly overall: FailureLimiter;

  constructor(limits: RequestAdmissionLimits) {
    this.byAddress = new FailureLimiter({
      capacity: limits.perAddressPerSecond * BURST_SECONDS,
      refillPerSecond: limits.perAddressPerSecond,
      maxKeys: MAX_ADDRESSES,
    });
    this.overall = new FailureLimiter({ capacity: limits.overallPerSecond * BURST_SECONDS, refillPerSecond: limits.overallPerSecond, maxKeys: 1 });
  }

  /** Admits one request, or says in how many seconds this address may send the next. */
  admit(address: string, now: number): { retryAfter: number } | null {
    const key = addressKey(address);
    const retryAfter = Math.max(this.byAddress.retryAfter(key, now), this.overall.retryAfter(OVERALL, now));
    if (retryAfter > 0) return { retryAfter };
    this.byAddress.recordFailure(key, now);
    this.overall.recordFailure(OVERALL, now);
    return null;
  }
}

/** "Try again in N seconds", as every refusal here says it. */
export function tryAgainIn(seconds: number): string {
  return `Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
}

/** Answers a refused request with 429 and when to come back, and closes the connection. */
export function sendRefusal(res: ServerResponse, retryAfter: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.statusCode = 429;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("content-type", contentType);
  res.setHeader("cache-control", "no-store");
  res.setHeader("retry-after", String(retryAfter));
  res.setHeader("connection", "close");
  res.end(body);
}
