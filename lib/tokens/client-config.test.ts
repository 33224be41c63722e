import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { mcpClientConfigs, PLACEHOLDER_COMMAND, PLACEHOLDER_URL, type McpClient } from "./client-config";

const secret = "mcpt_" + "a".repeat(36);
const bearer = `Bearer ${secret}`;
const base = "https://gate.example";

function config(client: McpClient, servers: Parameters<typeof mcpClientConfigs>[1]) {
  const found = mcpClientConfigs(secret, servers, base).find((c) => c.client === client)!;
  return found.text;
}

describe("MCP client configurations at reveal", () => {
  const http = [
    { slug: "notes", url: "https://notes.example/mcp" },
    { slug: "files", url: "/files/mcp" },
  ];

  it("offers the generic mcpServers JSON first, one Streamable HTTP entry per server with the bearer header", () => {
    expect(mcpClientConfigs(secret, http, base).map((c) => c.client)).toEqual(["generic", "claude-code", "claude-desktop", "vscode", "cursor"]);
    expect(JSON.parse(config("generic", http))).toEqual({
      mcpServers: {
        notes: { type: "http", url: "https://notes.example/mcp", headers: { Authorization: bearer } },
        files: { type: "http", url: "https://gate.example/files/mcp", headers: { Authorization: bearer } },
      },
    });
  });

  it("gives Claude Code one `claude mcp add` line per server, quoted for the shell", () => {
    expect(config("claude-code", http).split("\n")).toEqual([
      `claude mcp add --transport http notes https://notes.example/mcp --header 'Authorization: Bearer ${secret}'`,
      `claude mcp add --transport http files https://gate.example/files/mcp --header 'Authorization: Bearer ${secret}'`,
    ]);
    // What the shell makes of the line is the URL and the header exactly.
    const line = config("claude-code", [{ slug: "odd", url: "https://x.example/mcp?a=1&b=2#x" }]);
    const words = execFileSync("sh", ["-c", `set -- ${line.replace(/^claude /, "")}; printf '%s\\n' "$@"`], { encoding: "utf8" }).trimEnd().split("\n");
    expect(words).toEqual(["mcp", "add", "--transport", "http", "odd", "https://x.example/mcp?a=1&b=2#x", "--header", `Authorization: Bearer ${secret}`]);
  });

  it("reaches a remote server from Claude Desktop through mcp-remote, the header in the environment", () => {
    expect(JSON.parse(config("claude-desktop", http)).mcpServers.notes).toEqual({
      command: "npx",
      args: ["-y", "mcp-remote", "https://notes.example/mcp", "--header", "Authorization:${AUTH_HEADER}"],
      env: { AUTH_HEADER: bearer },
    });
  });

  it("writes VS Code's `servers` with type http, and Cursor's `mcpServers` with url and headers", () => {
    expect(JSON.parse(config("vscode", http)).servers.notes).toEqual({ type: "http", url: "https://notes.example/mcp", headers: { Authorization: bearer } });
    expect(JSON.parse(config("cursor", http)).mcpServers.notes).toEqual({ url: "https://notes.example/mcp", headers: { Authorization: bearer } });
  });

  it("gives a stdio server (no URL) the token in its environment in every client, the command left to fill in", () => {
    const stdio = [{ slug: "local-notes", url: null }];
    const env = { GATEHOUSE_URL: base, GATEHOUSE_TOKEN: secret };
    expect(JSON.parse(config("generic", stdio)).mcpServers["local-notes"]).toEqual({ command: PLACEHOLDER_COMMAND, env });
    expect(JSON.parse(config("claude-desktop", stdio)).mcpServers["local-notes"]).toEqual({ command: PLACEHOLDER_COMMAND, env });
    expect(JSON.parse(config("vscode", stdio)).servers["local-notes"]).toEqual({ type: "stdio", command: PLACEHOLDER_COMMAND, env });
    expect(JSON.parse(config("cursor", stdio)).mcpServers["local-notes"]).toEqual({ command: PLACEHOLDER_COMMAND, env });
    expect(config("claude-code", stdio)).toBe(`claude mcp add local-notes --env GATEHOUSE_URL=https://gate.example --env GATEHOUSE_TOKEN=${secret} -- ${PLACEHOLDER_COMMAND}`);
  });

  it("uses an example URL to replace when no server is known", () => {
    expect(JSON.parse(config("generic", [])).mcpServers["mcp-server"].url).toBe(PLACEHOLDER_URL);
  });
});
