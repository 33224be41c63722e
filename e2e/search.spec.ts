/** Issue 17.19: search on Tokens and Users, kept in the URL; the token id shown and copyable. */
import { expect, test } from "@playwright/test";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";
import { cliIssue, cliServiceAccount, unique } from "./support/tokens";
import { uniqueEmail } from "./support/users";

test.use({ storageState: E2E.adminState });

test("search tokens by name, owner email, id or a pasted secret; the search is in the URL and survives a reload", async ({ page }) => {
  const owner = cliServiceAccount("searched");
  const name = unique("needle");
  const other = unique("haystack");
  const token = cliIssue(owner, name, "--reveal");
  cliIssue(cliServiceAccount("unsearched"), other);
  const table = page.getByRole("table");

  await page.goto("/tokens");
  const box = page.getByRole("searchbox", { name: "Search tokens" });
  const inUrl = () => new URL(page.url()).searchParams.get("q");
  for (const q of [name.toUpperCase(), owner, token.id]) {
    await box.fill(q);
    await box.press("Enter");
    await expect.poll(inUrl).toBe(q);
    await expect(table.getByRole("row").filter({ hasText: name })).toHaveCount(1);
    await expect(table.getByRole("row").filter({ hasText: other })).toHaveCount(0);
  }
  // A pasted secret finds its token, and only the four characters the pages show go into the URL.
  await box.fill(token.secret!);
  await box.press("Enter");
  await expect.poll(inUrl).toBe(token.secret!.slice(5, 9));
  await expect(table.getByRole("row").filter({ hasText: name })).toHaveCount(1);
  expect(page.url()).not.toContain(token.secret!.slice(5));
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search tokens" })).toHaveValue(token.secret!.slice(5, 9));
  await lookAt(page, "tokens-search");

  await box.fill("no-such-token-anywhere");
  await box.press("Enter");
  await expect(page.getByText("No tokens match “no-such-token-anywhere”")).toBeVisible();
});

test("search users by name, email or id", async ({ page }) => {
  const email = uniqueEmail("findme");
  const { id } = gatehouseCli<{ id: string }>("users", "add", "--email", email, "--name", "Quentin Searchable", "--role", "user");
  await page.goto("/users");
  const box = page.getByRole("searchbox", { name: "Search users" });
  for (const q of ["quentin search", email, id]) {
    await box.fill(q);
    await box.press("Enter");
    await expect(page).toHaveURL(/[?&]q=/);
    const rows = page.getByRole("table", { name: "Users" }).getByRole("row");
    // The header row and Quentin's.
    await expect(rows).toHaveCount(2);
  }
  await box.fill("Quentin");
  await box.press("Enter");
  await expect(page.getByRole("row").filter({ hasText: email })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "admin@example.com" })).toHaveCount(0);
  await lookAt(page, "users-search");
  await box.fill("nobody-by-this-name");
  await box.press("Enter");
  await expect(page.getByText("No users match “nobody-by-this-name”")).toBeVisible();
});

test("a token's page shows its id (tok_…) with a copy button", async ({ page }) => {
  const token = cliIssue(cliServiceAccount("id-copy"), unique("idcopy"));
  await page.goto(`/tokens/${token.id}`);
  await expect(page.getByTestId("token-id")).toHaveText(token.id);
  await page.getByRole("button", { name: "Copy token id" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token.id);
});
