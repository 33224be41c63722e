/**
 * Property 4: every route handler and every server action, called as anonymous, with a forged
 * session cookie, as a user, an admin and a disabled user, answers as the table says — and the
 * same with `x-middleware-subrequest`. Route files come from app/, actions from the build's
 * server reference manifest: a new one without a row here fails the test.
 */
import { expect, test, type APIRequestContext, type APIResponse, type Browser, type PlaywrightWorkerArgs } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { allServerActions, callFormAction, callServerAction, type ServerActionRef } from "./support/server-action";
import { cliIssue, cliTokens, cliUser, unique } from "./support/tokens";
import { ADMIN } from "./support/accounts";
import { newSignedInUser, signedOutContext, signInWithPassword } from "./support/users";

const ROLES = ["anonymous", "forged", "user", "admin", "disabled"] as const;
type Role = (typeof ROLES)[number];
/** ok: 200 · forbidden: 403 · login: sent to /login · redirect: sent elsewhere (sign-in flows) · or an exact status. */
type Outcome = "ok" | "forbidden" | "login" | "redirect" | number;
type Expect = Record<Role, Outcome>;

const everyone = (o: Outcome): Expect => ({ anonymous: o, forged: o, user: o, admin: o, disabled: o });
const USERS: Expect = { anonymous: "login", forged: "login", user: "ok", admin: "ok", disabled: "login" };
const ADMINS: Expect = { anonymous: "login", forged: "login", user: "forbidden", admin: "ok", disabled: "login" };

type RouteCall = { method: "GET" | "POST" | "PUT"; path: string; form?: string; json?: unknown; expect: Expect };

// Server-facing routes answer the same to every browser role: a session cookie is not a server credential.
const ROUTES: Record<string, RouteCall[]> = {
  "app/.well-known/[...path]/route.ts": [{ method: "GET", path: "/.well-known/openid-configuration", expect: everyone(404) }],
  "app/api/health/route.ts": [{ method: "GET", path: "/api/health", expect: everyone(200) }],
  "app/api/v1/openapi.json/route.ts": [{ method: "GET", path: "/api/v1/openapi.json", expect: everyone(200) }],
  "app/api/v1/verify/route.ts": [
    { method: "POST", path: "/api/v1/verify", json: { token: "mcpt_x" }, expect: everyone(401) },
    { method: "GET", path: "/api/v1/verify", expect: everyone(405) },
  ],
  "app/api/v1/introspect/route.ts": [{ method: "POST", path: "/api/v1/introspect", form: "token=mcpt_x", expect: everyone(401) }],
  // RFC 7009: possession of the token is the authorization; an unknown token gets the same 200.
  "app/api/v1/revoke/route.ts": [{ method: "POST", path: "/api/v1/revoke", form: "token=mcpt_x", expect: everyone(200) }],
  "app/api/v1/tools/route.ts": [
    { method: "PUT", path: "/api/v1/tools", json: { tools: [] }, expect: everyone(401) },
    { method: "POST", path: "/api/v1/tools", json: { tools: [] }, expect: everyone(405) },
  ],
  "app/api/v1/resource-metadata/route.ts": [{ method: "GET", path: "/api/v1/resource-metadata", expect: everyone(401) }],
  "app/api/v1/local-calls/route.ts": [
    { method: "POST", path: "/api/v1/local-calls", json: { local_user: "x" }, expect: everyone(401) },
    { method: "GET", path: "/api/v1/local-calls", expect: everyone(405) },
  ],
  // OAuth endpoints answer clients, not browsers: a session cookie changes nothing.
  "app/.well-known/oauth-authorization-server/route.ts": [{ method: "GET", path: "/.well-known/oauth-authorization-server", expect: everyone(200) }],
  "app/oauth/authorize/route.ts": [{ method: "GET", path: "/oauth/authorize", expect: everyone("redirect") }],
  "app/oauth/token/route.ts": [{ method: "POST", path: "/oauth/token", form: "grant_type=authorization_code", expect: everyone(401) }],
  "app/oauth/register/route.ts": [{ method: "POST", path: "/oauth/register", form: "x=1", expect: everyone(400) }],
  "app/oauth/revoke/route.ts": [{ method: "POST", path: "/oauth/revoke", form: "token=mcpr_x", expect: everyone(401) }],
  "app/(app)/tokens/export/route.ts": [
    { method: "GET", path: "/tokens/export", expect: { anonymous: "login", forged: 401, user: "forbidden", admin: "ok", disabled: 401 } },
  ],
  "app/api/audit/export/route.ts": [
    { method: "GET", path: "/api/audit/export?format=ndjson", expect: { anonymous: 401, forged: 401, user: 403, admin: "ok", disabled: 401 } },
  ],
  // Auth.js's own endpoints; what the session endpoint says is checked separately below.
  "app/api/auth/[...nextauth]/route.ts": [
    { method: "GET", path: "/api/auth/session", expect: everyone(200) },
    { method: "GET", path: "/api/auth/providers", expect: everyone(200) },
  ],
};

