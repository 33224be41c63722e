/**
 * The JSON an MCP client (Claude Desktop, Cursor, VS Code, the SDK's examples) takes for a
 * Streamable HTTP server that needs a bearer token. One entry per server the token is for.
 */
export type ConfigServer = { slug: string; url: string };

export const PLACEHOLDER_URL = "https://your-mcp-server.example/mcp";

export function mcpClientConfig(secret: string, servers: readonly ConfigServer[], baseUrl: string): string {
  const entries = servers.length > 0 ? servers : [{ slug: "mcp-server", url: PLACEHOLDER_URL }];
  const mcpServers = Object.fromEntries(
    entries.map((s) => [
      s.slug,
      // Relative URLs (a server registered by path) are resolved against Gatehouse's public address.
      { type: "http", url: new URL(s.url, `${baseUrl}/`).toString(), headers: { Authorization: `Bearer ${secret}` } },
    ]),
  );
  return JSON.stringify({ mcpServers }, null, 2);
}
