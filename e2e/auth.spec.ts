import { expect, test } from "@playwright/test";
import { ADMIN, USER } from "./support/accounts";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { serverOutput } from "./support/server-log";
import { newSignedInUser, signInWithPassword } from "./support/users";

const WRONG_PASSWORD = "definitely-not-the-password";

test.describe("password sign-in", () => {
  test("the right password signs in; sign-out ends the session", async ({ page }) => {
    await signInWithPassword(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/tokens$/);
    await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Users");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/tokens");
    await expect(page).toHaveURL(/\/login\?next=%2Ftokens/);
  });

  test("a wrong password gets a clear error and no session", async ({ page, context }) => {
    await signInWithPassword(page, ADMIN.email, WRONG_PASSWORD);
    await expect(page.getByText("Wrong email or password")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);
    expect((await context.cookies()).map((c) => c.name)).not.toContain("authjs.session-token");
    await page.goto("/tokens");
    await expect(page).toHaveURL(/\/login/);
  });

  test("after signing in, the next page is the one asked for", async ({ page }) => {
    await page.goto("/users");
    await expect(page).toHaveURL(/\/login\?next=%2Fusers/);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/users$/);
  });
});

test.describe("disabled users", () => {
  test("a disabled user is refused at sign-in", async ({ browser, page }) => {
    const user = await newSignedInUser(browser, "refused");
    await user.context.close();
    gatehouseCli("users", "disable", user.email);
    await signInWithPassword(page, user.email, user.password);
    await expect(page.getByText("Wrong email or password, or the account is disabled.")).toBeVisible();
    await page.goto("/my-tokens");
    await expect(page).toHaveURL(/\/login/);
  });

  test("an open session ends at its next request once an admin disables the user", async ({ browser }) => {
    const user = await newSignedInUser(browser, "cut-off");
    await user.page.goto("/my-tokens");
    await expect(user.page.getByRole("navigation", { name: "Main" })).toBeVisible();

    const admin = await browser.newContext({ storageState: E2E.adminState });
    const adminPage = await admin.newPage();
    await adminPage.goto("/users");
    const row = adminPage.getByRole("row").filter({ hasText: user.email });
    await row.getByRole("button", { name: `Actions for ${user.email}` }).click();
    await adminPage.getByRole("menuitem", { name: "Disable…" }).click();
    await adminPage.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
    await expect(row.getByText("Disabled", { exact: true })).toBeVisible();

    // The user's cookie is still there and its JWT unexpired; the next request refuses it anyway.
    await user.page.reload();
    await expect(user.page).toHaveURL(/\/login/);
    await expect(user.page.getByRole("heading", { name: "Sign in to Gatehouse" })).toBeVisible();
    await admin.close();
    await user.context.close();
  });
});

test("passwords never reach the server's log", async () => {
  const log = serverOutput();
  for (const secret of [ADMIN.password, USER.password, WRONG_PASSWORD]) expect(log).not.toContain(secret);
});
