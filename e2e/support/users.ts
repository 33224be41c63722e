import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { gatehouseCli } from "./cli";

/** An email no other spec uses, so specs can run side by side on one database. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}

/**
 * A browser context with nobody signed in. (In the test runner, browser.newContext() inherits
 * the spec's `use` options, including a saved admin storageState.)
 */
export function signedOutContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ storageState: { cookies: [], origins: [] } });
}

export type SignedInUser = { email: string; name: string; password: string; context: BrowserContext; page: Page };

/** Sets a password through a one-time link in a fresh browser context, which is then signed in. */
export async function acceptInviteLink(browser: Browser, link: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await signedOutContext(browser);
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("New password").fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  // Two scrypt hashes at N=2^17 (set, then sign in), one at a time behind anyone else signing in.
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible({ timeout: 30_000 });
  return { context, page };
}

/** A new user (created with the CLI) who has set a password and is signed in, in their own browser context. */
export async function newSignedInUser(browser: Browser, prefix: string, role: "admin" | "user" = "user"): Promise<SignedInUser> {
  const email = uniqueEmail(prefix);
  const name = `Test ${prefix}`;
  const password = `pw-${Math.random().toString(36).slice(2)}-long-enough`;
  const { inviteUrl } = gatehouseCli<{ inviteUrl: string }>("users", "add", "--email", email, "--name", name, "--role", role);
  return { email, name, password, ...(await acceptInviteLink(browser, inviteUrl, password)) };
}

/** Signs in with email and password on /login. */
export async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
