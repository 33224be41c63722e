import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { registerServer } from "@/lib/servers/mutations";
import { startGatehouseApi } from "@/test/fixtures/gatehouse-http";
import { insertToken, insertUser, revokeFixtureToken, rotateFixtureToken } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";
import { gatehouseStdio, reportTools } from "./index";

function buildServer() {
  const server = new McpServer({ name: "stdio-notes", version: "1" });
  server.registerTool("list_notes", { annotations: { readOnlyHint: true } }, async () => ({ content: [{ type: "text", text: "none" }] }));
  server.registerTool("add_note", { inputSchema: { text: z.string() } }, async ({ text }, extra) => ({
    content: [{ type: "text", text: `added ${text} for ${String(extra.authInfo?.extra?.email)}` }],
  }));
  return server;
}

const text = (result: unknown) => ((result as { content: { text: string }[] }).content[0]?.text ?? "");

describe("gatehouseStdio: the local multi-user pattern", () => {
  const t = useTempDb();
  const closers: (() => unknown)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function setUp() {
    const api = await startGatehouseApi();
    closers.push(api.close);
    const { server, credential } = registerServer({ name: "Local notes", url: "http://localhost/stdio", deployment: "local-multi" }, { actor: "system", clientIp: null, userAgent: "vitest" });
    await reportTools({ url: api.url, serverCredential: credential }, buildServer());
    const user = insertUser({ email: "local@example.com" });
    const connect = async (token: string | undefined) => {
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await buildServer().connect(gatehouseStdio(serverSide, { url: api.url, serverCredential: credential, token }));
      const client = new Client({ name: "vitest-stdio", version: "1" });
      await client.connect(clientSide);
      closers.push(() => client.close());
      return client;
    };
    return { server, user, connect };
  }

  it("verifies and audits every tools/call; a read token's write call is a tool error that says why", async () => {
    const { server, user, connect } = await setUp();
    const read = insertToken({ ownerId: user.id, scope: "read", serverIds: [server.id] });
    const client = await connect(read.secret);
    expect(text(await client.callTool({ name: "list_notes", arguments: {} }))).toBe("none");
    const refused = await client.callTool({ name: "add_note", arguments: { text: "x" } });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toBe("Gatehouse refused this call: The tool 'add_note' can change data and this token is read-only: it needs the tools:write scope.");
    const events = t.db.$client.prepare("SELECT type FROM audit_events WHERE type LIKE 'call.%' ORDER BY seq").pluck().all();
    expect(events).toEqual(["call.allowed", "call.denied"]);
  });

  it("runs a write token's call with who is calling, and refuses it from the next call on once revoked", async () => {
    const { user, connect } = await setUp();
    const write = insertToken({ ownerId: user.id, scope: "write" });
    const client = await connect(write.secret);
    expect(text(await client.callTool({ name: "add_note", arguments: { text: "x" } }))).toBe("added x for local@example.com");
    revokeFixtureToken(write.tokenId);
    const after = await client.callTool({ name: "add_note", arguments: { text: "y" } });
    expect(after.isError).toBe(true);
    expect(text(after)).toBe("Gatehouse refused this call: This token was revoked.");
  });

  it("tells a client still on a rotated-out secret that it was replaced, not that the token expired", async () => {
    const { user, connect } = await setUp();
    const write = insertToken({ ownerId: user.id, scope: "write" });
    const client = await connect(write.secret);
    rotateFixtureToken(write.tokenId, new Date(Date.now() - 1));
    const after = await client.callTool({ name: "add_note", arguments: { text: "y" } });
    expect(after.isError).toBe(true);
    expect(text(after)).toBe("Gatehouse refused this call: This token's secret was replaced by a rotation; use the new secret (its owner copies it from My tokens in Gatehouse).");
  });

  it("runs no tool without a token, and says which variable to set", async () => {
    const { connect } = await setUp();
    const client = await connect(undefined);
    expect((await client.listTools()).tools).toHaveLength(2);
    const refused = await client.callTool({ name: "list_notes", arguments: {} });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/not registered as a local, one-user server.*Set GATEHOUSE_TOKEN/);
    // The refused tokenless call is in the audit log too.
    expect(t.db.$client.prepare("SELECT reason FROM audit_events WHERE type = 'call.denied'").pluck().all()).toEqual(["token_required"]);
  });

  it("runs tools without a token for a server registered local-single, auditing each call with the OS user", async () => {
    const api = await startGatehouseApi();
    closers.push(api.close);
    const { server, credential } = registerServer({ name: "My notes", deployment: "local-single" }, { actor: "system", clientIp: null, userAgent: "vitest" });
    await reportTools({ url: api.url, serverCredential: credential }, buildServer());
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await buildServer().connect(gatehouseStdio(serverSide, { url: api.url, serverCredential: credential, token: undefined, localUser: "ada" }));
    const client = new Client({ name: "vitest-stdio", version: "1" });
    await client.connect(clientSide);
    closers.push(() => client.close());
    expect(text(await client.callTool({ name: "add_note", arguments: { text: "x" } }))).toBe("added x for undefined");
    const rows = t.db.$client.prepare("SELECT type, tool, tool_class, server_id, details FROM audit_events WHERE type LIKE 'call.%'").all();
    expect(rows).toEqual([{ type: "call.allowed", tool: "add_note", tool_class: "write", server_id: server.id, details: JSON.stringify({ via: "local", localUser: "ada" }) }]);
  });

  it("runs nothing when Gatehouse cannot be reached", async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    // Port 9 (discard) on localhost: nothing listens, the connection is refused.
    await buildServer().connect(gatehouseStdio(serverSide, { url: "http://127.0.0.1:9", serverCredential: "mcps_x", token: "mcpt_x", timeoutMs: 2000 }));
    const client = new Client({ name: "vitest-stdio", version: "1" });
    await client.connect(clientSide);
    closers.push(() => client.close());
    const refused = await client.callTool({ name: "list_notes", arguments: {} });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/^Gatehouse could not be asked about this call/);
  });
});
