import * as oauth from "oauth4webapi";
import { afterEach, describe, expect, it } from "vitest";
import { registerServer } from "@/lib/servers/mutations";
import { startGatehouseApi } from "@/test/fixtures/gatehouse-http";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";

/*
 * oauth4webapi, a strict standards-only OAuth client, against Gatehouse's introspection (RFC 7662)
 * and revocation (RFC 7009) endpoints over real HTTP, with each client authentication it offers.
 */
describe("oauth4webapi against introspection and revocation", () => {
  useTempDb();
  const closers: (() => void)[] = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));

  async function setUp() {
    const api = await startGatehouseApi();
    closers.push(api.close);
    const { server, credential } = registerServer({ name: "Notes", url: "https://notes.example.com/mcp", deployment: "remote" }, { actor: "system", clientIp: null, userAgent: "vitest" });
    const user = insertUser({ email: "uma@example.com" });
    const as: oauth.AuthorizationServer = {
      issuer: api.url,
      introspection_endpoint: `${api.url}/api/v1/introspect`,
      revocation_endpoint: `${api.url}/api/v1/revoke`,
    };
    return { as, client: { client_id: server.slug } as oauth.Client, credential, user, insecure: { [oauth.allowInsecureRequests]: true } };
  }

  it.each([
    ["client_secret_basic", oauth.ClientSecretBasic],
    ["client_secret_post", oauth.ClientSecretPost],
  ])("introspects an active token, with exp even when it never expires, authenticating by %s", async (_label, auth) => {
    const { as, client, credential, user, insecure } = await setUp();
    const forever = insertToken({ ownerId: user.id, scope: "read", expiresAt: null });
    const res = await oauth.introspectionRequest(as, client, auth(credential), forever.secret, insecure);
    const claims = await oauth.processIntrospectionResponse(as, client, res);
    expect(claims).toMatchObject({ active: true, scope: "tools:read", client_id: forever.tokenId, sub: user.id, aud: "https://notes.example.com/mcp" });
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it.each([
    ["client_secret_basic", oauth.ClientSecretBasic],
    ["client_secret_post", oauth.ClientSecretPost],
  ])("sees a refused %s credential as RFC 6749 invalid_client with a Basic challenge", async (_label, auth) => {
    const { as, client, user, insecure } = await setUp();
    const token = insertToken({ ownerId: user.id, scope: "read" });
    const res = await oauth.introspectionRequest(as, client, auth("mcps_wrong"), token.secret, insecure);
    const refused = await oauth.processIntrospectionResponse(as, client, res).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
    const challenge = refused as oauth.WWWAuthenticateChallengeError;
    expect(challenge.status).toBe(401);
    expect(challenge.cause.map((c) => c.scheme)).toEqual(["basic"]);
    expect(await challenge.response.json()).toMatchObject({ error: "invalid_client" });
  });

  it("revokes a token; introspection then says inactive", async () => {
    const { as, client, credential, user, insecure } = await setUp();
    const token = insertToken({ ownerId: user.id, scope: "write" });
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, oauth.ClientSecretBasic(credential), token.secret, insecure));
    const res = await oauth.introspectionRequest(as, client, oauth.ClientSecretBasic(credential), token.secret, insecure);
    expect(await oauth.processIntrospectionResponse(as, client, res)).toEqual({ active: false });
  });
});
