import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, oauthClients, tokens } from "@/db/schema";
import { registerServer } from "@/lib/servers/mutations";
import { FailureLimiter } from "@/lib/verify/rate-limit";
import { startClientSite, type ClientSite } from "@/test/fixtures/client-metadata-server";
import { insertUser } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";
import { startAuthorization } from "./authorize";
import { saveClientHostPolicy } from "./client-hosts";
import { answerConsent, loadConsent } from "./consent";
import { createOAuthLimits, handleToken } from "./endpoints";
import type { ApiRequest } from "./http";
import type { ClientDeps } from "./metadata-client";

/*
 * Client ID Metadata Documents through the framework-free core, against a real HTTP server on
 * loopback playing the client's web site: the loopback test setting is on (as
 * OAUTH_METADATA_ALLOW_LOOPBACK=1 turns it on) except where a test says it is off.
 */
const RESOURCE = "https://notes.example.com/mcp";
const ctx = { clientIp: "10.0.0.9", userAgent: "vitest" };
const verifier = "m".repeat(20) + "-verifier-" + "n".repeat(20);
const challenge = createHash("sha256").update(verifier).digest("base64url");

const deps = (over: Partial<ClientDeps["policy"]> = {}): ClientDeps => ({
  policy: { allowLoopback: true, timeoutMs: 400, ...over },
  fetches: new FailureLimiter({ capacity: 1000, refillPerSecond: 10, maxKeys: 100 }),
});

function tokenRequest(data: Record<string, string>): ApiRequest {
  return { method: "POST", body: new URLSearchParams(data).toString(), header: (n) => (n === "content-type" ? "application/x-www-form-urlencoded" : null), remoteAddress: "10.0.0.9" };
}

const auditTypes = () => db().select().from(auditEvents).all().filter((e) => e.type.startsWith("oauth.client_metadata"));

