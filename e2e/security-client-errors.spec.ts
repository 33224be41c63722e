/**
 * Client errors anyone can send are answered 4xx, never 500, and a flood of forged session
 * cookies writes nothing to the server's log.
 */
import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import { E2E } from "./support/env";
import { callFormAction, serverActionId } from "./support/server-action";
import { serverOutput } from "./support/server-log";

const SIGN_IN = { filename: "app/actions/auth.ts", exportedName: "signInAction" };
const anonymous = { storageState: { cookies: [], origins: [] } };

test("a server-action call with an Origin that is not a URL is a 400", async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: E2E.baseURL, ...anonymous });
  for (const origin of ["garbage", "http://", "null"]) {
    const res = await callFormAction(api, "/login", SIGN_IN, { email: "a@example.com", password: "x" }, { headers: { Origin: origin } });
    expect(res.status(), `Origin: ${origin}`).toBe(400);
  }
  await api.dispose();
});

// A body cut off or garbled after a valid boundary still gets Next's 500 (docs/SECURITY.md, "Not covered").
test("a multipart server-action call without a boundary is a 400", async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: E2E.baseURL, ...anonymous });
  const headers = { "Next-Action": serverActionId(SIGN_IN.filename, SIGN_IN.exportedName), Accept: "text/x-component", Origin: E2E.baseURL };
  const cases = [
    ["no boundary", "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"0\"\r\n\r\n[]\r\n--x--\r\n"],
  ] as const;
  for (const [label, type, body] of cases) {
    const res = await api.post("/login", { headers: { ...headers, "Content-Type": type }, data: body, maxRedirects: 0 });
    expect(res.status(), label).toBe(400);
  }
  await api.dispose();
});

test("signing in with a non-ASCII next goes home instead of failing", async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: E2E.baseURL, ...anonymous });
  const res = await callFormAction(api, "/login", SIGN_IN, { email: ADMIN.email, password: ADMIN.password, next: "/tokens/é\u2028" });
  expect(res.status()).toBeLessThan(400);
  const to = res.headers()["x-action-redirect"] ?? res.headers()["location"] ?? "";
  expect(new URL(to, E2E.baseURL).pathname.split(";")[0]).toBe("/");
  await api.dispose();
});

test("forged session cookies write no log line each", async ({ playwright }) => {
  const before = serverOutput().length;
  for (let i = 0; i < 5; i++) {
    const api = await playwright.request.newContext({ baseURL: E2E.baseURL, ...anonymous, extraHTTPHeaders: { cookie: `authjs.session-token=forged.${i}.value` } });
    expect((await api.get("/api/auth/session")).status()).toBe(200);
    expect((await api.get("/tokens", { maxRedirects: 0 })).status()).toBeLessThan(500);
    await api.dispose();
  }
  await new Promise((r) => setTimeout(r, 500));
  expect(serverOutput().slice(before)).not.toMatch(/JWTSessionError/);
});
