/**
 * The HTTP shape of the OAuth endpoints, on plain values like lib/verify/http.ts: a result is
 * (status, headers, body), errors are RFC 6749 §5.2 bodies, and the endpoints a browser-based
 * client calls cross-origin carry CORS headers without credentials.
 */
import type { ApiResult } from "@/lib/verify/http";

export type { ApiRequest, ApiResult } from "@/lib/verify/http";

/** RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 8707 §2 and RFC 7009 error codes. */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "invalid_target"
  | "invalid_redirect_uri"
  | "invalid_client_metadata"
  | "unsupported_token_type"
  | "temporarily_unavailable"
  | "server_error";

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    readonly status = code === "invalid_client" ? 401 : code === "server_error" ? 500 : code === "temporarily_unavailable" ? 503 : 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

// No Access-Control-Allow-Credentials: these endpoints never read cookies, so a page on any origin may call them.
export const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type, mcp-protocol-version",
  "access-control-expose-headers": "www-authenticate, retry-after",
  "access-control-max-age": "86400",
} as const;

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" } as const;

export function oauthJson(status: number, data: unknown, extra: Record<string, string> = {}): ApiResult {
  return { status, headers: { "content-type": "application/json", ...NO_STORE, ...CORS_HEADERS, ...extra }, body: JSON.stringify(data) };
}

export function oauthErrorResult(err: OAuthError): ApiResult {
  return oauthJson(err.status, { error: err.code, error_description: err.description }, err.headers);
}

/** Preflight for a CORS endpoint that accepts `methods`. */
export function preflight(methods: string): ApiResult {
  return { status: 204, headers: { ...CORS_HEADERS, "access-control-allow-methods": methods, allow: methods }, body: "" };
}

/** The one place an endpoint's failure becomes an answer: an OAuthError as itself, anything else a generic 500 that leaks nothing. */
function failure(err: unknown): ApiResult {
  if (err instanceof OAuthError) return oauthErrorResult(err);
  console.error("unexpected OAuth endpoint error:", err instanceof Error ? err.name : "unknown");
  return oauthErrorResult(new OAuthError("server_error", "Something went wrong on our side."));
}

export function answer(run: () => ApiResult): ApiResult {
  try {
    return run();
  } catch (err) {
    return failure(err);
  }
}

/** `answer` for an endpoint that waits on something (a client's metadata document or keys). */
export async function answerAsync(run: () => Promise<ApiResult>): Promise<ApiResult> {
  try {
    return await run();
  } catch (err) {
    return failure(err);
  }
}

/**
 * An application/x-www-form-urlencoded body (RFC 6749 §3.2). A parameter sent twice is refused
 * (§3.1: "MUST NOT be included more than once"), as is any other media type.
 */
export function parseForm(req: { header: (name: string) => string | null; body: string }): Map<string, string> {
  const type = req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw new OAuthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
  const params = new URLSearchParams(req.body);
  const out = new Map<string, string>();
  for (const [key, value] of params) {
    if (out.has(key)) throw new OAuthError("invalid_request", `The parameter ${key.slice(0, 40)} was sent more than once.`);
    if (value.length > 4096) throw new OAuthError("invalid_request", `The parameter ${key.slice(0, 40)} is too long.`);
    out.set(key, value);
  }
  return out;
}
