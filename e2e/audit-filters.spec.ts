import fs from "node:fs";
import { expect, test } from "@playwright/test";
import type { AuditInput } from "@/lib/audit/events";
import { seedAuditEvents } from "./support/audit-seed";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { cliIssue, cliUser, unique } from "./support/tokens";

test.use({ storageState: E2E.adminState });

type World = { email: string; name: string; userId: string; slug: string; serverId: string; tokenId: string; tokenName: string; tool: string };

/** A real user, server and token, and three calls of that token on that server (one denied). */
function world(label: string): World {
  const email = cliUser(label);
  const user = gatehouseCli<{ id: string; email: string; name: string }[]>("users", "list").find((u) => u.email === email)!;
  const slug = unique(label).toLowerCase();
  const server = gatehouseCli<{ id: string }>("servers", "add", "--name", `Srv ${slug}`, "--url", `https://${slug}.example`, "--slug", slug);
  const tokenName = `Laptop ${unique(label)}`;
  const token = cliIssue(email, tokenName, "--servers", slug);
  const tool = `tool_${slug.replace(/-/g, "_")}`;
  const call = (i: number): AuditInput => ({
    type: i === 2 ? "call.denied" : "call.allowed",
    actor: { type: "server", id: server.id, name: `Srv ${slug}` },
    decision: i === 2 ? "deny" : "allow",
    method: "tools/call",
    tool,
    serverId: server.id,
    tokenId: token.id,
    subjectUserId: user.id,
    requestId: `req-${slug}-${i}`,
  });
  seedAuditEvents([0, 1, 2].map(call));
  return { email, name: user.name, userId: user.id, slug, serverId: server.id, tokenId: token.id, tokenName, tool };
}

const rows = (page: import("@playwright/test").Page) => page.locator("tbody tr[data-seq]");

test("the User, Token and Server filters take what the pages show: email, name, token name, slug", async ({ page }) => {
  const w = world("filt");
  for (const [label, value] of [
    ["User", w.email],
    ["Token", w.tokenName],
    ["Server", w.slug],
  ] as const) {
    await page.goto("/audit");
    await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("heading", { name: /Events.*filtered/ })).toBeVisible();
    // The token's issue event names the user and token too; the calls are the three on the server.
    await expect(rows(page).filter({ hasText: w.tool })).toHaveCount(3);
    await expect(page.getByTestId("call-chart")).toContainText("2 calls allowed and 1 denied");
  }
});

test("a value that names nothing says not found, and an ambiguous name lists its matches", async ({ page }) => {
  await page.goto(`/audit?user=${encodeURIComponent("nobody-here@example.com")}`);
  await expect(page.getByRole("status").filter({ hasText: "Not found" })).toContainText("No user matches “nobody-here@example.com”");
  await expect(page.getByLabel("User", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("No events match these filters")).toHaveCount(0);
  await expect(rows(page)).toHaveCount(0);

  // Two tokens with one name: the page asks which, and each choice filters by that token.
  const w = world("amb");
  cliIssue(w.email, w.tokenName);
  await page.goto(`/audit?token=${encodeURIComponent(w.tokenName)}`);
  const matches = page.getByRole("list", { name: `Matches for ${w.tokenName}` });
  await expect(page.getByText(`“${w.tokenName}” matches 2 tokens: choose one.`).first()).toBeVisible();
  await expect(matches.getByRole("link")).toHaveCount(2);
  await matches.getByRole("listitem").filter({ hasText: w.tokenId }).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`token=${w.tokenId}`));
  await expect(rows(page).filter({ hasText: w.tool })).toHaveCount(3);
});

test("who called what opens by email, and says not found for an unknown one", async ({ page }) => {
  const w = world("usage");
  await page.goto(`/audit/usage?user=${encodeURIComponent(w.email)}`);
  await expect(page.getByRole("heading", { name: `Who called what: ${w.name}` })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: w.tool });
  await expect(row).toContainText(`Srv ${w.slug}`);
  await expect(row.getByRole("cell").nth(2)).toHaveText("3");

  await page.goto(`/audit/usage?user=${encodeURIComponent("no-such-person@example.com")}`);
  await expect(page.getByText("No user matches “no-such-person@example.com”: not found.")).toBeVisible();
  await expect(page.getByText("No calls yet")).toHaveCount(0);
});

test("the export resolves the filters as the page does", async ({ page }) => {
  const w = world("exp");
  await page.goto(`/audit?server=${w.slug}&decision=deny`);
  await expect(rows(page)).toHaveCount(1);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export NDJSON" }).click();
  const lines = fs.readFileSync((await (await download).path())!, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines.map((l) => [l.server_id, l.decision])).toEqual([[w.serverId, "deny"]]);

  const res = await page.request.get(`/api/audit/export?format=csv&server=no-such-server-${w.slug}`);
  expect(res.status()).toBe(404);
  expect(((await res.json()) as { error: { message: string } }).error.message).toBe(`No MCP server matches “no-such-server-${w.slug}”: not found.`);
});
