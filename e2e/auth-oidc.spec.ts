import { expect, test, type Page } from "@playwright/test";
import { gatehouseCli } from "./support/cli";

// Single sign-on against the local OpenID Connect provider (e2e/support/oidc-provider.ts).
// Its dev login form takes any login as the email; "unverified…" logins get email_verified: false.

function unique(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}

async function signInWithSso(page: Page, email: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Continue with Test SSO" }).click();
  await page.locator("input[name=login]").fill(email);
  await page.locator("input[name=password]").fill("anything at all");
  await page.locator("button[type=submit]").click();
  // The provider asks for consent on the first authorization.
  await page.getByRole("button", { name: /continue/i }).click();
}

test("an SSO user whose verified email matches an existing user signs in as that user", async ({ page }) => {
  const email = unique("sso-match");
  gatehouseCli("users", "add", "--email", email, "--name", "Sam SSO", "--role", "user");
  await signInWithSso(page, email);
  await expect(page).toHaveURL(/\/my-tokens$/);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
});

test("an unknown email is refused when OIDC_CREATE_USERS is false", async ({ page }) => {
  await signInWithSso(page, unique("sso-stranger"));
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("has no access to Gatehouse")).toBeVisible();
  await page.goto("/my-tokens");
  await expect(page).toHaveURL(/\/login/);
});

test("an unverified email is refused, even when it matches a user", async ({ page }) => {
  const email = unique("unverified-sso");
  gatehouseCli("users", "add", "--email", email, "--name", "Una Verified", "--role", "user");
  await signInWithSso(page, email);
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("has no access to Gatehouse")).toBeVisible();
  await page.goto("/my-tokens");
  await expect(page).toHaveURL(/\/login/);
});
