/**
 * Ready-to-paste configurations for the MCP clients people use, one per client, each with an entry
 * per server the token is for. An HTTP server gets its URL and the bearer header; a stdio server
 * (no URL) gets the token in its environment (GATEHOUSE_TOKEN, as @gatehouse/mcp's gatehouseStdio
 * reads it), with the command left for the person to fill in: Gatehouse does not know it.
 */
export type ConfigServer = { slug: string; url: string | null };

export const PLACEHOLDER_URL = "https://your-mcp-server.example/mcp";
export const PLACEHOLDER_COMMAND = "<the command that starts this server>";

export const MCP_CLIENTS = ["generic", "claude-code", "claude-desktop", "vscode", "cursor"] as const;
export type McpClient = (typeof MCP_CLIENTS)[number];

export type ClientConfig = {
  client: McpClient;
  /** The client's name, as its users know it. */
  label: string;
  /** Where it goes: a file, or a terminal. */
  where: string;
  text: string;
};

type Entry = { slug: string; url: string } | { slug: string; url: null };

function entriesFor(servers: readonly ConfigServer[], baseUrl: string): Entry[] {
  const list = servers.length > 0 ? servers : [{ slug: "mcp-server", url: PLACEHOLDER_URL }];
  // Relative URLs (a server registered by path) are resolved against Gatehouse's public address.
  return list.map((s) => (s.url === null ? { slug: s.slug, url: null } : { slug: s.slug, url: new URL(s.url, `${baseUrl}/`).toString() }));
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** POSIX shell quoting: safe for any URL or name a person registered. */
function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

function stdioEnv(secret: string, baseUrl: string) {
  return { GATEHOUSE_URL: baseUrl, GATEHOUSE_TOKEN: secret };
}

/** The `mcpServers` JSON most clients and the SDK's examples take (Streamable HTTP with a bearer header). */
function generic(entries: Entry[], secret: string, baseUrl: string): string {
  const mcpServers = Object.fromEntries(
    entries.map((e) => [
      e.slug,
      e.url === null
        ? { command: PLACEHOLDER_COMMAND, env: stdioEnv(secret, baseUrl) }
        : { type: "http", url: e.url, headers: { Authorization: `Bearer ${secret}` } },
    ]),
  );
  return json({ mcpServers });
}

function claudeCode(entries: Entry[], secret: string, baseUrl: string): string {
  return entries
    .map((e) =>
      e.url === null
        ? `claude mcp add ${shellQuote(e.slug)} --env GATEHOUSE_URL=${shellQuote(baseUrl)} --env GATEHOUSE_TOKEN=${secret} -- ${PLACEHOLDER_COMMAND}`
        : `claude mcp add --transport http ${shellQuote(e.slug)} ${shellQuote(e.url)} --header ${shellQuote(`Authorization: Bearer ${secret}`)}`,
    )
    .join("\n");
}

/**
 * Claude Desktop's configuration file runs local commands only: a remote server is reached
 * through mcp-remote, with the header in an environment variable (no space in the argument,
 * which Windows would split).
 */
function claudeDesktop(entries: Entry[], secret: string, baseUrl: string): string {
  const mcpServers = Object.fromEntries(
    entries.map((e) => [
      e.slug,
      e.url === null
        ? { command: PLACEHOLDER_COMMAND, env: stdioEnv(secret, baseUrl) }
        : { command: "npx", args: ["-y", "mcp-remote", e.url, "--header", "Authorization:${AUTH_HEADER}"], env: { AUTH_HEADER: `Bearer ${secret}` } },
    ]),
  );
  return json({ mcpServers });
}

function vscode(entries: Entry[], secret: string, baseUrl: string): string {
  const servers = Object.fromEntries(
    entries.map((e) => [
      e.slug,
      e.url === null
        ? { type: "stdio", command: PLACEHOLDER_COMMAND, env: stdioEnv(secret, baseUrl) }
        : { type: "http", url: e.url, headers: { Authorization: `Bearer ${secret}` } },
    ]),
  );
  return json({ servers });
}

function cursor(entries: Entry[], secret: string, baseUrl: string): string {
  const mcpServers = Object.fromEntries(
    entries.map((e) => [
      e.slug,
      e.url === null ? { command: PLACEHOLDER_COMMAND, env: stdioEnv(secret, baseUrl) } : { url: e.url, headers: { Authorization: `Bearer ${secret}` } },
    ]),
  );
  return json({ mcpServers });
}

/** One configuration per client, the generic one first. */
export function mcpClientConfigs(secret: string, servers: readonly ConfigServer[], baseUrl: string): ClientConfig[] {
  const entries = entriesFor(servers, baseUrl);
  return [
    { client: "generic", label: "Any MCP client (mcpServers JSON)", where: "your client's MCP configuration", text: generic(entries, secret, baseUrl) },
    { client: "claude-code", label: "Claude Code", where: "a terminal", text: claudeCode(entries, secret, baseUrl) },
    { client: "claude-desktop", label: "Claude Desktop", where: "claude_desktop_config.json (Settings → Developer → Edit config)", text: claudeDesktop(entries, secret, baseUrl) },
    { client: "vscode", label: "VS Code", where: ".vscode/mcp.json", text: vscode(entries, secret, baseUrl) },
    { client: "cursor", label: "Cursor", where: "~/.cursor/mcp.json", text: cursor(entries, secret, baseUrl) },
  ];
}
