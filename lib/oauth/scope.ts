import { OAuthError } from "./http";

/**
 * OAuth scopes are the verify API's: `tools:read`, and `tools:write`, which implies it.
 * `offline_access` asks for a refresh token; Gatehouse issues one with every grant, so it changes nothing.
 */
export type GrantScope = "read" | "write";

const KNOWN = new Set(["tools:read", "tools:write", "offline_access"]);

/** The scope a request asks for; none at all means the baseline, tools:read. */
export function parseScope(value: string | undefined): GrantScope {
  const parts = (value ?? "").split(" ").filter(Boolean);
  for (const p of parts) if (!KNOWN.has(p)) throw new OAuthError("invalid_scope", `Unknown scope ${p.slice(0, 40)}: use tools:read, tools:write or offline_access.`);
  return parts.includes("tools:write") ? "write" : "read";
}

export function scopeString(scope: GrantScope): string {
  return scope === "write" ? "tools:read tools:write" : "tools:read";
}
