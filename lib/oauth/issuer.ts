import { publicBaseUrl } from "@/lib/http/base-url";

/**
 * Gatehouse's OAuth issuer identifier: AUTH_URL, never the Host header (a forged Host must not
 * change where tokens say they come from). RFC 8414 §3.3 and RFC 9207 compare it byte for byte.
 */
export function issuer(): string {
  return publicBaseUrl();
}

export const OAUTH_PATHS = {
  authorize: "/oauth/authorize",
  token: "/oauth/token",
  register: "/oauth/register",
  revoke: "/oauth/revoke",
} as const;

/** RFC 8414 authorization server metadata, with the fields the MCP authorization spec relies on. */
export function authorizationServerMetadata() {
  const iss = issuer();
  return {
    issuer: iss,
    authorization_endpoint: iss + OAUTH_PATHS.authorize,
    token_endpoint: iss + OAUTH_PATHS.token,
    registration_endpoint: iss + OAUTH_PATHS.register,
    revocation_endpoint: iss + OAUTH_PATHS.revoke,
    introspection_endpoint: iss + "/api/v1/introspect",
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["S256"],
    scopes_supported: ["tools:read", "tools:write", "offline_access"],
    // private_key_jwt and client_id_metadata_document_supported join these once they are built
    // (docs/OAUTH.md): advertising a method that fails would send clients down a dead end.
    token_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post"],
    revocation_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post"],
    authorization_response_iss_parameter_supported: true,
  };
}
