/**
 * Sign-in requests are let through to Next at a bounded rate, per client address and overall;
 * past it server.ts answers them itself. Every sign-in attempt costs the event loop a trip
 * through Next and Auth.js before the hashing gate can even refuse it as busy, so a flood of
 * attempts, however many addresses it comes from, would otherwise slow verification for
 * everyone. Refused here, an attempt costs no more than any other refused request.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { addressKey, FailureLimiter } from "@/lib/verify/rate-limit";

export type SignInAdmissionLimits = {
  /** Sign-in requests one address may send per second, after a burst of ten times that. */
  perAddressPerSecond: number;
  /** Sign-in requests let through per second from everyone together, after a burst of ten times that. */
  overallPerSecond: number;
};

const BURST_SECONDS = 10;
const MAX_ADDRESSES = 50_000;
const OVERALL = "all";

/**
 * The requests that start a password or OIDC sign-in: Auth.js's CSRF, sign-in and callback
 * endpoints, and a server action posted to the sign-in page (its form).
 */
export function isSignInRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? "").split("?", 1)[0]!;
  if (path === "/api/auth/csrf") return true;
  if (req.method !== "POST") return false;
  if (path.startsWith("/api/auth/callback/") || path.startsWith("/api/auth/signin")) return true;
  return path === "/login" && req.headers["next-action"] !== undefined;
}

export class SignInAdmission {
  private readonly byAddress: FailureLimiter;
  private readonly overall: FailureLimiter;

  constructor(limits: SignInAdmissionLimits) {
    this.byAddress = new FailureLimiter({
      capacity: limits.perAddressPerSecond * BURST_SECONDS,
      refillPerSecond: limits.perAddressPerSecond,
      maxKeys: MAX_ADDRESSES,
    });
    this.overall = new FailureLimiter({ capacity: limits.overallPerSecond * BURST_SECONDS, refillPerSecond: limits.overallPerSecond, maxKeys: 1 });
  }

  /** Admits one sign-in request, or says in how many seconds this address may send the next. */
  admit(address: string, now: number): { retryAfter: number } | null {
    const key = addressKey(address);
    const retryAfter = Math.max(this.byAddress.retryAfter(key, now), this.overall.retryAfter(OVERALL, now));
    if (retryAfter > 0) return { retryAfter };
    this.byAddress.recordFailure(key, now);
    this.overall.recordFailure(OVERALL, now);
    return null;
  }
}

/**
 * True when the request was a sign-in past the limits, answered here with 429. The body is
 * plain text because Next's client shows a server action's text/plain error as its message.
 */
export function refuseSignInFlood(admission: SignInAdmission, req: IncomingMessage, res: ServerResponse, address: string): boolean {
  if (!isSignInRequest(req)) return false;
  const refused = admission.admit(address, Date.now());
  if (refused === null) return false;
  res.statusCode = 429;
  res.setHeader("content-type", "text/plain");
  res.setHeader("cache-control", "no-store");
  res.setHeader("retry-after", String(refused.retryAfter));
  res.setHeader("connection", "close");
  res.end(`Too many sign-in attempts right now. Try again in ${refused.retryAfter} second${refused.retryAfter === 1 ? "" : "s"}.`);
  return true;
}
