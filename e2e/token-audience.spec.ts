import { expect, test, type Page } from "@playwright/test";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { cliServiceAccount, unique, uniqueUrl } from "./support/tokens";

test.use({ storageState: E2E.adminState });

type VerifyAnswer = { active: boolean; allowed?: boolean; reason?: string; token_id?: string };

/** Asks the verification API about a token, as the MCP server holding `credential` would. */
async function verifyAs(credential: string, token: string): Promise<VerifyAnswer> {
  const res = await fetch(`${E2E.baseURL}/api/v1/verify`, {
    method: "POST",
    headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
    body: JSON.stringify({ token, method: "tools/list" }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as VerifyAnswer;
}

async function registerInBrowser(page: Page, name: string): Promise<string> {
  await page.goto("/servers/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByLabel("Canonical URL").fill(`https://${name.toLowerCase().replaceAll(" ", "-")}.example.com/mcp`);
  await page.getByRole("button", { name: "Register server" }).click();
  await expect(page.getByRole("heading", { name: `${name} is registered` })).toBeVisible();
  return (await page.getByLabel("Server credential").textContent())!.trim();
}

const settingsRow = (page: Page, label: string) => page.getByRole("term").filter({ hasText: label }).locator("xpath=following-sibling::dd");

test("a token bound to chosen servers in the browser is refused elsewhere, and its audience can be narrowed", async ({ page }) => {
  const alpha = `Alpha ${unique("srv")}`;
  const beta = `Beta ${unique("srv")}`;
  const alphaCredential = await registerInBrowser(page, alpha);
  const betaCredential = await registerInBrowser(page, beta);
  const other = gatehouseCli<{ credential: string }>("servers", "add", "--name", `Other ${unique("srv")}`, "--url", uniqueUrl("other"));

  // Issue a token bound to Alpha and Beta, revealed to the admin (a service account's token).
  const email = cliServiceAccount("audience");
  const name = unique("bound");
  await page.goto("/tokens/new");
  await page.getByRole("combobox", { name: "Owner" }).selectOption(email);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByRole("radio", { name: "Only these servers" }).check();
  await page.getByRole("checkbox", { name: alpha }).check();
  await page.getByRole("checkbox", { name: beta }).check();
  await page.getByRole("button", { name: "Issue token" }).click();
  const secret = (await page.getByTestId("revealed-secret").textContent())!;
  const config = JSON.parse((await page.getByTestId("revealed-config").textContent())!) as { mcpServers: Record<string, { url: string }> };
  expect(Object.values(config.mcpServers).map((s) => s.url).sort()).toEqual([
    `https://${alpha.toLowerCase().replaceAll(" ", "-")}.example.com/mcp`,
    `https://${beta.toLowerCase().replaceAll(" ", "-")}.example.com/mcp`,
  ]);
  await page.getByRole("link", { name: "View token" }).click();
  await expect(settingsRow(page, "Servers")).toHaveText([alpha, beta].sort().join(", "));

  // The verify API: allowed on its servers, wrong_audience on any other.
  expect(await verifyAs(alphaCredential, secret)).toMatchObject({ active: true, allowed: true });
  expect(await verifyAs(betaCredential, secret)).toMatchObject({ active: true, allowed: true });
  expect(await verifyAs(other.credential, secret)).toEqual({ active: false, reason: "wrong_audience" });

  // Narrow it to Alpha: "All servers" is not offered, and Beta stops accepting it on the next call.
  await page.reload();
  await expect(settingsRow(page, "Last used")).toContainText(" on ");
  const edit = page.locator("form").filter({ has: page.getByRole("button", { name: "Save changes" }) });
  await expect(edit.getByRole("radio", { name: /^All MCP servers/ })).toHaveCount(0);
  await edit.getByRole("checkbox", { name: beta }).uncheck();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText("Saved.")).toBeVisible();
  await expect(settingsRow(page, "Servers")).toHaveText(alpha);
  await expect(edit.getByRole("checkbox", { name: beta })).toHaveCount(0);

  expect(await verifyAs(betaCredential, secret)).toEqual({ active: false, reason: "wrong_audience" });
  expect(await verifyAs(alphaCredential, secret)).toMatchObject({ active: true, allowed: true });

  // An empty audience is not a narrowing: it is refused, and nothing changes.
  await edit.getByRole("checkbox", { name: alpha }).uncheck();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("alert").filter({ hasText: "Choose at least one server" })).toBeVisible();
  await page.reload();
  await expect(settingsRow(page, "Servers")).toHaveText(alpha);
  await expect(settingsRow(page, "Last used")).toContainText(`on ${alpha}`);
});
