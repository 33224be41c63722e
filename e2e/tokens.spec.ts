import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./support/env";
import { cliIssue, cliTokens, cliUser, unique } from "./support/tokens";

test.use({ storageState: E2E.adminState });

const row = (page: Page, name: string) => page.getByRole("row").filter({ hasText: name });

test("rotating with a grace period shows the new secret once and the row 'rotating until …'", async ({ page }) => {
  const email = cliUser("rotate");
  const name = unique("rot");
  cliIssue(email, name, "--reveal");
  await page.goto(`/tokens?owner=${encodeURIComponent(email)}`);
  await row(page, name).getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Rotate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Grace period").selectOption("24h");
  await dialog.getByRole("button", { name: "Rotate", exact: true }).click();
  await expect(dialog.getByTestId("revealed-secret")).toHaveText(/^mcpt_[0-9A-Za-z]{36}$/);
  await expect(dialog.getByRole("status")).toContainText("The old secret keeps working until");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(row(page, name).getByText(/^Rotating until \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC$/)).toBeVisible();
});

test("revoking asks for a reason, then the token stays listed, greyed, with who and why", async ({ page }) => {
  const email = cliUser("revoke");
  const name = unique("rev");
  cliIssue(email, name, "--reveal");
  await page.goto(`/tokens?owner=${encodeURIComponent(email)}`);
  await row(page, name).getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Revoke" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(dialog.getByText("Give a reason")).toBeVisible();
  await dialog.getByLabel("Reason").fill("laptop stolen");
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(dialog).toBeHidden();
  const revoked = row(page, name);
  await expect(revoked.getByText("Revoked", { exact: true })).toBeVisible();
  await expect(revoked).toContainText("by admin@example.com");
  await expect(revoked).toContainText("“laptop stolen”");
  await expect(revoked).toHaveClass(/text-muted-foreground/);
  await expect(revoked.getByRole("button", { name: `Actions for ${name}` })).toHaveCount(0);
  expect(cliTokens(email)[0]?.status).toBe("revoked");
});

test("bulk revoke confirms with the count and revokes exactly the selection", async ({ page }) => {
  const email = cliUser("bulk");
  const names = [1, 2, 3].map((n) => unique(`bulk${n}`));
  for (const n of names) cliIssue(email, n, "--reveal");
  await page.goto(`/tokens?owner=${encodeURIComponent(email)}`);
  await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  await expect(page.getByText("3 tokens selected")).toBeVisible();
  await page.getByRole("button", { name: "Revoke selected" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Revoke 3 tokens?" })).toBeVisible();
  await dialog.getByLabel("Reason").fill("offboarding test");
  await dialog.getByRole("button", { name: "Revoke 3 tokens" }).click();
  await expect(dialog).toBeHidden();
  for (const n of names) await expect(row(page, n).getByText("Revoked", { exact: true })).toBeVisible();
  expect(cliTokens(email).map((t) => t.status)).toEqual(["revoked", "revoked", "revoked"]);
});

test("filters and sorting live in the URL and survive a reload; CSV export follows them, without secrets", async ({ page }) => {
  const email = cliUser("filter");
  const readName = unique("aread");
  const writeName = unique("bwrite");
  const { secret } = cliIssue(email, readName, "--reveal");
  cliIssue(email, writeName, "--scope", "write");
  await page.goto("/tokens");
  await page.getByLabel("Owner").selectOption(email);
  await expect(page).toHaveURL(new RegExp(`owner=${encodeURIComponent(email)}`));
  await page.getByLabel("Scope").selectOption("write");
  await expect(page).toHaveURL(/scope=write/);
  await expect(row(page, writeName)).toBeVisible();
  await expect(row(page, readName)).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel("Scope")).toHaveValue("write");
  await expect(page.getByLabel("Owner")).toHaveValue(email);
  await expect(row(page, writeName)).toBeVisible();
  await expect(row(page, readName)).toHaveCount(0);

  await page.getByLabel("Scope").selectOption("");
  await page.getByRole("button", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=name&dir=asc/);
  await expect(page.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByRole("row").nth(1)).toContainText(readName);
  await page.getByRole("button", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(page.getByRole("row").nth(1)).toContainText(writeName);

  // A garbage sort column or status is ignored, not an error page.
  await page.goto(`/tokens?owner=${encodeURIComponent(email)}&sort=secret_hash&status=bogus`);
  await expect(row(page, readName)).toBeVisible();

  const csv = await (await page.request.get(`/tokens/export?owner=${encodeURIComponent(email)}`)).text();
  expect(csv.split("\n")[0]).toContain("id,name,owner");
  expect(csv).toContain(readName);
  expect(csv).toContain(writeName);
  expect(csv).not.toContain(secret!);
  expect(csv).not.toContain("mcpt_");
});

test("revoke all of a user's tokens in one step", async ({ page }) => {
  const email = cliUser("leaver");
  cliIssue(email, unique("l1"), "--reveal");
  cliIssue(email, unique("l2"));
  await page.goto(`/tokens?owner=${encodeURIComponent(email)}`);
  await page.getByRole("button", { name: `Revoke all of ${email}’s tokens` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill("left the company");
  await dialog.getByRole("button", { name: "Revoke all" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Revoked 2 tokens of ${email}.` })).toBeVisible();
  expect(cliTokens(email).map((t) => t.status)).toEqual(["revoked", "revoked"]);
});

test("an empty filter result says so and offers to clear the filters", async ({ page }) => {
  await page.goto(`/tokens?owner=${encodeURIComponent(cliUser("nobody"))}`);
  await expect(page.getByRole("heading", { name: "No tokens match these filters" })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/tokens$/);
});
