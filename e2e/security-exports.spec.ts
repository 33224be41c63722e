/**
 * Property 7 (exports): a page on another site cannot make an admin's browser run an export. The
 * session cookie is SameSite=Lax, so a top-level GET from another site carries it; the exports
 * refuse what the browser marks Sec-Fetch-Site: cross-site or same-site, before any work and
 * without an audit row. A real browser on a real foreign page, as an attack would be.
 */
import Database from "better-sqlite3";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";

const EXPORTS = ["/api/audit/export?format=csv", "/tokens/export"];

function exportEvents(): number {
  const sqlite = new Database(E2E.databaseUrl.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare("SELECT count(*) FROM audit_events WHERE type IN ('audit.exported', 'tokens.exported')").pluck().get() as number;
  } finally {
    sqlite.close();
  }
}

let foreign: Server;
let foreignPort = 0;

test.beforeAll(async () => {
  // The attacker's page: links and an image pointing at the exports.
  foreign = createServer((_req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(`<!doctype html><title>Cute cats</title>${EXPORTS.map((p, i) => `<a id="l${i}" href="${E2E.baseURL}${p}">cats ${i}</a>`).join(" ")}
      ${EXPORTS.map((p) => `<img src="${E2E.baseURL}${p}" alt="">`).join("")}`);
  });
  await new Promise<void>((resolve) => foreign.listen(0, "127.0.0.1", resolve));
  foreignPort = (foreign.address() as AddressInfo).port;
});

test.afterAll(async () => {
  await new Promise((resolve) => foreign.close(resolve));
});

test.use({ storageState: E2E.adminState });

for (const [site, host] of [
  ["cross-site", "127.0.0.1"],
  ["same-site (another port of the same host)", "localhost"],
] as const) {
  test(`an admin following links from a ${site} page gets 403 and no export is run or audited`, async ({ page }) => {
    const before = exportEvents();
    for (let i = 0; i < EXPORTS.length; i++) {
      await page.goto(`http://${host}:${foreignPort}/`);
      const answered = page.waitForResponse((r) => r.url() === `${E2E.baseURL}${EXPORTS[i]}` && r.request().resourceType() === "document");
      await page.locator(`#l${i}`).click();
      const res = await answered;
      // The attack's premise: the browser did send the admin's session cookie, marked as from another site.
      const sent = await res.request().allHeaders();
      expect(sent["cookie"]).toMatch(/session-token=/);
      expect(sent["sec-fetch-site"]).toBe(site.split(" ")[0]);
      expect(res.status()).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
    }
    // The <img> requests the page also made ran nothing either.
    expect(exportEvents()).toBe(before);
  });
}

test("the same exports from Gatehouse's own pages and the address bar are served and audited", async ({ page }) => {
  const before = exportEvents();
  for (const p of EXPORTS) {
    // Typed into the address bar: Sec-Fetch-Site: none. A download, so read it from the request.
    const res = await page.request.get(p, { headers: { "sec-fetch-site": "none" } });
    expect(res.status()).toBe(200);
  }
  await page.goto("/audit");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  expect(await (await download).failure()).toBeNull();
  expect(exportEvents()).toBe(before + EXPORTS.length + 1);
});
