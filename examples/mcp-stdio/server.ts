/**
 * The notes server of examples/mcp-server over stdio (MCP SDK v2), for the local patterns: the
 * user's token comes from GATEHOUSE_TOKEN, and every tools/call is verified and audited by
 * Gatehouse; without a token, calls run only if Gatehouse has the server registered as local,
 * one user, and are audited with the OS user. stdout is the MCP channel: everything else goes to stderr.
 * `npm run example:mcp-stdio`.
 */
import { McpServer } from "@modelcontextprotocol/server";
import { StdioServerTransport } from "@modelcontextprotocol/server/stdio";
import { z } from "zod";
// In your project: import { … } from "@gatehouse/mcp";
import { gatehouseStdio, reportTools } from "../../packages/mcp/src/index";

const { GATEHOUSE_URL, GATEHOUSE_SERVER_CREDENTIAL, GATEHOUSE_TOKEN } = process.env;
if (!GATEHOUSE_URL || !GATEHOUSE_SERVER_CREDENTIAL) {
  console.error("Set GATEHOUSE_URL and GATEHOUSE_SERVER_CREDENTIAL (the mcps_… credential from the server's page in Gatehouse), and GATEHOUSE_TOKEN (your mcpt_… token).");
  process.exit(1);
}

const notes: { text: string; by: string }[] = [];

function buildServer(): McpServer {
  const server = new McpServer({ name: "gatehouse-example-notes-stdio", version: "2.0.0" });
  server.registerTool("list_notes", { title: "List notes", description: "Lists all notes.", annotations: { readOnlyHint: true } }, async () => ({
    content: [{ type: "text", text: notes.length ? notes.map((n) => `- ${n.text} (${n.by})`).join("\n") : "No notes yet." }],
  }));
  server.registerTool(
    "add_note",
    { title: "Add a note", description: "Adds a note.", inputSchema: z.object({ text: z.string().min(1).max(1000) }), annotations: { readOnlyHint: false } },
    async ({ text }, ctx) => {
      notes.push({ text, by: String(ctx.http?.authInfo?.extra?.email ?? "someone") });
      return { content: [{ type: "text", text: `Added note #${notes.length}.` }] };
    },
  );
  return server;
}

const gatehouse = { url: GATEHOUSE_URL, serverCredential: GATEHOUSE_SERVER_CREDENTIAL };
try {
  const classified = await reportTools(gatehouse, buildServer());
  console.error(`Reported ${classified.length} tools to Gatehouse: ${classified.map((t) => `${t.name}=${t.class}`).join(", ")}`);
} catch (err) {
  console.error(`Could not report tools to Gatehouse: ${err instanceof Error ? err.message : String(err)}`);
}
if (!GATEHOUSE_TOKEN) console.error("GATEHOUSE_TOKEN is not set: tools run only if Gatehouse has this server registered as local, one user.");
await buildServer().connect(gatehouseStdio(new StdioServerTransport(), { ...gatehouse, token: GATEHOUSE_TOKEN }));
