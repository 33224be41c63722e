import { spawn, type ChildProcess } from "node:child_process";
import * as v2 from "@modelcontextprotocol/client";
import { Client as ClientV1 } from "@modelcontextprotocol/sdk/client/index.js";
import { auth as authV1, UnauthorizedError as UnauthorizedV1 } from "@modelcontextprotocol/sdk/client/auth.js";
import { StreamableHTTPClientTransport as TransportV1 } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expect, test, type Page } from "@playwright/test";
import { USER } from "./support/accounts";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { startCallback } from "./support/oauth-app";
import { unique } from "./support/tokens";

/*
 * Remote MCP the standard way: the real MCP SDK clients (v1 and v2) are given nothing but the
 * example server's URL. They find Gatehouse through the server's RFC 9728 metadata, register,
 * send the user to sign in and consent (Playwright, in Chromium), take the code at a loopback
 * callback, call tools, are refused a write with a step-up challenge, refresh, and stop working
 * the moment the grant is revoked.
 */
const MCP_PORT = E2E.port + 6;
const MCP_URL = `http://127.0.0.1:${MCP_PORT}/mcp`;
// One worker for the file: both tests share the one example server registered in beforeAll.
test.describe.configure({ mode: "serial" });
let example: ChildProcess | undefined;
let serverName = "";

