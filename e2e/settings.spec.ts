import { expect, test } from "@playwright/test";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";
import { connectApp } from "./support/oauth-app";
import { newSignedInUser } from "./support/users";
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

// Other specs run OAuth flows in parallel: this one changes only the access token lifetime, briefly, and puts it back.
test("the OAuth section lists the servers that accept apps, refuses lifetimes that do not fit keeping what was typed, and saves", async ({ page }) => {
  const accepting = cliServer("oauth-on");
  const closedName = unique("oauth-off");
  gatehouseCli("servers", "add", "--name", closedName, "--url", `https://${closedName}.example.com/mcp`, "--no-oauth");

  await page.goto("/settings");
  const section = page.getByRole("region", { name: "OAuth" });
  await expect(section.getByRole("list", { name: "Servers that accept OAuth clients" }).getByRole("link", { name: accepting.name })).toHaveAttribute("href", `/servers/${accepting.slug}`);
  await expect(section.getByRole("list", { name: "Remote servers with OAuth off" }).getByRole("link", { name: closedName })).toBeVisible();

  const access = section.getByLabel("Access token (minutes)");
  const idle = section.getByLabel("Refresh token, unused (days)");
  const absolute = section.getByLabel("Refresh token, at most (days)");
  const save = section.getByRole("button", { name: "Save OAuth settings" });
  const [accessBefore, idleBefore] = [await access.inputValue(), await idle.inputValue()];

  await idle.fill("200");
  await absolute.fill("100");
  await save.click();
  await expect(section.getByText("Refresh token idle lifetime: cannot be longer than the absolute lifetime")).toBeVisible();
  await expect(idle).toHaveAttribute("aria-invalid", "true");
  await expect(idle).toHaveValue("200");
  await expect(absolute).toHaveValue("100");
  await access.fill("3");
  await save.click();
  await expect(section.getByText("Access token lifetime: at least 5 minutes")).toBeVisible();
  await lookAt(page, "settings-oauth-refused");
  await page.reload();
  await expect(idle).toHaveValue(idleBefore);

  await access.fill("45");
  await save.click();
  await expect(section.getByText("OAuth settings saved.")).toBeVisible();
  try {
    await page.reload();
    await expect(access).toHaveValue("45");
    await lookAt(page, "settings-oauth");
  } finally {
    await access.fill(accessBefore);
    await save.click();
    await expect(section.getByText("OAuth settings saved.")).toBeVisible();
  }
});

test("under 'Administrators only', a person whose app asks for write is told on the consent page that it gets read", async ({ page, browser }) => {
  await page.goto("/settings");
  await expect(page.getByLabel("Who may allow apps to write")).toHaveValue("admins");
  const server = cliServer("consent-read");
  const resource = gatehouseCli<{ slug: string; url: string }[]>("servers", "list").find((s) => s.slug === server.slug)!.url;
  const person = await newSignedInUser(browser, "consent-read");
  const app = await connectApp(person.page, unique("Writer app"), resource, {
    scope: "tools:read tools:write",
    onConsent: async (consent) => {
      await expect(consent.getByTestId("read-only-consent")).toContainText("only administrators may allow that. If you click Allow, it gets read access");
      await lookAt(consent, "consent-read-only");
    },
  });
  expect(app.scope).toBe("tools:read");
  await person.context.close();
});
