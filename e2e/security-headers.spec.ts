/**
 * Property: no other page can frame Gatehouse, and every answer (pages, API, the verification
 * fast path, 404s) carries the security headers. Unknown /.well-known/ documents are plain 404s.
 */
import { expect, test } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { E2E } from "./support/env";

test.use({ storageState: E2E.adminState });

test("a page on another port cannot frame /users", async ({ page }) => {
  // Same site (localhost), other origin: the admin's session cookie goes along with the frame.
  const attacker = http.createServer((_req, res) => {
    res.setHeader("content-type", "text/html");
    res.end(`<!doctype html><h1>Win a prize</h1><iframe name="victim" src="${E2E.baseURL}/users" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((r) => attacker.listen(0, "localhost", r));
  try {
    const framed = page.waitForResponse((res) => res.url() === `${E2E.baseURL}/users`);
    await page.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/`);
    expect((await framed).status()).toBe(200);
    await page.waitForTimeout(1_000);
    const frame = page.frame({ name: "victim" })!;
    // The browser refused to render it: no Users page inside, nothing to click.
    expect(await frame.locator("body").getByRole("heading", { name: "Users" }).count()).toBe(0);
    expect(await frame.getByRole("button").count()).toBe(0);
  } finally {
    await new Promise<void>((r) => attacker.close(() => r()));
  }
  // Outside a frame the page works as ever.
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
});

test("every kind of answer carries the security headers", async ({ page, playwright }) => {
  const api = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: { cookies: [], origins: [] } });
  const answers = [
    ["page", await page.request.get("/users")],
    ["sign-in page", await api.get("/login")],
    ["404", await api.get("/no-such-page")],
    ["route handler", await api.get("/api/health")],
    ["verification fast path", await api.post("/api/v1/verify", { data: { token: "x" } })],
    ["redirect", await api.get("/tokens", { maxRedirects: 0 })],
  ] as const;
  for (const [what, res] of answers) {
    const h = res.headers();
    expect(h["content-security-policy"], what).toContain("frame-ancestors 'none'");
    expect(h["x-frame-options"], what).toBe("DENY");
    expect(h["x-content-type-options"], what).toBe("nosniff");
    expect(h["referrer-policy"], what).toBe("strict-origin");
    expect(h["permissions-policy"], what).toContain("camera=()");
    // AUTH_URL is http in the test run: no HSTS (lib/http/security-headers.test.ts covers https).
    expect(h["strict-transport-security"], what).toBeUndefined();
  }
  await api.dispose();
});

test("unknown /.well-known/ documents are plain 404s, not a redirect to the sign-in page", async ({ playwright }) => {
  const anon = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: { cookies: [], origins: [] } });
  // /.well-known/oauth-authorization-server is served now (e2e/oauth.spec.ts); the rest stay 404.
  for (const doc of ["/.well-known/openid-configuration", "/.well-known/oauth-protected-resource/mcp", "/.well-known/anything"]) {
    const res = await anon.get(doc, { maxRedirects: 0 });
    expect(res.status(), doc).toBe(404);
    expect(res.headers()["content-type"], doc).toContain("application/json");
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  }
  await anon.dispose();
});
