import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { mcpServers, type McpServer } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { serverInService } from "@/lib/servers/in-service";
import { OAuthError } from "./http";

/** A bare origin's URL with and without its trailing slash are the same resource (RFC 8707 clients differ). */
function canonical(uri: string): string | null {
  if (!URL.canParse(uri)) return null;
  const url = new URL(uri);
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.hash || uri.includes("#")) return null;
  return url.pathname === "/" && !url.search ? url.origin : uri;
}

/** RFC 8707 §2: the resource exists but this authorization server will not issue tokens for it. */
export function notAcceptingOAuth(serverName: string): OAuthError {
  return new OAuthError("invalid_target", `The MCP server "${serverName}" does not accept OAuth clients: its Gatehouse administrator has turned OAuth off for it.`);
}

/**
 * The refusal for a grant or pending request on a server whose OAuth an admin has since turned
 * off, or null: said as that, not as a bare revocation, so the person knows what to ask for.
 */
export function closedServerRefusal(tx: Tx, serverId: string): OAuthError | null {
  const server = tx.select({ name: mcpServers.name, acceptsOAuth: mcpServers.acceptsOAuth }).from(mcpServers).where(eq(mcpServers.id, serverId)).get();
  return server && !server.acceptsOAuth ? notAcceptingOAuth(server.name) : null;
}

/**
 * The one registered, active server that an RFC 8707 `resource` names, compared with its
 * registered URL exactly (bar a bare origin's trailing slash), that accepts OAuth clients;
 * anything else is invalid_target.
 * Tokens are bound to that one server, so a token for one server is refused by every other.
 */
export function serverForResource(resource: string | undefined): McpServer {
  if (!resource) throw new OAuthError("invalid_target", "Name the MCP server in the resource parameter (RFC 8707): its URL as registered in Gatehouse.");
  const wanted = canonical(resource);
  if (!wanted) throw new OAuthError("invalid_target", "resource must be the http(s) URL of an MCP server, without a fragment.");
  // A handful of servers: comparing in code keeps the trailing-slash rule in one place.
  const match = db()
    .select()
    .from(mcpServers)
    .where(serverInService)
    .all()
    // A stdio server has no URL: OAuth, which needs one, never reaches it.
    .filter((s) => s.url !== null && canonical(s.url) === wanted);
  if (match.length !== 1) throw new OAuthError("invalid_target", "resource does not name an MCP server registered and active in Gatehouse.");
  const server = match[0]!;
  if (!server.acceptsOAuth) throw notAcceptingOAuth(server.name);
  return server;
}
