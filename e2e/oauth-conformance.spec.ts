import { spawn } from "node:child_process";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { USER } from "./support/accounts";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { interopTools } from "./support/interop-tools";
import { unique } from "./support/tokens";

/*
 * The official MCP conformance suite's authorization-server scenarios against Gatehouse: its
 * metadata check, then a full authorization code grant with PKCE, where the suite prints the
 * authorization URL, a person signs in and clicks Allow (Playwright, in Chromium), and the suite
 * takes the code at its own loopback callback, checks `state` and `iss`, and redeems it.
 */
test.use({ storageState: { cookies: [], origins: [] } });

/** A port nothing listens on now, for the suite's callback server. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

test("the MCP conformance suite's authorization-server scenarios pass, with a person approving the consent it asks for", async ({ page }) => {
  test.setTimeout(300_000);
  const { node22, bin } = interopTools();
  const slug = unique("conformance-as");
  const resource = `https://${slug}.example.com/mcp`;
  gatehouseCli("servers", "add", "--name", `Conformance ${slug}`, "--slug", slug, "--url", resource, "--deployment", "remote");

  const port = await freePort();
  const registered = await fetch(`${E2E.baseURL}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_name: "MCP conformance suite", redirect_uris: [`http://127.0.0.1:${port}/callback`], token_endpoint_auth_method: "none" }),
  });
  expect(registered.status).toBe(201);
  const { client_id } = (await registered.json()) as { client_id: string };

  const suite = spawn(node22, [bin("conformance"), "authorization", "--url", E2E.baseURL, "--client-id", client_id, "--resource", resource, "--port", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  suite.stdout.on("data", (c: Buffer) => (output += c.toString()));
  suite.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => suite.on("exit", resolve));

  try {
    const authorize = new RegExp(`^${E2E.baseURL}/oauth/authorize\\?\\S+$`, "m");
    await expect.poll(() => output, { timeout: 60_000 }).toMatch(authorize);
    const url = new URL(output.match(authorize)![0]);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("resource")).toBe(resource);

    await page.goto(url.href);
    await page.getByLabel("Email").fill(USER.email);
    await page.getByLabel("Password").fill(USER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: `Allow MCP conformance suite to use Conformance ${slug}?` })).toBeVisible();
    await page.getByRole("button", { name: "Allow" }).click();
    await expect(page.getByText("You can close this page.")).toBeVisible();

    expect(await exited, output).toBe(0);
  } finally {
    suite.kill();
  }
  expect(output).toMatch(/authorization-server-metadata-endpoint: \d+ passed, 0 failed/);
  expect(output).toMatch(/authorization-code-grant: \d+ passed, 0 failed/);
});
