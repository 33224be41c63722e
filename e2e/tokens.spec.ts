import { expect, test, type Page } from "@playwright/test";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";
import { newSignedInUser } from "./support/users";
import { cliIssue, cliServiceAccount, cliTokens, cliUser, unique, uniqueUrl } from "./support/tokens";

test.use({ storageState: E2E.adminState });

const row = (page: Page, name: string) => page.getByRole("row").filter({ hasText: name });

test("rotating a service account's token with a grace period shows the new secret once and the row 'rotating until …'", async ({ page }) => {
  const email = cliServiceAccount("rotate");
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
  // The secret cannot be lost to a stray key or click: only Done closes, once it is copied.
  const secret = await dialog.getByTestId("revealed-secret").textContent();
  await page.keyboard.press("Escape");
  await page.mouse.click(5, 5);
  await expect(dialog.getByTestId("revealed-secret")).toHaveText(secret!);
  await expect(dialog.getByRole("button", { name: "Close" })).toHaveCount(0);
  await expect(dialog.getByRole("button", { name: "Done" })).toBeDisabled();
  await dialog.getByLabel("I have copied the new secret").check();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, name).getByText(/^Rotating until \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC$/)).toBeVisible();
});

test("rotating with grace None says the old secret stopped, and a client still using it is told it was replaced", async ({ page, playwright }) => {
  const email = cliServiceAccount("rotate-now");
  const name = unique("rotnow");
  const { secret: oldSecret } = cliIssue(email, name, "--reveal");
  const server = gatehouseCli<{ credential: string }>("servers", "add", "--name", unique("Rotnow server"), "--url", uniqueUrl("rotnow"));
  await page.goto(`/tokens?owner=${encodeURIComponent(email)}`);
  await row(page, name).getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Rotate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Grace period").selectOption("0");
  await dialog.getByRole("button", { name: "Rotate", exact: true }).click();
  await expect(dialog.getByRole("status")).toHaveText("The old secret stopped working at once.");
  await expect(dialog).not.toContainText("keeps working");
  await lookAt(page, "rotate-grace-none");

  const api = await playwright.request.newContext({ baseURL: E2E.baseURL, extraHTTPHeaders: { authorization: `Bearer ${server.credential}` } });
  const answer = await (await api.post("/api/v1/verify", { data: { token: oldSecret, method: "tools/list" } })).json();
  expect(answer).toEqual({ active: false, reason: "secret_replaced" });
  await api.dispose();
});

test("rotating a person's token shows the admin no secret: the owner claims the new one, the old keeps working meanwhile", async ({ page, browser, playwright }) => {
  const bob = await newSignedInUser(browser, "bob");
  const name = unique("bobs");
  const server = gatehouseCli<{ credential: string }>("servers", "add", "--name", unique("Rot server"), "--url", uniqueUrl("rot"));
  cliIssue(bob.email, name);
  const claim = async () => {
    await bob.page.goto("/my-tokens");
    const card = bob.page.getByTestId("my-token").filter({ hasText: name });
    await card.getByRole("button", { name: `Reveal ${name}` }).click();
    return (await card.getByTestId("revealed-secret").textContent())!;
  };
  const oldSecret = await claim();

  await page.goto(`/tokens?owner=${encodeURIComponent(bob.email)}`);
  await row(page, name).getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Rotate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Grace period").selectOption("24h");
  await dialog.getByRole("button", { name: "Rotate", exact: true }).click();
  await expect(dialog.getByText(`${bob.name} can claim the new secret on My tokens`)).toBeVisible();
  await expect(dialog.getByTestId("revealed-secret")).toHaveCount(0);
  expect(await page.content()).not.toMatch(/mcpt_[0-9A-Za-z]{36}/);
  await dialog.getByRole("button", { name: "Done" }).click();

  const api = await playwright.request.newContext({ baseURL: E2E.baseURL, extraHTTPHeaders: { authorization: `Bearer ${server.credential}` } });
  const verify = async (token: string) => (await (await api.post("/api/v1/verify", { data: { token, method: "tools/list" } })).json()) as { active: boolean };
  expect((await verify(oldSecret)).active).toBe(true);
  const newSecret = await claim();
  expect(newSecret).not.toBe(oldSecret);
  expect((await verify(newSecret)).active).toBe(true);
  expect((await verify(oldSecret)).active).toBe(true);
  await api.dispose();
  await bob.context.close();
});

test("revoking asks for a reason, then the token stays listed, greyed, with who and why", async ({ page }) => {
  const email = cliServiceAccount("revoke");
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
  // Nothing left to rotate or revoke: its menu offers only to regenerate it.
  await revoked.getByRole("button", { name: `Actions for ${name}` }).click();
  await expect(page.getByRole("menuitem")).toHaveText(["Regenerate…"]);
  await page.keyboard.press("Escape");
  expect(cliTokens(email)[0]?.status).toBe("revoked");
});

test("bulk revoke confirms with the count and revokes exactly the selection", async ({ page }) => {
  const email = cliServiceAccount("bulk");
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
  const email = cliServiceAccount("filter");
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
  const email = cliServiceAccount("leaver");
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
