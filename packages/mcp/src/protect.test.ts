import http from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { registerServer } from "@/lib/servers/mutations";
import { listen, startGatehouseApi } from "@/test/fixtures/gatehouse-http";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";
import { issuer as gatehouseIssuer } from "@/lib/oauth/issuer";
import { gatehouseAuth, reportTools, type GatehouseAuth } from "./index";

const ctx = { actor: "system" as const, clientIp: null, userAgent: "vitest" };

function buildServer() {
  const server = new McpServer({ name: "t", version: "1" });
  server.registerTool("list_notes", { annotations: { readOnlyHint: true } }, async () => ({ content: [{ type: "text", text: "none" }] }));
  server.registerTool("add_note", { inputSchema: { text: z.string() } }, async ({ text }, extra) => ({
    content: [{ type: "text", text: `added ${text} for ${String(extra.authInfo?.extra?.email)} at ${String(extra.authInfo?.resource)}` }],
  }));
  server.registerTool("secret_tool", {}, async () => ({ content: [{ type: "text", text: "ran" }] }));
  return server;
}

/**
 * An MCP server as the README tells authors to write it: plain node:http, no body parser,
 * one `gatehouseAuth` in front of the SDK's transport.
 */
async function startMcpServer(auth: () => GatehouseAuth) {
  const server = http.createServer((req, res) => {
    auth()(req, res, async (err?: unknown) => {
      if (err) return void res.writeHead(500).end();
      const mcp = buildServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on("close", () => void transport.close());
      await mcp.connect(transport);
      await transport.handleRequest(req, res, (req as { body?: unknown }).body);
    });
  });
  const url = await listen(server);
  return { url, close: () => server.close() };
}

/** The SDK client's error for an HTTP refusal: its status code and the server's explanation. */
const failure = (code: number, message: RegExp) => (err: unknown) =>
  err instanceof Error && (err as Error & { code?: number }).code === code && message.test(err.message);

