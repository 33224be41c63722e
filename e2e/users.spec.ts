import { expect, test, type Page } from "@playwright/test";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { callFormAction } from "./support/server-action";
import { lookAt } from "./support/look";
import { acceptInviteLink, newSignedInUser, signedOutContext, signInWithPassword, uniqueEmail } from "./support/users";

test.use({ storageState: E2E.adminState });
// Role changes here briefly add admins; keep them in order within this file.
test.describe.configure({ mode: "serial" });

function rowOf(page: Page, email: string) {
  return page.getByRole("row").filter({ hasText: email });
}

async function openActions(page: Page, email: string) {
  await rowOf(page, email).getByRole("button", { name: `Actions for ${email}` }).click();
}

async function inviteOnPage(page: Page, email: string, name: string, role: "Admin" | "User" = "User") {
  await page.goto("/users");
  await page.getByRole("button", { name: "Invite user" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await dialog.getByLabel("Role").selectOption({ label: role });
  await dialog.getByRole("button", { name: "Invite" }).click();
  return dialog;
}

test("invite on /users → copy the link → the new user sets a password and signs in", async ({ page, browser }) => {
  const email = uniqueEmail("invited-ui");
  const dialog = await inviteOnPage(page, email, "Ivy Invited");
  await expect(dialog.getByRole("heading", { name: "User invited" })).toBeVisible();
  const shown = await dialog.getByLabel(`One-time link for ${email}`).inputValue();
  expect(shown).toMatch(new RegExp(`^${E2E.baseURL}/invite/[0-9A-Za-z]+$`));
  await expect(dialog).toContainText("7 days");

  await dialog.getByRole("button", { name: "Copy link" }).click();
  await expect(dialog.getByRole("button", { name: "Copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);
  // A one-time link is not lost to Escape: only Done closes, once it is copied.
  await page.keyboard.press("Escape");
  await expect(dialog.getByLabel(/One-time link for/)).toHaveValue(shown);
  await dialog.getByLabel("I have copied the link").check();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(rowOf(page, email).getByText("Invited", { exact: true })).toBeVisible();

  const password = "ivy's own long password";
  const invitee = await acceptInviteLink(browser, copied, password);
  await expect(invitee.page).toHaveURL(/\/my-tokens$/);
  await invitee.context.close();

  // The link worked once.
  const again = await (await signedOutContext(browser)).newPage();
  await again.goto(copied);
  await expect(again.getByRole("heading", { name: "Link not valid" })).toBeVisible();
  await signInWithPassword(again, email, password);
  await expect(again).toHaveURL(/\/my-tokens$/);

  await page.reload();
  const row = rowOf(page, email);
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await expect(row).toContainText("Password");
  await expect(row).not.toContainText("Never");
});

test("an email already in use is refused under the field", async ({ page }) => {
  const email = uniqueEmail("taken");
  gatehouseCli("users", "add", "--email", email, "--name", "First", "--role", "user");
  const dialog = await inviteOnPage(page, email.toUpperCase(), "Second");
  await expect(dialog.getByText(`A user with the email ${email} already exists.`)).toBeVisible();
  await expect(dialog.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
});

test("invalid input is explained field by field", async ({ page }) => {
  const dialog = await inviteOnPage(page, "not-an-email", "");
  await expect(dialog.getByText("Enter a valid email address")).toBeVisible();
  await expect(dialog.getByText("Enter a name")).toBeVisible();
});

test("change a role both ways", async ({ page }) => {
  const email = uniqueEmail("promoted");
  gatehouseCli("users", "add", "--email", email, "--name", "Pat Promoted", "--role", "user");
  await page.goto("/users");
  await openActions(page, email);
  await page.getByRole("menuitem", { name: "Make admin…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Make Pat Promoted an admin?" });
  await expect(confirm).toContainText("manage users, you included");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(rowOf(page, email).getByText("User", { exact: true }).filter({ visible: true })).toBeVisible();

  await openActions(page, email);
  await page.getByRole("menuitem", { name: "Make admin…" }).click();
  await confirm.getByRole("button", { name: "Make admin" }).click();
  await expect(rowOf(page, email).getByText("Admin", { exact: true }).filter({ visible: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Pat Promoted is now an admin." })).toBeVisible();

  await openActions(page, email);
  await page.getByRole("menuitem", { name: "Make regular user…" }).click();
  await lookAt(page, "users-role-confirm");
  await page.getByRole("alertdialog", { name: "Make Pat Promoted a regular user?" }).getByRole("button", { name: "Make regular user" }).click();
  await expect(rowOf(page, email).getByText("User", { exact: true }).filter({ visible: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Pat Promoted is now a regular user." })).toBeVisible();
  await lookAt(page, "users-role-notice");
});

test("removing your own admin role warns that you lose admin, then sends you to My tokens", async ({ browser }) => {
  const me = await newSignedInUser(browser, "self-demoting", "admin");
  const { page } = me;
  await page.goto("/users");
  await openActions(page, me.email);
  await page.getByRole("menuitem", { name: "Remove my admin role…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Remove your own admin role?" });
  await expect(confirm).toContainText("You will lose admin access at once");
  await confirm.getByRole("button", { name: "Remove my admin role" }).click();
  await expect(page).toHaveURL(/\/my-tokens$/);
  await expect(page.getByRole("status").filter({ hasText: "You are no longer an admin." })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await me.context.close();
});

test("someone who has not used their link is Invited on the page and \"invited\" in the CLI", async ({ browser }) => {
  const me = await newSignedInUser(browser, "lister", "admin");
  const invited = uniqueEmail("invited-admin");
  gatehouseCli("users", "add", "--email", invited, "--name", "Never Signed In", "--role", "admin");
  const { page } = me;
  await page.goto("/users");
  await expect(rowOf(page, invited).getByText("Invited", { exact: true })).toBeVisible();
  const cli = gatehouseCli<{ email: string; state: string }[]>("users", "list");
  expect(cli.find((u) => u.email === invited)?.state).toBe("invited");
  await me.context.close();
});

test("disable asks first; a disabled user cannot sign in until enabled again", async ({ page, browser }) => {
  const email = uniqueEmail("toggled");
  const password = "toggled user's password";
  const { inviteUrl } = gatehouseCli<{ inviteUrl: string }>("users", "add", "--email", email, "--name", "Tom Toggled", "--role", "user");
  await (await acceptInviteLink(browser, inviteUrl, password)).context.close();

  await page.goto("/users");
  await openActions(page, email);
  await page.getByRole("menuitem", { name: "Disable…" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("signed out at once");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(rowOf(page, email).getByText("Active", { exact: true })).toBeVisible();

  await openActions(page, email);
  await page.getByRole("menuitem", { name: "Disable…" }).click();
  await confirm.getByRole("button", { name: "Disable" }).click();
  await expect(rowOf(page, email).getByText("Disabled", { exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Tom Toggled is disabled and signed out everywhere." })).toBeVisible();

  const other = await (await signedOutContext(browser)).newPage();
  await signInWithPassword(other, email, password);
  await expect(other.getByText("Wrong email or password, or the account is disabled.")).toBeVisible();

  await openActions(page, email);
  await page.getByRole("menuitem", { name: "Enable" }).click();
  await expect(rowOf(page, email).getByText("Active", { exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Tom Toggled is enabled again." })).toBeVisible();
  await signInWithPassword(other, email, password);
  await expect(other).toHaveURL(/\/my-tokens$/);
});

test("a new set-password link replaces the old one", async ({ page, browser }) => {
  const email = uniqueEmail("relinked");
  const { inviteUrl: first } = gatehouseCli<{ inviteUrl: string }>("users", "add", "--email", email, "--name", "Rita Relinked", "--role", "user");
  await page.goto("/users");
  await openActions(page, email);
  await page.getByRole("menuitem", { name: "New set-password link" }).click();
  const dialog = page.getByRole("dialog");
  const second = await dialog.getByLabel(`One-time link for ${email}`).inputValue();
  expect(second).not.toBe(first);
  await dialog.getByLabel("I have copied the link").check();
  await dialog.getByRole("button", { name: "Done" }).click();

  const visitor = await (await signedOutContext(browser)).newPage();
  await visitor.goto(first);
  await expect(visitor.getByRole("heading", { name: "Link not valid" })).toBeVisible();
  const { context } = await acceptInviteLink(browser, second, "rita's brand new password");
  await context.close();
});

test("the invite action works when called directly by an admin (so the refusal test means something)", async ({ page }) => {
  const email = uniqueEmail("direct");
  const response = await callFormAction(page.request, "/users", { filename: "app/actions/users.ts", exportedName: "inviteUserAction" }, {
    email,
    name: "Direct Call",
    role: "user",
  });
  expect(response.status()).toBe(200);
  const users = gatehouseCli<{ email: string }[]>("users", "list");
  expect(users.some((u) => u.email === email)).toBe(true);
});
