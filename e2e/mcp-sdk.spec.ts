import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import Database from "better-sqlite3";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expect, test } from "@playwright/test";
import { USER } from "./support/accounts";
import { gatehouseCli } from "./support/cli";
import { E2E, gatehouseEnv } from "./support/env";

/*
 * The whole path with the published SDK: the example MCP server (examples/mcp-server) runs
 * against the e2e Gatehouse; the SDK's own Client connects with a user's token.
 */
const MCP_PORT = E2E.port + 5;
const MCP_URL = `http://127.0.0.1:${MCP_PORT}/mcp`;

let example: ChildProcess | undefined;
let output = "";

test.afterAll(() => {
  example?.kill("SIGTERM");
});

/** Issues a token for an existing user (test fixture: the tokens CLI is not on this branch). */
function issueToken(email: string, scope: "read" | "write"): { token: string; tokenId: string } {
  const out = execFileSync(process.execPath, ["--import", "tsx", "test/fixtures/issue-token-cli.ts", email, scope], {
    env: { ...process.env, ...gatehouseEnv() },
    encoding: "utf8",
  });
  return JSON.parse(out) as { token: string; tokenId: string };
}

async function startExample(credential: string): Promise<void> {
  example = spawn(process.execPath, ["--import", "tsx", "examples/mcp-server/server.ts"], {
    env: { ...process.env, GATEHOUSE_URL: E2E.baseURL, GATEHOUSE_SERVER_CREDENTIAL: credential, PORT: String(MCP_PORT) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  example.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  example.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  await expect.poll(() => output, { timeout: 20_000 }).toContain("Notes MCP server on");
}

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: "e2e-client", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(MCP_URL), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

function httpFailure(err: unknown): { code?: number; message: string } {
  return { code: (err as { code?: number }).code, message: err instanceof Error ? err.message : String(err) };
}

test.describe("the MCP SDK against Gatehouse", () => {
  test.use({ storageState: E2E.adminState });

  test("a read token lists tools and reads, is refused a write, and stops working once revoked", async ({ page, request }) => {
    const slug = `notes-${Date.now().toString(36)}`;
    const server = gatehouseCli<{ id: string; credential: string }>("servers", "add", "--name", `Notes ${slug}`, "--slug", slug, "--url", MCP_URL, "--deployment", "remote");
    await startExample(server.credential);
    expect(output).toContain("Reported 2 tools to Gatehouse: list_notes=read, add_note=write");

    const { token, tokenId } = issueToken(USER.email, "read");
    const client = await connect(token);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(["add_note", "list_notes"]);

      const listed = await client.callTool({ name: "list_notes", arguments: {} });
      expect(listed.content).toEqual([{ type: "text", text: "No notes yet." }]);

      const refused = await client.callTool({ name: "add_note", arguments: { text: "hello" } }).then(
        () => ({ code: 200, message: "allowed" }),
        httpFailure,
      );
      expect(refused.code).toBe(403);
      expect(refused.message).toContain("insufficient_scope");
      expect(refused.message).toContain("this token is read-only");

      // The admin sees those calls on the server's page.
      await page.goto(`/servers/${slug}`);
      const calls = page.getByRole("table").filter({ hasText: "Decision" });
      await expect(calls.getByRole("row").filter({ hasText: "add_note" }).first()).toContainText("Denied");
      await expect(calls.getByRole("row").filter({ hasText: "list_notes" }).first()).toContainText("Allowed");

      // Revocation (self-service leak response: POST /api/v1/revoke; the tokens admin UI is not on this branch).
      const revoked = await request.post("/api/v1/revoke", { form: { token } });
      expect(revoked.status()).toBe(200);

      const after = await client.listTools().then(() => ({ code: 200, message: "allowed" }), httpFailure);
      expect(after.code).toBe(401);
      expect(after.message).toContain("This token was revoked");
    } finally {
      await client.close();
    }

    // The audit log holds each call, in order, with its decision.
    const db = new Database(E2E.databaseUrl.slice("file:".length), { readonly: true });
    try {
      const rows = db
        .prepare("SELECT type, method, tool, reason FROM audit_events WHERE (server_id = ? AND type LIKE 'call.%') OR (type = 'token.revoked' AND token_id = ?) ORDER BY seq")
        .all(server.id, tokenId) as { type: string; method: string | null; tool: string | null; reason: string | null }[];
      const summary = rows.map((r) => [r.type, r.method, r.tool, r.reason].filter(Boolean).join(" "));
      expect(summary).toContain("call.allowed tools/list");
      expect(summary).toContain("call.allowed tools/call list_notes");
      expect(summary).toContain("call.denied tools/call add_note insufficient_scope");
      expect(summary).toContain("token.revoked self-revoked");
      expect(summary.at(-1)).toBe("call.inactive tools/list revoked");
      expect(summary.indexOf("token.revoked self-revoked")).toBeLessThan(summary.length - 1);
    } finally {
      db.close();
    }
  });
});
