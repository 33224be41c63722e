import { expect, test } from "@playwright/test";
import { USER } from "./support/accounts";
import { E2E } from "./support/env";
import { serverOutput } from "./support/server-log";
import { cliIssue, cliServer, cliServiceAccount, cliTokens, unique } from "./support/tokens";

test.use({ storageState: E2E.userState });

const card = (page: import("@playwright/test").Page, name: string) => page.getByTestId("my-token").filter({ hasText: name });

test("an admin issues a token for a user, who reveals it once, copies it, and never sees it again", async ({ page, browser }) => {
  const name = unique("claim");
  const server = cliServer("Claim server");
  // The admin issues it in the browser, choosing "the owner claims it" (the default).
  const admin = await browser.newContext({ storageState: E2E.adminState });
  const adminPage = await admin.newPage();
  await adminPage.goto("/tokens/new");
  await adminPage.getByRole("combobox", { name: "Owner" }).selectOption(USER.email);
  await adminPage.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await adminPage.getByRole("checkbox", { name: server.name }).check();
  await adminPage.getByRole("button", { name: "Issue token" }).click();
  await expect(adminPage.getByText(`${USER.email} can now claim it`)).toBeVisible();
  await expect(adminPage.getByTestId("revealed-secret")).toHaveCount(0);
  await admin.close();

  await page.goto("/my-tokens");
  const mine = card(page, name);
  await expect(mine.getByText("Ready to claim")).toBeVisible();
  await mine.getByRole("button", { name: `Reveal ${name}` }).click();
  const secret = (await mine.getByTestId("revealed-secret").textContent())!;
  expect(secret).toMatch(/^mcpt_[0-9A-Za-z]{36}$/);
  await expect(mine.getByTestId("revealed-config")).toContainText(`"Authorization": "Bearer ${secret}"`);
  await expect(mine.getByText("this is the only time it is shown")).toBeVisible();

  await mine.getByRole("button", { name: "Copy token" }).click();
  await expect(mine.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  // A configuration for each real client, named as its users know it, ready to copy.
  const clientSelect = mine.getByRole("combobox", { name: "Configuration for" });
  await clientSelect.selectOption({ label: "Claude Code" });
  await expect(mine.getByTestId("revealed-config")).toContainText(`claude mcp add --transport http`);
  await expect(mine.getByTestId("revealed-config")).toContainText(`--header 'Authorization: Bearer ${secret}'`);
  await expect(mine.getByText("Paste it into a terminal.")).toBeVisible();
  await clientSelect.selectOption({ label: "VS Code" });
  expect(JSON.parse((await mine.getByTestId("revealed-config").textContent())!)).toHaveProperty("servers");
  await expect(mine.getByText("Paste it into .vscode/mcp.json.")).toBeVisible();
  await mine.getByRole("button", { name: "Copy configuration" }).click();
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toHaveProperty("servers");
  for (const label of ["Claude Desktop", "Cursor", "Any MCP client (mcpServers JSON)"]) {
    await clientSelect.selectOption({ label });
    expect(JSON.parse((await mine.getByTestId("revealed-config").textContent())!)).toHaveProperty("mcpServers");
  }

  await page.reload();
  await expect(card(page, name).getByText("Active", { exact: true })).toBeVisible();
  await expect(card(page, name).getByRole("button", { name: `Reveal ${name}` })).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  expect(serverOutput()).not.toContain(secret);
  // The hint shows which secret it is, without showing it.
  await expect(card(page, name)).toContainText(`${secret.slice(0, 9)}…${secret.slice(-4)}`);
});

test("a user cannot see or act on another user's token, in the UI or by calling the server action", async ({ page }) => {
  const other = cliServiceAccount("victim");
  const theirs = cliIssue(other, unique("theirs"));
  const mine = cliIssue(USER.email, unique("mine"));
  // A person's secret is theirs to claim: the user reveals their own, as on any day.
  await page.goto("/my-tokens");
  await card(page, mine.name).getByRole("button", { name: `Reveal ${mine.name}` }).click();
  await expect(card(page, mine.name).getByTestId("revealed-secret")).toHaveText(/^mcpt_/);

  await page.goto(`/tokens/${theirs.id}`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.goto("/tokens");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await page.goto("/my-tokens");
  await expect(page.getByText(theirs.name)).toHaveCount(0);

  // Call the revoke action with the other user's token id by editing the form's hidden field.
  await card(page, mine.name).getByRole("button", { name: `Revoke ${mine.name}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.locator('input[name="tokenId"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), theirs.id);
  await dialog.getByLabel("Reason").fill("not mine to revoke");
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Token not found.");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // The same for rotate: no new secret for someone else's token.
  await card(page, mine.name).getByRole("button", { name: `Rotate ${mine.name}` }).click();
  await dialog.locator('input[name="tokenId"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), theirs.id);
  await dialog.getByRole("button", { name: "Rotate", exact: true }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Token not found.");
  await expect(dialog.getByTestId("revealed-secret")).toHaveCount(0);

  expect(cliTokens(other)).toEqual([expect.objectContaining({ id: theirs.id, status: "active" })]);
  expect(cliTokens(USER.email).find((t) => t.id === mine.id)?.status).toBe("active");
});

test("a user issues their own token within the policy and sees it at once", async ({ page }) => {
  const name = unique("self");
  cliServer("Self server");
  await page.goto("/my-tokens");
  await page.getByRole("link", { name: "Issue token" }).first().click();
  await expect(page).toHaveURL(/\/my-tokens\/new/);
  await expect(page.getByRole("radio", { name: /^Write/ })).toBeDisabled();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  // "All servers" is never the default: the user picks it on purpose.
  await page.getByRole("radio", { name: /^All MCP servers/ }).check();
  await page.getByLabel("Expires in").fill("400d");
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "at most 90 days" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(name);

  await page.getByLabel("Expires in").fill("30d");
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByTestId("revealed-secret")).toHaveText(/^mcpt_/);
  await page.getByRole("link", { name: "Back to my tokens" }).click();
  await expect(card(page, name).getByText("Active", { exact: true })).toBeVisible();
});
