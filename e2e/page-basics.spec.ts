import { expect, test } from "@playwright/test";
import { seedAuditEvents } from "./support/audit-seed";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { cliIssue, cliUser } from "./support/tokens";
import { signedOutContext, uniqueEmail } from "./support/users";

test.use({ storageState: E2E.adminState });

test("every page has a favicon, signed in or not", async ({ page, browser }) => {
  for (const p of [page, await (await signedOutContext(browser)).newPage()]) {
    await p.goto(p === page ? "/tokens" : "/login");
    const href = await p.locator('link[rel="icon"]').first().getAttribute("href");
    expect(href).toMatch(/^\/icon\.svg/);
    const res = await p.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("image/svg+xml");
  }
});

test("not-allowed and not-found pages have exactly one main landmark", async ({ page, browser }) => {
  const user = await browser.newContext({ storageState: E2E.userState });
  const userPage = await user.newPage();
  await userPage.goto("/audit");
  await expect(userPage.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(userPage.getByRole("main")).toHaveCount(1);
  await user.close();

  for (const address of ["/tokens/tok_doesnotexist000", "/no-such-page-at-all"]) {
    await page.goto(address);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("main")).toHaveCount(1);
  }
});

test("closing the event drawer with Escape returns focus to the row that opened it", async ({ page }) => {
  const request = `req-focus-${Date.now().toString(36)}`;
  const seqs = seedAuditEvents([0, 1].map((i) => ({ type: "call.allowed", actor: { type: "server", id: "srv_focus", name: "Focus" }, decision: "allow", tool: "t", requestId: request, details: { i } })));
  await page.goto(`/audit?request=${request}`);
  const button = page.getByRole("button", { name: `Show details of event ${seqs[0]}` });
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: `Event ${seqs[0]}` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(button).toBeFocused();

  // Opened by a click on the row itself: focus lands on that row's button, not on <body>.
  await page.locator(`tr[data-seq="${seqs[1]}"] td`).nth(3).click();
  await expect(page.getByRole("dialog", { name: `Event ${seqs[1]}` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: `Show details of event ${seqs[1]}` })).toBeFocused();
});

test("a disabled user's set-password link says the account is disabled", async ({ browser }) => {
  const email = uniqueEmail("disabled-link");
  const { inviteUrl } = gatehouseCli<{ inviteUrl: string }>("users", "add", "--email", email, "--name", "Disabled Link", "--role", "user");
  gatehouseCli("users", "disable", email);
  const page = await (await signedOutContext(browser)).newPage();
  await page.goto(inviteUrl);
  await expect(page.getByText("This account is disabled, so its password cannot be set. Ask an administrator to enable it.")).toBeVisible();
  await expect(page.getByText(/expired or was already used/)).toHaveCount(0);
  await expect(page.getByLabel("New password")).toHaveCount(0);
});

test("a token with one event says 'the latest 1 event'", async ({ page }) => {
  const token = cliIssue(cliUser("plural"), "plural check");
  await page.goto(`/tokens/${token.id}`);
  await expect(page.getByText("The latest 1 event about this token.")).toBeVisible();
});
