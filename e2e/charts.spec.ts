/**
 * Call charts over 24 hours, 7 days and 30 days on the audit, token and server pages, and the
 * usage page's counts, each a link to exactly the events behind it.
 */
import { expect, test, type Page } from "@playwright/test";
import type { AuditInput } from "@/lib/audit/events";
import { seedAuditEvents } from "./support/audit-seed";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";
import { cliIssue, cliServiceAccount, unique } from "./support/tokens";
import { newSignedInUser } from "./support/users";

test.use({ storageState: E2E.adminState });

type World = { slug: string; serverId: string; tokenId: string; tool: string };

/** A server and a token with two allowed calls, one denied, one on an expired token and one rate-limited. */
function world(label: string, owner?: string): World {
  const slug = unique(label).toLowerCase();
  const server = gatehouseCli<{ id: string }>("servers", "add", "--name", `Chart ${slug}`, "--url", `https://${slug}.example/mcp`, "--slug", slug);
  const token = cliIssue(owner ?? cliServiceAccount(label), unique(label), "--servers", slug);
  const tool = `tool_${slug.replace(/-/g, "_")}`;
  const call = (type: AuditInput["type"], reason: string | null): AuditInput => ({
    type,
    actor: { type: "server", id: server.id, name: `Chart ${slug}` },
    decision: type === "call.allowed" ? "allow" : "deny",
    reason,
    method: "tools/call",
    tool,
    serverId: server.id,
    tokenId: token.id,
  });
  seedAuditEvents([call("call.allowed", null), call("call.allowed", null), call("call.denied", "insufficient_scope"), call("call.inactive", "expired"), call("call.rate_limited", "too_many_failures")]);
  return { slug, serverId: server.id, tokenId: token.id, tool };
}

/** Switches the chart to each range and checks its bars change size while the counts stay (every call is recent). */
async function switchRanges(page: Page, summary: string) {
  const chart = page.getByTestId("call-chart");
  const ranges = page.getByRole("navigation", { name: "Chart range" });
  await expect(chart).toContainText(summary);
  await expect(chart).toContainText("one bar per hour");
  await expect(ranges.getByRole("link", { name: "24 hours" })).toHaveAttribute("aria-current", "true");
  for (const [label, param, bars] of [
    ["7 days", "7d", "one bar per 3 hours"],
    ["30 days", "30d", "one bar per day"],
    ["24 hours", "24h", "one bar per hour"],
  ] as const) {
    await ranges.getByRole("link", { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`range=${param}`));
    await expect(ranges.getByRole("link", { name: label })).toHaveAttribute("aria-current", "true");
    await expect(chart).toContainText(bars);
    await expect(chart).toContainText(summary);
  }
  // A 30-day chart starts 30 days back, whatever the log holds.
  await page.goto(`${new URL(page.url()).pathname}${new URL(page.url()).search.replace(/range=\w+/, "range=30d")}`);
  const start = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  await expect(page.getByTestId("call-chart").locator("figcaption")).toContainText(start);
}

const SUMMARY = "2 calls allowed and 1 denied, 1 inactive token, 1 rate-limited";

test("the audit page's chart switches between 24 hours, 7 days and 30 days, keeping its filters", async ({ page }) => {
  const w = world("chart-audit");
  await page.goto(`/audit?tool=${w.tool}`);
  await switchRanges(page, SUMMARY);
  await expect(page.getByLabel("Tool", { exact: true })).toHaveValue(w.tool);
  await expect(page.locator("tbody tr[data-seq]")).toHaveCount(5);

  // A typed time range sets the chart's window instead; choosing a range replaces it.
  const from = new Date(Date.now() - 2 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
  await page.goto(`/audit?tool=${w.tool}&from=${encodeURIComponent(from)}`);
  const ranges = page.getByRole("navigation", { name: "Chart range" });
  await expect(ranges.locator('[aria-current="true"]')).toHaveCount(0);
  await ranges.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page).not.toHaveURL(/from=/);
  await expect(page.getByTestId("call-chart")).toContainText("one bar per 3 hours");
});

