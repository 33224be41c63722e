import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { putTools, type GatehouseOptions, type ReportedTool } from "./api";

/** Lists a server's tools the way any MCP client sees them (through an in-memory connection). */
async function listTools(server: McpServer): Promise<ReportedTool[]> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "gatehouse-tool-report", version: "1" });
  await server.connect(serverSide);
  await client.connect(clientSide);
  try {
    const tools: ReportedTool[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined);
      for (const t of page.tools) tools.push({ name: t.name, title: t.title, annotations: t.annotations });
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  } finally {
    await client.close();
    await server.close();
  }
}

/**
 * Reports the tools of `server` (a fresh McpServer that is not connected yet, e.g. from your
 * factory) and their annotations to Gatehouse, which classes them: readOnlyHint: true → read,
 * anything else → write. Call it at start-up; it resolves to Gatehouse's classification.
 */
export async function reportTools(opts: GatehouseOptions, server: McpServer | ReportedTool[]) {
  const tools = Array.isArray(server) ? server : await listTools(server);
  return putTools(opts, tools);
}
