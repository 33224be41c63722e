/**
 * Token and revocation requests are let through at a bounded rate, per client address and
 * overall; past it server.ts answers them itself. A refresh is a real grant's, so the failure
 * limits never see it, and each costs the event loop a transaction several times a verification's:
 * without a bound, one client refreshing in a loop would slow verification for every server.
 * A client refreshing once an access token's lifetime (an hour) needs far less than the default.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { CORS_HEADERS } from "@/lib/oauth/http";
import { sendRefusal, tryAgainIn, type RequestAdmission } from "./request-admission";

export function isTokenRequest(req: IncomingMessage): boolean {
  if (req.method !== "POST") return false;
  const path = (req.url ?? "").split("?", 1)[0]!;
  return path === "/oauth/token" || path === "/oauth/revoke";
}

/** True when the request was a token or revocation request past the limits, answered here with 429 as an OAuth error. */
export function refuseTokenFlood(admission: RequestAdmission, req: IncomingMessage, res: ServerResponse, address: string): boolean {
  if (!isTokenRequest(req)) return false;
  const refused = admission.admit(address, Date.now());
  if (refused === null) return false;
  const body = JSON.stringify({ error: "invalid_request", error_description: `Too many token requests right now. ${tryAgainIn(refused.retryAfter)}` });
  sendRefusal(res, refused.retryAfter, "application/json", body, CORS_HEADERS);
  return true;
}
