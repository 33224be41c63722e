/**
 * At 390 px (a phone): no page scrolls sideways as a whole, the navigation row shows the page
 * you are on (even the last item of the row), tables keep their status and row actions on
 * screen, and the audit log's events start near the top with the filters folded away.
 */
import { expect, test, type Page } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";
import { cliIssue, cliServer, cliServiceAccount, cliUserId, unique } from "./support/tokens";

test.use({ storageState: E2E.adminState, viewport: { width: 390, height: 844 } });

/** How far the page reaches past the screen's right edge (0 or less: it does not scroll sideways). */
const sideways = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);

/** The tables that reach past their own box, each with its header row and how far (none: no table scrolls sideways inside its card). */
const tableOverflow = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-slot="table-container"]')]
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => `${el.querySelector("thead")?.textContent ?? "a table"}: ${el.scrollWidth - el.clientWidth} px`),
  );

/** The element lies wholly inside the screen's width. */
async function onScreen(page: Page, selector: ReturnType<Page["locator"]>) {
  await expect
    .poll(async () => {
      const box = await selector.boundingBox();
      return box !== null && box.x >= 0 && box.x + box.width <= 390;
    })
    .toBe(true);
}

const MAIN_PAGES = ["/tokens", "/tokens/new", "/users", "/servers", "/servers?archived=1", "/servers/new", "/audit", `/audit/usage?user=${encodeURIComponent(ADMIN.email)}`, "/settings", "/my-tokens", "/my-tokens/new"];

for (const path of MAIN_PAGES) {
  test(`${path} on a phone: the page does not scroll sideways and its nav item is in view`, async ({ page }) => {
    await page.goto(path);
    const current = page.getByRole("navigation", { name: "Main" }).locator('[aria-current="page"]');
    await expect(current).toBeVisible();
    // Wait for the row to settle where the page put it, then check the item is wholly on screen.
    await onScreen(page, current);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    expect(await tableOverflow(page), "a table scrolls sideways").toEqual([]);
  });
}

test("a token's and a server's pages on a phone do not scroll sideways", async ({ page }) => {
  const slug = unique("phone").toLowerCase();
  gatehouseCli("servers", "add", "--name", `Phone ${slug}`, "--url", `https://${slug}.example/mcp`, "--slug", slug);
  const token = cliIssue(cliServiceAccount("phone-detail"), unique("phone"), "--servers", slug);
  for (const path of [`/tokens/${token.id}`, `/servers/${slug}`]) {
    await page.goto(path);
    await expect(page.getByTestId("call-chart")).toBeVisible();
    expect(await sideways(page), path).toBeLessThanOrEqual(0);
    expect(await tableOverflow(page), `a table on ${path} scrolls sideways`).toEqual([]);
  }
});

test("a server's credentials and recent calls on a phone: no table scrolls sideways, and each row's status and time stay on screen", async ({ page }) => {
  const slug = unique("phone-tables").toLowerCase();
  const server = gatehouseCli<{ credential: string }>("servers", "add", "--name", `Tables ${slug}`, "--url", `https://${slug}.example/mcp`, "--slug", slug);
  gatehouseCli("servers", "rotate-credential", slug, "--grace", "24h");
  const caller = cliServiceAccount("a-rather-long-service-account-name-calling-a-server");
  const token = cliIssue(caller, unique("phone-caller"), "--servers", slug, "--reveal");
  // The first credential is in its grace period: calls with it still count.
  for (const tool of ["a_tool_with_a_rather_long_name_for_a_phone", "read_note"]) {
    const res = await fetch(`${E2E.baseURL}/api/v1/verify`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.credential}`, "content-type": "application/json" },
      body: JSON.stringify({ token: token.secret, method: "tools/call", tool }),
    });
    expect(res.status).toBe(200);
  }
  await page.goto(`/servers/${slug}`);
  const calls = page.getByRole("table").filter({ hasText: "Decision" });
  await expect(calls.locator("tbody tr")).toHaveCount(2);
  const credentials = page.getByRole("table").filter({ hasText: "Credential" });
  await expect(credentials.getByText("In grace period")).toBeVisible();
  expect(await tableOverflow(page)).toEqual([]);
  await onScreen(page, credentials.getByRole("button", { name: "Revoke" }).first());
  await onScreen(page, calls.locator("tbody tr").first().getByRole("link"));
  await onScreen(page, calls.locator("tbody tr").first().getByText(/Allowed|Denied/));
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  await lookAt(page, "server-page-tables");
});

test("the tokens of one owner on a phone: a long email wraps, and each row's status and actions are on screen", async ({ page }) => {
  const email = cliServiceAccount("a-rather-long-service-account-name-for-ci");
  const name = unique("phone");
  cliIssue(email, name);
  await page.goto(`/tokens?owner=${encodeURIComponent(email)}`);
  await expect(page.getByRole("button", { name: new RegExp(`Revoke all of ${email}`) })).toBeVisible();
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  const row = page.getByRole("row").filter({ hasText: name });
  await onScreen(page, row.getByRole("button", { name: `Actions for ${name}` }));
  await onScreen(page, row.getByRole("cell").filter({ hasText: /Active|Ready/ }).first());
  // The table itself fits: nothing hides past its right edge.
  const overflow = await page.locator('[data-slot="table-container"]').first().evaluate((el) => el.scrollWidth - el.clientWidth);
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
  expect(await tableOverflow(page), "a table scrolls sideways").toEqual([]);
});

test("an empty search result on a phone is shown whole", async ({ page }) => {
  await page.goto(`/tokens?q=${unique("nothing")}`);
  const title = page.getByText(/No tokens match/);
  await expect(title).toBeVisible();
  await onScreen(page, title);
});

test("the audit log on a phone: the filters fold behind one button and the events start near the top", async ({ page }) => {
  await page.goto("/audit");
  const toggle = page.getByRole("button", { name: /^Filters/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("button", { name: "Apply filters" })).toBeHidden();
  const events = page.getByRole("heading", { name: /^Events/ });
  const top = (await events.boundingBox())!.y;
  expect(top).toBeLessThan(600);
  const firstRow = page.locator("tbody tr[data-seq]").first();
  await onScreen(page, firstRow.getByRole("button", { name: /Show details of event/ }));
  expect(await page.locator('[data-slot="table-container"]').first().evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await page.getByLabel("Tool", { exact: true }).fill("read_file");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/tool=read_file/);
  await expect(page.getByRole("button", { name: /^Filters \(1 set\)/ })).toBeVisible();
});
