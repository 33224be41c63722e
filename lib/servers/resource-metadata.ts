import { serverAudience } from "./audience";

/**
 * RFC 9728 protected-resource metadata for a registered MCP server, built by Gatehouse so that
 * every server publishes the same truthful document (MCP authorization, 2025-06-18 onward).
 * `authorization_servers` names Gatehouse itself when the server accepts OAuth clients (docs/OAUTH.md),
 * so a client that has only the server's URL finds the rest. When it does not, the field is left
 * out (RFC 9728 §2: optional): a client is not sent to an authorization server that would refuse it.
 */
import { issuer } from "@/lib/oauth/issuer";

export type ProtectedResourceMetadata = {
  resource: string;
  resource_name: string;
  authorization_servers?: string[];
  scopes_supported: string[];
  bearer_methods_supported: string[];
};

/** The baseline scope first: clients that ask for the first listed scope ask for least privilege. */
export const SCOPES_SUPPORTED = ["tools:read", "tools:write"] as const;

export function protectedResourceMetadata(server: { name: string; slug: string; url: string | null; acceptsOAuth: boolean }): ProtectedResourceMetadata {
  return {
    // RFC 9728 §3.3: the client compares this with the URL it used, so it is the registered URL exactly.
    resource: serverAudience(server),
    resource_name: server.name,
    ...(server.acceptsOAuth ? { authorization_servers: [issuer()] } : {}),
    scopes_supported: [...SCOPES_SUPPORTED],
    // Tokens in URLs or form bodies leak into logs; the header is the only method accepted.
    bearer_methods_supported: ["header"],
  };
}
