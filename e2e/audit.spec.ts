import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import type { AuditInput } from "@/lib/audit/events";
import { seedAuditEvents } from "./support/audit-seed";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";

test.use({ storageState: E2E.adminState });

const INJECTED_AGENT = 'agent "x",\r\nseq,forged';

/** Call events for one test, all carrying a unique marker (tests run in parallel on one database). */
function calls(marker: string, allowed: number, denied: number): AuditInput[] {
  const one = (i: number, deny: boolean): AuditInput => ({
    type: deny ? "call.denied" : "call.allowed",
    actor: { type: "server", id: `srv_${marker}`, name: `Files ${marker}` },
    decision: deny ? "deny" : "allow",
    reason: deny ? "scope: read token, write tool" : null,
    method: "tools/call",
    tool: `tool_${marker}`,
    toolClass: deny ? "write" : "read",
    serverId: `srv_${marker}`,
    tokenId: `tok_${marker}`,
    subjectUserId: `usr_${marker}`,
    requestId: `req-${marker}-${i}`,
    clientIp: "203.0.113.7",
    userAgent: i === 0 ? INJECTED_AGENT : "mcp-client/1.0",
    details: { attempt: i, marker },
  });
  return Array.from({ length: allowed + denied }, (_, i) => one(i, i >= allowed));
}

const marker = () => `e2e${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const rowSeqs = (page: Page) => page.locator("tbody tr[data-seq]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-seq")));

test("filters change the URL and the table, and the shared URL shows the same view", async ({ page, browser }) => {
  const m = marker();
  seedAuditEvents(calls(m, 3, 2));
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();

  await page.getByLabel("Tool").fill(`tool_${m}`);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]tool=tool_${m}`));
  await expect(page.locator("tbody tr[data-seq]")).toHaveCount(5);

  await page.getByLabel("Decision").selectOption("deny");
  await expect(page).toHaveURL(/decision=deny/);
  await expect(page.locator("tbody tr[data-seq]")).toHaveCount(2);
  const seqs = await rowSeqs(page);

  const other = await (await browser.newContext({ storageState: E2E.adminState })).newPage();
  await other.goto(page.url());
  await expect(other.locator("tbody tr[data-seq]")).toHaveCount(2);
  expect(await rowSeqs(other)).toEqual(seqs);
  await expect(other.getByLabel("Tool")).toHaveValue(`tool_${m}`);
  await expect(other.getByLabel("Decision")).toHaveValue("deny");
  await expect(other.getByTestId("call-chart")).toContainText("0 calls allowed and 2 denied");
  await other.context().close();
});

test("keyset pages move older and newer, and a filter change returns to the newest page", async ({ page }) => {
  const m = marker();
  const seqs = seedAuditEvents(calls(m, 30, 0));
  await page.goto(`/audit?tool=tool_${m}&size=25`);
  await expect(page.locator("tbody tr[data-seq]")).toHaveCount(25);
  await page.getByRole("link", { name: "Older" }).first().click();
  await expect(page).toHaveURL(/before=\d+/);
  await expect(page.locator("tbody tr[data-seq]")).toHaveCount(5);
  expect(await rowSeqs(page)).toEqual(seqs.slice(0, 5).reverse().map(String));
  await page.getByRole("link", { name: "Newer" }).first().click();
  await expect(page).toHaveURL(/after=\d+/);
  await expect(page.locator("tbody tr[data-seq]")).toHaveCount(25);

  await page.getByRole("link", { name: "Older" }).first().click();
  await expect(page).toHaveURL(/before=/);
  await page.getByLabel("Decision").selectOption("allow");
  await expect(page).toHaveURL(/decision=allow/);
  expect(page.url()).not.toMatch(/before=|after=/);
  await expect(page.locator("tbody tr[data-seq]")).toHaveCount(25);
});

