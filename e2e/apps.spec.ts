import crypto from "node:crypto";
import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";
import { unique } from "./support/tokens";
import { newSignedInUser } from "./support/users";

/*
 * The admin's view of OAuth: Apps lists every live grant and every registered app; a remote
 * server's page shows the grants on it. Revoke ends a grant at the app's next call; Delete ends
 * all of an app's grants and makes it register again.
 */
test.use({ storageState: E2E.adminState });

/** A loopback redirect target, as a native MCP client runs one: it hands over the first callback's query. */
async function startCallback() {
  let resolve!: (q: URLSearchParams) => void;
  const received = new Promise<URLSearchParams>((r) => (resolve = r));
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/plain" }).end("You can close this window.");
    resolve(new URL(req.url ?? "/", "http://127.0.0.1").searchParams);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/callback`, received, close: () => server.close() };
}

/** What an MCP client does on a person's behalf: register, send them to consent, redeem the code. Returns its client id and access token. */
async function connectApp(person: Page, clientName: string, resource: string): Promise<{ clientId: string; accessToken: string }> {
  const callback = await startCallback();
  const registered = await fetch(`${E2E.baseURL}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_name: clientName, redirect_uris: [callback.url], token_endpoint_auth_method: "none" }),
  });
  const { client_id: clientId } = (await registered.json()) as { client_id: string };
  const verifier = crypto.randomBytes(32).toString("base64url");
  const challenge = crypto.createHash("sha256").update(verifier).digest("base64url");
  const authorize = new URL(`${E2E.baseURL}/oauth/authorize`);
  for (const [k, v] of Object.entries({ response_type: "code", client_id: clientId, redirect_uri: callback.url, code_challenge: challenge, code_challenge_method: "S256", state: "s", resource, scope: "tools:read" })) {
    authorize.searchParams.set(k, v);
  }
  await person.goto(authorize.href);
  await person.getByRole("button", { name: "Allow" }).click();
  const answer = await callback.received;
  callback.close();
  const token = await fetch(`${E2E.baseURL}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code: answer.get("code")!, code_verifier: verifier, redirect_uri: callback.url, client_id: clientId, resource }),
  });
  expect(token.status).toBe(200);
  return { clientId, accessToken: ((await token.json()) as { access_token: string }).access_token };
}

async function isActive(credential: string, token: string): Promise<boolean> {
  const res = await fetch(`${E2E.baseURL}/api/v1/verify`, {
    method: "POST",
    headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
    body: JSON.stringify({ token, method: "tools/list" }),
  });
  return ((await res.json()) as { active: boolean }).active;
}

test("an admin sees who allowed which app on Apps and on the server's page, revokes a grant, and deletes an app", async ({ page, browser }) => {
  const slug = unique("apps-notes");
  const resource = `https://${slug}.example.com/mcp`;
  const serverName = `Apps notes ${slug}`;
  const { credential } = gatehouseCli<{ credential: string }>("servers", "add", "--name", serverName, "--slug", slug, "--url", resource, "--deployment", "remote");
  const person = await newSignedInUser(browser, "apps");
  const first = await connectApp(person.page, `Revocable ${slug}`, resource);
  const second = await connectApp(person.page, `Deletable ${slug}`, resource);
  expect(await isActive(credential, first.accessToken)).toBe(true);

  await page.goto("/apps");
  await expect(page.getByRole("heading", { level: 1, name: "Connected apps" })).toBeVisible();
  const grant = page.getByTestId("grant-row").filter({ hasText: `Revocable ${slug}` });
  await expect(grant).toContainText(person.name);
  await expect(grant).toContainText(serverName);
  await expect(grant).toContainText("Read");
  await expect(grant.getByRole("link", { name: person.name })).toHaveAttribute("href", /\/users\/usr_/);
  await expect(page.getByTestId("client-row").filter({ hasText: `Deletable ${slug}` })).toContainText("127.0.0.1");
  await lookAt(page, "apps");

  // The server's page shows the same grants, without the server column.
  await page.goto(`/servers/${slug}`);
  const card = page.getByRole("heading", { name: "Connected apps" }).locator("xpath=ancestor::*[@data-slot='card'][1]");
  await expect(card.getByTestId("grant-row")).toHaveCount(2);
  await lookAt(page, "server-connected-apps");

  await card.getByRole("button", { name: `Revoke Revocable ${slug} for ${person.name}` }).click();
  await expect(card.getByTestId("grant-row")).toHaveCount(1);
  expect(await isActive(credential, first.accessToken)).toBe(false);
  expect(await isActive(credential, second.accessToken)).toBe(true);

  await page.goto("/apps");
  const app = page.getByTestId("client-row").filter({ hasText: `Deletable ${slug}` });
  await app.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Its grant ends now");
  await dialog.getByRole("button", { name: "Delete app" }).click();
  await expect(page.getByText(`Deletable ${slug} is deleted.`)).toBeVisible();
  await expect(app).toContainText("Deleted");
  await expect(app.getByRole("button", { name: "Delete" })).toHaveCount(0);
  expect(await isActive(credential, second.accessToken)).toBe(false);
  // A deleted client is told invalid_client, so a real MCP client registers again.
  const refused = await fetch(`${E2E.baseURL}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: "mcpr_x", client_id: second.clientId }),
  });
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { error: string }).error).toBe("invalid_client");
  await person.context.close();
});
