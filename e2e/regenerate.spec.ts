import { expect, test } from "@playwright/test";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";
import { cliIssue, cliServiceAccount, cliTokens, unique } from "./support/tokens";
import { newSignedInUser } from "./support/users";

const tokenPage = /\/tokens\/(tok_[0-9A-Za-z]{16})$/;

test("a user regenerates a revoked token on My tokens: a recap, then the new token's page shows its secret once", async ({ browser }) => {
  const erin = await newSignedInUser(browser, "regen");
  const name = unique("erin-laptop");
  const old = cliIssue(erin.email, name, "--expires", "30d");
  gatehouseCli("tokens", "revoke", old.id, "--reason", "laptop stolen");
  const page = erin.page;

  await page.goto("/my-tokens");
  const card = page.getByTestId("my-token").filter({ hasText: name });
  await card.getByRole("button", { name: `Regenerate ${name}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: `Regenerate “${name}”?` })).toBeVisible();
  await expect(dialog).toContainText("This one stays revoked, as it is.");
  await expect(dialog).toContainText(`${erin.name} (${erin.email})`);
  await expect(dialog).toContainText("30 days after you confirm, as long as the old one lived");
  await expect(dialog).toContainText("Shown to you once, on the new token's page");
  await lookAt(page, "regenerate-recap");
  await dialog.getByRole("button", { name: "Regenerate", exact: true }).click();

  await expect(page).toHaveURL(tokenPage);
  const newId = tokenPage.exec(page.url())![1]!;
  expect(newId).not.toBe(old.id);
  await expect(page.getByTestId("revealed-secret")).toHaveText(/^mcpt_[0-9A-Za-z]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await lookAt(page, "regenerated-token");
  // Shown once: a reload finds only the token, never its secret again.
  await page.reload();
  await expect(page.getByTestId("revealed-secret")).toHaveCount(0);

  const tokens = cliTokens(erin.email);
  expect(tokens.find((t) => t.id === old.id)?.status).toBe("revoked");
  expect(tokens.find((t) => t.id === newId)).toMatchObject({ name, status: "active" });
  await erin.context.close();
});

test.describe("as an admin", () => {
  test.use({ storageState: E2E.adminState });

  test("regenerating a person's token on its page shows the admin no secret: the new token waits for its owner", async ({ page, browser }) => {
    const frank = await newSignedInUser(browser, "regen-admin");
    await frank.context.close();
    const name = unique("frank-ci");
    const old = cliIssue(frank.email, name, "--expires", "200d");
    gatehouseCli("tokens", "revoke", old.id, "--reason", "rotated out");

    await page.goto(`/tokens/${old.id}`);
    await page.getByRole("button", { name: `Regenerate ${name}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(`${frank.name} claims it on My tokens; you never see it`);
    await expect(dialog).toContainText("200 days after you confirm");
    await dialog.getByRole("button", { name: "Regenerate", exact: true }).click();

    await expect(page).toHaveURL(tokenPage);
    await expect(page.getByText(`${frank.name} can claim the new token on My tokens.`)).toBeVisible();
    await expect(page.getByTestId("revealed-secret")).toHaveCount(0);
    await expect(page.getByText("Ready to claim").first()).toBeVisible();
    const newId = tokenPage.exec(page.url())![1]!;
    expect(cliTokens(frank.email).find((t) => t.id === newId)?.status).toMatch(/ready/i);
  });

  test("a live token offers no Regenerate: it is rotated instead", async ({ page }) => {
    const email = `${unique("live")}@example.com`;
    gatehouseCli("users", "add", "--email", email, "--name", "Live owner", "--role", "user");
    const live = cliIssue(email, unique("live"));
    await page.goto(`/tokens/${live.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Regenerate/ })).toHaveCount(0);
  });
});

test.describe("from the tokens table, as an admin", () => {
  test.use({ storageState: E2E.adminState });

  test("a revoked token's row menu regenerates it; the new token and the old one link to each other", async ({ page }) => {
    const bot = cliServiceAccount("regen-row");
    const name = unique("deploy-bot");
    const old = cliIssue(bot, name, "--expires", "30d");
    gatehouseCli("tokens", "revoke", old.id, "--reason", "key in a public log");

    await page.goto(`/tokens?owner=${encodeURIComponent(bot)}`);
    const row = page.getByRole("row").filter({ hasText: name });
    await row.getByRole("button", { name: `Actions for ${name}` }).click();
    // Revoked: nothing to rotate or revoke, only to regenerate.
    await expect(page.getByRole("menuitem", { name: "Rotate" })).toHaveCount(0);
    await expect(page.getByRole("menuitem", { name: "Revoke" })).toHaveCount(0);
    await page.getByRole("menuitem", { name: "Regenerate…" }).click();
    const dialog = page.getByRole("dialog", { name: `Regenerate “${name}”?` });
    await expect(dialog).toContainText("This one stays revoked, as it is.");
    await expect(dialog).toContainText("30 days after you confirm, as long as the old one lived");
    await expect(dialog).toContainText("Shown to you once, on the new token's page");
    await lookAt(page, "regenerate-from-row");
    await dialog.getByRole("button", { name: "Regenerate", exact: true }).click();

    await expect(page).toHaveURL(tokenPage);
    const newId = tokenPage.exec(page.url())![1]!;
    await expect(page.getByTestId("revealed-secret")).toHaveText(/^mcpt_[0-9A-Za-z]{36}$/);
    const settings = page.locator("dl");
    await expect(settings.getByText("Regenerated from")).toBeVisible();
    await settings.getByRole("link", { name, exact: true }).click();

    await expect(page).toHaveURL(new RegExp(`/tokens/${old.id}$`));
    await expect(page.locator("dl").getByText("Replaced by")).toBeVisible();
    await expect(page.locator("dl")).toContainText(newId);
    await expect(page.getByRole("table", { name: "Recent audit events" })).toContainText("token.regenerated");
    await lookAt(page, "token-replaced-by");
    await page.locator("dl").getByRole("link", { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/tokens/${newId}$`));
    expect(cliTokens(bot).find((t) => t.id === old.id)?.status).toBe("revoked");
  });

  test("a live token's row menu offers Rotate and Revoke, never Regenerate", async ({ page }) => {
    const bot = cliServiceAccount("regen-live-row");
    const name = unique("live-bot");
    cliIssue(bot, name, "--reveal");
    await page.goto(`/tokens?owner=${encodeURIComponent(bot)}`);
    await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: `Actions for ${name}` }).click();
    await expect(page.getByRole("menuitem", { name: "Rotate" })).toBeVisible();
    await expect(page.getByRole("menuitem", { name: "Revoke" })).toBeVisible();
    await expect(page.getByRole("menuitem", { name: /Regenerate/ })).toHaveCount(0);
  });
});
