import { expect, test } from "@playwright/test";
import { ADMIN, USER } from "./support/accounts";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { callFormAction, callServerAction } from "./support/server-action";
import { uniqueEmail } from "./support/users";

const ADMIN_PAGES = ["/tokens", "/users", "/servers", "/apps", "/audit", "/settings"];
// These pages exist on this branch; the others are being built in parallel and may still 404 here.
const MUST_EXIST = new Set(["/tokens", "/users"]);

test.describe("a non-admin", () => {
  test.use({ storageState: E2E.userState });

  for (const path of ADMIN_PAGES) {
    test(`gets "Not allowed" (403) on ${path}, and no admin data`, async ({ page }) => {
      const response = await page.goto(path);
      const status = response?.status();
      if (status === 404 && !MUST_EXIST.has(path)) {
        test.info().annotations.push({ type: "missing page", description: `${path} does not exist yet (404)` });
        return;
      }
      expect(status).toBe(403);
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
      await expect(page.locator("body")).not.toContainText(ADMIN.email);
    });
  }

  test("is refused when calling admin server actions directly", async ({ page }) => {
    const email = uniqueEmail("target");
    const target = gatehouseCli<{ id: string }>("users", "add", "--email", email, "--name", "Target", "--role", "user");
    const users = { filename: "app/actions/users.ts" };
    const calls = [
      { exportedName: "setUserStatusAction", args: [{ userId: target.id, status: "disabled" }] },
      { exportedName: "changeRoleAction", args: [{ userId: target.id, role: "admin" }] },
      { exportedName: "reinviteUserAction", args: [{ userId: target.id }] },
    ];
    for (const call of calls) {
      const response = await callServerAction(page.request, "/users", { ...users, exportedName: call.exportedName }, call.args);
      expect(response.status(), call.exportedName).toBe(403);
      expect(await response.text()).not.toContain("/invite/");
    }
    const invited = uniqueEmail("smuggled");
    const invite = { ...users, exportedName: "inviteUserAction" };
    const response = await callFormAction(page.request, "/users", invite, { email: invited, name: "Smuggled", role: "admin" });
    expect(response.status()).toBe(403);

    const after = gatehouseCli<{ email: string; role: string; status: string }[]>("users", "list");
    expect(after.find((u) => u.email === email)).toMatchObject({ role: "user", status: "active" });
    expect(after.some((u) => u.email === invited)).toBe(false);
    expect(after.find((u) => u.email === USER.email)).toMatchObject({ role: "user" });
  });
});

test.describe("proxy.ts only redirects", () => {
  const SUBREQUEST_VALUES = ["middleware", "proxy", "middleware:middleware:middleware:middleware:middleware", "src/middleware"];

  test("a signed-out request is redirected to sign in, with or without x-middleware-subrequest", async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL: E2E.baseURL });
    const plain = await request.get("/users", { maxRedirects: 0 });
    expect(plain.status()).toBe(307);
    expect(plain.headers().location).toContain("/login?next=%2Fusers");
    for (const value of SUBREQUEST_VALUES) {
      const forged = await request.get("/users", { maxRedirects: 0, headers: { "x-middleware-subrequest": value } });
      expect(forged.status(), value).toBe(plain.status());
      expect(forged.headers().location, value).toBe(plain.headers().location);
    }
    await request.dispose();
  });

  test("a non-admin still gets 403 with x-middleware-subrequest", async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: E2E.userState });
    for (const value of SUBREQUEST_VALUES) {
      const forged = await request.get("/users", { maxRedirects: 0, headers: { "x-middleware-subrequest": value } });
      expect(forged.status(), value).toBe(403);
      expect(await forged.text(), value).not.toContain(ADMIN.email);
    }
    await request.dispose();
  });
});
