import { expect, test as setup } from "@playwright/test";
import { gatehouseCli } from "../support/cli";
import { E2E } from "../support/env";
import { setupLinkFromLog } from "../support/server-log";
import { ADMIN, USER } from "../support/accounts";

// First run: the console's one-time link creates the first admin; the link is dead afterwards.
setup("first-run setup creates the first admin", async ({ page }) => {
  const link = setupLinkFromLog();
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
  await page.context().storageState({ path: E2E.adminState });

  // The link worked once; now it is dead, even with the right code.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Setup link not valid" })).toBeVisible();

  // Only here is the first admin certainly the only one (specs may add admins): it cannot be
  // demoted or disabled, and the users page says why, under the row.
  await page.goto("/users");
  const row = page.getByRole("row").filter({ hasText: ADMIN.email });
  await row.getByRole("button", { name: `Actions for ${ADMIN.email}` }).click();
  await page.getByRole("menuitem", { name: "Make regular user" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "last active admin" })).toBeVisible();
  await row.getByRole("button", { name: `Actions for ${ADMIN.email}` }).click();
  await page.getByRole("menuitem", { name: "Disable…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "last active admin" })).toBeVisible();
  await expect(row.getByText("Admin", { exact: true })).toBeVisible();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
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
