/**
 * Property 5: cross-site requests to mutating endpoints are refused. Server actions: Next
 * compares Origin with Host, so a foreign Origin or `Origin: null` runs nothing, even with a
 * valid admin session. The session cookie is HttpOnly and SameSite=Lax, so a browser does not
 * send it on a cross-site POST in the first place. The only cookie-authenticated route handlers
 * that change anything are Auth.js's (sign-in, sign-out), which demand its CSRF token; the
 * other mutating routes (/api/v1/*) take no cookie at all (see security-matrix.spec.ts).
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { callFormAction, callServerAction } from "./support/server-action";
import { cliIssue, cliUser, unique } from "./support/tokens";
import { uniqueEmail } from "./support/users";

const FOREIGN_ORIGINS = ["https://attacker.example", "null", `http://localhost:${E2E.port + 1}`, E2E.baseURL.replace("localhost", "127.0.0.1.nip.io")];
const invite = { filename: "app/actions/users.ts", exportedName: "inviteUserAction" };
const revoke = { filename: "app/actions/tokens.ts", exportedName: "revokeTokenAction" };
const setStatus = { filename: "app/actions/users.ts", exportedName: "setUserStatusAction" };

const userEmails = () => gatehouseCli<{ email: string; status: string }[]>("users", "list");

/** Three admin changes (invite, disable, revoke) sent with the given Origin; reports which took effect. */
async function attempt(request: APIRequestContext, origin: string) {
  const email = uniqueEmail("csrf");
  const invited = await callFormAction(request, "/users", invite, { email, name: "Smuggled", role: "admin" }, { headers: { Origin: origin } });
  const victim = cliUser("csrf-victim");
  const id = gatehouseCli<{ id: string; email: string }[]>("users", "list").find((u) => u.email === victim)!.id;
  const disabled = await callServerAction(request, "/users", setStatus, [{ userId: id, status: "disabled" }], { Origin: origin });
  const token = cliIssue(cliUser("csrf-owner"), unique("csrf-token"));
  const revoked = await callFormAction(request, "/tokens", revoke, { tokenId: token.id, reason: "cross-site" }, { headers: { Origin: origin } });
  const users = userEmails();
  return {
    statuses: [invited.status(), disabled.status(), revoked.status()],
    invited: users.some((u) => u.email === email),
    disabled: users.find((u) => u.email === victim)?.status === "disabled",
    revoked: gatehouseCli<{ id: string; status: string }[]>("tokens", "list").find((t) => t.id === token.id)?.status === "revoked",
  };
}

test.describe("server actions with an admin session", () => {
  test.use({ storageState: E2E.adminState });

  for (const origin of FOREIGN_ORIGINS) {
    test(`Origin: ${origin} runs nothing`, async ({ request }) => {
      const result = await attempt(request, origin);
      expect(result.statuses.filter((s) => s === 200)).toEqual([]);
      expect(result).toMatchObject({ invited: false, disabled: false, revoked: false });
    });
  }

  test("the same requests from Gatehouse's own origin do run (so the refusals above are about the origin)", async ({ request }) => {
    expect(await attempt(request, E2E.baseURL)).toEqual({ statuses: [200, 200, 200], invited: true, disabled: true, revoked: true });
  });
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ browser }) => {
  const context = await browser.newContext({ storageState: E2E.adminState });
  const page = await context.newPage();
  await page.goto("/tokens");
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await context.close();
});

test("Auth.js sign-out from another site without its CSRF token leaves the session alone", async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: E2E.adminState });
  const res = await request.post("/api/auth/signout", {
    headers: { Origin: "https://attacker.example", "content-type": "application/x-www-form-urlencoded" },
    data: "callbackUrl=https://attacker.example",
    maxRedirects: 0,
  });
  expect(res.headers()["location"] ?? "").not.toContain("attacker.example");
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } } | null;
  expect(session?.user?.email).toBe("admin@example.com");
  await request.dispose();
});
