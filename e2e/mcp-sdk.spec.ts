import { spawn, type ChildProcess } from "node:child_process";
import Database from "better-sqlite3";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expect, test, type Page } from "@playwright/test";
import { USER } from "./support/accounts";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { unique } from "./support/tokens";

/*
 * The whole path as people live it, with the published SDK: an admin registers the example
 * MCP server (examples/mcp-server) and issues a token bound to it in the browser; the user
 * claims it on My tokens; the SDK's own Client connects with it; the admin revokes it in the
 * browser, and the client's next request is refused.
 */
const MCP_PORT = E2E.port + 5;
const MCP_URL = `http://127.0.0.1:${MCP_PORT}/mcp`;

let example: ChildProcess | undefined;
let output = "";

test.afterAll(() => {
  example?.kill("SIGTERM");
});

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

/** The admin issues a read token for the user, bound to one server, that the user claims. Returns its id. */
async function issueBoundToken(admin: Page, name: string, serverName: string): Promise<string> {
  await admin.goto("/tokens/new");
  await admin.getByRole("combobox", { name: "Owner" }).selectOption(USER.email);
  await admin.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await admin.getByRole("radio", { name: /^Read/ }).check();
  await admin.getByRole("radio", { name: "Only these servers" }).check();
  await admin.getByRole("checkbox", { name: serverName }).check();
  await admin.getByRole("button", { name: "Issue token" }).click();
  await expect(admin.getByText(`${USER.email} can now claim it`)).toBeVisible();
  await admin.getByRole("link", { name: "View token" }).click();
  // The recap's heading ("Issued “name”") holds the name too: wait for the token's own page.
  await admin.waitForURL((url) => /^\/tokens\/(?!new$)[^/]+$/.test(url.pathname));
  await expect(admin.getByRole("heading", { name, exact: true })).toBeVisible();
  return admin.url().split("/").at(-1)!;
}

test.describe("the MCP SDK against Gatehouse", () => {
  test.use({ storageState: E2E.adminState });

  test("a claimed read token lists tools and reads, is refused a write, and stops working once the admin revokes it", async ({ page, browser }) => {
    const slug = unique("notes");
    const serverName = `Notes ${slug}`;
    const server = gatehouseCli<{ id: string; credential: string }>("servers", "add", "--name", serverName, "--slug", slug, "--url", MCP_URL, "--deployment", "remote");
    await startExample(server.credential);
    expect(output).toContain("Reported 2 tools to Gatehouse: list_notes=read, add_note=write");

    const name = unique("sdk");
    const tokenId = await issueBoundToken(page, name, serverName);
    await expect(page.getByRole("definition").filter({ hasText: serverName })).toBeVisible();

    // The user claims it: the secret, and a client configuration pointing at the bound server.
    const userContext = await browser.newContext({ storageState: E2E.userState });
    const userPage = await userContext.newPage();
    await userPage.goto("/my-tokens");
    const card = userPage.getByTestId("my-token").filter({ hasText: name });
    await card.getByRole("button", { name: `Reveal ${name}` }).click();
    const token = (await card.getByTestId("revealed-secret").textContent())!;
    expect(token).toMatch(/^mcpt_[0-9A-Za-z]{36}$/);
    const config = JSON.parse((await card.getByTestId("revealed-config").textContent())!) as { mcpServers: Record<string, unknown> };
    expect(config.mcpServers).toEqual({ [slug]: { type: "http", url: MCP_URL, headers: { Authorization: `Bearer ${token}` } } });

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

      // The user sees where the token was used.
      await userPage.reload();
      await expect(card.getByRole("definition").filter({ hasText: `on ${serverName}` })).toBeVisible();
      await userContext.close();

      // The admin revokes it in the browser, on the token's page.
      await page.reload();
      await page.getByRole("button", { name: `Revoke ${name}` }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Reason").fill("sdk e2e: leaked in a screenshot");
      await dialog.getByRole("button", { name: "Revoke token" }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByText("Revoked", { exact: true }).first()).toBeVisible();

      const after = await client.listTools().then(() => ({ code: 200, message: "allowed" }), httpFailure);
      expect(after.code).toBe(401);
      expect(after.message).toContain("This token was revoked");
    } finally {
      await client.close();
    }

    // Each call is in the audit log: on the server's page, on the token's page, and in the table itself.
    await page.goto(`/servers/${slug}`);
    const calls = page.getByRole("table").filter({ hasText: "Decision" });
    await expect(calls.getByRole("row").filter({ hasText: "add_note" }).first()).toContainText("Denied");
    await expect(calls.getByRole("row").filter({ hasText: "list_notes" }).first()).toContainText("Allowed");
    await expect(calls.getByRole("row").nth(1)).toContainText("Inactive token");
    await page.goto(`/tokens/${tokenId}`);
    const events = page.getByRole("table", { name: "Recent audit events" });
    await expect(events.getByRole("row").nth(1)).toContainText("revoked");

    const db = new Database(E2E.databaseUrl.slice("file:".length), { readonly: true });
    try {
      const rows = db
        .prepare(
          `SELECT type, actor_name AS actor, method, tool, reason FROM audit_events
            WHERE token_id = ? AND (type LIKE 'call.%' OR type IN ('token.issued', 'token.revealed', 'token.revoked')) ORDER BY seq`,
        )
        .all(tokenId) as { type: string; actor: string | null; method: string | null; tool: string | null; reason: string | null }[];
      const summary = rows.map((r) => [r.type, r.actor, r.method, r.tool, r.reason].filter(Boolean).join(" "));
      expect(summary[0]).toMatch(/^token\.issued admin@example\.com/);
      expect(summary[1]).toMatch(/^token\.revealed user@example\.com/);
      expect(summary).toContain(`call.allowed ${slug} tools/list`);
      expect(summary).toContain(`call.allowed ${slug} tools/call list_notes`);
      expect(summary).toContain(`call.denied ${slug} tools/call add_note insufficient_scope`);
      expect(summary.at(-2)).toBe("token.revoked admin@example.com sdk e2e: leaked in a screenshot");
      expect(summary.at(-1)).toBe(`call.inactive ${slug} tools/list revoked`);
    } finally {
      db.close();
    }
  });
});
