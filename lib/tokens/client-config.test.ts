import { describe, expect, it } from "vitest";
import { mcpClientConfig, PLACEHOLDER_URL } from "./client-config";

const secret = "mcpt_" + "a".repeat(36);

describe("MCP client configuration", () => {
  it("has one Streamable HTTP entry per server, each with the bearer header", () => {
    const config = JSON.parse(mcpClientConfig(secret, [{ slug: "notes", url: "https://notes.example/mcp" }, { slug: "files", url: "/files/mcp" }], "https://gate.example"));
    expect(config).toEqual({
      mcpServers: {
        notes: { type: "http", url: "https://notes.example/mcp", headers: { Authorization: `Bearer ${secret}` } },
        files: { type: "http", url: "https://gate.example/files/mcp", headers: { Authorization: `Bearer ${secret}` } },
      },
    });
  });

  it("uses an example URL to replace when no server is known", () => {
    expect(JSON.parse(mcpClientConfig(secret, [], "https://gate.example")).mcpServers["mcp-server"].url).toBe(PLACEHOLDER_URL);
  });
});