test("a token's and a server's pages chart their calls over 24 hours, 7 days and 30 days", async ({ page }) => {
  const w = world("chart-pages");
  await page.goto(`/tokens/${w.tokenId}`);
  await switchRanges(page, SUMMARY);
  await page.goto(`/servers/${w.slug}`);
  await switchRanges(page, SUMMARY);
  await page.getByRole("link", { name: "Show these calls in the audit log" }).click();
  await expect(page).toHaveURL(/outcome=call/);
  await expect(page.locator("tbody tr[data-seq]")).toHaveCount(5);
});

test("each count on the usage page opens the events behind it", async ({ page }) => {
  const w = world("chart-usage");
  await page.goto(`/audit/usage?token=${w.tokenId}&range=7d`);
  await expect(page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "true");
  const row = page.getByRole("row").filter({ hasText: w.tool });
  for (const [label, count, outcomes] of [
    ["calls", 5, ["Allowed", "Allowed", "Denied", "Inactive token", "Rate-limited"]],
    ["allowed calls", 2, ["Allowed", "Allowed"]],
    ["refused calls", 3, ["Denied", "Inactive token", "Rate-limited"]],
  ] as const) {
    await row.getByRole("link", { name: `${count} ${label}`, exact: true }).click();
    await expect(page).toHaveURL(/\/audit\?/);
    const events = page.locator("tbody tr[data-seq]");
    await expect(events).toHaveCount(count);
    for (const outcome of new Set(outcomes)) await expect(events.filter({ hasText: outcome })).toHaveCount(outcomes.filter((o) => o === outcome).length);
    await expect(page.getByLabel("Call outcome")).not.toHaveValue("");
    await page.goBack();
  }
  // Every call is recent: the last 24 hours count them all too.
  await page.goto(`/audit/usage?token=${w.tokenId}&range=24h`);
  await expect(row.getByRole("cell").nth(2)).toHaveText("5");
});

test("a token's 'who called what' covers the chart's range; its owner reads the counts, an admin follows them to the events", async ({ page, browser }) => {
  const owner = await newSignedInUser(browser, "usage-owner");
  const w = world("chart-owner", owner.email);
  await owner.page.goto(`/tokens/${w.tokenId}`);
  await expect(owner.page.getByRole("heading", { name: "Who called what, in the last 24 hours" })).toBeVisible();
  const ownRow = owner.page.getByRole("row").filter({ hasText: w.tool });
  await expect(ownRow.getByRole("cell").nth(2)).toHaveText("5");
  // The audit log is for admins: the owner's counts are plain numbers, not links to a 403.
  await expect(ownRow.getByRole("link")).toHaveCount(0);
  await owner.context.close();

  await page.goto(`/tokens/${w.tokenId}?range=7d`);
  await expect(page.getByRole("heading", { name: "Who called what, in the last 7 days" })).toBeVisible();
  const calls = page.getByRole("row").filter({ hasText: w.tool }).getByRole("link", { name: "5 calls", exact: true });
  await expect(calls).toHaveAttribute("href", /from=.*to=/);
  await calls.click();
  await expect(page.locator("tbody tr[data-seq]")).toHaveCount(5);
});

test("look: the charts and the usage page at 1280 and 390 px, light and dark", async ({ page }) => {
  const w = world("chart-look");
  await page.goto(`/audit?tool=${w.tool}&range=7d`);
  await expect(page.getByTestId("call-chart")).toContainText(SUMMARY);
  await lookAt(page, "charts-audit");
  await page.goto(`/tokens/${w.tokenId}?range=30d`);
  await expect(page.getByTestId("call-chart")).toContainText(SUMMARY);
  await lookAt(page, "charts-token");
  await page.goto(`/servers/${w.slug}?range=7d`);
  await expect(page.getByTestId("call-chart")).toContainText(SUMMARY);
  await lookAt(page, "charts-server");
  await page.goto(`/audit/usage?token=${w.tokenId}&range=30d`);
  await expect(page.getByRole("row").filter({ hasText: w.tool })).toBeVisible();
  await lookAt(page, "charts-usage");
});
