/**
 * A small, real MCP server (Streamable HTTP at /mcp, MCP SDK v2) protected by Gatehouse: every
 * request's bearer token is verified, each tools/call is checked against the tool's class, the
 * RFC 9728 metadata is published, and the tools are reported to Gatehouse at start-up.
 * `npm run example:mcp-server`.
 */
import http from "node:http";
import { hostHeaderValidation, toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
// In your project: import { … } from "@gatehouse/mcp";
import { gatehouseAuth, reportTools } from "../../packages/mcp/src/index";

const GATEHOUSE_URL = process.env.GATEHOUSE_URL;
const GATEHOUSE_SERVER_CREDENTIAL = process.env.GATEHOUSE_SERVER_CREDENTIAL;
const PORT = Number(process.env.PORT ?? 3333);
const HOST = process.env.HOST ?? "127.0.0.1";
if (!GATEHOUSE_URL || !GATEHOUSE_SERVER_CREDENTIAL) {
  console.error("Set GATEHOUSE_URL and GATEHOUSE_SERVER_CREDENTIAL (the mcps_… credential from the server's page in Gatehouse).");
  process.exit(1);
}

type Note = { text: string; by: string; at: string };
const notes: Note[] = [];

/** A fresh MCP server per request (stateless); the notes live in this process. */
function buildServer(): McpServer {
  const server = new McpServer({ name: "gatehouse-example-notes", version: "2.0.0" });
  server.registerTool(
    "list_notes",
    { title: "List notes", description: "Lists all notes.", annotations: { readOnlyHint: true } },
    async () => ({
      content: [{ type: "text", text: notes.length ? notes.map((n) => `- ${n.text} (${n.by})`).join("\n") : "No notes yet." }],
    }),
  );
  server.registerTool(
    "add_note",
    {
      title: "Add a note",
      description: "Adds a note.",
      inputSchema: z.object({ text: z.string().min(1).max(1000) }),
      annotations: { readOnlyHint: false, destructiveHint: false },
    },
    async ({ text }, ctx) => {
      const by = String(ctx.http?.authInfo?.extra?.email ?? "someone");
      notes.push({ text, by, at: new Date().toISOString() });
      return { content: [{ type: "text", text: `Added note #${notes.length}.` }] };
    },
  );
  return server;
}

const gatehouse = { url: GATEHOUSE_URL, serverCredential: GATEHOUSE_SERVER_CREDENTIAL };
const auth = gatehouseAuth(gatehouse);
// DNS-rebinding protection: a browser page on another name must not reach this local server.
const validHost = hostHeaderValidation(["localhost", "127.0.0.1", "[::1]", ...(HOST === "0.0.0.0" ? [] : [HOST])]);

// Protocol 2026-07-28 (per-request, stateless) and 2025-era stateless serving, from one factory.
const mcp = toNodeHandler(createMcpHandler(() => buildServer()));

async function handleMcp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (new URL(req.url ?? "/", "http://x").pathname !== "/mcp") return void res.writeHead(404).end();
  await mcp(req, res, (req as { body?: unknown }).body);
}

const listener = http.createServer((req, res) => {
  if (!validHost(req, res)) return;
  // gatehouseAuth first: it serves the metadata and lets through only allowed requests.
  auth(req, res, (err) => {
    if (err) return void res.writeHead(500).end();
    handleMcp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
});

try {
  const classified = await reportTools(gatehouse, buildServer());
  console.log(`Reported ${classified.length} tools to Gatehouse: ${classified.map((t) => `${t.name}=${t.class}`).join(", ")}`);
} catch (err) {
  // Unreported tools count as write in Gatehouse: safe, but read-only tokens cannot use them.
  console.warn(`Could not report tools to Gatehouse: ${err instanceof Error ? err.message : String(err)}`);
}
try {
  console.log(`Protecting ${(await auth.metadata()).resource} (as registered in Gatehouse)`);
} catch (err) {
  // Every request is refused with 503 until Gatehouse answers; nothing is allowed meanwhile.
  console.warn(`Could not fetch this server's metadata from Gatehouse: ${err instanceof Error ? err.message : String(err)}`);
}

listener.listen(PORT, HOST, () => {
  const address = listener.address();
  const port = typeof address === "object" && address ? address.port : PORT;
  console.log(`Notes MCP server on http://${HOST}:${port}/mcp`);
});
