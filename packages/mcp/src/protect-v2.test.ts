import http from "node:http";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";
import { McpServer } from "@modelcontextprotocol/server";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { registerServer } from "@/lib/servers/mutations";
import { listen, startGatehouseApi } from "@/test/fixtures/gatehouse-http";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";
import { gatehouseAuth, reportTools, type GatehouseAuth } from "./index";

/** The same protection on SDK v2 (protocol 2026-07-28): v2 server, v2 transport, v2 client. */
function buildServer() {
  const server = new McpServer({ name: "t2", version: "2" });
  server.registerTool("list_notes", { annotations: { readOnlyHint: true } }, async () => ({ content: [{ type: "text", text: "none" }] }));
  server.registerTool("add_note", { inputSchema: z.object({ text: z.string() }) }, async ({ text }, ctx) => ({
    content: [{ type: "text", text: `added ${text} for ${String(ctx.http?.authInfo?.extra?.email)}` }],
  }));
  return server;
}

describe("gatehouseAuth with the MCP SDK v2", () => {
  useTempDb();
  const closers: (() => unknown)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it("lets a read token read, refuses it a write tool with 403 insufficient_scope, and lets a write token write", async () => {
    const gatehouse = await startGatehouseApi();
    closers.push(gatehouse.close);
    // Created once the server is registered, which needs the port the MCP server listens on.
    const ref: { auth?: GatehouseAuth } = {};
    const mcpHttp = http.createServer((req, res) =>
      ref.auth!(req, res, async () => {
        const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
        await buildServer().connect(transport);
        await transport.handleRequest(req, res, (req as { body?: unknown }).body);
      }),
    );
    const resource = `${await listen(mcpHttp)}/mcp`;
    closers.push(() => mcpHttp.close());
    const { server, credential } = registerServer({ name: "Notes", url: resource, deployment: "remote" }, { actor: "system", clientIp: null, userAgent: "vitest" });
    ref.auth = gatehouseAuth({ url: gatehouse.url, serverCredential: credential });
    const classified = await reportTools({ url: gatehouse.url, serverCredential: credential }, buildServer());
    expect(classified.map((t) => `${t.name}=${t.class}`)).toEqual(["list_notes=read", "add_note=write"]);
    const user = insertUser({ email: "v2@example.com" });
    const connect = async (token: string) => {
      const client = new Client({ name: "vitest-v2", version: "2" });
      await client.connect(new StreamableHTTPClientTransport(new URL(resource), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
      closers.push(() => client.close());
      return client;
    };

    const reader = await connect(insertToken({ ownerId: user.id, scope: "read", serverIds: [server.id] }).secret);
    expect(await reader.callTool({ name: "list_notes", arguments: {} })).toMatchObject({ content: [{ text: "none" }] });
    // The v2 client reads the scope from our WWW-Authenticate challenge, as it would to step up.
    await expect(reader.callTool({ name: "add_note", arguments: { text: "hi" } })).rejects.toThrow('Insufficient scope: required "tools:read tools:write"');
    const writer = await connect(insertToken({ ownerId: user.id, scope: "write" }).secret);
    expect(await writer.callTool({ name: "add_note", arguments: { text: "hi" } })).toMatchObject({ content: [{ text: "added hi for v2@example.com" }] });
  });
});
