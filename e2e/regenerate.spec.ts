import { expect, test } from "@playwright/test";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";
import { cliIssue, cliTokens, unique } from "./support/tokens";
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
