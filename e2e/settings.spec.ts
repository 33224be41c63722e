import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { cliServer, cliUser, unique } from "./support/tokens";

test.use({ storageState: E2E.adminState });

// Other specs run in parallel against the same policy: this spec only ever widens it briefly and puts it back.
test("the maximum lifetime is enforced with a clear error and follows the settings", async ({ page }) => {
  const email = cliUser("policy");
  const server = cliServer("Policy server");
  const issue = async (expires: string) => {
    await page.goto("/tokens/new");
    await page.getByRole("combobox", { name: "Owner" }).selectOption(email);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(unique("pol"));
    await page.getByRole("checkbox", { name: server.name }).check();
    await page.getByLabel("Expires in").fill(expires);
    await page.getByRole("button", { name: "Issue token" }).click();
  };

  await issue("400d");
  await expect(page.getByRole("alert").filter({ hasText: "Tokens may live at most 365 days" })).toBeVisible();

  await page.goto("/settings");
  await page.getByLabel("Maximum lifetime (days)").fill("500");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Policy saved.")).toBeVisible();
  try {
    await issue("400d");
    await expect(page.getByText(`${email} can now claim it`)).toBeVisible();
  } finally {
    await page.goto("/settings");
    await page.getByLabel("Maximum lifetime (days)").fill("365");
    await page.getByRole("button", { name: "Save policy" }).click();
    await expect(page.getByText("Policy saved.")).toBeVisible();
  }
  await page.reload();
  await expect(page.getByLabel("Maximum lifetime (days)")).toHaveValue("365");
});

test("the settings form refuses an inconsistent policy and keeps what was typed", async ({ page }) => {
  await page.goto("/settings");
  await page.getByLabel("Default lifetime (days)").fill("400");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("The default cannot be longer than the maximum lifetime")).toBeVisible();
  await expect(page.getByLabel("Default lifetime (days)")).toHaveValue("400");
  await page.reload();
  await expect(page.getByLabel("Default lifetime (days)")).toHaveValue("90");
});

test("settings are for admins only", async ({ browser }) => {
  const context = await browser.newContext({ storageState: E2E.userState });
  const page = await context.newPage();
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await context.close();
});

test("the OAuth client hosts are saved one per line, refused when not host names, and put back", async ({ page }) => {
  await page.goto("/settings");
  const allowed = page.getByRole("textbox", { name: "Allowed client hosts" });
  const blocked = page.getByRole("textbox", { name: "Blocked client hosts" });
  await blocked.fill("evil.example\nnot a host!");
  await page.getByRole("button", { name: "Save client hosts" }).click();
  await expect(page.getByText("must be a host name such as chatgpt.com")).toBeVisible();
  await expect(blocked).toHaveValue("evil.example\nnot a host!");

  await allowed.fill("ChatGPT.com\nclaude.ai");
  await blocked.fill("evil.example");
  await page.getByRole("button", { name: "Save client hosts" }).click();
  await expect(page.getByText("Client hosts saved.")).toBeVisible();
  try {
    await page.reload();
    await expect(allowed).toHaveValue("chatgpt.com\nclaude.ai");
    await expect(blocked).toHaveValue("evil.example");
  } finally {
    await allowed.fill("");
    await blocked.fill("");
    await page.getByRole("button", { name: "Save client hosts" }).click();
    await expect(page.getByText("Client hosts saved.")).toBeVisible();
  }
});
