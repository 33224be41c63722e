/**
 * Property 2 at the edge: a URL carrying a token is refused with a plain 400 before Next renders
 * anything, so it can never land in a cached 404 served to the next visitor, in the build folder,
 * in the data folder or in a `next=` sign-in redirect. And a 404 page is never cached per request.
 */
import { expect, request, test, type APIRequestContext, type Page } from "@playwright/test";
import path from "node:path";
import { E2E } from "./support/env";
import { filesUnder, serverFiles } from "./support/files";
import { cliIssue, cliServer, cliServiceAccount, cliUser, unique } from "./support/tokens";

test.use({ storageState: E2E.adminState });

/** A token action through the UI: it revalidates every page ("/", "layout"), as the report found. */
async function issueThroughTheUi(page: Page) {
  const email = cliUser("leak");
  const server = cliServer("Leak server");
  await page.goto("/tokens/new");
  await page.getByRole("combobox", { name: "Owner" }).selectOption(email);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(unique("leak"));
  await page.getByRole("checkbox", { name: server.name }).check();
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByText(`${email} can now claim it`)).toBeVisible();
}

async function anonymous(playwright: { request: { newContext: typeof request.newContext } }): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL: E2E.baseURL, storageState: { cookies: [], origins: [] } });
}

test("a token in a URL is refused with 400 and ends up in no page, build file, data file or redirect", async ({ page, playwright }) => {
  const canary = cliIssue(cliServiceAccount("url-canary"), unique("url"), "--reveal").secret!;
  await issueThroughTheUi(page);
  const visitor = await anonymous(playwright);
  const encoded = canary.replace("_", "%5F");
  for (const [method, url] of [
    ["POST", `/api/v1/verify;token=${canary}`],
    ["GET", `/api/v1/verify/x?access_token=${canary}`],
    ["GET", `/api/v1/verify/x?ACCESS_TOKEN=${canary}`],
    ["GET", `/nothing/${encoded}`],
    ["GET", `/API/v1/verify?access_token=${canary}`],
    ["GET", `/tokens?x=${canary}`],
  ] as const) {
    const res = await visitor.fetch(url, { method, maxRedirects: 0 });
    expect(res.status(), `${method} ${url.slice(0, 30)}…`).toBe(400);
    expect(res.headers()["location"]).toBeUndefined();
    expect((await res.text()).includes(canary.slice(5)), "the token in the answer").toBe(false);
  }
  // The next visitor of any 404 sees nothing of it.
  const later = await visitor.get("/api/no-such-page");
  expect(later.status()).toBe(404);
  expect((await later.text()).includes(canary.slice(5)), "the token in a later 404").toBe(false);

  // serverFiles() includes the server's log.
  const places = serverFiles();
  expect(places.length).toBeGreaterThan(10);
  expect(places.filter(({ text }) => text.includes(canary.slice(5))).map(({ where }) => where)).toEqual([]);
  await visitor.dispose();
});

test("a 404 page is rendered for its own request only, never cached and served to the next visitor", async ({ page, playwright }) => {
  await issueThroughTheUi(page);
  const marker = unique("marker404");
  const visitor = await anonymous(playwright);
  // Under /api/ (public): a 404 page for anyone, signed in or not.
  expect((await visitor.get(`/api/nothing-here-${marker}?q=${marker}`)).status()).toBe(404);
  const next = await visitor.get("/api/some-other-missing-page");
  expect(next.status()).toBe(404);
  expect((await next.text()).includes(marker), "the first visitor's URL in the next visitor's 404").toBe(false);
  const build = filesUnder(path.resolve(process.env.NEXT_DIST_DIR || ".next"));
  expect(build.filter(({ text }) => text.includes(marker)).map(({ where }) => where)).toEqual([]);
  await visitor.dispose();
});

test("a mis-cased API path never becomes a sign-in redirect carrying the URL", async ({ playwright }) => {
  const visitor = await anonymous(playwright);
  const res = await visitor.get("/API/v1/verify?x=1", { maxRedirects: 0 });
  expect(res.status()).not.toBe(307);
  expect(res.headers()["location"]).toBeUndefined();
  await visitor.dispose();
});
