/** At 1280 px the audit table fits its card: a long server · tool is wrapped, never cut, and Client is on screen. */
import { expect, test } from "@playwright/test";
import { seedAuditEvents } from "./support/audit-seed";
import { E2E } from "./support/env";
import { unique } from "./support/tokens";

test.use({ storageState: E2E.adminState, viewport: { width: 1280, height: 900 } });

test("at 1280 px a long server · tool is shown whole and the Client column is on screen", async ({ page }) => {
  const request = unique("wide");
  const server = "A server with a rather long display name";
  const tool = "summarize_quarterly_revenue_by_region";
  seedAuditEvents([
    {
      type: "call.allowed",
      actor: { type: "server", id: "srv_wide", name: server },
      decision: "allow",
      method: "tools/call",
      tool,
      serverId: "srv_wide",
      requestId: request,
      clientIp: "2001:db8:85a3:8d3:1319:8a2e:370:7348",
    },
  ]);
  await page.goto(`/audit?request=${request}`);
  const row = page.locator("tbody tr[data-seq]");
  await expect(row).toHaveCount(1);
  const target = row.getByRole("cell").filter({ hasText: tool });
  await expect(target).toContainText(`srv_wide · ${tool}`);
  // Not cut: the cell's content fits inside it.
  expect(await target.locator("div").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  const client = page.getByRole("columnheader", { name: "Client" });
  const box = (await client.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
  expect(await page.locator('[data-slot="table-container"]').first().evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
});
