import { expect, test } from "@playwright/test";
import { seedAuditEvents } from "./support/audit-seed";
import { E2E } from "./support/env";
import { unique } from "./support/tokens";

test.use({ storageState: E2E.adminState });

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

test("From after To is refused under the field, and a fixed range shows its events in 24-hour UTC", async ({ page }) => {
  const request = unique("range");
  seedAuditEvents([{ type: "call.allowed", actor: { type: "server", id: "srv_range", name: "range" }, decision: "allow", tool: "t", requestId: request }]);
  const now = Date.now();

  await page.goto(`/audit?request=${request}`);
  await page.getByLabel("From (UTC)").fill(utc(now + 3_600_000));
  await page.getByLabel("To (UTC)").fill(utc(now - 3_600_000));
  await page.getByRole("button", { name: "Apply filters" }).click();
  const to = page.getByLabel("To (UTC)");
  await expect(to).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "To must be later than From." })).toBeVisible();
  await expect(page.locator("tbody tr[data-seq]")).toHaveCount(0);
  await expect(page.getByTestId("call-chart")).toHaveCount(0);

  // A late-evening bound reads 23:…, never "11:… PM".
  const evening = `${new Date(now + 86_400_000).toISOString().slice(0, 10)} 23:30`;
  await page.getByLabel("From (UTC)").fill(utc(now - 3_600_000));
  await to.fill(evening);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.locator("tbody tr[data-seq]")).toHaveCount(1);
  await expect(to).toHaveValue(evening);
  await expect(to).not.toHaveAttribute("aria-invalid", "true");

  await page.goto(`/audit?from=${encodeURIComponent("not a time")}`);
  await expect(page.getByLabel("From (UTC)")).toHaveValue("not a time");
  await expect(page.getByRole("alert").filter({ hasText: "Not a time: use YYYY-MM-DD or YYYY-MM-DD HH:MM (24-hour, UTC)." })).toBeVisible();

  const res = await page.request.get(`/api/audit/export?format=csv&from=2026-12-02&to=2026-12-01`);
  expect(res.status()).toBe(400);
  expect(await res.json()).toEqual({ error: { code: "invalid_request", message: "To must be later than From." } });
});