describe("Client ID Metadata Documents", () => {
  useTempDb();
  let site: ClientSite;
  afterEach(() => site?.close());

  async function setUp() {
    site = await startClientSite();
    registerServer({ name: "Notes", url: RESOURCE, deployment: "remote" }, { actor: "system", clientIp: null, userAgent: "vitest" });
    const user = insertUser({ email: "uma@example.com" });
    return { actor: { id: user.id, email: user.email, name: "Uma", role: "user" as const } };
  }

  // Claude Code publishes a port-less localhost redirect and then listens on an ephemeral port.
  const claudeCode = (clientId: string) => ({
    client_id: clientId,
    client_name: "Claude Code",
    redirect_uris: ["http://localhost/callback", "http://127.0.0.1/callback"],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "none",
  });

  const authorize = (clientId: string, d: ClientDeps, over: Record<string, string> = {}, now = Date.now()) =>
    startAuthorization(
      new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: "http://localhost:49152/callback", state: "st", code_challenge: challenge, code_challenge_method: "S256", resource: RESOURCE, ...over }),
      now,
      ctx,
      d,
    );

  it("runs Claude Code's flow: its port-less localhost redirect takes an ephemeral port; consent shows the verified domain; tokens name the client", async () => {
    const { actor } = await setUp();
    const clientId = site.url("/oauth/claude-code.json");
    site.serve("/oauth/claude-code.json", { json: claudeCode(clientId), headers: { "cache-control": "max-age=3600" } });
    const d = deps();
    const outcome = await authorize(clientId, d);
    if (outcome.kind !== "consent") throw new Error(`expected consent, got ${JSON.stringify(outcome)}`);
    const view = loadConsent(outcome.requestId, actor)!;
    expect(view).toMatchObject({ clientName: "Claude Code", clientDomain: new URL(site.origin).host, redirectHost: "localhost:49152", loopback: true });

    const back = new URL(answerConsent(outcome.requestId, true, { actor, ...ctx })!);
    expect(back.origin).toBe("http://localhost:49152");
    const r = await handleToken(
      tokenRequest({ grant_type: "authorization_code", code: back.searchParams.get("code")!, code_verifier: verifier, redirect_uri: "http://localhost:49152/callback", client_id: clientId }),
      createOAuthLimits(d),
    );
    expect(r.status).toBe(200);
    expect(db().select().from(tokens).get()!.name).toBe("Claude Code (OAuth)");
    expect(db().select().from(oauthClients).get()).toMatchObject({ id: clientId, kind: "metadata_document", name: "Claude Code", tokenEndpointAuthMethod: "none" });
    // Cached for its max-age: the token request did not fetch again.
    expect(site.hits("/oauth/claude-code.json")).toBe(1);
    const [fetched] = auditTypes();
    expect(fetched).toMatchObject({ type: "oauth.client_metadata_fetched", decision: "success" });
    expect(JSON.parse(fetched!.details!)).toMatchObject({ clientId, name: "Claude Code", cacheSeconds: 3600 });
    // A port on a registered redirect path that is not loopback is still exact: another path is refused.
    expect(await authorize(clientId, d, { redirect_uri: "http://localhost:49152/other" })).toEqual({ kind: "page", error: "redirect_uri" });
  });

  it("honours Cache-Control: max-age until it runs out, no-store not at all; a failed fetch is never cached", async () => {
    await setUp();
    const clientId = site.url("/c.json");
    let answer: { status: number; cache: string } = { status: 500, cache: "max-age=600" };
    site.serve("/c.json", () => (answer.status === 200 ? { json: claudeCode(clientId), headers: { "cache-control": answer.cache } } : { status: answer.status, json: {} }));
    const d = deps();
    const now = Date.now();
    expect(await authorize(clientId, d, {}, now)).toEqual({ kind: "page", error: "client_metadata" });
    answer = { status: 200, cache: "max-age=60" };
    // The failure was not kept: the next request fetches again and succeeds.
    expect((await authorize(clientId, d, {}, now)).kind).toBe("consent");
    expect((await authorize(clientId, d, {}, now + 59_000)).kind).toBe("consent");
    expect(site.hits("/c.json")).toBe(2);
    expect((await authorize(clientId, d, {}, now + 61_000)).kind).toBe("consent");
    expect(site.hits("/c.json")).toBe(3);
    answer = { status: 200, cache: "no-store" };
    await authorize(clientId, d, {}, now + 200_000);
    await authorize(clientId, d, {}, now + 200_000);
    expect(site.hits("/c.json")).toBe(5);
  });

  it.each([
    ["redirects", (id: string, s: ClientSite) => ({ status: 302, headers: { location: s.url("/elsewhere.json") }, json: claudeCode(id) }), "answered a redirect (302)"],
    ["is too large", (id: string) => ({ json: { ...claudeCode(id), padding: "x".repeat(6000) } }), "is larger than 5120 bytes"],
    ["is too large without saying so", (id: string) => ({ text: JSON.stringify({ ...claudeCode(id), padding: "x".repeat(6000) }), headers: { "transfer-encoding": "chunked" } }), "is larger than 5120 bytes"],
    ["names another client_id", () => ({ json: claudeCode("https://claude.ai/oauth/claude-code-client-metadata") }), "names another client_id"],
    ["carries a client_secret", (id: string) => ({ json: { ...claudeCode(id), client_secret: "s3cret-value" } }), "client_secret: a metadata document must not carry a client_secret"],
    ["asks for a shared-secret method", (id: string) => ({ json: { ...claudeCode(id), token_endpoint_auth_method: "client_secret_basic" } }), "token_endpoint_auth_method"],
    ["times out", () => ({ hang: true }), "did not answer within 0.4 s"],
    ["is not JSON", () => ({ text: "<html>hello</html>" }), "is not JSON"],
    ["has no redirect URI that can receive codes", (id: string) => ({ json: { ...claudeCode(id), redirect_uris: ["http://evil.example/cb"] } }), "no redirect URI that can receive codes"],
    ["private_key_jwt without keys", (id: string) => ({ json: { ...claudeCode(id), token_endpoint_auth_method: "private_key_jwt" } }), "private_key_jwt needs the client's public keys"],
  ])("refuses a document that %s: Gatehouse's own page, an audited refusal, nothing stored", async (_label, make, why) => {
    await setUp();
    const clientId = site.url("/doc.json");
    site.serve("/doc.json", make(clientId, site));
    site.serve("/elsewhere.json", { json: claudeCode(clientId) });
    expect(await authorize(clientId, deps())).toEqual({ kind: "page", error: "client_metadata" });
    const [refused] = auditTypes();
    expect(refused).toMatchObject({ type: "oauth.client_metadata_refused", decision: "deny" });
    expect(refused!.reason).toContain(why);
    expect(db().select().from(oauthClients).all()).toEqual([]);
    // A secret the document carried is in no audit row.
    expect(JSON.stringify(db().select().from(auditEvents).all())).not.toContain("s3cret-value");
    // No redirect was followed.
    expect(site.hits("/elsewhere.json")).toBe(0);
  });

  it("refuses to connect to loopback without the test setting, by address and by a name that resolves there", async () => {
    await setUp();
    for (const clientId of [site.url("/doc.json"), site.url("/doc.json").replace("127.0.0.1", "localhost"), site.url("/doc.json").replace("127.0.0.1", "[::ffff:127.0.0.1]")]) {
      site.serve("/doc.json", { json: claudeCode(clientId) });
      // http is refused on its own without the setting: these are the https spellings a client could send.
      const https = clientId.replace("http:", "https:");
      expect(await authorize(https, deps({ allowLoopback: false }))).toEqual({ kind: "page", error: "client_metadata" });
    }
    const reasons = auditTypes().map((e) => e.reason);
    expect(reasons).toEqual([
      "the metadata document resolves to a loopback address",
      "the metadata document resolves to a loopback address",
      "the metadata document resolves to a loopback address",
    ]);
    // Nothing reached the server.
    expect(site.hits("/doc.json")).toBe(0);
  });

  it.each([
    ["no path", "https://client.example.com/", "has no path"],
    ["a fragment", "https://client.example.com/c.json#x", "has a fragment"],
    ["a dot segment", "https://client.example.com/a/../c.json", "has a . or .. path segment"],
    ["credentials", "https://user:pw@client.example.com/c.json", "carries credentials"],
    ["plain http", "http://client.example.com/c.json", "is not an https URL"],
  ])("refuses a client_id URL with %s before fetching anything", async (_label, clientId, why) => {
    await setUp();
    expect(await authorize(clientId, deps({ allowLoopback: false }))).toEqual({ kind: "page", error: "client_metadata" });
    expect(auditTypes()[0]!.reason).toBe(`the client_id ${why}`);
  });

  it("fetches nothing from a blocked host, or from a host outside a non-empty allowed list", async () => {
    await setUp();
    const clientId = site.url("/doc.json");
    site.serve("/doc.json", { json: claudeCode(clientId) });
    saveClientHostPolicy({ allowed: [], blocked: ["127.0.0.1"] }, { actor: "system", ...ctx });
    expect(await authorize(clientId, deps())).toEqual({ kind: "page", error: "client_metadata" });
    saveClientHostPolicy({ allowed: ["chatgpt.com"], blocked: [] }, { actor: "system", ...ctx });
    expect(await authorize(clientId, deps())).toEqual({ kind: "page", error: "client_metadata" });
    expect(site.hits("/doc.json")).toBe(0);
    expect(auditTypes().map((e) => e.reason)).toEqual(["the client_id its host is blocked by the client host setting", "the client_id its host is not among the allowed client hosts"]);
    saveClientHostPolicy({ allowed: ["127.0.0.1"], blocked: [] }, { actor: "system", ...ctx });
    expect((await authorize(clientId, deps())).kind).toBe("consent");
  });

  it("bounds what a stream of client_ids from one address costs: fetches and refusal rows stop at its budget", async () => {
    await setUp();
    const d: ClientDeps = { policy: { allowLoopback: true, timeoutMs: 400 }, fetches: new FailureLimiter({ capacity: 3, refillPerSecond: 0.001, maxKeys: 100 }) };
    const now = Date.now();
    for (let i = 0; i < 10; i++) expect(await authorize(site.url(`/missing-${i}.json`), d, {}, now)).toEqual({ kind: "page", error: "client_metadata" });
    expect(auditTypes()).toHaveLength(3);
    expect([0, 1, 2, 3].map((i) => site.hits(`/missing-${i}.json`))).toEqual([1, 1, 1, 0]);
  });

  it("answers a refused metadata document at the token endpoint as 401 invalid_client", async () => {
    await setUp();
    const clientId = site.url("/gone.json");
    const r = await handleToken(tokenRequest({ grant_type: "refresh_token", refresh_token: "mcpr_x", client_id: clientId }), createOAuthLimits(deps()));
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ error: "invalid_client", error_description: "The client's metadata was refused: the metadata document answered HTTP 404." });
  });
});
