import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { uniqueUrl } from "./support/tokens";

test.describe("MCP servers (admin)", () => {
  test.use({ storageState: E2E.adminState });

  test("register a server, see its credential once, classify its tools, rotate and revoke credentials", async ({ page, request }) => {
    const name = `Docs ${Date.now().toString(36)}`;
    await page.goto("/servers/new");
    await expect(page.getByRole("heading", { name: "Register an MCP server" })).toBeVisible();

    // Bad input: clear errors under the fields, nothing created.
    await page.getByLabel("Canonical URL").fill("ftp://nope");
    await page.getByRole("button", { name: "Register server" }).click();
    await expect(page.getByText("Enter a name")).toBeVisible();
    await expect(page.getByText("Enter an http:// or https:// URL")).toBeVisible();

    await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
    await page.getByLabel("Canonical URL").fill(uniqueUrl("docs"));
    await page.getByLabel("Deployment").selectOption("local-multi");
    await page.getByRole("button", { name: "Register server" }).click();
    await expect(page.getByRole("heading", { name: `${name} is registered` })).toBeVisible();
    const credential = (await page.getByLabel("Server credential").textContent())!.trim();
    expect(credential).toMatch(/^mcps_[0-9A-Za-z]{36}$/);
    await page.getByRole("link", { name: "Go to the server" }).click();

    // Shown once: the detail page only has the hint.
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByText(credential)).toHaveCount(0);
    // Registered seconds ago: nothing to judge yet, and the review says so rather than failing it.
    await expect(page.locator('[data-check="strategy"]')).toHaveAttribute("data-status", "none");
    await expect(page.locator('[data-check="strategy"]')).toContainText("No evidence yet");
    await expect(page.getByText("No tools reported yet.")).toBeVisible();

    // The server reports its tools with its credential.
    const report = await request.put("/api/v1/tools", {
      headers: { authorization: `Bearer ${credential}` },
      data: { tools: [{ name: "search_docs", annotations: { readOnlyHint: true } }, { name: "edit_doc", annotations: { destructiveHint: true } }] },
    });
    expect(report.status()).toBe(200);
    await page.reload();
    const tools = page.getByRole("table").filter({ hasText: "Override" });
    await expect(tools.getByRole("row", { name: /search_docs/ })).toContainText("Read");
    const edit = tools.getByRole("row", { name: /edit_doc/ });
    await expect(edit).toContainText("Write");
    await expect(edit).toContainText("Annotation");

    // An admin override wins.
    await edit.getByLabel("Class of edit_doc", { exact: true }).selectOption("read");
    await edit.getByRole("button", { name: "Save class of edit_doc" }).click();
    await expect(edit).toContainText("Admin override");
    await expect(edit).toContainText("(reported: write)");
    await expect(page.getByRole("status").filter({ hasText: "edit_doc is now Read: read tokens may call it from their next call." })).toBeVisible();

    // Rotate with a grace period: a new credential once, the old one in grace.
    await page.getByLabel("Grace period for the current credential").selectOption("1h");
    await page.getByRole("button", { name: "Rotate credential" }).click();
    const rotated = (await page.getByLabel("Server credential").textContent())!.trim();
    expect(rotated).not.toBe(credential);
    const creds = page.getByRole("table").filter({ hasText: "Last used" });
    await expect(creds.getByText("In grace period")).toBeVisible();
    await expect(creds.getByText("Current")).toBeVisible();

    // Both work during the grace period; revoking the old one stops it at once.
    const verify = (cred: string) =>
      request.post("/api/v1/verify", { headers: { authorization: `Bearer ${cred}` }, data: { token: "mcpt_x" } }).then((r) => r.status());
    expect(await verify(credential)).toBe(200);
    expect(await verify(rotated)).toBe(200);
    await creds.getByRole("row").filter({ hasText: "In grace period" }).getByRole("button", { name: "Revoke" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("This cannot be undone");
    await dialog.getByRole("button", { name: "Revoke credential" }).click();
    await expect(dialog).toBeHidden();
    await expect(creds.getByText("Revoked")).toBeVisible();
    expect(await verify(credential)).toBe(401);
    expect(await verify(rotated)).toBe(200);

    await page.goto("/servers");
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Local, several users");
  });

  test("register a local stdio server without a URL; its tokenless calls are audited only because it is local, one user", async ({ page, request }) => {
    const name = `Laptop notes ${Date.now().toString(36)}`;
    await page.goto("/servers/new");
    // A remote server needs its URL: refused under the field, nothing created.
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
    await page.getByRole("button", { name: "Register server" }).click();
    await expect(page.getByText("A remote server needs its URL (a local stdio server may have none)")).toBeVisible();
    await page.getByLabel("Deployment").selectOption("local-single");
    await page.getByRole("button", { name: "Register server" }).click();
    await expect(page.getByRole("heading", { name: `${name} is registered` })).toBeVisible();
    const credential = (await page.getByLabel("Server credential").textContent())!.trim();
    await page.getByRole("link", { name: "Go to the server" }).click();
    await expect(page.getByText("stdio (no URL)")).toBeVisible();

    // The server's tokenless call (what @gatehouse/mcp's gatehouseStdio sends) is allowed and recorded.
    const call = await request.post("/api/v1/local-calls", {
      headers: { authorization: `Bearer ${credential}` },
      data: { local_user: "ada", method: "tools/call", tool: "list_notes" },
    });
    expect(await call.json()).toMatchObject({ allowed: true });
    await page.reload();
    await expect(page.locator('[data-check="strategy"]')).toHaveAttribute("data-status", "pass");
    await expect(page.locator('[data-check="strategy"]')).toContainText("without tokens, and Gatehouse records every call with the OS user");
    await page.goto("/servers");
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("stdio (no URL)");
  });

  test("the API answers with one error shape", async ({ request }) => {
    const cases: [string, () => Promise<{ status: () => number; json: () => Promise<unknown> }>, number, string][] = [
      ["verify without a credential", () => request.post("/api/v1/verify", { data: { token: "x" } }), 401, "unauthenticated"],
      ["verify with GET", () => request.get("/api/v1/verify"), 405, "method_not_allowed"],
      ["verify with a 20 KB body", () => request.post("/api/v1/verify", { data: { token: "x".repeat(20_000) } }), 413, "payload_too_large"],
      ["tools without a credential", () => request.put("/api/v1/tools", { data: { tools: [] } }), 401, "unauthenticated"],
    ];
    for (const [label, send, status, code] of cases) {
      const res = await send();
      expect(res.status(), label).toBe(status);
      expect(await res.json(), label).toEqual({ error: { code, message: expect.any(String) } });
    }
    const openapi = await request.get("/api/v1/openapi.json");
    expect(await openapi.json()).toMatchObject({ openapi: "3.1.0", paths: { "/api/v1/verify": expect.anything() } });
  });
});

test.describe("MCP servers (non-admin)", () => {
  test.use({ storageState: E2E.userState });

  test("a regular user cannot see or register servers", async ({ page }) => {
    const res = await page.goto("/servers/new");
    expect(res?.status()).toBe(403);
  });
});
