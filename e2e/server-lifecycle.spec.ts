import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";
import { connectApp, isActive } from "./support/oauth-app";
import { newSignedInUser } from "./support/users";
import { cliIssue, cliServer, cliServiceAccount, unique } from "./support/tokens";

test.use({ storageState: E2E.adminState });

/** What POST /api/v1/verify answers the server with this credential (200: it authenticated). */
async function verifyStatus(request: APIRequestContext, credential: string): Promise<number> {
  const res = await request.post("/api/v1/verify", { headers: { authorization: `Bearer ${credential}` }, data: { token: "mcpt_x" } });
  return res.status();
}

async function openRemoveDialog(page: Page) {
  await page.getByRole("button", { name: "Remove server" }).click();
  return page.getByRole("alertdialog");
}

test("edit a server: errors keep what was typed, and a new URL warns that the audience of its tokens changes", async ({ page }) => {
  const server = cliServer("edit");
  cliIssue(cliServiceAccount("edit-owner"), unique("bound"), "--servers", server.slug);
  await page.goto(`/servers/${server.slug}`);
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Edit ${server.name}` })).toBeVisible();

  const url = page.getByLabel("Canonical URL");
  await expect(page.getByTestId("audience-warning")).toHaveCount(0);
  const moved = `https://moved-${server.slug}.example.com/mcp`;
  await url.fill(moved);
  const warning = page.getByTestId("audience-warning");
  await expect(warning).toContainText(`tokens used here carry the audience ${moved}`);
  await expect(warning).toContainText("1 live token bound to this server");

  // Refused: the field at fault is marked, and everything typed stays.
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("");
  await page.getByLabel("Deployment").selectOption("local-multi");
  await page.getByRole("button", { name: "Save and change the audience" }).click();
  await expect(page.getByText("Enter a name")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(url).toHaveValue(moved);
  await expect(page.getByLabel("Deployment")).toHaveValue("local-multi");
  await lookAt(page, "server-edit");

  await page.getByRole("textbox", { name: "Name", exact: true }).fill(`${server.name} renamed`);
  await page.getByRole("button", { name: "Save and change the audience" }).click();
  await expect(page).toHaveURL(new RegExp(`/servers/${server.slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${server.name} renamed`);
  await expect(page.getByText(moved)).toBeVisible();
  await expect(page.getByText("Local, several users")).toBeVisible();

  // The change is in the audit log, before and after; the server page links there.
  await page.getByRole("link", { name: "Its audit events" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?server=${server.slug}$`));
  await expect(page.getByRole("table", { name: /Audit events/ }).getByRole("row").filter({ hasText: "server.updated" })).toHaveCount(1);
});

test("remove an unused server: the dialog says it is deleted, and it is", async ({ page }) => {
  const server = cliServer("unused");
  await page.goto(`/servers/${server.slug}`);
  const dialog = await openRemoveDialog(page);
  await expect(dialog.getByRole("heading", { name: `Delete ${server.name}?` })).toBeVisible();
  await expect(dialog).toContainText("Nothing refers to it");
  await lookAt(page, "server-delete-dialog");
  await dialog.getByRole("button", { name: "Delete server" }).click();
  await expect(page).toHaveURL(/\/servers$/);
  await expect(page.getByRole("status").filter({ hasText: `${server.name} is deleted.` })).toBeVisible();
  await expect(page.getByRole("link", { name: server.name })).toHaveCount(0);
  expect(gatehouseCli<{ slug: string }[]>("servers", "list", "--archived").some((s) => s.slug === server.slug)).toBe(false);
});

test("archive a used server: its credential is refused by POST /api/v1/verify at once; restore brings it back", async ({ page, request }) => {
  const server = cliServer("used");
  expect(await verifyStatus(request, server.credential)).toBe(200);

  // Its one call is in the recent calls, and opens that event in the audit log.
  await page.goto(`/servers/${server.slug}`);
  const calls = page.getByRole("table").filter({ hasText: "Decision" }).last();
  await calls.getByRole("row").nth(1).getByRole("link").click();
  await expect(page).toHaveURL(/\/audit\?.*event=\d+/);
  const drawer = page.getByRole("dialog");
  await expect(drawer).toContainText("call.inactive");
  await expect(drawer).toContainText(server.name);
  await page.keyboard.press("Escape");
  await expect(page).not.toHaveURL(/event=/);

  await page.goto(`/servers/${server.slug}`);
  const dialog = await openRemoveDialog(page);
  await expect(dialog.getByRole("heading", { name: `Archive ${server.name}?` })).toBeVisible();
  await expect(dialog).toContainText("its calls are in the audit log");
  await expect(dialog).toContainText("You can restore it");
  await lookAt(page, "server-archive-dialog");
  await dialog.getByRole("button", { name: "Archive server" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Archived");
  expect(await verifyStatus(request, server.credential)).toBe(401);
  await lookAt(page, "server-archived");

  // Hidden from the list until asked for.
  await page.goto("/servers");
  await expect(page.getByRole("link", { name: server.name })).toHaveCount(0);
  await page.getByRole("link", { name: /Show archived/ }).click();
  await expect(page.getByRole("row", { name: new RegExp(server.name) })).toContainText("Archived");
  await lookAt(page, "servers-archived");

  await page.getByRole("link", { name: server.name }).click();
  await page.getByRole("button", { name: "Restore server" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Restore server" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Active");
  expect(await verifyStatus(request, server.credential)).toBe(200);
});

test("the auth review: no evidence yet on a new server, plain http fails, and a one-user server called for several people fails", async ({ page, request }) => {
  const fresh = cliServer("fresh");
  await page.goto(`/servers/${fresh.slug}`);
  for (const check of ["strategy", "revocation", "audit"]) {
    await expect(page.locator(`[data-check="${check}"]`)).toHaveAttribute("data-status", "none");
    await expect(page.locator(`[data-check="${check}"]`)).toContainText("No evidence yet");
  }
  await expect(page.locator('[data-check="transport"]')).toHaveAttribute("data-status", "pass");

  const plain = unique("plain").toLowerCase();
  gatehouseCli("servers", "add", "--name", `Plain ${plain}`, "--url", `http://${plain}.example.com/mcp`, "--slug", plain);
  await page.goto(`/servers/${plain}`);
  await expect(page.locator('[data-check="transport"]')).toHaveAttribute("data-status", "fail");
  await expect(page.locator('[data-check="transport"]')).toContainText("crosses the network unencrypted");

  const laptop = unique("laptop").toLowerCase();
  const local = gatehouseCli<{ credential: string }>("servers", "add", "--name", `Laptop ${laptop}`, "--deployment", "local-single", "--slug", laptop);
  for (const who of ["ada", "bob", "cai", "dee"]) {
    const call = await request.post("/api/v1/local-calls", { headers: { authorization: `Bearer ${local.credential}` }, data: { local_user: who } });
    expect(await call.json()).toMatchObject({ allowed: true });
  }
  await page.goto(`/servers/${laptop}`);
  const single = page.locator('[data-check="single-user"]');
  await expect(single).toHaveAttribute("data-status", "fail");
  await expect(single).toContainText("4 different people");
  await lookAt(page, "server-auth-review");
});

test("turn OAuth off on a server's edit page: never offered to a local server, a warning counts the grants it ends, and the app fails its next call", async ({ page, browser }) => {
  const slug = unique("oauth-edit");
  const resource = `https://${slug}.example.com/mcp`;
  const { credential, name } = gatehouseCli<{ credential: string; name: string }>("servers", "add", "--name", `OAuth ${slug}`, "--slug", slug, "--url", resource);
  const person = await newSignedInUser(browser, "oauth-edit");
  const app = await connectApp(person.page, `Edit app ${slug}`, resource);
  expect(await isActive(credential, app.accessToken)).toBe(true);

  // A new server accepts OAuth clients when remote, and is not offered it when local.
  await page.goto("/servers/new");
  const box = page.getByRole("checkbox", { name: "Accepts OAuth clients" });
  await expect(box).toBeChecked();
  await page.getByLabel("Deployment").selectOption("local-single");
  await expect(box).toBeDisabled();
  await expect(box).not.toBeChecked();
  await expect(page.getByText("Only a remote server can accept OAuth clients.")).toBeVisible();

  await page.goto(`/servers/${slug}/edit`);
  await expect(box).toBeChecked();
  const warning = page.getByTestId("oauth-off-warning");
  await expect(warning).toHaveCount(0);
  await page.getByLabel("Deployment").selectOption("local-multi");
  await expect(box).toBeDisabled();
  await expect(warning).toContainText("Saving ends 1 OAuth grant on this server at once");
  await page.getByLabel("Deployment").selectOption("remote");
  await expect(box).toBeChecked();
  await expect(warning).toHaveCount(0);
  await box.uncheck();
  await expect(warning).toBeVisible();
  await lookAt(page, "server-edit-oauth-off");

  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/servers/${slug}$`));
  await expect(page.getByText("OAuth off")).toBeVisible();
  expect(await isActive(credential, app.accessToken)).toBe(false);
  await page.goto("/settings");
  await expect(page.getByRole("list", { name: "Remote servers with OAuth off" }).getByRole("link", { name })).toHaveAttribute("href", `/servers/${slug}`);
  await person.context.close();
});
