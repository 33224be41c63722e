/**
 * The answers an MCP client gets when a request is refused, in the shapes the MCP authorization
 * spec and RFC 6750 §3 ask for: the JSON body of an OAuth error and a `WWW-Authenticate`
 * challenge that names the metadata document (RFC 9728 §5.1) and the scope to ask for.
 */
import type { ServerResponse } from "node:http";

/** Clients ask for the baseline scope first (least privilege) and step up on a 403. */
export const BASELINE_SCOPE = "tools:read";
export const WRITE_SCOPES = "tools:read tools:write";

export type Refusal = {
  status: 400 | 401 | 403 | 429 | 503;
  /** OAuth error code; absent for a request that carried no token (RFC 6750 §3.1). */
  error?: "invalid_request" | "invalid_token" | "insufficient_scope" | "too_many_requests" | "temporarily_unavailable";
  description: string;
  scope?: string;
  retryAfter?: number;
};

/** WWW-Authenticate values are quoted-strings: printable ASCII, no double quotes or backslashes. */
function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, "?")}"`;
}

export function challenge(refusal: Refusal, resourceMetadataUrl: string): string {
  const params: string[] = [];
  if (refusal.error) params.push(`error=${quoted(refusal.error)}`, `error_description=${quoted(refusal.description)}`);
  if (refusal.scope) params.push(`scope=${quoted(refusal.scope)}`);
  params.push(`resource_metadata=${quoted(resourceMetadataUrl)}`);
  return `Bearer ${params.join(", ")}`;
}

export function sendRefusal(res: ServerResponse, refusal: Refusal, resourceMetadataUrl: string): void {
  const headers: Record<string, string> = { "content-type": "application/json", "cache-control": "no-store" };
  if (refusal.status === 401 || refusal.status === 403) headers["www-authenticate"] = challenge(refusal, resourceMetadataUrl);
  if (refusal.retryAfter !== undefined) headers["retry-after"] = String(refusal.retryAfter);
  res.writeHead(refusal.status, headers);
  res.end(JSON.stringify({ error: refusal.error ?? "invalid_token", error_description: refusal.description }));
}
