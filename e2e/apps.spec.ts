import { expect, test } from "@playwright/test";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";
import { connectApp, isActive } from "./support/oauth-app";
import { unique } from "./support/tokens";
import { newSignedInUser } from "./support/users";

/*
 * The admin's view of OAuth: Apps lists every live grant and every registered app; a remote
 * server's page shows the grants on it. Revoke ends a grant at the app's next call; Delete ends
 * all of an app's grants and makes it register again.
 */
test.use({ storageState: E2E.adminState });

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
