import { expect, test } from "@playwright/test";
import { seedAuditEvents } from "./support/audit-seed";
import { USER } from "./support/accounts";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { cliIssue, cliServiceAccount, unique } from "./support/tokens";

test.use({ storageState: E2E.adminState });

async function verifyAs(credential: string, token: string, tool: string): Promise<unknown> {
  const res = await fetch(`${E2E.baseURL}/api/v1/verify`, {
    method: "POST",
    headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
    body: JSON.stringify({ token, method: "tools/call", tool }),
  });
  return res.json();
}

test("a valid token used on the wrong server reads 'Wrong server' in the log, its chart and the token page", async ({ page }) => {
  const slug = unique("home").toLowerCase();
  gatehouseCli("servers", "add", "--name", `Home ${slug}`, "--url", `https://${slug}.example/mcp`, "--slug", slug);
  const away = gatehouseCli<{ credential: string }>("servers", "add", "--name", `Away ${slug}`, "--url", `https://away-${slug}.example/mcp`);
  const token = cliIssue(cliServiceAccount("outcome"), unique("bound"), "--servers", slug, "--reveal");
  const tool = `look_${slug.replace(/-/g, "_")}`;
  expect(await verifyAs(away.credential, token.secret!, tool)).toEqual({ active: false, reason: "wrong_audience" });
  // And one call with a made-up token: inactive, which the chart keeps apart from the wrong server.
  await verifyAs(away.credential, "mcpt_000000000000000000000000000000000000", tool);

  await page.goto(`/audit?tool=${tool}`);
  // The owner names the row: the table has no token column.
  const row = page.locator("tbody tr[data-seq]").filter({ hasText: "E2E outcome" });
  await expect(row.getByText("Wrong server", { exact: true })).toBeVisible();
  await expect(row.getByText("Inactive token")).toHaveCount(0);
  await expect(page.locator("tbody tr[data-seq]").getByText("Inactive token", { exact: true })).toHaveCount(1);
  const chart = page.getByTestId("call-chart");
  await expect(chart).toContainText("0 calls allowed and 0 denied, 1 wrong server, 1 inactive token");
  await expect(chart.getByText("Wrong server", { exact: true })).toBeVisible();
  await expect(chart.getByText("Inactive token", { exact: true })).toBeVisible();

  await page.goto(`/tokens/${token.id}`);
  const events = page.getByRole("table", { name: "Recent audit events" });
  await expect(events.getByText("Wrong server", { exact: true })).toBeVisible();
  await expect(events).toContainText("Token not valid on this server");
  await expect(events).not.toContainText("wrong_audience");
  await expect(events).not.toContainText("wrong audience");
});

test("My tokens shows refusals in words, never raw codes", async ({ browser }) => {
  const token = cliIssue(USER.email, unique("mine"));
  seedAuditEvents(
    (["wrong_audience", "insufficient_scope"] as const).map((reason) => ({
      type: reason === "wrong_audience" ? "call.inactive" : "call.denied",
      actor: { type: "server", id: "srv_elsewhere", name: "elsewhere" },
      decision: "deny",
      reason,
      method: "tools/call",
      tool: "write_note",
      tokenId: token.id,
      serverId: "srv_elsewhere",
    })),
  );
  const context = await browser.newContext({ storageState: E2E.userState });
  const page = await context.newPage();
  await page.goto("/my-tokens");
  const activity = page.getByRole("region", { name: "Recent activity" });
  const rows = activity.getByRole("row").filter({ hasText: token.name });
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "Wrong server" })).toContainText("Token not valid on this server");
  await expect(rows.filter({ hasText: "Denied" })).toContainText("Read-only token, write tool");
  await expect(activity).not.toContainText("wrong_audience");
  await expect(activity).not.toContainText("insufficient_scope");
  await context.close();
});
