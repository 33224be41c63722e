import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, tokens } from "@/db/schema";
import { registerServer } from "@/lib/servers/mutations";
import { revokeAllForUser } from "@/lib/tokens/revoke";
import { authorize, body, challenge, consentCode, ctx, exchangeCode, form, json, refreshWith, req, RESOURCE, setUp, verifier, verifyWith } from "@/test/fixtures/oauth-flow";
import { insertUser } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";
import { startAuthorization } from "./authorize";
import { deleteClient, listClients, listGrants } from "./admin";
import { disconnectApp, listConnectedApps } from "./connected-apps";
import { answerConsent, answerRememberedConsent, loadConsent } from "./consent";
import { createOAuthLimits, handleMetadata, handleRegister, handleRevocation, handleToken } from "./endpoints";

/*
 * The whole authorization-code flow through the framework-free core, as a client sees it:
 * register, authorize, consent, token, refresh, revoke; and the refusals around each step.
 */
describe("OAuth authorization server core", () => {
  useTempDb();

  it("publishes RFC 8414 metadata whose issuer is AUTH_URL, with S256 only and iss in responses", async () => {
    const r = handleMetadata(req("GET", "", { host: "evil.example" }));
    const m = body(r);
    expect(r.headers["access-control-allow-origin"]).toBe("*");
    expect(r.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(m.issuer).toBe(process.env.AUTH_URL?.replace(/\/$/, "") ?? "http://localhost:3000");
    expect(m).toMatchObject({ code_challenge_methods_supported: ["S256"], response_types_supported: ["code"], authorization_response_iss_parameter_supported: true });
    expect(m.token_endpoint).toBe(`${m.issuer}/oauth/token`);
    expect(m).toMatchObject({ client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post", "private_key_jwt"] });
    expect(m.token_endpoint_auth_signing_alg_values_supported).not.toContain("HS256");
  });

  it("runs the flow: consent redirects with code, state and iss; the code buys a server-bound access token and a refresh token", async () => {
    const s = setUp();
    const back = await consentCode(s);
    expect(back.origin + back.pathname).toBe("http://127.0.0.1:8123/callback");
    expect(back.searchParams.get("state")).toBe("st-1");
    expect(back.searchParams.get("iss")).toBe(body(handleMetadata(req("GET", ""))).issuer);
    const r = await exchangeCode(s, back.searchParams.get("code")!);
    expect(r.status).toBe(200);
    const t = body(r);
    expect(t).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "tools:read" });
    expect(String(t.access_token)).toMatch(/^mcpt_/);
    expect(String(t.refresh_token)).toMatch(/^mcpr_/);
    const row = db().select().from(tokens).get()!;
    expect(row).toMatchObject({ ownerId: s.user.id, scope: "read", allServers: false });
    expect(row.oauthGrantId).toMatch(/^ogr_/);
  });

  it("refuses a replayed code and revokes what the first exchange issued", async () => {
    const s = setUp();
    const code = (await consentCode(s)).searchParams.get("code")!;
    const first = body(await exchangeCode(s, code));
    const again = await exchangeCode(s, code);
    expect(again.status).toBe(400);
    expect(body(again).error).toBe("invalid_grant");
    expect(db().select().from(tokens).get()!.revokedAt).not.toBeNull();
    expect(body(await refreshWith(s, String(first.refresh_token))).error).toBe("invalid_grant");
    const types = db().select({ type: auditEvents.type }).from(auditEvents).all().map((e) => e.type);
    expect(types).toContain("oauth.code_replayed");
    expect(types).toContain("oauth.grant_revoked");
  });

  it("refuses a wrong PKCE verifier, a different redirect_uri and another client's code", async () => {
    const s = setUp();
    const code = (await consentCode(s)).searchParams.get("code")!;
    expect(body(await exchangeCode(s, code, { code_verifier: "w".repeat(43) })).error).toBe("invalid_grant");
    expect(body(await exchangeCode(s, code, { redirect_uri: "http://127.0.0.1:8123/other" })).error).toBe("invalid_grant");
    const stranger = body(handleRegister(json({ redirect_uris: ["http://127.0.0.1:8123/callback"], token_endpoint_auth_method: "none" }), s.limits));
    expect(body(await exchangeCode(s, code, { client_id: String(stranger.client_id) })).error).toBe("invalid_grant");
    // None of the refusals used the code up.
    expect((await exchangeCode(s, code)).status).toBe(200);
  });

  it("keeps the previous refresh token valid until its successor is used; reuse after that revokes the grant", async () => {
    const s = setUp();
    const t0 = body(await exchangeCode(s, (await consentCode(s)).searchParams.get("code")!));
    const r0 = String(t0.refresh_token);
    // Two processes race with the same token: both succeed.
    const a = await refreshWith(s, r0);
    const b = await refreshWith(s, r0);
    expect([a.status, b.status]).toEqual([200, 200]);
    const r2 = String(body(b).refresh_token);
    // The winner's successor is used: r0 is now out of its window.
    const c = await refreshWith(s, r2);
    expect(c.status).toBe(200);
    const reused = await refreshWith(s, r0);
    expect(reused.status).toBe(400);
    expect(body(reused).error).toBe("invalid_grant");
    // Reuse ended everything: the newest refresh token and every access token.
    expect(body(await refreshWith(s, String(body(c).refresh_token))).error).toBe("invalid_grant");
    expect(db().select().from(tokens).all().every((t) => t.revokedAt !== null)).toBe(true);
    const types = db().select({ type: auditEvents.type }).from(auditEvents).all().map((e) => e.type);
    expect(types).toContain("oauth.refresh_reused");
  });

  it.each([
    ["a resource no server has", "https://elsewhere.example.com/mcp", "invalid_target"],
    ["no resource at all", undefined, "invalid_target"],
    ["plain PKCE", "plain", "invalid_request"],
    ["an unknown scope", "scope", "invalid_scope"],
  ])("redirects %s back as an error, with state and iss", async (_label, value, error) => {
    const s = setUp();
    const params = new URLSearchParams({
      response_type: "code", client_id: s.client.client_id, redirect_uri: "http://127.0.0.1:8123/callback", state: "st-2",
      code_challenge: challenge, code_challenge_method: "S256", resource: RESOURCE,
    });
    if (value === undefined) params.delete("resource");
    else if (value === "plain") params.set("code_challenge_method", "plain");
    else if (value === "scope") params.set("scope", "admin");
    else params.set("resource", value);
    const outcome = await startAuthorization(params);
    expect(outcome.kind).toBe("redirect");
    const url = new URL((outcome as { location: string }).location);
    expect(url.searchParams.get("error")).toBe(error);
    expect(url.searchParams.get("state")).toBe("st-2");
    expect(url.searchParams.get("iss")).toBeTruthy();
  });

  it("accepts a resource with a trailing slash on a bare origin, and binds the token to that server alone", async () => {
    const s = setUp();
    registerServer({ name: "Root", url: "https://root.example.com", deployment: "remote" }, { actor: "system", clientIp: null, userAgent: "vitest" });
    expect((await authorize(s.client.client_id, { resource: "https://root.example.com/" })).kind).toBe("consent");
    expect((await authorize(s.client.client_id, { resource: "https://notes.example.com/mcp/" })).kind).toBe("redirect");
  });

  it("shows an unknown client or an unregistered redirect on a page, never redirecting to it", async () => {
    const s = setUp();
    expect(await authorize("ocl_nobody")).toEqual({ kind: "page", error: "unknown_client" });
    expect(await authorize(s.client.client_id, { redirect_uri: "https://attacker.example/cb" })).toEqual({ kind: "page", error: "redirect_uri" });
  });

  it("takes VS Code's random loopback port for a registered loopback redirect", async () => {
    const s = setUp({ redirect_uris: ["https://vscode.dev/redirect", "http://127.0.0.1/", "http://127.0.0.1:33418/"] });
    expect((await authorize(s.client.client_id, { redirect_uri: "http://127.0.0.1:51234/" })).kind).toBe("consent");
    expect((await authorize(s.client.client_id, { redirect_uri: "http://127.0.0.1:51234/other" })).kind).toBe("page");
  });

  it("accepts Cursor's registration of cursor://, https and localhost at once; refuses a set with no usable URI", async () => {
    const s = setUp({ redirect_uris: ["cursor://anysphere.cursor-mcp/oauth/callback", "https://cursor.com/oauth/callback", "http://localhost:8787/callback"] });
    expect((await authorize(s.client.client_id, { redirect_uri: "cursor://anysphere.cursor-mcp/oauth/callback" })).kind).toBe("consent");
    const bad = handleRegister(json({ redirect_uris: ["http://example.com/cb", "javascript:alert(1)"] }), s.limits);
    expect(bad.status).toBe(400);
    expect(body(bad).error).toBe("invalid_redirect_uri");
  });

  it("makes consent single-use and bound to the first person who saw it", async () => {
    const s = setUp();
    const outcome = await authorize(s.client.client_id);
    if (outcome.kind !== "consent") throw new Error("expected consent");
    expect(loadConsent(outcome.requestId, s.actor)?.clientName).toBe("Test client");
    const mallory = insertUser({ email: "mallory@example.com" });
    expect(loadConsent(outcome.requestId, { id: mallory.id, email: mallory.email, name: "M", role: "user" })).toBeUndefined();
    expect(answerConsent(outcome.requestId, false, { actor: s.actor, ...ctx })).toContain("error=access_denied");
    expect(answerConsent(outcome.requestId, true, { actor: s.actor, ...ctx })).toBeNull();
  });

  it("answers a remembered consent without the page: same user, client and server, a scope it covers, no prompt=consent", async () => {
    const s = setUp();
    const first = await consentCode(s);
    expect((await exchangeCode(s, first.searchParams.get("code")!)).status).toBe(200);
    const [earlier] = listConnectedApps(s.actor, s.actor.id);
    const pending = async (over: Record<string, string> = {}) => {
      const outcome = await authorize(s.client.client_id, over);
      if (outcome.kind !== "consent") throw new Error("expected consent");
      return outcome;
    };

    const again = await pending({ state: "st-2" });
    expect(again.promptConsent).toBe(false);
    const back = new URL(answerRememberedConsent(again.requestId, { actor: s.actor, ...ctx })!);
    expect(back.searchParams.get("state")).toBe("st-2");
    expect((await exchangeCode(s, back.searchParams.get("code")!)).status).toBe(200);
    const granted = db().select().from(auditEvents).all().filter((e) => e.type === "oauth.consent_granted");
    expect(granted).toHaveLength(2);
    expect(JSON.parse(granted[1]!.details!)).toMatchObject({ rememberedFrom: earlier!.grantId });
    // Answered: the page cannot be used for it a second time.
    expect(answerConsent(again.requestId, true, { actor: s.actor, ...ctx })).toBeNull();

    expect((await pending({ prompt: "login consent" })).promptConsent).toBe(true);
    // Another server, another person, or more than the earlier grant covers: the page is shown.
    expect(answerRememberedConsent((await pending({ resource: "https://files.example.com/mcp" })).requestId, { actor: s.actor, ...ctx })).toBeNull();
    const olga = insertUser({ email: "olga@example.com" });
    expect(answerRememberedConsent((await pending()).requestId, { actor: { id: olga.id, email: olga.email, name: "O", role: "user" }, ...ctx })).toBeNull();
    expect(answerRememberedConsent((await pending({ scope: "tools:write" })).requestId, { actor: { ...s.actor, role: "admin" }, ...ctx })).toBeNull();
    // Once the user disconnects the app, nothing is remembered.
    for (const app of listConnectedApps(s.actor, s.actor.id)) disconnectApp(app.grantId, { actor: s.actor, ...ctx });
    const afterwards = await pending();
    expect(answerRememberedConsent(afterwards.requestId, { actor: s.actor, ...ctx })).toBeNull();
    expect(loadConsent(afterwards.requestId, s.actor)?.clientName).toBe("Test client");
  });

  it("caps a non-admin at read under the default policy, even when write was asked", async () => {
    const s = setUp();
    const t = body(await exchangeCode(s, (await consentCode(s, { scope: "tools:read tools:write" })).searchParams.get("code")!));
    expect(t.scope).toBe("tools:read");
  });

  it("authenticates confidential clients by client_secret_basic; refuses a wrong secret and a deleted client with 401 invalid_client", async () => {
    const s = setUp({ token_endpoint_auth_method: "client_secret_basic" });
    expect(s.client.client_secret).toMatch(/^mcpc_/);
    const code = (await consentCode(s)).searchParams.get("code")!;
    const basic = (secret: string) => ({ authorization: "Basic " + Buffer.from(`${s.client.client_id}:${secret}`).toString("base64") });
    const base = { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: "http://127.0.0.1:8123/callback" };
    const wrong = await handleToken(form(base, basic("mcpc_wrong")), s.limits);
    expect(wrong.status).toBe(401);
    expect(body(wrong).error).toBe("invalid_client");
    expect(wrong.headers["www-authenticate"]).toMatch(/^Basic/);
    expect((await handleToken(form(base, basic(s.client.client_secret!)), s.limits)).status).toBe(200);
  });

  it("revokes a grant by its refresh token (RFC 7009): the access token stops verifying at once", async () => {
    const s = setUp();
    const t = body(await exchangeCode(s, (await consentCode(s)).searchParams.get("code")!));
    const r = await handleRevocation(form({ token: String(t.refresh_token), client_id: s.client.client_id }), s.limits);
    expect(r.status).toBe(200);
    expect(verifyWith(s.credential, String(t.access_token))).toBe("inactive");
    expect(body(await refreshWith(s, String(t.refresh_token))).error).toBe("invalid_grant");
  });

  it("ends the user's grants when an admin revokes all their tokens: the refresh token stops working", async () => {
    const s = setUp();
    const t = body(await exchangeCode(s, (await consentCode(s)).searchParams.get("code")!));
    revokeAllForUser(s.user.id, "offboarding", { actor: "system", ...ctx });
    expect(body(await refreshWith(s, String(t.refresh_token))).error).toBe("invalid_grant");
  });

  it("lists the user's connected apps; only they (or an admin) can disconnect one, which ends its tokens", async () => {
    const s = setUp();
    const t = body(await exchangeCode(s, (await consentCode(s)).searchParams.get("code")!));
    const [app] = listConnectedApps(s.actor, s.actor.id);
    expect(app).toMatchObject({ clientName: "Test client", serverName: "Notes", scope: "read" });
    const other = insertUser({ email: "olga@example.com" });
    expect(disconnectApp(app!.grantId, { actor: { id: other.id, email: other.email, name: "O", role: "user" }, ...ctx })).toBe(false);
    expect(verifyWith(s.credential, String(t.access_token))).toBe("allowed");
    expect(disconnectApp(app!.grantId, { actor: s.actor, ...ctx })).toBe(true);
    expect(verifyWith(s.credential, String(t.access_token))).toBe("inactive");
    expect(listConnectedApps(s.actor, s.actor.id)).toEqual([]);
  });

  it("answers a deleted client 401 invalid_client, so it registers again; its grants end with it", async () => {
    const s = setUp();
    const t = body(await exchangeCode(s, (await consentCode(s)).searchParams.get("code")!));
    expect(listGrants("system").map((g) => g.clientId)).toEqual([s.client.client_id]);
    expect(deleteClient(s.client.client_id, { actor: "system", ...ctx })).toBe(true);
    const refused = await refreshWith(s, String(t.refresh_token));
    expect(refused.status).toBe(401);
    expect(body(refused).error).toBe("invalid_client");
    expect(verifyWith(s.credential, String(t.access_token))).toBe("inactive");
    expect(await authorize(s.client.client_id)).toEqual({ kind: "page", error: "unknown_client" });
    expect(listClients("system")[0]).toMatchObject({ id: s.client.client_id, liveGrants: 0 });
  });

  it.each([
    ["not a form", req("POST", "{}", { "content-type": "application/json" }), 400, "invalid_request"],
    ["no grant_type", form({ client_id: "ocl_x" }), 401, "invalid_client"],
    ["a parameter twice", req("POST", "grant_type=a&grant_type=b", { "content-type": "application/x-www-form-urlencoded" }), 400, "invalid_request"],
    ["a huge body", req("POST", "a=" + "x".repeat(20_000), { "content-type": "application/x-www-form-urlencoded" }), 413, "invalid_request"],
    ["GET", req("GET", ""), 405, "invalid_request"],
    ["an assertion that is not a JWT", form({ grant_type: "refresh_token", client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: "garbage" }), 401, "invalid_client"],
    ["another client_assertion_type", form({ grant_type: "refresh_token", client_assertion_type: "urn:example:saml", client_assertion: "x" }), 400, "invalid_request"],
    ["a client_assertion_type without an assertion", form({ grant_type: "refresh_token", client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" }), 400, "invalid_request"],
    ["a metadata-document client_id that is not https", form({ grant_type: "refresh_token", client_id: "http://client.example.com/c.json" }), 401, "invalid_client"],
  ])("answers %s at the token endpoint with an RFC error, never a 500", async (_label, request, status, error) => {
    setUp();
    const r = await handleToken(request, createOAuthLimits());
    expect(r.status).toBe(status);
    expect(body(r).error).toBe(error);
  });

  it("rate-limits failed token requests per address with Retry-After", async () => {
    const s = setUp();
    let last = await handleToken(form({ grant_type: "refresh_token", refresh_token: "x", client_id: "ocl_none" }), s.limits, 1_000);
    for (let i = 0; i < 120 && last.status !== 429; i++) last = await handleToken(form({ grant_type: "refresh_token", refresh_token: "x", client_id: "ocl_none" }), s.limits, 1_000);
    expect(last.status).toBe(429);
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("refuses an access token on any server but the one it was granted for", async () => {
    const s = setUp();
    const t = body(await exchangeCode(s, (await consentCode(s)).searchParams.get("code")!));
    expect(verifyWith(s.credential, String(t.access_token))).toBe("allowed");
    expect(verifyWith(s.other.credential, String(t.access_token))).toBe("inactive");
    // A refresh token is never a bearer token.
    expect(verifyWith(s.credential, String(t.refresh_token))).toBe("inactive");
  });
});
