import { expect, test, type Browser } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { axeViolations } from "./support/look";
import { cliIssue, cliUser, cliUserId, unique } from "./support/tokens";

/*
 * axe on every page, at a laptop's and a phone's width, light and dark: what a person with a
 * screen reader, a keyboard or a small screen meets. Any violation fails, with its rule and nodes.
 */

const WIDTHS = [1280, 390] as const;
const SCHEMES = ["light", "dark"] as const;

type Visit = { path: string; state: string | null };

function pages(): Visit[] {
  const slug = unique("axe").toLowerCase();
  gatehouseCli("servers", "add", "--name", `Axe ${slug}`, "--url", `https://${slug}.example/mcp`, "--slug", slug);
  const owner = cliUser("axe");
  const token = cliIssue(owner, unique("axe"));
  const ownerId = cliUserId(owner);
  const admin = [
    "/tokens",
    "/tokens/new",
    `/tokens/${token.id}`,
    "/users",
    `/users/${ownerId}`,
    "/servers",
    "/servers/new",
    `/servers/${slug}`,
    `/servers/${slug}/edit`,
    "/servers?archived=1",
    "/audit",
    `/audit/usage?user=${encodeURIComponent(ADMIN.email)}`,
    "/settings",
    "/my-tokens",
    "/my-tokens/new",
    "/no-such-page",
  ].map((path) => ({ path, state: E2E.adminState }));
  return [...admin, { path: "/audit", state: E2E.userState }, { path: "/my-tokens", state: E2E.userState }, { path: "/login", state: null }];
}

async function violations(browser: Browser, visit: Visit, width: number, scheme: (typeof SCHEMES)[number]) {
  const context = await browser.newContext({
    storageState: visit.state ?? { cookies: [], origins: [] },
    viewport: { width, height: 900 },
    colorScheme: scheme,
  });
  try {
    const page = await context.newPage();
    await page.goto(visit.path);
    await page.waitForLoadState("networkidle");
    return await axeViolations(page);
  } finally {
    await context.close();
  }
}

test("axe finds nothing on any page at 1280 and 390 px, light and dark", async ({ browser }) => {
  // Each page loads four times (two widths, two schemes): with the server pages added, a loaded machine needs over ten minutes.
  test.setTimeout(1_200_000);
  const found: string[] = [];
  for (const visit of pages()) {
    for (const width of WIDTHS) {
      for (const scheme of SCHEMES) {
        for (const v of await violations(browser, visit, width, scheme)) found.push(`${visit.path} as ${visit.state ? "signed in" : "signed out"} at ${width} px, ${scheme}: ${v}`);
      }
    }
  }
  expect(found).toEqual([]);
});
