import { putTools, type GatehouseOptions, type ReportedTool } from "./api.js";

/** An McpServer of SDK v1 or v2, not connected yet; both speak to the v1 in-memory client. */
type UnconnectedServer = { connect(transport: never): Promise<void>; close(): Promise<void> };

/** Lists a server's tools the way any MCP client sees them (through an in-memory connection). */
async function listTools(server: UnconnectedServer): Promise<ReportedTool[]> {
  // Loaded here, not at import: only listing a live server needs the v1 SDK (v2-only projects pass a list).
  const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
  const { InMemoryTransport } = await import("@modelcontextprotocol/sdk/inMemory.js");
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "gatehouse-tool-report", version: "1" });
  await server.connect(serverSide as never);
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
export async function reportTools(opts: GatehouseOptions, server: UnconnectedServer | ReportedTool[]) {
  const tools = Array.isArray(server) ? server : await listTools(server);
  return putTools(opts, tools);
}
