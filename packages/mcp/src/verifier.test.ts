import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { registerServer } from "@/lib/servers/mutations";
import { reportTools as reportToolsToDb } from "@/lib/servers/tools";
import type { ReportedTool } from "@/lib/validation/servers";
import { handleFastPath } from "@/lib/verify/node";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";
import { gatehouseVerifier, reportTools, toolCallGuard } from "./index";

const ctx = { actor: SYSTEM_ACTOR, clientIp: null, userAgent: "vitest" };

function buildServer() {
  const server = new McpServer({ name: "t", version: "1" });
  server.registerTool("list_notes", { annotations: { readOnlyHint: true } }, async () => ({ content: [{ type: "text", text: "none" }] }));
  server.registerTool("add_note", { inputSchema: { text: z.string() } }, async ({ text }, extra) => ({
    content: [{ type: "text", text: `added ${text} for ${String(extra.authInfo?.extra?.email)}` }],
  }));
  return server;
}

/** The SDK client's error for an HTTP refusal: its status code and the server's explanation. */
const failure = (code: number, message: RegExp) => (err: unknown) =>
  err instanceof Error && (err as Error & { code?: number }).code === code && message.test(err.message);

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("@gatehouse/mcp with the SDK's own middleware, server and client", () => {
  useTempDb();
  const closers: (() => unknown)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it("authenticates, checks tools by class, and reports tools", async () => {
    const gatehouseHttp = http.createServer((req, res) => {
      if (!handleFastPath(req, res, req.socket.remoteAddress ?? null)) res.writeHead(404).end();
    });
    const gatehouseUrl = await listen(gatehouseHttp);
    closers.push(() => gatehouseHttp.close());
    const { server, credential } = registerServer({ name: "Notes", url: "http://127.0.0.1/mcp", deployment: "remote" }, ctx);
    const user = insertUser({ email: "reader@example.com" });
    const read = insertToken({ ownerId: user.id, scope: "read", serverIds: [server.id] });
    const write = insertToken({ ownerId: user.id, scope: "write" });

    // PUT /api/v1/tools is a Next route, not on the fast path: check what the helper sends, then store it.
    const reported: unknown[] = [];
    await reportTools({ url: gatehouseUrl, serverCredential: credential, fetch: async (_u, init) => (reported.push(JSON.parse(String(init?.body))), Response.json({ tools: [] })) }, buildServer());
    expect(reported).toEqual([
      { tools: [
        { name: "list_notes", annotations: { readOnlyHint: true } },
        { name: "add_note" },
      ] },
    ]);
    reportToolsToDb(server, (reported[0] as { tools: ReportedTool[] }).tools, { clientIp: null, userAgent: null });

    const verifier = gatehouseVerifier({ url: gatehouseUrl, serverCredential: credential });
    const app = createMcpExpressApp();
    app.post("/mcp", toolCallGuard(verifier), requireBearerAuth({ verifier }), async (req, res) => {
      const mcp = buildServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on("close", () => void transport.close());
      await mcp.connect(transport);
      await transport.handleRequest(req, res, req.body);
    });
    const mcpHttp = http.createServer(app);
    const mcpUrl = await listen(mcpHttp);
    closers.push(() => mcpHttp.close());

    async function connect(token: string) {
      const client = new Client({ name: "vitest", version: "1" });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${mcpUrl}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
      closers.push(() => client.close());
      return client;
    }

    const reader = await connect(read.secret);
    expect((await reader.listTools()).tools.map((t) => t.name)).toEqual(["list_notes", "add_note"]);
    expect(await reader.callTool({ name: "list_notes", arguments: {} })).toMatchObject({ content: [{ text: "none" }] });
    await expect(reader.callTool({ name: "add_note", arguments: { text: "hi" } })).rejects.toSatisfy(
      failure(403, /insufficient_scope.*add_note.* can change data and this token is read-only/),
    );

    const writer = await connect(write.secret);
    expect(await writer.callTool({ name: "add_note", arguments: { text: "hi" } })).toMatchObject({ content: [{ text: "added hi for reader@example.com" }] });

    await expect(connect("mcpt_garbage")).rejects.toSatisfy(failure(401, /not a Gatehouse token/));
  });
});
