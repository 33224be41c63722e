import { expect, test } from "@playwright/test";
import { seedAuditEvents } from "./support/audit-seed";
import { E2E } from "./support/env";
import { cliIssue, cliUser, unique } from "./support/tokens";

test.use({ storageState: E2E.adminState });

const EXACT_UTC = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/;

test("a token expiring in minutes says so, with the exact UTC time on hover, on its list and its page", async ({ page }) => {
  const name = unique("soon");
  const token = cliIssue(cliUser("soon"), name, "--expires", "3m");
  await page.goto("/tokens");
  const expires = page.getByRole("row").filter({ hasText: name }).locator("time").first();
  await expect(expires).toHaveText(/^in [23] minutes$/);
  await expect(expires).toHaveAttribute("title", EXACT_UTC);
  await expires.hover();

  await page.goto(`/tokens/${token.id}`);
  const row = page.getByRole("term").filter({ hasText: "Expires" }).locator("xpath=following-sibling::dd");
  await expect(row.locator("time")).toHaveText(/^in [23] minutes$/);
  const issued = page.getByRole("term").filter({ hasText: "Issued" }).locator("xpath=following-sibling::dd");
  await expect(issued).toContainText(/just now|1 minute ago/);
});

test("the audit log shows how long ago each event was, and the drawer the exact time", async ({ page }) => {
  const request = unique("when");
  const [seq] = seedAuditEvents([{ type: "call.allowed", actor: { type: "server", id: "srv_when", name: "when" }, decision: "allow", tool: "t", requestId: request }]);
  await page.goto(`/audit?request=${request}`);
  const time = page.locator(`tr[data-seq="${seq}"] time`);
  await expect(time).toHaveText(/^(just now|1 minute ago)$/);
  const exact = await time.getAttribute("title");
  expect(exact).toMatch(EXACT_UTC);
  await page.getByRole("button", { name: `Show details of event ${seq}` }).click();
  await expect(page.getByRole("dialog").getByTestId("event-fields")).toContainText(exact!);
});