test("the drawer shows every field of an event with links to its user, token and server", async ({ page }) => {
  const m = marker();
  const [seq] = seedAuditEvents(calls(m, 1, 0));
  await page.goto(`/audit?request=req-${m}-0`);
  await page.getByRole("button", { name: `Show details of event ${seq}` }).click();
  const drawer = page.getByRole("dialog", { name: `Event ${seq}` });
  await expect(drawer).toBeVisible();
  const fields = drawer.getByTestId("event-fields");
  for (const label of ["Sequence", "Event id", "Time", "Type", "Decision", "Reason", "Actor", "User", "Token", "Server", "Method", "Tool", "Tool class", "Request id", "Client address", "User agent", "Details", "Previous hash", "Hash"]) {
    await expect(fields.locator("dt", { hasText: new RegExp(`^${label}$`) })).toHaveCount(1);
  }
  await expect(fields).toContainText("call.allowed");
  await expect(fields).toContainText(`req-${m}-0`);
  await expect(fields).toContainText("203.0.113.7");
  await expect(fields).toContainText('agent "x",');
  await expect(fields).toContainText(`"marker": "${m}"`);
  await expect(drawer.getByRole("link", { name: `usr_${m}` })).toHaveAttribute("href", `/audit/usage?user=usr_${m}`);
  await expect(drawer.getByRole("link", { name: `tok_${m}` })).toHaveAttribute("href", `/tokens/tok_${m}`);
  await expect(drawer.getByRole("link", { name: `srv_${m}` })).toHaveAttribute("href", `/servers/srv_${m}`);

  await drawer.getByRole("link", { name: "What this token called" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit/usage\\?token=tok_${m}`));
  await expect(page.getByRole("cell", { name: `tool_${m}` })).toBeVisible();
});

test("the chart renders calls allowed vs denied for the filtered range", async ({ page }) => {
  const m = marker();
  seedAuditEvents(calls(m, 4, 3));
  await page.goto(`/audit?tool=tool_${m}`);
  const chart = page.getByTestId("call-chart");
  await expect(chart).toContainText("4 calls allowed and 3 denied");
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(chart.getByText("Allowed", { exact: true })).toBeVisible();
  await expect(chart.getByText("Denied", { exact: true })).toBeVisible();
});

test("an export downloads exactly the filtered rows, with injected text kept as data", async ({ page }) => {
  const m = marker();
  seedAuditEvents(calls(m, 2, 2));
  await page.goto(`/audit?tool=tool_${m}&decision=deny`);
  await expect(page.locator("tbody tr[data-seq]")).toHaveCount(2);

  const ndjsonDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export NDJSON" }).click();
  const ndjson = await ndjsonDownload;
  expect(ndjson.suggestedFilename()).toMatch(/^gatehouse-audit-\d{8}-\d{6}Z-filtered\.ndjson$/);
  const rows = fs.readFileSync((await ndjson.path())!, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(rows.map((r) => r.request_id).sort()).toEqual([`req-${m}-2`, `req-${m}-3`]);
  expect(rows.every((r) => r.decision === "deny" && r.tool === `tool_${m}`)).toBe(true);

  await page.goto(`/audit?request=req-${m}-0`);
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = fs.readFileSync((await (await csvDownload).path())!, "utf8");
  const { parseCsv } = await import("../test/csv");
  const [header, ...cells] = parseCsv(csv);
  expect(cells).toHaveLength(1);
  expect(cells[0]![header!.indexOf("user_agent")]).toBe(INJECTED_AGENT);
});

test("people who are not admins cannot see or export the log", async ({ browser }) => {
  const context = await browser.newContext({ storageState: E2E.userState });
  const page = await context.newPage();
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toHaveCount(0);
  const res = await page.request.get("/api/audit/export?format=csv");
  expect(res.status()).toBe(403);
  expect(await res.json()).toEqual({ error: { code: "forbidden", message: "Administrators only." } });
  await context.close();
});

test("the chain panel shows the head and verifies the whole chain on demand", async ({ page }) => {
  seedAuditEvents(calls(marker(), 1, 0));
  await page.goto("/audit");
  await expect(page.getByTestId("chain-head-seq")).toHaveText(/^\d+$/);
  await expect(page.getByTestId("chain-head-hash")).toHaveText(/^[0-9a-f]{64}$/);
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByText(/Verified: [\d,]+ events link up/)).toBeVisible();

  // The verdict stays for the tab's session: leaving the page and coming back keeps it.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tokens", exact: true }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByText(/Verified: [\d,]+ events link up/)).toBeVisible();
  // Events written since are said to be unverified, not quietly covered by the old verdict.
  seedAuditEvents(calls(marker(), 1, 0));
  await page.reload();
  await expect(page.getByText(/Verified: [\d,]+ events link up/)).toContainText("Newer events are not verified yet.");
  await lookAt(page, "audit-chain-remembered");
});

test("the log size panel shows the events stored and how many the last hour and day added", async ({ page }) => {
  seedAuditEvents(calls(marker(), 5, 0));
  await page.goto("/audit");
  const panel = page.getByTestId("log-growth");
  await expect(panel).toContainText(/Stored[\d,]+ events \(database file [\d.]+ (KB|MB|GB)\)/);
  const lastHour = async () => Number((await panel.getByText(/^\+[\d,]+ events/).first().textContent())!.match(/\+([\d,]+)/)![1]!.replace(/,/g, ""));
  const before = await lastHour();
  expect(before).toBeGreaterThanOrEqual(5);
  seedAuditEvents(calls(marker(), 10, 0));
  await page.reload();
  expect(await lastHour()).toBeGreaterThanOrEqual(before + 10);
  await expect(panel).toContainText(/Last 24 hours\+[\d,]+ events \(≈ [\d.]+ (bytes|KB|MB)\)/);
});
