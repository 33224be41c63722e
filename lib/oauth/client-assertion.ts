import "server-only";
import { and, eq, lt } from "drizzle-orm";
import { createLocalJWKSet, decodeJwt, errors, jwtVerify, type JSONWebKeySet } from "jose";
import { oauthAssertionJtis, type OAuthClient } from "@/db/schema";
import { transact } from "@/db/transaction";
import { clientJwksSchema } from "@/lib/validation/oauth";
import { ASSERTION_ALGORITHMS } from "./client-assertion-algorithms";
import { ClientFetchRefusal, fetchClientJson, type ClientFetchPolicy } from "./client-fetch";
import { OAuthError } from "./http";
import { issuer, OAUTH_PATHS } from "./issuer";

/**
 * private_key_jwt (RFC 7523 §2.2, OpenID Connect Core §9): the client proves itself with a JWT
 * signed by a key in its jwks or behind its jwks_uri. iss and sub are the client_id, aud names
 * Gatehouse (its issuer or its token endpoint), exp is required and near, and each jti is
 * accepted once, with the algorithms of ./client-assertion-algorithms.
 */
// An assertion is made for one request: it may live this long at most, and clocks may differ by the skew.
const MAX_LIFETIME_S = 5 * 60;
const CLOCK_SKEW_S = 30;

const refuse = (why: string) => new OAuthError("invalid_client", why);

/** The client_id an assertion claims to come from (unverified: it only says which keys to check it with). */
export function assertionIssuer(assertion: string): string {
  try {
    const claims = decodeJwt(assertion);
    if (typeof claims.iss === "string" && claims.iss.length > 0 && claims.iss.length <= 2000) return claims.iss;
  } catch {
    // falls through to the refusal
  }
  throw refuse("client_assertion is not a JWT with an iss claim.");
}

// jwks_uri answers, kept for their Cache-Control lifetime; bounded, oldest dropped first.
const keyCache = new Map<string, { keys: JSONWebKeySet; until: number }>();
const KEY_CACHE_ENTRIES = 500;

async function fetchKeys(uri: string, policy: ClientFetchPolicy, now: number): Promise<JSONWebKeySet> {
  let fetched;
  try {
    fetched = await fetchClientJson(uri, policy);
  } catch (err) {
    if (err instanceof ClientFetchRefusal) throw refuse(`The client's jwks_uri ${err.detail}.`);
    throw err;
  }
  const parsed = clientJwksSchema.safeParse(fetched.body);
  if (!parsed.success) throw refuse("The client's jwks_uri does not hold a set of public keys.");
  const keys = parsed.data as JSONWebKeySet;
  if (fetched.cacheMs > 0) {
    if (keyCache.size >= KEY_CACHE_ENTRIES) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(uri, { keys, until: now + fetched.cacheMs });
  }
  return keys;
}

/** The client's public keys; a cached jwks_uri answer unless `fresh` (a key it does not hold may be a rotation). */
async function clientKeys(client: OAuthClient, policy: ClientFetchPolicy, now: number, fresh: boolean): Promise<{ keys: JSONWebKeySet; cached: boolean }> {
  const inline = clientJwksSchema.safeParse(client.metadata.jwks);
  if (inline.success) return { keys: inline.data as JSONWebKeySet, cached: false };
  const uri = client.metadata.jwks_uri;
  if (typeof uri !== "string") throw refuse("This client has no keys to check its assertion with.");
  const hit = keyCache.get(uri);
  if (hit && hit.until > now && !fresh) return { keys: hit.keys, cached: true };
  return { keys: await fetchKeys(uri, policy, now), cached: false };
}

async function verifyWith(assertion: string, keys: JSONWebKeySet, clientId: string, now: number) {
  const iss = issuer();
  const { payload } = await jwtVerify(assertion, createLocalJWKSet(keys), {
    issuer: clientId,
    subject: clientId,
    audience: [iss, iss + OAUTH_PATHS.token],
    algorithms: ASSERTION_ALGORITHMS,
    requiredClaims: ["exp", "jti"],
    clockTolerance: CLOCK_SKEW_S,
    currentDate: new Date(now),
  });
  return payload;
}

function describe(err: unknown): string {
  if (err instanceof errors.JWTExpired) return "it has expired.";
  if (err instanceof errors.JWTClaimValidationFailed) return `its ${err.claim} claim is not acceptable (${err.reason}).`;
  if (err instanceof errors.JOSEAlgNotAllowed) return `its algorithm is not allowed; use one of ${ASSERTION_ALGORITHMS.join(", ")}.`;
  if (err instanceof errors.JWKSNoMatchingKey) return "no key of the client matches it.";
  if (err instanceof errors.JWSSignatureVerificationFailed) return "its signature does not verify.";
  return "it is not a valid signed JWT.";
}

/** Records the jti as used until exp; false if this client used it before (a replayed assertion). */
function consumeJti(clientId: string, jti: string, expS: number, now: number): boolean {
  return transact((tx) => {
    tx.delete(oauthAssertionJtis).where(lt(oauthAssertionJtis.expiresAt, new Date(now))).run();
    const seen = tx.select().from(oauthAssertionJtis).where(and(eq(oauthAssertionJtis.clientId, clientId), eq(oauthAssertionJtis.jti, jti))).get();
    if (seen) return false;
    tx.insert(oauthAssertionJtis).values({ clientId, jti, expiresAt: new Date((expS + CLOCK_SKEW_S) * 1000) }).run();
    return true;
  });
}

/** Checks a private_key_jwt client assertion for `client`; throws 401 invalid_client saying what is wrong. */
export async function verifyClientAssertion(assertion: string, client: OAuthClient, policy: ClientFetchPolicy, now = Date.now()): Promise<void> {
  const first = await clientKeys(client, policy, now, false);
  let payload;
  try {
    payload = await verifyWith(assertion, first.keys, client.id, now);
  } catch (err) {
    if (!(err instanceof errors.JWKSNoMatchingKey && first.cached)) throw refuse(`The client assertion was refused: ${describe(err)}`);
    // The client may have rotated its keys since they were cached: one fresh look, then a verdict.
    try {
      payload = await verifyWith(assertion, (await clientKeys(client, policy, now, true)).keys, client.id, now);
    } catch (again) {
      if (again instanceof OAuthError) throw again;
      throw refuse(`The client assertion was refused: ${describe(again)}`);
    }
  }
  const exp = payload.exp!;
  if (exp - now / 1000 > MAX_LIFETIME_S + CLOCK_SKEW_S) throw refuse(`The client assertion lives too long: its exp must be within ${MAX_LIFETIME_S} seconds.`);
  if (typeof payload.jti !== "string" || payload.jti.length === 0 || payload.jti.length > 200) throw refuse("The client assertion needs a jti of at most 200 characters.");
  if (!consumeJti(client.id, payload.jti, exp, now)) throw refuse("This client assertion was already used (its jti was seen before).");
}
