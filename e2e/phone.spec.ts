/**
 * At 390 px (a phone): no page scrolls sideways as a whole, and the navigation row shows the
 * page you are on, even when it is the last item of the row.
 */
import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { cliIssue, cliServer, cliServiceAccount, cliUserId, unique } from "./support/tokens";

test.use({ storageState: E2E.adminState, viewport: { width: 390, height: 844 } });

for (const path of ["/tokens", "/users", "/servers", "/servers?archived=1", "/audit", "/settings", "/my-tokens"]) {
  test(`${path} on a phone: the page does not scroll sideways and its nav item is in view`, async ({ page }) => {
    await page.goto(path);
    const current = page.getByRole("navigation", { name: "Main" }).locator('[aria-current="page"]');
    await expect(current).toBeVisible();
    // Wait for the row to settle where the page put it, then check the item is wholly on screen.
    await expect
      .poll(async () => {
        const box = await current.boundingBox();
        return box !== null && box.x >= 0 && box.x + box.width <= 390;
      })
      .toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test("the tokens of one owner on a phone: a long email wraps instead of pushing the page sideways", async ({ page }) => {
  const email = cliServiceAccount("a-rather-long-service-account-name-for-ci");
  cliIssue(email, unique("phone"));
  await page.goto(`/tokens?owner=${encodeURIComponent(email)}`);
  await expect(page.getByRole("button", { name: new RegExp(`Revoke all of ${email}`) })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("a server's page and its edit form on a phone: a long URL wraps instead of pushing the page sideways", async ({ page }) => {
  const server = cliServer("a-server-with-a-rather-long-name-for-a-phone");
  for (const path of [`/servers/${server.slug}`, `/servers/${server.slug}/edit`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(server.name);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test("a user's page on a phone: a long email and their sessions wrap instead of pushing the page sideways", async ({ page }) => {
  const email = cliServiceAccount("a-rather-long-service-account-name-for-the-user-page");
  cliIssue(email, unique("phone-user"));
  await page.goto(`/users/${cliUserId(email)}`);
  await expect(page.getByRole("button", { name: new RegExp(`Revoke all of ${email}`) })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