// endsSessions: the action ends the session it runs in (or all of its user's), so as a user or an
// admin it runs in a session signed in for that call, never the saved ones other specs share.
type ActionCall = { fields?: Record<string, string>; args?: unknown[]; plain?: unknown[]; endsSessions?: true; expect: Expect };

// Every input below is invalid or names nothing, so "ok" means "let in, then refused by validation": nothing changes.
const ACTIONS: Record<string, ActionCall> = {
  "app/actions/auth.ts#signInAction": { fields: { email: "not-an-email", password: "" }, expect: everyone("ok") },
  "app/actions/auth.ts#signInWithOidcAction": { fields: {}, args: ["$K1"], expect: everyone("redirect") },
  "app/actions/auth.ts#signOutAction": { plain: [], endsSessions: true, expect: everyone("login") },
  "app/actions/auth.ts#signOutEverywhereAction": { plain: [], endsSessions: true, expect: everyone("login") },
  "app/actions/auth.ts#setupAction": { fields: { code: "wrong" }, expect: everyone("ok") },
  "app/actions/invite.ts#acceptInviteAction": { fields: { invite: "wrong", password: "x" }, expect: everyone("ok") },
  "app/actions/tokens.ts#issueTokenAction": { fields: { name: "" }, expect: USERS },
  "app/actions/tokens.ts#revealTokenAction": { fields: { tokenId: "tok_missing" }, expect: USERS },
  "app/actions/tokens.ts#rotateTokenAction": { fields: { tokenId: "" }, expect: USERS },
  "app/actions/tokens.ts#revokeTokenAction": { fields: { tokenId: "" }, expect: USERS },
  "app/actions/tokens.ts#updateTokenAction": { fields: { tokenId: "" }, expect: USERS },
  "app/actions/tokens.ts#regenerateTokenAction": { fields: { tokenId: "tok_missing" }, expect: USERS },
  "app/actions/tokens.ts#regenerationPlanAction": { plain: [{ tokenId: "tok_missing" }], expect: USERS },
  "app/actions/tokens.ts#bulkRevokeAction": { fields: {}, expect: ADMINS },
  "app/actions/tokens.ts#revokeAllForUserAction": { fields: { email: "" }, expect: ADMINS },
  "app/actions/servers.ts#registerServerAction": { fields: {}, expect: ADMINS },
  "app/actions/servers.ts#rotateCredentialAction": { fields: {}, expect: ADMINS },
  "app/actions/servers.ts#revokeCredentialAction": { fields: {}, expect: ADMINS },
  "app/actions/servers.ts#setServerStatusAction": { fields: {}, expect: ADMINS },
  "app/actions/servers.ts#overrideToolClassAction": { fields: {}, expect: ADMINS },
  "app/actions/servers.ts#updateServerAction": { fields: {}, expect: ADMINS },
  "app/actions/servers.ts#removeServerAction": { fields: {}, expect: ADMINS },
  "app/actions/servers.ts#restoreServerAction": { fields: {}, expect: ADMINS },
  "app/actions/settings.ts#saveTokenPolicyAction": { fields: {}, expect: ADMINS },
  "app/actions/settings.ts#saveClientHostsAction": { fields: { blocked: "not a host!" }, expect: ADMINS },
  "app/actions/settings.ts#saveOAuthSettingsAction": { fields: {}, expect: ADMINS },
  "app/(app)/audit/actions.ts#verifyChainAction": { plain: [{ state: "idle" }], expect: ADMINS },
  // Disconnect: signed in, it ends nothing that is not yours; otherwise at sign-in.
  "app/actions/oauth.ts#disconnectAppAction": { fields: { grant: "ogr_missing" }, args: ["$K1"], expect: USERS },
  "app/actions/oauth.ts#deleteClientAction": { fields: { client: "ocl_missing" }, expect: ADMINS },
  "app/actions/users.ts#inviteUserAction": { fields: {}, expect: ADMINS },
  "app/actions/users.ts#createServiceAccountAction": { fields: {}, expect: ADMINS },
  "app/actions/users.ts#reinviteUserAction": { plain: [{ userId: "usr_missing" }], expect: ADMINS },
  "app/actions/users.ts#changeRoleAction": { plain: [{ userId: "usr_missing", role: "admin" }], expect: ADMINS },
  "app/actions/users.ts#setUserStatusAction": { plain: [{ userId: "usr_missing", status: "disabled" }], expect: ADMINS },
  "app/actions/onboarding.ts#dismissGettingStartedAction": { plain: [], expect: ADMINS },
  // A well-formed but unknown consent request: signed in, it ends on the error page; otherwise at sign-in.
  "app/actions/oauth.ts#answerConsentAction": {
    fields: { request: "x".repeat(32), decision: "allow" },
    args: ["$K1"],
    expect: { anonymous: "login", forged: "login", user: "redirect", admin: "redirect", disabled: "login" },
  },
  "app/actions/users.ts#signOutUserEverywhereAction": { plain: [{ userId: "usr_missing" }], expect: ADMINS },
  "app/actions/users.ts#endUserSessionAction": { plain: [{ userId: "usr_missing", handle: "0123456789abcdef" }], expect: ADMINS },
};

