import * as oauth from "oauth4webapi";
import { exportJWK, generateKeyPair } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { answerConsent } from "@/lib/oauth/consent";
import { issuer } from "@/lib/oauth/issuer";
import { registerServer } from "@/lib/servers/mutations";
import { startClientSite } from "@/test/fixtures/client-metadata-server";
import { startGatehouseApi } from "@/test/fixtures/gatehouse-http";
import { insertUser } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";

// The client's site is on loopback: the documented test setting lets Gatehouse fetch from it.
vi.hoisted(() => {
  process.env.OAUTH_METADATA_ALLOW_LOOPBACK = "1";
});

/*
 * ChatGPT's way in, with oauth4webapi as the strict client over real HTTP: its client_id is the
 * URL of a metadata document that names private_key_jwt and a jwks_uri; Gatehouse's metadata says
 * it takes both; the code exchange, the refresh and the revocation are authenticated by
 * oauth4webapi's PrivateKeyJwt (an ES256 assertion with aud = the issuer).
 */
describe("oauth4webapi as a metadata-document client with private_key_jwt", () => {
  useTempDb();
  const closers: (() => void)[] = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));
  const RESOURCE = "https://notes.example.com/mcp";
  const REDIRECT = "https://chatgpt.com/connector_platform_oauth_redirect";

  it("discovers CIMD and private_key_jwt, then exchanges, refreshes and revokes with a signed assertion", async () => {
    const api = await startGatehouseApi();
    const site = await startClientSite();
    closers.push(api.close, site.close);
    registerServer({ name: "Notes", url: RESOURCE, deployment: "remote" }, { actor: "system", clientIp: null, userAgent: "vitest" });
    const user = insertUser({ email: "uma@example.com" });
    const actor = { id: user.id, email: user.email, name: "Uma", role: "user" as const };

    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const clientId = site.url("/oauth/chatgpt.json");
    site.serve("/oauth/chatgpt.json", {
      json: { client_id: clientId, client_name: "ChatGPT", redirect_uris: [REDIRECT], grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], token_endpoint_auth_method: "private_key_jwt", jwks_uri: site.url("/oauth/jwks.json") },
    });
    site.serve("/oauth/jwks.json", { json: { keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256", use: "sig" }] } });

    const options = {
      [oauth.allowInsecureRequests]: true,
      [oauth.customFetch]: (url: string, init: RequestInit) => fetch(url.replace(issuer(), api.url), init),
    };
    const as = await oauth.processDiscoveryResponse(new URL(issuer()), await oauth.discoveryRequest(new URL(issuer()), { ...options, algorithm: "oauth2" }));
    expect(as).toMatchObject({ client_id_metadata_document_supported: true, token_endpoint_auth_signing_alg_values_supported: expect.arrayContaining(["ES256", "RS256"]) });
    expect(as.token_endpoint_auth_methods_supported).toContain("private_key_jwt");
    expect(as.token_endpoint_auth_signing_alg_values_supported).not.toContain("HS256");

    const client: oauth.Client = { client_id: clientId, token_endpoint_auth_method: "private_key_jwt" };
    const auth = oauth.PrivateKeyJwt({ key: privateKey, kid: "k1" });
    const verifier = oauth.generateRandomCodeVerifier();
    const url = new URL(as.authorization_endpoint!.replace(issuer(), api.url));
    for (const [k, v] of Object.entries({ response_type: "code", client_id: clientId, redirect_uri: REDIRECT, state: "st", resource: RESOURCE, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256" })) url.searchParams.set(k, v);
    const start = await fetch(url, { redirect: "manual" });
    expect(start.status).toBe(303);
    const requestId = start.headers.get("location")!.split("/oauth/consent/")[1]!;
    const back = new URL(answerConsent(requestId, true, { actor, clientIp: null, userAgent: "vitest" })!);

    const params = oauth.validateAuthResponse(as, client, back, "st");
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, await oauth.authorizationCodeGrantRequest(as, client, auth, params, REDIRECT, verifier, options));
    expect(tokens).toMatchObject({ token_type: "bearer", scope: "tools:read" });
    const refreshed = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, auth, tokens.refresh_token!, options));
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, refreshed.refresh_token!, options));
    const after = await oauth.refreshTokenGrantRequest(as, client, auth, refreshed.refresh_token!, options);
    expect(after.status).toBe(400);
    expect(await after.json()).toMatchObject({ error: "invalid_grant" });
    // Without its assertion the same client is refused.
    const bare = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), refreshed.refresh_token!, options);
    expect(bare.status).toBe(401);
  });
});
