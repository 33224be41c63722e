/**
 * HTTP semantics of /api/v1/verify, /introspect and /revoke, written once on plain values
 * (method, headers, body text) → (status, headers, body), so the fast path in server.ts and
 * the Next route handlers answer byte for byte alike.
 */
import { API_ERRORS, errorBody, type ApiErrorCode } from "@/lib/http/api-errors";
import { publicBaseUrl } from "@/lib/http/base-url";
import { serverAudience } from "@/lib/servers/audience";
import { isJsonContentType, parseIntrospectionForm, parseLocalCallBody, parseTokenForm, parseVerifyBody, VERIFY_LIMITS } from "@/lib/validation/verify";
import { bearerCredential, introspectionClient, invalidClientChallenge } from "./client-auth";
import { defaultVerifyDeps, verify, type ActiveToken, type Decision, type VerifyDeps } from "./core";
import { decideLocalCall, type LocalCallDecision } from "./local-call";
import { revokePresentedToken } from "./revoke";

export type ApiRequest = {
  method: string;
  /** A request header by lower-case name. */
  header: (name: string) => string | null;
  body: string;
  /** Set by a reader that stopped at VERIFY_LIMITS.bodyBytes. */
  bodyTooLarge?: boolean;
  /** The URL's query string ("?…"), if any. These endpoints take none. */
  search?: string;
  remoteAddress: string | null;
};

export type ApiResult = { status: number; headers: Record<string, string>; body: string };

const JSON_HEADERS = { "content-type": "application/json", "cache-control": "no-store" } as const;
// A token without an expiry is reported as valid for this long: callers must verify again, never cache.
const NO_EXPIRY_HORIZON_MS = 60 * 60 * 1000;

function json(status: number, data: unknown, extra?: Record<string, string>): ApiResult {
  return { status, headers: extra ? { ...JSON_HEADERS, ...extra } : JSON_HEADERS, body: JSON.stringify(data) };
}

function fail(code: ApiErrorCode, message: string, extra?: Record<string, string>): ApiResult {
  return json(API_ERRORS[code], errorBody(code, message), extra);
}

/** Refusals common to all three endpoints, all decided without touching the database. */
function precheck(req: ApiRequest): ApiResult | null {
  // URLs end up in proxy logs, browser history and Referer headers: a token there is already leaked.
  // Refuse it loudly (before the method check) rather than quietly ignore it.
  if (req.search && req.search !== "?") {
    return fail("invalid_request", "Send tokens and credentials in the body and the Authorization header, never in the URL.");
  }
  if (req.method !== "POST") return fail("method_not_allowed", "Use POST.", { allow: "POST" });
  if (req.bodyTooLarge || req.body.length > VERIFY_LIMITS.bodyBytes) {
    return fail("payload_too_large", `The body must be at most ${VERIFY_LIMITS.bodyBytes} bytes.`);
  }
  return null;
}

function bearer(req: ApiRequest): string | null {
  return bearerCredential(req.header("authorization"));
}

const UNAUTHENTICATED_HEADERS = { "www-authenticate": 'Bearer realm="gatehouse"' };

function refusal(d: Decision | LocalCallDecision): ApiResult | null {
  switch (d.outcome) {
    case "unauthenticated":
      return fail("unauthenticated", "A valid server credential is required (Authorization: Bearer mcps_…).", UNAUTHENTICATED_HEADERS);
    case "rate_limited":
      return fail("rate_limited", "Too many failed verifications; slow down.", { "retry-after": String(d.retryAfterSeconds) });
    case "audit_unavailable":
      return fail("audit_unavailable", "The decision could not be written to the audit log, so none was made.");
    default:
      return null;
  }
}

function expiresAtSeconds(token: ActiveToken, now: number): number {
  return Math.floor((token.expiresAt ?? now + NO_EXPIRY_HORIZON_MS) / 1000);
}

/** `POST /api/v1/verify`. */
export function handleVerify(req: ApiRequest, deps: VerifyDeps = defaultVerifyDeps()): ApiResult {
  const early = precheck(req);
  if (early) return early;
  if (!isJsonContentType(req.header("content-type"))) return fail("unsupported_media_type", "Send application/json.");
  const parsed = parseVerifyBody(req.body);
  if (!parsed.ok) return fail("invalid_request", parsed.message);
  const d = verify({ serverCredential: bearer(req), remoteAddress: req.remoteAddress, call: parsed.value, via: "verify" }, deps);
  const refused = refusal(d);
  if (refused) return refused;
  const now = deps.now();
  // Literals written out in full, not spread from a shared helper: see callAudit() in core.ts.
  switch (d.outcome) {
    case "allowed": {
      const t = d.token;
      return json(200, {
        active: true,
        allowed: true,
        user: t.user,
        token_id: t.id,
        scopes: t.scopes,
        expires_at: expiresAtSeconds(t, now),
        tool_class: d.toolClass,
        audit_id: d.auditId,
      });
    }
    case "denied": {
      const t = d.token;
      return json(200, {
        active: true,
        allowed: false,
        reason: "insufficient_scope",
        required_scope: d.requiredScope,
        tool_class: d.toolClass,
        user: t.user,
        token_id: t.id,
        scopes: t.scopes,
        expires_at: expiresAtSeconds(t, now),
        audit_id: d.auditId,
      });
    }
    default:
      return json(200, { active: false, reason: d.outcome === "inactive" ? d.reason : "unknown" });
  }
}

