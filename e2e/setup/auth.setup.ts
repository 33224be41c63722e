import { expect, test as setup } from "@playwright/test";
import { gatehouseCli } from "../support/cli";
import { E2E } from "../support/env";
import { setupLinkFromLog } from "../support/server-log";
import { ADMIN, USER } from "../support/accounts";

// First run: the console's one-time link creates the first admin; the link is dead afterwards.
setup("first-run setup creates the first admin", async ({ page }) => {
  const link = setupLinkFromLog();
  // Before setup, the sign-in page says where the setup link is.
  await page.goto("/login");
  await expect(page.getByText("Gatehouse has no admin yet")).toBeVisible();
  await expect(page.getByText("printed in the server's console")).toBeVisible();
  // A wrong code gets nowhere, and does not burn the real one.
  await page.goto("/setup?code=not-the-code");
  await expect(page.getByRole("heading", { name: "Setup link not valid" })).toBeVisible();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Welcome to Gatehouse" })).toBeVisible();
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/tokens/);
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Users");
  // The first page after setup says what to do next.
  const checklist = page.getByRole("region", { name: "Getting started" });
  await expect(checklist).toContainText("0 of 4 done");
  await expect(checklist.getByRole("link", { name: "Register an MCP server" })).toHaveAttribute("href", "/servers/new");
  await page.context().storageState({ path: E2E.adminState });

  // The link worked once; now it is dead, even with the right code.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Setup link not valid" })).toBeVisible();

  // Only here is the first admin certainly the only one who can sign in (specs may add admins).
  // An invited admin who never set a password does not count: she still cannot remove her own
  // role or disable herself, and the users page says why, under the row.
  gatehouseCli("users", "add", "--email", "pending-boss@example.com", "--name", "Pending Boss", "--role", "admin");
  await page.goto("/users");
  const row = page.getByRole("row").filter({ hasText: ADMIN.email });
  await row.getByRole("button", { name: `Actions for ${ADMIN.email}` }).click();
  await page.getByRole("menuitem", { name: "Remove my admin role…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove my admin role" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "last admin who can sign in" })).toBeVisible();
  await row.getByRole("button", { name: `Actions for ${ADMIN.email}` }).click();
  await page.getByRole("menuitem", { name: "Disable…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "last admin who can sign in" })).toBeVisible();
  await expect(row.getByText("Admin", { exact: true }).filter({ visible: true })).toBeVisible();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/users$/);
});

setup("a regular user joins through an invite link", async ({ browser }) => {
  const created = gatehouseCli<{ inviteUrl: string }>("users", "add", "--email", USER.email, "--name", USER.name, "--role", "user");
  const page = await (await browser.newContext()).newPage();
  await page.goto(created.inviteUrl);
  await page.getByLabel("New password").fill(USER.password);
  await page.getByLabel("Confirm password").fill(USER.password);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page).toHaveURL(/\/my-tokens/);
  await expect(page.getByRole("navigation", { name: "Main" })).not.toContainText("Users");
  await page.context().storageState({ path: E2E.userState });
});

// Still serial, before any spec: the checklist ticks off what is done, and hides when asked.
setup("the getting-started checklist follows the first steps and can be hidden", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: E2E.adminState })).newPage();
  gatehouseCli("servers", "add", "--name", "Checklist notes", "--deployment", "local-multi");
  await page.goto("/tokens");
  const checklist = page.getByRole("region", { name: "Getting started" });
  // A server is registered and a person (the user above) has joined; no token yet.
  await expect(checklist).toContainText("2 of 4 done");
  await expect(checklist.locator('[data-step="server"]')).toHaveAttribute("data-done", "true");
  await expect(checklist.locator('[data-step="people"]')).toHaveAttribute("data-done", "true");
  await expect(checklist.getByRole("link", { name: "Issue a token" })).toBeVisible();
  await checklist.getByRole("button", { name: "Hide" }).click();
  await expect(checklist).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Tokens", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Getting started" })).toHaveCount(0);
});
