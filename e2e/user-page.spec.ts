import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";
import { gatehouseCli } from "./support/cli";
import { cliIssue, cliTokens, unique } from "./support/tokens";
import { newSignedInUser, signedOutContext, signInWithPassword } from "./support/users";

test.use({ storageState: E2E.adminState });

const userPageUrl = /\/users\/usr_[0-9A-Za-z]{16}$/;

async function openFromUsersList(page: Page, email: string, name: string) {
  await page.goto(`/users?q=${encodeURIComponent(email)}`);
  await page.getByRole("row").filter({ hasText: email }).getByRole("link", { name }).click();
  await expect(page).toHaveURL(userPageUrl);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("an admin opens a user from the users list and from a token's owner: their tokens, activity and sessions", async ({ page, browser }) => {
  const bob = await newSignedInUser(browser, "userpage");
  const tokenName = unique("bob-laptop");
  const token = cliIssue(bob.email, tokenName);

  await openFromUsersList(page, bob.email, bob.name);
  const url = page.url();
  await expect(page.locator('[data-slot="page-header"]')).toContainText(bob.email);
  await expect(page.getByTestId("user-token").filter({ hasText: tokenName }).getByRole("link", { name: tokenName })).toHaveAttribute("href", `/tokens/${token.id}`);
  await expect(page.getByRole("table", { name: "Recent activity" })).toContainText("token.issued");
  await expect(page.getByRole("link", { name: "All activity in the audit log" })).toHaveAttribute("href", `/audit?user=${encodeURIComponent(bob.email)}`);
  await expect(page.getByTestId("user-session")).toHaveCount(1);
  await lookAt(page, "user-page");

  // From the tokens list and from the token's own page, the owner is a link to the same page.
  await page.goto(`/tokens?owner=${encodeURIComponent(bob.email)}`);
  await page.getByRole("row").filter({ hasText: tokenName }).getByRole("link", { name: bob.name }).click();
  await expect(page).toHaveURL(url);
  await page.goto(`/tokens/${token.id}`);
  await page.getByRole("link", { name: `${bob.name} (${bob.email})` }).click();
  await expect(page).toHaveURL(url);
  await bob.context.close();
});

test("ending one of a user's sessions signs that browser out and leaves the other signed in", async ({ page, browser }) => {
  const carol = await newSignedInUser(browser, "sessions");
  const second = await signedOutContext(browser);
  const secondPage = await second.newPage();
  await signInWithPassword(secondPage, carol.email, carol.password);
  await expect(secondPage.getByRole("navigation", { name: "Main" })).toBeVisible({ timeout: 30_000 });

  await openFromUsersList(page, carol.email, carol.name);
  const sessions = page.getByTestId("user-session");
  await expect(sessions).toHaveCount(2);
  // Each session says where it signed in from and with what (the login form's action passes both on).
  const userAgent = await secondPage.evaluate(() => navigator.userAgent);
  await expect(sessions.nth(1)).toContainText(userAgent.slice(0, 40));
  await expect(sessions.nth(1)).toContainText(/from (127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)/);
  // Oldest first: the second one is the browser that signed in last.
  await sessions.nth(1).getByRole("button", { name: "End session" }).click();
  await expect(page.getByText("Session ended: that browser is signed out.")).toBeVisible();
  await expect(sessions).toHaveCount(1);

  await secondPage.reload();
  await expect(secondPage).toHaveURL(/\/login/);
  await carol.page.reload();
  await expect(carol.page.getByRole("navigation", { name: "Main" })).toBeVisible();

  await page.getByRole("button", { name: "End all sessions" }).click();
  await expect(page.getByText(`${carol.name} is signed out everywhere.`)).toBeVisible();
  await carol.page.reload();
  await expect(carol.page).toHaveURL(/\/login/);
  await Promise.all([carol.context.close(), second.close()]);
});

test("revoke all on a user's page says how many tokens it will revoke, and revokes that many", async ({ page, browser }) => {
  const dan = await newSignedInUser(browser, "revokeall");
  await dan.context.close();
  const names = [unique("d1"), unique("d2")];
  for (const name of names) cliIssue(dan.email, name);

  await openFromUsersList(page, dan.email, dan.name);
  await page.getByRole("button", { name: `Revoke all of ${dan.email}’s tokens (2)` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: `Revoke all 2 tokens of ${dan.email}?` })).toBeVisible();
  await expect(dialog).toContainText("2 tokens stop working at once");
  await lookAt(page, "user-page-revoke-all");
  await dialog.getByLabel("Reason").fill("left the company");
  await dialog.getByRole("button", { name: "Revoke all 2 tokens" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Revoked 2 tokens of ${dan.email}.` })).toBeVisible();
  expect(cliTokens(dan.email).map((t) => t.status)).toEqual(["revoked", "revoked"]);
  // Nothing left to revoke: the button is gone rather than offering to revoke nothing.
  await page.reload();
  await expect(page.getByRole("button", { name: /Revoke all of/ })).toHaveCount(0);
});

test("a user who is not an admin gets 403 on a user page, and nothing about that user", async ({ page, browser }) => {
  const eve = await newSignedInUser(browser, "not-yours");
  await eve.context.close();
  await openFromUsersList(page, eve.email, eve.name);
  const context = await browser.newContext({ storageState: E2E.userState });
  const response = await context.request.get(page.url());
  expect(response.status()).toBe(403);
  expect(await response.text()).not.toContain(eve.email);
  await context.close();
});

test("on a user's page an admin changes their role, disables and enables them, and issues a set-password link, each confirmed and announced", async ({ page }) => {
  const email = `${unique("managed")}@example.com`;
  const name = "Morgan Managed";
  gatehouseCli("users", "add", "--email", email, "--name", name, "--role", "user");
  await openFromUsersList(page, email, name);
  const header = page.locator('[data-slot="page-header"]');
  const manage = page.getByRole("button", { name: "Manage account" });
  const notice = (text: string) => page.getByRole("status").filter({ hasText: text });

  // A role change asks first; Cancel changes nothing. (Sessions end from their own card, not from the menu.)
  await manage.click();
  await expect(page.getByRole("menuitem", { name: "Sign out everywhere" })).toHaveCount(0);
  await page.getByRole("menuitem", { name: "Make admin…" }).click();
  const promote = page.getByRole("alertdialog", { name: `Make ${name} an admin?` });
  await expect(promote).toContainText("manage users, you included");
  await promote.getByRole("button", { name: "Cancel" }).click();
  await expect(header.getByText("User", { exact: true })).toBeVisible();
  await manage.click();
  await page.getByRole("menuitem", { name: "Make admin…" }).click();
  await lookAt(page, "user-page-role-confirm");
  await promote.getByRole("button", { name: "Make admin" }).click();
  await expect(notice(`${name} is now an admin.`)).toBeVisible();
  await expect(header.getByText("Admin", { exact: true })).toBeVisible();
  expect(gatehouseCli<{ email: string; role: string }[]>("users", "list").find((u) => u.email === email)?.role).toBe("admin");
  await manage.click();
  await page.getByRole("menuitem", { name: "Make regular user…" }).click();
  await page.getByRole("alertdialog", { name: `Make ${name} a regular user?` }).getByRole("button", { name: "Make regular user" }).click();
  await expect(notice(`${name} is now a regular user.`)).toBeVisible();
  await expect(header.getByText("User", { exact: true })).toBeVisible();

  // A new set-password link is shown once, in a dialog that closes only through its own button.
  await manage.click();
  await page.getByRole("menuitem", { name: "New set-password link" }).click();
  const linkDialog = page.getByRole("dialog", { name: "New set-password link" });
  await expect(linkDialog).toContainText(`Any earlier link for ${email} no longer works`);
  await expect(linkDialog.getByLabel(`One-time link for ${email}`)).toHaveValue(/\/invite\/[0-9A-Za-z_-]+$/);
  await lookAt(page, "user-page-new-link");
  await page.keyboard.press("Escape");
  await expect(linkDialog).toBeVisible();
  await linkDialog.getByRole("checkbox").check();
  await linkDialog.getByRole("button", { name: "Done" }).click();
  await expect(linkDialog).toBeHidden();

  await manage.click();
  await page.getByRole("menuitem", { name: "Disable…" }).click();
  await page.getByRole("alertdialog", { name: `Disable ${name}?` }).getByRole("button", { name: "Disable" }).click();
  await expect(notice(`${name} is disabled and signed out everywhere.`)).toBeVisible();
  await expect(header.getByText("Disabled", { exact: true })).toBeVisible();
  await manage.click();
  await expect(page.getByRole("menuitem", { name: "New set-password link" })).toHaveCount(0);
  await page.getByRole("menuitem", { name: "Enable" }).click();
  await expect(notice(`${name} is enabled again.`)).toBeVisible();
  await expect(header.getByText("Disabled", { exact: true })).toHaveCount(0);
});

test("a change the server refuses is said on the user's page, next to the menu, and changes nothing", async ({ page }) => {
  const email = `${unique("refused")}@example.com`;
  const name = "Riley Refused";
  gatehouseCli("users", "add", "--email", email, "--name", name, "--role", "user");
  await openFromUsersList(page, email, name);
  // Disabled behind the page's back: the menu still offers a link, and the server refuses it.
  gatehouseCli("users", "disable", email);
  await page.getByRole("button", { name: "Manage account" }).click();
  await page.getByRole("menuitem", { name: "New set-password link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enable this user before issuing a new link." })).toBeVisible();
  await expect(page.getByRole("dialog", { name: "New set-password link" })).toHaveCount(0);
  // The page then shows the account as it now is.
  await expect(page.locator('[data-slot="page-header"]').getByText("Disabled", { exact: true })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(name));
  await lookAt(page, "user-page-refused");
});