/**
 * `POST /api/v1/introspect` (RFC 7662). Inactive tokens get exactly `{"active":false}` (§2.2);
 * a refused client gets RFC 6749 §5.2's `invalid_client`, which OAuth libraries understand.
 */
export function handleIntrospect(req: ApiRequest, deps: VerifyDeps = defaultVerifyDeps()): ApiResult {
  const early = precheck(req);
  if (early) return early;
  const form = parseIntrospectionForm(req.body, req.header("content-type"));
  if (!form.ok) return fail("invalid_request", form.message);
  const client = introspectionClient(req.header("authorization"), form.value);
  if (client === "ambiguous") return fail("invalid_request", "Authenticate the client one way only: Authorization header or client_id/client_secret (RFC 6749 §2.3).");
  const call = { token: form.value.token, method: null, tool: null, requestId: null, clientIp: null, userAgent: null };
  const d = verify(
    { serverCredential: client?.credential ?? null, serverSlug: client?.slug, remoteAddress: req.remoteAddress, call, via: "introspect" },
    deps,
  );
  if (d.outcome === "unauthenticated") {
    return json(
      401,
      { error: "invalid_client", error_description: "A valid server credential is required (Basic slug:credential, client_id/client_secret, or Bearer mcps_…)." },
      { "www-authenticate": invalidClientChallenge(client?.scheme) },
    );
  }
  const refused = refusal(d);
  if (refused) return refused;
  if (d.outcome !== "allowed") return json(200, { active: false });
  const t = d.token;
  const now = deps.now();
  return json(200, {
    active: true,
    scope: t.scopes.join(" "),
    client_id: t.id,
    username: t.user.email,
    sub: t.user.id,
    // As in verify: a token without expiry gets the one-hour horizon, so introspection clients that require exp accept it.
    exp: expiresAtSeconds(t, now),
    iat: Math.floor(t.createdAt / 1000),
    aud: serverAudience(d.server),
    iss: publicBaseUrl(),
    token_type: "Bearer",
  });
}

/** `POST /api/v1/revoke` (RFC 7009 style): 200 whether or not the token existed. */
export function handleRevoke(req: ApiRequest, deps: VerifyDeps = defaultVerifyDeps()): ApiResult {
  const early = precheck(req);
  if (early) return early;
  const token = parseTokenForm(req.body, req.header("content-type"), true);
  if (!token.ok) return fail("invalid_request", token.message);
  const ctx = { clientIp: req.remoteAddress, userAgent: req.header("user-agent")?.slice(0, VERIFY_LIMITS.userAgent) ?? null };
  if (revokePresentedToken(token.value, ctx, deps) === "audit_unavailable") {
    return fail("audit_unavailable", "The revocation could not be written to the audit log; nothing was changed. Try again.");
  }
  return json(200, {});
}

/**
 * `POST /api/v1/local-calls`: a call without a token from a stdio server on one person's machine.
 * Allowed, and audited with the OS user, only for a server registered `local-single`; any other
 * server is told a token is required (and that is audited too).
 */
export function handleLocalCall(req: ApiRequest, deps: VerifyDeps = defaultVerifyDeps()): ApiResult {
  const early = precheck(req);
  if (early) return early;
  if (!isJsonContentType(req.header("content-type"))) return fail("unsupported_media_type", "Send application/json.");
  const parsed = parseLocalCallBody(req.body);
  if (!parsed.ok) return fail("invalid_request", parsed.message);
  const d = decideLocalCall(bearer(req), req.remoteAddress, parsed.value, deps);
  const refused = refusal(d);
  if (refused) return refused;
  if (d.outcome === "allowed") return json(200, { allowed: true, server: d.server.slug, tool_class: d.toolClass, audit_id: d.auditId });
  if (d.outcome === "token_required") {
    return json(200, {
      allowed: false,
      reason: "token_required",
      message: `${d.server.name} is not registered as a local, one-user server, so every call needs a token (GATEHOUSE_TOKEN).`,
      audit_id: d.auditId,
    });
  }
  return fail("internal_error", "Unexpected decision.");
}

/** The endpoints the fast path answers, by exact path. */
export const FAST_ROUTES: Record<string, (req: ApiRequest) => ApiResult> = {
  "/api/v1/verify": (req) => handleVerify(req),
  "/api/v1/introspect": (req) => handleIntrospect(req),
  "/api/v1/revoke": (req) => handleRevoke(req),
  "/api/v1/local-calls": (req) => handleLocalCall(req),
};