// A page that holds the action (from the manifest's workers), a public one where there is one,
// so the proxy's redirect does not stand in for the action's own check: app/(app)/servers/[slug]/page → /servers/x.
function pageFor(action: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  const entry = Object.values(manifest.node).find((a) => `${a.filename}#${a.exportedName}` === action)!;
  const worker = Object.keys(entry.workers).sort((a, b) => Number(a.includes("(app)")) - Number(b.includes("(app)")))[0]!;
  const route = worker.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "").replace(/\[[^\]]+\]/g, "x");
  return route || "/";
}

function routeFiles(dir = "app"): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`;
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

const FORGED_SUBREQUEST = "middleware:middleware:middleware:middleware:middleware";
let disabledState: Awaited<ReturnType<import("@playwright/test").BrowserContext["storageState"]>>;
const throwaway: Partial<Record<"user" | "admin", { email: string; password: string }>> = {};

test.beforeAll(async ({ browser }) => {
  const who = await newSignedInUser(browser, "matrix-disabled");
  disabledState = await who.context.storageState();
  await who.context.close();
  gatehouseCli("users", "disable", who.email);
  for (const role of ["user", "admin"] as const) {
    const own = await newSignedInUser(browser, `matrix-own-${role}`, role);
    throwaway[role] = { email: own.email, password: own.password };
    await own.context.close();
  }
});

/** A session of its own, as a user or an admin of that role, for an action that ends sessions. */
async function ownSessionFor(browser: Browser, playwright: PlaywrightWorkerArgs["playwright"], role: "user" | "admin"): Promise<APIRequestContext> {
  const context = await signedOutContext(browser);
  const page = await context.newPage();
  await signInWithPassword(page, throwaway[role]!.email, throwaway[role]!.password);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const storageState = await context.storageState();
  await context.close();
  return playwright.request.newContext({ baseURL: E2E.baseURL, storageState });
}

async function contextFor(playwright: import("@playwright/test").PlaywrightWorkerArgs["playwright"], role: Role): Promise<APIRequestContext> {
  const base = { baseURL: E2E.baseURL };
  switch (role) {
    case "anonymous":
      return playwright.request.newContext({ ...base, storageState: { cookies: [], origins: [] } });
    case "forged":
      return playwright.request.newContext({ ...base, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { cookie: "authjs.session-token=forged.jwt.value" } });
    case "user":
      return playwright.request.newContext({ ...base, storageState: E2E.userState });
    case "admin":
      return playwright.request.newContext({ ...base, storageState: E2E.adminState });
    case "disabled":
      return playwright.request.newContext({ ...base, storageState: disabledState });
  }
}

/** What a response amounts to, in the table's words. */
function outcomeOf(res: APIResponse): Outcome {
  const status = res.status();
  const location = res.headers()["location"] ?? res.headers()["x-action-redirect"] ?? "";
  if (status >= 300 && status < 400 || res.headers()["x-action-redirect"]) {
    return /^(https?:\/\/[^/]+)?\/login\b/.test(location) ? "login" : "redirect";
  }
  if (status === 200) return "ok";
  if (status === 403) return "forbidden";
  return status;
}

function expected(o: Outcome): Outcome {
  return o === 200 ? "ok" : o === 403 ? "forbidden" : o;
}

test("every route handler and server action has a row in the matrix", () => {
  expect(routeFiles().sort()).toEqual(Object.keys(ROUTES).sort());
  expect(allServerActions().sort()).toEqual(Object.keys(ACTIONS).sort());
});

for (const role of ROLES) {
  test(`route handlers as ${role}`, async ({ playwright }) => {
    const request = await contextFor(playwright, role);
    for (const [file, calls] of Object.entries(ROUTES)) {
      for (const call of calls) {
        for (const subrequest of [null, FORGED_SUBREQUEST]) {
          const headers: Record<string, string> = subrequest ? { "x-middleware-subrequest": subrequest } : {};
          if (call.form) headers["content-type"] = "application/x-www-form-urlencoded";
          if (call.json) headers["content-type"] = "application/json";
          const res = await request.fetch(call.path, {
            method: call.method,
            headers,
            data: call.form ?? (call.json ? JSON.stringify(call.json) : undefined),
            maxRedirects: 0,
          });
          const label = `${role} ${call.method} ${call.path} (${file})${subrequest ? " with x-middleware-subrequest" : ""}`;
          expect(outcomeOf(res), label).toBe(expected(call.expect[role]));
        }
      }
    }
    await request.dispose();
  });

  test(`server actions as ${role}`, async ({ playwright, browser }) => {
    for (const [id, call] of Object.entries(ACTIONS)) {
      const [filename, exportedName] = id.split("#") as [string, string];
      const ref: ServerActionRef = { filename, exportedName };
      for (const subrequest of [null, FORGED_SUBREQUEST]) {
        // A fresh context per call: signOutAction clears the cookie of the context it runs in.
        const request =
          call.endsSessions && (role === "user" || role === "admin") ? await ownSessionFor(browser, playwright, role) : await contextFor(playwright, role);
        const headers: Record<string, string> = subrequest ? { "x-middleware-subrequest": subrequest } : {};
        const res = call.plain
          ? await callServerAction(request, pageFor(id), ref, call.plain, headers)
          : await callFormAction(request, pageFor(id), ref, call.fields ?? {}, { args: call.args, headers });
        expect(outcomeOf(res), `${role} ${id}${subrequest ? " with x-middleware-subrequest" : ""}`).toBe(expected(call.expect[role]));
        await request.dispose();
      }
    }
  });
}

test("the session endpoint names nobody for anonymous, forged and disabled sessions", async ({ playwright }) => {
  for (const role of ROLES) {
    const request = await contextFor(playwright, role);
    const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } } | null;
    if (role === "user" || role === "admin") expect(session?.user?.email, role).toMatch(/@example\.com$/);
    else expect(session?.user, role).toBeUndefined();
    await request.dispose();
  }
});

test.describe("another user's token", () => {
  test.use({ storageState: E2E.userState });

  test("a user cannot reveal, rotate, revoke, edit or regenerate another user's token by id, nor read its regeneration recap", async ({ request }) => {
    const owner = cliUser("matrix-owner");
    const token = cliIssue(owner, unique("not-yours"));
    const tokens = { filename: "app/actions/tokens.ts" };
    const attempts: [string, Record<string, string>][] = [
      ["revealTokenAction", { tokenId: token.id }],
      ["rotateTokenAction", { tokenId: token.id, grace: "0" }],
      ["revokeTokenAction", { tokenId: token.id, reason: "not mine" }],
      ["updateTokenAction", { tokenId: token.id, name: "hijacked", scope: "read", audience: "all" }],
      ["regenerateTokenAction", { tokenId: token.id }],
    ];
    for (const [exportedName, fields] of attempts) {
      const res = await callFormAction(request, "/my-tokens", { ...tokens, exportedName }, fields);
      expect(res.status(), exportedName).toBe(200);
      // The same words as for an id that does not exist: nothing tells the token is there.
      expect(await res.text(), exportedName).toContain("Token not found");
    }
    // The recap Regenerate shows before it runs: the same "not found", and nothing of the token.
    const plan = await callServerAction(request, "/tokens", { ...tokens, exportedName: "regenerationPlanAction" }, [{ tokenId: token.id }]);
    expect(plan.status()).toBe(200);
    const planText = await plan.text();
    expect(planText).toContain("Token not found");
    expect(planText).not.toContain(token.name);
    expect(planText).not.toContain(owner);
    const page = await request.get(`/tokens/${token.id}`);
    expect(page.status()).toBe(404);
    expect(await page.text()).not.toContain(token.name);
    expect(cliTokens(owner)).toEqual([expect.objectContaining({ id: token.id, name: token.name, status: expect.not.stringMatching(/revoked/) })]);
  });
});

test.describe("what a user learns from issueTokenAction", () => {
  test.use({ storageState: E2E.userState });

  test("a user naming another owner is told the same whether that email has an account or not", async ({ request }) => {
    const ref = { filename: "app/actions/tokens.ts", exportedName: "issueTokenAction" };
    const answers: string[] = [];
    for (const owner of [ADMIN.email, `${unique("nobody")}@example.com`]) {
      const res = await callFormAction(request, "/my-tokens/new", ref, { owner, name: unique("probe"), scope: "read", audience: "all", expires: "7d" });
      expect(res.status(), owner).toBe(200);
      const text = (await res.text()).replaceAll(owner, "<owner>");
      expect(text, owner).toContain("You can only issue tokens for yourself.");
      expect(text, owner).not.toContain("No user with that email");
      answers.push(text.replace(/probe-[0-9a-z]+/g, "<name>"));
    }
    expect(answers[0]).toBe(answers[1]);
  });
});
