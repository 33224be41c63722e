/**
 * Sign-in requests are let through to Next at a bounded rate, per client address and overall;
 * past it server.ts answers them itself. Every sign-in attempt costs the event loop a trip
 * through Next and Auth.js before the hashing gate can even refuse it as busy, so a flood of
 * attempts, however many addresses it comes from, would otherwise slow verification for
 * everyone. Refused here, an attempt costs no more than any other refused request.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendRefusal, tryAgainIn, type RequestAdmission } from "./request-admission";

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

/**
 * True when the request was a sign-in past the limits, answered here with 429. The body is
 * plain text because Next's client shows a server action's text/plain error as its message.
 */
export function refuseSignInFlood(admission: RequestAdmission, req: IncomingMessage, res: ServerResponse, address: string): boolean {
  if (!isSignInRequest(req)) return false;
  const refused = admission.admit(address, Date.now());
  if (refused === null) return false;
  sendRefusal(res, refused.retryAfter, "text/plain", `Too many sign-in attempts right now. ${tryAgainIn(refused.retryAfter)}`);
  return true;
}
