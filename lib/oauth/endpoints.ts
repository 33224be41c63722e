import "server-only";
import type { OAuthClient } from "@/db/schema";
import { addressKey, DEFAULT_ADDRESS_LIMITS, FailureLimiter } from "@/lib/verify/rate-limit";
import { VERIFY_LIMITS } from "@/lib/validation/verify";
import { authenticateClient } from "./client-auth";
import { registerClient } from "./clients";
import { answer, answerAsync, OAuthError, oauthJson, parseForm, preflight, type ApiRequest, type ApiResult } from "./http";
import { authorizationServerMetadata } from "./issuer";
import type { ClientDeps } from "./metadata-client";
import { revokeForClient } from "./revocation";
import { exchange } from "./token";

/**
 * The OAuth endpoints on plain values: the route handlers adapt them, the tests call them.
 * Failures are limited per address like verify's (lib/verify/rate-limit.ts): a failed token or
 * revocation request costs a unit, and so does every registration, since each one adds a row.
 * `clients` replaces the metadata-document fetch policy and limiter (tests).
 */
export type OAuthLimits = { failures: FailureLimiter; registrations: FailureLimiter; clients?: ClientDeps };

export function createOAuthLimits(clients?: ClientDeps): OAuthLimits {
  return { failures: new FailureLimiter(DEFAULT_ADDRESS_LIMITS), registrations: new FailureLimiter({ capacity: 20, refillPerSecond: 0.2, maxKeys: 10_000 }), clients };
}

const defaultLimits = createOAuthLimits();

function ctxOf(req: ApiRequest) {
  return { clientIp: req.remoteAddress, userAgent: req.header("user-agent")?.slice(0, VERIFY_LIMITS.userAgent) ?? null };
}

function precheck(req: ApiRequest, methods: string): ApiResult | null {
  if (req.method === "OPTIONS") return preflight(methods);
  if (!methods.split(", ").includes(req.method)) {
    return oauthJson(405, { error: "invalid_request", error_description: `Use ${methods.split(", ")[0]}.` }, { allow: methods });
  }
  if (req.search && req.search !== "?" && req.method === "POST") {
    throw new OAuthError("invalid_request", "Send the parameters in the body, never in the URL.");
  }
  if (req.bodyTooLarge || req.body.length > VERIFY_LIMITS.bodyBytes) throw new OAuthError("invalid_request", `The body must be at most ${VERIFY_LIMITS.bodyBytes} bytes.`, 413);
  return null;
}

function limited(limiter: FailureLimiter, req: ApiRequest, now: number): ApiResult | null {
  const wait = limiter.retryAfter(addressKey(req.remoteAddress ?? "unknown"), now);
  if (wait === 0) return null;
  return oauthJson(429, { error: "invalid_request", error_description: "Too many requests from this address; slow down." }, { "retry-after": String(wait) });
}

/** Runs `run`, charging the address for a refusal. */
async function charged(limiter: FailureLimiter, req: ApiRequest, now: number, run: () => Promise<ApiResult>): Promise<ApiResult> {
  const result = await answerAsync(run);
  if (result.status >= 400 && result.status !== 405) limiter.recordFailure(addressKey(req.remoteAddress ?? "unknown"), now);
  return result;
}

/** `GET /.well-known/oauth-authorization-server` (RFC 8414 §3). */
export function handleMetadata(req: ApiRequest): ApiResult {
  return answer(() => precheck(req, "GET, HEAD, OPTIONS") ?? oauthJson(200, authorizationServerMetadata(), { "cache-control": "public, max-age=300" }));
}

/** `POST /oauth/register` (RFC 7591 §3). */
export function handleRegister(req: ApiRequest, limits = defaultLimits, now = Date.now()): ApiResult {
  return answer(() => {
    const early = precheck(req, "POST, OPTIONS");
    if (early) return early;
    const slow = limited(limits.registrations, req, now);
    if (slow) return slow;
    if (req.header("content-type")?.split(";")[0]?.trim().toLowerCase() !== "application/json") {
      throw new OAuthError("invalid_client_metadata", "Send the client metadata as application/json.");
    }
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      throw new OAuthError("invalid_client_metadata", "The body is not JSON.");
    }
    limits.registrations.recordFailure(addressKey(req.remoteAddress ?? "unknown"), now);
    return oauthJson(201, registerClient(body, ctxOf(req), limits.clients?.policy));
  });
}

/**
 * A POST endpoint an authenticated client calls (token, revocation): limited, form-parsed and
 * client-authenticated alike, so the two cannot drift apart.
 */
function clientEndpoint(req: ApiRequest, limits: OAuthLimits, now: number, run: (form: Map<string, string>, client: OAuthClient) => ApiResult): Promise<ApiResult> {
  return answerAsync(async () => {
    const early = precheck(req, "POST, OPTIONS");
    if (early) return early;
    return limited(limits.failures, req, now) ?? charged(limits.failures, req, now, async () => {
      const form = parseForm(req);
      return run(form, await authenticateClient(req.header("authorization"), form, ctxOf(req), limits.clients, now));
    });
  });
}

/** `POST /oauth/token` (RFC 6749 §3.2). */
export function handleToken(req: ApiRequest, limits = defaultLimits, now = Date.now()): Promise<ApiResult> {
  return clientEndpoint(req, limits, now, (form, client) => oauthJson(200, exchange(form, client, ctxOf(req), now)));
}

/** `POST /oauth/revoke` (RFC 7009 §2). */
export function handleRevocation(req: ApiRequest, limits = defaultLimits, now = Date.now()): Promise<ApiResult> {
  return clientEndpoint(req, limits, now, (form, client) => {
    const token = form.get("token");
    if (!token) throw new OAuthError("invalid_request", "token is required.");
    // token_type_hint is only a hint (§2.1): the token's prefix says what it is.
    revokeForClient(token, client, ctxOf(req));
    return oauthJson(200, {});
  });
}
