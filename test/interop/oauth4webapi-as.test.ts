import * as oauth from "oauth4webapi";
import { afterEach, describe, expect, it } from "vitest";
import { answerConsent } from "@/lib/oauth/consent";
import { issuer } from "@/lib/oauth/issuer";
import { registerServer } from "@/lib/servers/mutations";
import { startGatehouseApi } from "@/test/fixtures/gatehouse-http";
import { insertUser } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";

/*
 * oauth4webapi, a strict standards-only client, through Gatehouse as authorization server over
 * real HTTP: discovery (issuer equality), registration, the authorization response (iss, RFC 9207),
 * the code exchange with PKCE and resource, refresh, introspection and revocation. The consent
 * click is the data-layer call the consent page makes (e2e/oauth.spec.ts clicks it in a browser).
 */
describe("oauth4webapi against Gatehouse's authorization server", () => {
  useTempDb();
  const closers: (() => void)[] = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));
  const RESOURCE = "https://notes.example.com/mcp";
  const REDIRECT = "http://127.0.0.1:43210/callback";

  async function setUp() {
    const api = await startGatehouseApi();
    closers.push(api.close);
    const { credential, server } = registerServer({ name: "Notes", url: RESOURCE, deployment: "remote" }, { actor: "system", clientIp: null, userAgent: "vitest" });
    const user = insertUser({ email: "uma@example.com" });
    // The issuer is AUTH_URL, not the address the fixture listens on: requests are sent there, the issuer stays as configured.
    const options = {
      [oauth.allowInsecureRequests]: true,
      [oauth.customFetch]: (url: string, init: RequestInit) => fetch(url.replace(issuer(), api.url), init),
    };
    const as = await oauth.processDiscoveryResponse(new URL(issuer()), await oauth.discoveryRequest(new URL(issuer()), { ...options, algorithm: "oauth2" }));
    return { api, as, options, credential, server, actor: { id: user.id, email: user.email, name: "Uma", role: "user" as const } };
  }

  it("completes registration, authorization with iss, code exchange, refresh, introspection and revocation", async () => {
    const { api, as, options, credential, server, actor } = await setUp();
    expect(as.issuer).toBe(issuer());
    const client = await oauth.processDynamicClientRegistrationResponse(
      await oauth.dynamicClientRegistrationRequest(as, { redirect_uris: [REDIRECT], token_endpoint_auth_method: "none", client_name: "strict client" }, options),
    );
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint!);
    for (const [k, v] of Object.entries({ response_type: "code", client_id: client.client_id, redirect_uri: REDIRECT, state, resource: RESOURCE, scope: "tools:read", code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256" })) url.searchParams.set(k, v);
    const start = await fetch(url.href.replace(issuer(), api.url), { redirect: "manual" });
    expect(start.status).toBe(303);
    const requestId = start.headers.get("location")!.split("/oauth/consent/")[1]!;
    const back = new URL(answerConsent(requestId, true, { actor, clientIp: null, userAgent: "vitest" })!);

    // Throws unless iss equals the issuer and state round-tripped.
    const params = oauth.validateAuthResponse(as, client, back, state);
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, REDIRECT, verifier, { ...options, additionalParameters: { resource: RESOURCE } }),
    );
    expect(tokens).toMatchObject({ token_type: "bearer", expires_in: 3600, scope: "tools:read" });

    const refreshed = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, options));
    expect(refreshed.access_token).not.toBe(tokens.access_token);

    // Introspection (the MCP server's view): the OAuth token is a Gatehouse token for this server.
    const rs = { ...as, introspection_endpoint: `${api.url}/api/v1/introspect` };
    const serverClient = { client_id: server.slug };
    const claims = await oauth.processIntrospectionResponse(rs, serverClient, await oauth.introspectionRequest(rs, serverClient, oauth.ClientSecretBasic(credential), refreshed.access_token, options));
    expect(claims).toMatchObject({ active: true, scope: "tools:read", sub: actor.id, aud: RESOURCE });

    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, oauth.None(), refreshed.refresh_token!, options));
    const after = await oauth.processIntrospectionResponse(rs, serverClient, await oauth.introspectionRequest(rs, serverClient, oauth.ClientSecretBasic(credential), refreshed.access_token, options));
    expect(after.active).toBe(false);
  });

  it("sees a denied consent as an access_denied authorization error carrying iss", async () => {
    const { api, as, options, actor } = await setUp();
    const client = await oauth.processDynamicClientRegistrationResponse(await oauth.dynamicClientRegistrationRequest(as, { redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" }, options));
    const url = new URL(as.authorization_endpoint!.replace(issuer(), api.url));
    for (const [k, v] of Object.entries({ response_type: "code", client_id: client.client_id, redirect_uri: REDIRECT, state: "s", resource: RESOURCE, code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()), code_challenge_method: "S256" })) url.searchParams.set(k, v);
    const requestId = (await fetch(url, { redirect: "manual" })).headers.get("location")!.split("/oauth/consent/")[1]!;
    const back = new URL(answerConsent(requestId, false, { actor, clientIp: null, userAgent: "vitest" })!);
    const refused = (() => {
      try {
        oauth.validateAuthResponse(as, client, back, "s");
        return null;
      } catch (err) {
        return err;
      }
    })();
    expect(refused).toBeInstanceOf(oauth.AuthorizationResponseError);
    expect((refused as oauth.AuthorizationResponseError).error).toBe("access_denied");
  });
});
