import { publicBaseUrl } from "@/lib/http/base-url";
import { ASSERTION_ALGORITHMS } from "./client-assertion-algorithms";

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

const AUTH_METHODS = ["none", "client_secret_basic", "client_secret_post", "private_key_jwt"];

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
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    token_endpoint_auth_signing_alg_values_supported: ASSERTION_ALGORITHMS,
    revocation_endpoint_auth_methods_supported: AUTH_METHODS,
    revocation_endpoint_auth_signing_alg_values_supported: ASSERTION_ALGORITHMS,
    // An https client_id is fetched as the client's metadata (lib/oauth/metadata-client.ts).
    client_id_metadata_document_supported: true,
    authorization_response_iss_parameter_supported: true,
  };
}
