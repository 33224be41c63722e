/**
 * A small, real MCP server (Streamable HTTP at /mcp) protected by Gatehouse: every request's
 * bearer token is verified, each tools/call is checked against the tool's class, and the tools
 * are reported to Gatehouse at start-up. `npm run example:mcp-server`.
 */
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";
// In your project: import { … } from "@gatehouse/mcp";
import { gatehouseVerifier, reportTools, toolCallGuard } from "../../packages/mcp/src/index";

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

/** A fresh MCP server per request (stateless Streamable HTTP); the notes live in this process. */
function buildServer(): McpServer {
  const server = new McpServer({ name: "gatehouse-example-notes", version: "1.0.0" });
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
      inputSchema: { text: z.string().min(1).max(1000) },
      annotations: { readOnlyHint: false, destructiveHint: false },
    },
    async ({ text }, extra) => {
      const by = String(extra.authInfo?.extra?.email ?? "someone");
      notes.push({ text, by, at: new Date().toISOString() });
      return { content: [{ type: "text", text: `Added note #${notes.length}.` }] };
    },
  );
  return server;
}

const gatehouse = { url: GATEHOUSE_URL, serverCredential: GATEHOUSE_SERVER_CREDENTIAL };
const verifier = gatehouseVerifier(gatehouse);

const app = createMcpExpressApp({ host: HOST });
app.post("/mcp", toolCallGuard(verifier), requireBearerAuth({ verifier }), async (req, res) => {
  const server = buildServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on("close", () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
// Stateless: no server-initiated stream and no sessions to end.
for (const method of ["get", "delete"] as const) {
  app[method]("/mcp", (_req, res) => {
    res.status(405).set("allow", "POST").json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed." }, id: null });
  });
}

try {
  const classified = await reportTools(gatehouse, buildServer());
  console.log(`Reported ${classified.length} tools to Gatehouse: ${classified.map((t) => `${t.name}=${t.class}`).join(", ")}`);
} catch (err) {
  // Unreported tools count as write in Gatehouse: safe, but read-only tokens cannot use them.
  console.warn(`Could not report tools to Gatehouse: ${err instanceof Error ? err.message : String(err)}`);
}

const listener = app.listen(PORT, HOST, () => {
  const address = listener.address();
  const port = typeof address === "object" && address ? address.port : PORT;
  console.log(`Notes MCP server on http://${HOST}:${port}/mcp`);
});
