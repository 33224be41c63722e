import { createHash, randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { registerServer } from "@/lib/servers/mutations";
import { FailureLimiter } from "@/lib/verify/rate-limit";
import { startClientSite, type ClientSite } from "@/test/fixtures/client-metadata-server";
import { insertUser } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";
import { startAuthorization } from "./authorize";
import { answerConsent } from "./consent";
import { createOAuthLimits, handleRegister, handleRevocation, handleToken } from "./endpoints";
import type { ApiRequest } from "./http";
import { issuer } from "./issuer";
import type { ClientDeps } from "./metadata-client";

/*
 * private_key_jwt (RFC 7523) at the token and revocation endpoints, for a metadata-document
 * client with a jwks_uri (ChatGPT's shape) and a registration with inline jwks; the keys are
 * served by a real HTTP server on loopback. Every refusal is 401 invalid_client.
 */
const RESOURCE = "https://notes.example.com/mcp";
const REDIRECT = "https://chatgpt.com/connector_platform_oauth_redirect";
const ctx = { clientIp: "10.0.0.9", userAgent: "vitest" };
const verifier = "p".repeat(20) + "-verifier-" + "q".repeat(20);
const challenge = createHash("sha256").update(verifier).digest("base64url");
const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

function form(data: Record<string, string>): ApiRequest {
  return { method: "POST", body: new URLSearchParams(data).toString(), header: (n) => (n === "content-type" ? "application/x-www-form-urlencoded" : null), remoteAddress: "10.0.0.9" };
}
const body = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;

describe("private_key_jwt client authentication", () => {
  useTempDb();
  let site: ClientSite;
  afterEach(() => site?.close());
  const deps = (): ClientDeps => ({ policy: { allowLoopback: true }, fetches: new FailureLimiter({ capacity: 1000, refillPerSecond: 10, maxKeys: 100 }) });

  async function keyPair(kid: string) {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    return { privateKey, kid, jwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" } as JWK };
  }

  const sign = (key: { privateKey: CryptoKey | Uint8Array; kid: string }, claims: Record<string, unknown>, alg = "ES256") =>
    new SignJWT(claims).setProtectedHeader({ alg, kid: key.kid }).sign(key.privateKey);

  function assertionClaims(clientId: string, over: Record<string, unknown> = {}) {
    const now = Math.floor(Date.now() / 1000);
    return { iss: clientId, sub: clientId, aud: issuer(), iat: now, exp: now + 60, jti: randomUUID(), ...over };
  }

  /** ChatGPT's shape: a metadata document naming private_key_jwt and a jwks_uri. */
  async function chatgpt() {
    site = await startClientSite();
    registerServer({ name: "Notes", url: RESOURCE, deployment: "remote" }, { actor: "system", clientIp: null, userAgent: "vitest" });
    const user = insertUser({ email: "uma@example.com" });
    const actor = { id: user.id, email: user.email, name: "Uma", role: "user" as const };
    const key = await keyPair("chatgpt-1");
    const clientId = site.url("/oauth/chatgpt/client.json");
    site.serve("/oauth/chatgpt/client.json", {
      json: { client_id: clientId, client_name: "ChatGPT", redirect_uris: [REDIRECT], grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], token_endpoint_auth_method: "private_key_jwt", jwks_uri: site.url("/oauth/chatgpt/jwks.json") },
      headers: { "cache-control": "max-age=3600" },
    });
    site.serve("/oauth/chatgpt/jwks.json", { json: { keys: [key.jwk] }, headers: { "cache-control": "max-age=3600" } });
    const limits = createOAuthLimits(deps());
    return { clientId, key, actor, limits };
  }

  async function codeFor(clientId: string, actor: { id: string; email: string; name: string; role: "user" }, d: ClientDeps) {
    const outcome = await startAuthorization(
      new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: REDIRECT, state: "s", code_challenge: challenge, code_challenge_method: "S256", resource: RESOURCE }),
      Date.now(),
      ctx,
      d,
    );
    if (outcome.kind !== "consent") throw new Error(`expected consent, got ${JSON.stringify(outcome)}`);
    return new URL(answerConsent(outcome.requestId, true, { actor, ...ctx })!).searchParams.get("code")!;
  }

  const exchange = (code: string, assertion: string, limits: ReturnType<typeof createOAuthLimits>, extra: Record<string, string> = {}) =>
    handleToken(form({ grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: REDIRECT, client_assertion_type: JWT_BEARER, client_assertion: assertion, ...extra }), limits);

  it("authenticates ChatGPT's metadata-document client by a key behind its jwks_uri, at the token and revocation endpoints", async () => {
    const { clientId, key, actor, limits } = await chatgpt();
    const code = await codeFor(clientId, actor, limits.clients!);
    const r = await exchange(code, await sign(key, assertionClaims(clientId, { aud: issuer() + "/oauth/token" })), limits);
    expect(r.status).toBe(200);
    const t = body(r);
    const refreshed = await handleToken(form({ grant_type: "refresh_token", refresh_token: String(t.refresh_token), client_assertion_type: JWT_BEARER, client_assertion: await sign(key, assertionClaims(clientId)) }), limits);
    expect(refreshed.status).toBe(200);
    const revoked = await handleRevocation(form({ token: String(body(refreshed).refresh_token), client_assertion_type: JWT_BEARER, client_assertion: await sign(key, assertionClaims(clientId)) }), limits);
    expect(revoked.status).toBe(200);
    // The key set was fetched once and cached for its max-age.
    expect(site.hits("/oauth/chatgpt/jwks.json")).toBe(1);
  });

  it.each([
    ["a wrong aud", { aud: "https://other-as.example.com" }, "aud"],
    ["iss not the client", { iss: "https://evil.example/client.json" }, "client_id is not"],
    ["sub not the client", { sub: "someone-else" }, "sub"],
    ["no exp", { exp: undefined }, "exp"],
    ["an expired exp", { exp: Math.floor(Date.now() / 1000) - 120 }, "expired"],
    ["an exp an hour away", { exp: Math.floor(Date.now() / 1000) + 3600 }, "lives too long"],
    ["no jti", { jti: undefined }, "jti"],
  ])("refuses an assertion with %s as 401 invalid_client, using the code up for nobody", async (_label, over, why) => {
    const { clientId, key, actor, limits } = await chatgpt();
    const code = await codeFor(clientId, actor, limits.clients!);
    const claims = Object.fromEntries(Object.entries(assertionClaims(clientId, over)).filter(([, v]) => v !== undefined));
    const r = await exchange(code, await sign(key, claims), limits, "iss" in over ? { client_id: clientId } : {});
    expect(r.status).toBe(401);
    expect(body(r).error).toBe("invalid_client");
    expect(String(body(r).error_description)).toContain(why);
    // The refusal changed nothing: a good assertion still redeems the code.
    expect((await exchange(code, await sign(key, assertionClaims(clientId)), limits)).status).toBe(200);
  });

  it("refuses a replayed assertion: its jti is accepted once", async () => {
    const { clientId, key, actor, limits } = await chatgpt();
    const assertion = await sign(key, assertionClaims(clientId));
    expect((await exchange(await codeFor(clientId, actor, limits.clients!), assertion, limits)).status).toBe(200);
    const again = await exchange(await codeFor(clientId, actor, limits.clients!), assertion, limits);
    expect(again.status).toBe(401);
    expect(body(again).error_description).toBe("This client assertion was already used (its jti was seen before).");
  });

  it("refuses HS256 (a shared key), alg none, and a key the client does not publish", async () => {
    const { clientId, actor, limits } = await chatgpt();
    const code = await codeFor(clientId, actor, limits.clients!);
    const hs = await new SignJWT(assertionClaims(clientId)).setProtectedHeader({ alg: "HS256", kid: "chatgpt-1" }).sign(new TextEncoder().encode("x".repeat(32)));
    const none = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${Buffer.from(JSON.stringify(assertionClaims(clientId))).toString("base64url")}.`;
    const stranger = await keyPair("chatgpt-1");
    for (const [assertion, why] of [[hs, "algorithm is not allowed"], [none, "algorithm is not allowed"], [await sign(stranger, assertionClaims(clientId)), "signature does not verify"]] as const) {
      const r = await exchange(code, assertion, limits);
      expect(r.status).toBe(401);
      expect(String(body(r).error_description)).toContain(why);
    }
    expect((await exchange(code, "not-a-jwt", limits)).status).toBe(401);
  });

  it("follows a key rotation: a kid it has not cached makes it fetch the key set once more", async () => {
    const { clientId, key, actor, limits } = await chatgpt();
    expect((await exchange(await codeFor(clientId, actor, limits.clients!), await sign(key, assertionClaims(clientId)), limits)).status).toBe(200);
    const next = await keyPair("chatgpt-2");
    site.serve("/oauth/chatgpt/jwks.json", { json: { keys: [next.jwk] } });
    expect((await exchange(await codeFor(clientId, actor, limits.clients!), await sign(next, assertionClaims(clientId)), limits)).status).toBe(200);
    expect(site.hits("/oauth/chatgpt/jwks.json")).toBe(2);
  });

  it("refuses a client that declared private_key_jwt when it sends no assertion, and one that sends an assertion beside a secret", async () => {
    const { clientId, key, actor, limits } = await chatgpt();
    const code = await codeFor(clientId, actor, limits.clients!);
    const plain = await handleToken(form({ grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: clientId }), limits);
    expect(plain.status).toBe(401);
    expect(body(plain).error_description).toBe("This client registered private_key_jwt; it authenticated with none.");
    const both = await exchange(code, await sign(key, assertionClaims(clientId)), limits, { client_secret: "mcpc_x" });
    expect(body(both).error).toBe("invalid_request");
  });

  it("registers a client with inline jwks for private_key_jwt, gives it no secret, and authenticates it", async () => {
    site = await startClientSite();
    registerServer({ name: "Notes", url: RESOURCE, deployment: "remote" }, { actor: "system", clientIp: null, userAgent: "vitest" });
    const user = insertUser({ email: "uma@example.com" });
    const actor = { id: user.id, email: user.email, name: "Uma", role: "user" as const };
    const key = await keyPair("dcr-1");
    const limits = createOAuthLimits(deps());
    const json = (data: unknown): ApiRequest => ({ method: "POST", body: JSON.stringify(data), header: (n) => (n === "content-type" ? "application/json" : null), remoteAddress: "10.0.0.9" });
    const reg = handleRegister(json({ client_name: "Key client", redirect_uris: [REDIRECT], token_endpoint_auth_method: "private_key_jwt", jwks: { keys: [key.jwk] } }), limits);
    expect(reg.status).toBe(201);
    const client = body(reg);
    expect(client.client_secret).toBeUndefined();
    const code = await codeFor(String(client.client_id), actor, limits.clients!);
    expect((await exchange(code, await sign(key, assertionClaims(String(client.client_id))), limits)).status).toBe(200);

    for (const [meta, field] of [
      [{ token_endpoint_auth_method: "private_key_jwt" }, "jwks_uri: private_key_jwt needs"],
      [{ token_endpoint_auth_method: "private_key_jwt", jwks: { keys: [{ ...key.jwk, d: "secret-part" }] } }, "jwks.keys.0: must be a public key"],
      [{ token_endpoint_auth_method: "private_key_jwt", jwks: { keys: [{ kty: "oct", k: "c2VjcmV0" }] } }, "jwks.keys.0.kty"],
      [{ token_endpoint_auth_method: "private_key_jwt", jwks_uri: "ftp://keys.example.com/jwks.json" }, "jwks_uri is not an https URL"],
      [{ token_endpoint_auth_method: "private_key_jwt", jwks_uri: "https://keys.example.com/jwks.json", jwks: { keys: [key.jwk] } }, "jwks_uri: send jwks or jwks_uri, not both"],
    ] as const) {
      const bad = handleRegister(json({ redirect_uris: [REDIRECT], ...meta }), limits);
      expect(bad.status).toBe(400);
      expect(String(body(bad).error_description)).toContain(field);
    }
  });
});