describe("gatehouseAuth: one middleware protects an MCP server completely", () => {
  useTempDb();
  const closers: (() => unknown)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function setUp(fetchImpl?: typeof fetch) {
    const gatehouse = await startGatehouseApi();
    closers.push(gatehouse.close);
    // Created once the server is registered, which needs the port the MCP server listens on.
    const ref: { auth?: GatehouseAuth } = {};
    const mcp = await startMcpServer(() => ref.auth!);
    closers.push(mcp.close);
    const resource = `${mcp.url}/mcp`;
    const { server, credential } = registerServer({ name: "Notes", url: resource, deployment: "remote" }, ctx);
    const opts = { url: gatehouse.url, serverCredential: credential, fetch: fetchImpl };
    ref.auth = gatehouseAuth(opts);
    const user = insertUser({ email: "reader@example.com" });
    const read = insertToken({ ownerId: user.id, scope: "read", serverIds: [server.id] });
    const write = insertToken({ ownerId: user.id, scope: "write" });
    await reportTools({ url: gatehouse.url, serverCredential: credential }, [
      { name: "list_notes", annotations: { readOnlyHint: true } },
      { name: "add_note" },
    ]);
    return { resource, mcpUrl: mcp.url, read: read.secret, write: write.secret };
  }

  async function connect(resource: string, token: string) {
    const client = new Client({ name: "vitest", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(resource), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    closers.push(() => client.close());
    return client;
  }

  it("checks every tools/call by class, without a body parser or any second piece to set up", async () => {
    const { resource, read, write } = await setUp();
    const reader = await connect(resource, read);
    expect(await reader.callTool({ name: "list_notes", arguments: {} })).toMatchObject({ content: [{ text: "none" }] });
    await expect(reader.callTool({ name: "add_note", arguments: { text: "hi" } })).rejects.toSatisfy(
      failure(403, /insufficient_scope.*'add_note' can change data and this token is read-only: it needs the tools:write scope/),
    );
    const writer = await connect(resource, write);
    // extra.authInfo.resource is the canonical URL, which the SDK's expectedResource check compares.
    expect(await writer.callTool({ name: "add_note", arguments: { text: "hi" } })).toMatchObject({
      content: [{ text: `added hi for reader@example.com at ${resource}` }],
    });
  });

  it("answers as the MCP authorization spec asks: 401 and 403 challenges with resource_metadata and scope", async () => {
    const { resource, mcpUrl, read } = await setUp();
    const metadataUrl = `${mcpUrl}/.well-known/oauth-protected-resource/mcp`;
    const post = (token: string | null, body: unknown) =>
      fetch(resource, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const call = (name: string) => ({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: {} } });

    const anonymous = await post(null, call("list_notes"));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe(`Bearer scope="tools:read", resource_metadata="${metadataUrl}"`);

    const garbage = await post("mcpt_garbage", call("list_notes"));
    expect(garbage.status).toBe(401);
    expect(garbage.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token", error_description="This is not a Gatehouse token.*", scope="tools:read", resource_metadata=/);

    const denied = await post(read, call("add_note"));
    expect(denied.status).toBe(403);
    expect(denied.headers.get("www-authenticate")).toBe(
      `Bearer error="insufficient_scope", error_description="The tool 'add_note' can change data and this token is read-only: it needs the tools:write scope.", scope="tools:read tools:write", resource_metadata="${metadataUrl}"`,
    );
    expect(await denied.json()).toEqual({ error: "insufficient_scope", error_description: expect.stringContaining("add_note") });

    const unknown = await post(read, call("secret_tool"));
    expect(unknown.status).toBe(403);
    expect((await unknown.json()).error_description).toBe(
      "The tool 'secret_tool' is not known to Gatehouse (never reported: treated as write) and this token is read-only: it needs the tools:write scope.",
    );
  });

  it("refuses a body that is not JSON, or a tool name Gatehouse cannot check, with a JSON-RPC error and no verification", async () => {
    const { resource, read } = await setUp();
    const send = (body: string) =>
      fetch(resource, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${read}` }, body });
    const notJson = await send("{not json");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: -32700 } });
    const badName = await send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "x".repeat(129) } }));
    expect(badName.status).toBe(400);
    expect(await badName.json()).toMatchObject({ error: { code: -32602, message: "Invalid tool name in tools/call" } });
  });

  it("serves Gatehouse's RFC 9728 document at the path-inserted and root well-known URLs, with CORS", async () => {
    const { resource, mcpUrl } = await setUp();
    for (const path of ["/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource"]) {
      const res = await fetch(mcpUrl + path, { headers: { origin: "https://inspector.example" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(await res.json()).toEqual({
        resource,
        resource_name: "Notes",
        authorization_servers: [gatehouseIssuer()],
        scopes_supported: ["tools:read", "tools:write"],
        bearer_methods_supported: ["header"],
      });
      const preflight = await fetch(mcpUrl + path, { method: "OPTIONS", headers: { origin: "https://inspector.example", "access-control-request-method": "GET" } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
    }
  });

  it("relays Gatehouse's 429 with Retry-After, and answers 503 (never an allow) when Gatehouse is unreachable", async () => {
    let mode: "up" | "rate_limited" | "down" = "up";
    const { resource, write } = await setUp(async (url, init) => {
      if (mode === "up" || String(url).endsWith("/api/v1/resource-metadata")) return fetch(url, init);
      if (mode === "rate_limited") return Response.json({ error: { code: "rate_limited", message: "slow down" } }, { status: 429, headers: { "retry-after": "7" } });
      throw new TypeError("fetch failed: connect ECONNREFUSED");
    });
    const writer = await connect(resource, write);
    mode = "rate_limited";
    const post = () =>
      fetch(resource, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${write}` },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add_note", arguments: { text: "x" } } }),
      });
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    mode = "down";
    const down = await post();
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ error: "temporarily_unavailable" });
    await expect(writer.callTool({ name: "add_note", arguments: { text: "y" } })).rejects.toSatisfy(failure(503, /Gatehouse is unavailable/));
  });
});