test.beforeAll(async () => {
  const slug = unique("oauth-notes");
  serverName = `Notes ${slug}`;
  const server = gatehouseCli<{ credential: string }>("servers", "add", "--name", serverName, "--slug", slug, "--url", MCP_URL, "--deployment", "remote");
  example = spawn(process.execPath, ["--import", "tsx", "examples/mcp-server/server.ts"], {
    env: { ...process.env, GATEHOUSE_URL: E2E.baseURL, GATEHOUSE_SERVER_CREDENTIAL: server.credential, PORT: String(MCP_PORT) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  example.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  example.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  await expect.poll(() => output, { timeout: 20_000 }).toContain("Notes MCP server on");
});

test.afterAll(() => {
  example?.kill("SIGTERM");
});

/** The storage an OAuthClientProvider needs, in memory; the browser step is recorded, not performed. */
class MemoryProvider {
  authorizationUrls: URL[] = [];
  private info: unknown;
  private saved: { access_token: string; refresh_token?: string } | undefined;
  private verifier = "";
  constructor(
    readonly redirectUrl: string,
    private readonly name: string,
  ) {}
  get clientMetadata() {
    return { client_name: this.name, redirect_uris: [this.redirectUrl], grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], token_endpoint_auth_method: "none" };
  }
  clientInformation() {
    return this.info as never;
  }
  saveClientInformation(info: unknown) {
    this.info = info;
  }
  tokens() {
    return this.saved as never;
  }
  saveTokens(tokens: { access_token: string; refresh_token?: string }) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrls.push(url);
  }
  saveCodeVerifier(v: string) {
    this.verifier = v;
  }
  codeVerifier() {
    return this.verifier;
  }
  get accessToken() {
    return this.saved!.access_token;
  }
  get refreshToken() {
    return this.saved!.refresh_token!;
  }
}

/** The person's part: sign in (they were signed out), read the consent page, click Allow. */
async function signInAndAllow(page: Page, authorizationUrl: URL, clientName: string, shot: string) {
  await page.goto(authorizationUrl.href);
  await expect(page).toHaveURL(/\/login\?next=%2Foauth%2Fconsent%2F/);
  await page.getByLabel("Email").fill(USER.email);
  await page.getByLabel("Password").fill(USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: `Allow ${clientName} to use ${serverName}?` })).toBeVisible();
  await expect(page.getByText("name not verified")).toBeVisible();
  await expect(page.getByText(/The answer goes to a program on this computer \(127\.0\.0\.1:\d+\)/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Read: tools it may call" })).toContainText("list_notes");
  await expect(page.getByRole("list", { name: "Write: tools that can change data" })).toContainText("add_note");
  for (const [width, scheme] of [[1280, "light"], [390, "light"], [1280, "dark"], [390, "dark"]] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/oauth-consent-${shot}-${width}-${scheme}.png`, fullPage: true });
  }
  await page.getByRole("button", { name: "Allow" }).click();
}

async function mcpPost(token: string, message: object): Promise<Response> {
  return fetch(MCP_URL, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, ...message }),
  });
}

async function mcpStatus(token: string): Promise<number> {
  return (await mcpPost(token, { method: "tools/list" })).status;
}

/** What the server answers a read grant's write call: 403 insufficient_scope naming the scope to step up to. */
async function expectStepUp(token: string): Promise<void> {
  const res = await mcpPost(token, { method: "tools/call", params: { name: "add_note", arguments: { text: "hi" } } });
  expect(res.status).toBe(403);
  expect(res.headers.get("www-authenticate")).toMatch(/error="insufficient_scope".*scope="tools:read tools:write"/);
}

async function revokeGrant(provider: MemoryProvider): Promise<void> {
  const clientId = (provider.clientInformation() as { client_id: string }).client_id;
  const res = await fetch(`${E2E.baseURL}/oauth/revoke`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token: provider.refreshToken, token_type_hint: "refresh_token", client_id: clientId }),
  });
  expect(res.status).toBe(200);
}

test.describe("OAuth with the real MCP SDK clients", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("SDK v1: signs in, lists and reads, is refused a write with a step-up, refreshes, and is cut off by revocation", async ({ page }) => {
    const callback = await startCallback();
    const provider = new MemoryProvider(callback.url, "SDK v1 client");
    const connect = () => new ClientV1({ name: "sdk-v1", version: "1.0.0" }).connect(new TransportV1(new URL(MCP_URL), { authProvider: provider as never }));
    await expect(connect()).rejects.toBeInstanceOf(UnauthorizedV1);
    const first = provider.authorizationUrls[0]!;
    expect(first.origin).toBe(E2E.baseURL);
    expect(first.searchParams.get("resource")).toBe(MCP_URL);
    expect(first.searchParams.get("code_challenge_method")).toBe("S256");

    await signInAndAllow(page, first, "SDK v1 client", "v1");
    const answer = await callback.received;
    expect(answer.get("iss")).toBe(E2E.baseURL);
    const transport = new TransportV1(new URL(MCP_URL), { authProvider: provider as never });
    await transport.finishAuth(answer.get("code")!);

    const client = new ClientV1({ name: "sdk-v1", version: "1.0.0" });
    await client.connect(new TransportV1(new URL(MCP_URL), { authProvider: provider as never }));
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(["add_note", "list_notes"]);
    expect(JSON.stringify((await client.callTool({ name: "list_notes", arguments: {} })).content)).toContain("No notes yet");
    // A read grant calling a write tool: 403 insufficient_scope. The SDK tries to step up by a
    // refresh, which cannot widen a grant, and then gives up with the 403.
    await expect(client.callTool({ name: "add_note", arguments: { text: "hi" } })).rejects.toThrow(/403/);
    await expectStepUp(provider.accessToken);

    // A refresh with the SDK's own code: a new access token that works.
    const before = provider.accessToken;
    const refreshed = await authV1(provider as never, { serverUrl: MCP_URL });
    expect(refreshed).toBe("AUTHORIZED");
    expect(provider.accessToken).not.toBe(before);
    expect(await mcpStatus(provider.accessToken)).toBe(200);

    await revokeGrant(provider);
    expect(await mcpStatus(provider.accessToken)).toBe(401);
    callback.close();
  });

  test("a client the user approved before gets its code without the page while they are signed in; prompt=consent asks again", async ({ page }) => {
    const callback = await startCallback();
    const provider = new MemoryProvider(callback.url, "Remembered client");
    await expect(new ClientV1({ name: "sdk-v1", version: "1.0.0" }).connect(new TransportV1(new URL(MCP_URL), { authProvider: provider as never }))).rejects.toBeInstanceOf(UnauthorizedV1);
    const first = provider.authorizationUrls[0]!;
    await signInAndAllow(page, first, "Remembered client", "remembered");
    await callback.received;
    await expect(page.getByText("You can close this window.")).toBeVisible();
    callback.close();

    // The same client again, from another random loopback port (RFC 8252 §7.3), the user still signed in.
    const again = await startCallback();
    const second = new URL(first);
    second.searchParams.set("redirect_uri", again.url);
    second.searchParams.set("state", "second-visit");
    await page.goto(second.href);
    await expect(page.getByText("You can close this window.")).toBeVisible();
    const answer = await again.received;
    again.close();
    expect(answer.get("state")).toBe("second-visit");
    expect(answer.get("iss")).toBe(E2E.baseURL);
    const info = provider.clientInformation() as { client_id: string };
    const exchanged = await fetch(`${E2E.baseURL}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", code: answer.get("code")!, code_verifier: provider.codeVerifier(), redirect_uri: again.url, client_id: info.client_id, resource: MCP_URL }),
    });
    expect(exchanged.status).toBe(200);
    const tokens = (await exchanged.json()) as { access_token: string };
    expect(await mcpStatus(tokens.access_token)).toBe(200);

    const forced = new URL(second);
    forced.searchParams.set("prompt", "consent");
    await page.goto(forced.href);
    await expect(page.getByRole("heading", { name: `Allow Remembered client to use ${serverName}?` })).toBeVisible();
  });

  test("SDK v2: the same flow, validating iss on the callback", async ({ page }) => {
    const callback = await startCallback();
    const provider = new MemoryProvider(callback.url, "SDK v2 client");
    const transport = () => new v2.StreamableHTTPClientTransport(new URL(MCP_URL), { authProvider: provider as never });
    await expect(new v2.Client({ name: "sdk-v2", version: "2.0.0" }).connect(transport())).rejects.toBeInstanceOf(v2.UnauthorizedError);
    const first = provider.authorizationUrls[0]!;
    expect(first.searchParams.get("resource")).toBe(MCP_URL);

    await signInAndAllow(page, first, "SDK v2 client", "v2");
    const answer = await callback.received;
    // v2 checks iss against the issuer it discovered (RFC 9207) inside finishAuth.
    await transport().finishAuth(answer);

    const client = new v2.Client({ name: "sdk-v2", version: "2.0.0" });
    await client.connect(transport());
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(["add_note", "list_notes"]);
    expect(JSON.stringify((await client.callTool({ name: "list_notes", arguments: {} })).content)).toContain("notes");
    await expect(client.callTool({ name: "add_note", arguments: { text: "hi" } })).rejects.toThrow();
    await expectStepUp(provider.accessToken);

    const before = provider.accessToken;
    expect(await v2.auth(provider as never, { serverUrl: MCP_URL })).toBe("AUTHORIZED");
    expect(provider.accessToken).not.toBe(before);
    expect(await mcpStatus(provider.accessToken)).toBe(200);

    // The user disconnects the app on My tokens: its very next request is refused.
    await page.goto("/my-tokens");
    const app = page.getByTestId("connected-app").filter({ hasText: "SDK v2 client" });
    await expect(app).toContainText(serverName);
    for (const [width, scheme] of [[1280, "light"], [390, "light"], [1280, "dark"], [390, "dark"]] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await app.screenshot({ path: `test-results/oauth-connected-app-${width}-${scheme}.png` });
    }
    await app.getByRole("button", { name: "Disconnect SDK v2 client" }).click();
    await expect(page.getByTestId("connected-app").filter({ hasText: "SDK v2 client" })).toHaveCount(0);
    expect(await mcpStatus(provider.accessToken)).toBe(401);
    callback.close();
  });
});
