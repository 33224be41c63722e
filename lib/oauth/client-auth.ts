import "server-only";
import type { OAuthClient } from "@/db/schema";
import { CLIENT_SECRET_PREFIX, isWellFormed, matchesDigest } from "@/lib/tokens/format";
import { assertionIssuer, verifyClientAssertion } from "./client-assertion";
import { CLIENT_ASSERTION_TYPE } from "./client-assertion-algorithms";
import { resolveClient, type ClientContext } from "./clients";
import { OAuthError } from "./http";
import { ClientMetadataRefusal, defaultClientDeps, type ClientDeps } from "./metadata-client";

const BASIC_CHALLENGE = { "www-authenticate": 'Basic realm="gatehouse"' };

function decodeBasic(header: string): { id: string; secret: string } {
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new OAuthError("invalid_client", "The Basic credentials are malformed.", 401, BASIC_CHALLENGE);
  try {
    // RFC 6749 §2.3.1: both parts are form-encoded before base64.
    return { id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")), secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")) };
  } catch {
    throw new OAuthError("invalid_client", "The Basic credentials are malformed.", 401, BASIC_CHALLENGE);
  }
}

type Presented = { id: string | undefined; used: OAuthClient["tokenEndpointAuthMethod"]; secret?: string; assertion?: string; challenge: Record<string, string> };

/** How the request authenticates the client, exactly one way (RFC 6749 §2.3). */
function presented(authorization: string | null, form: Map<string, string>): Presented {
  const basic = authorization?.slice(0, 6).toLowerCase() === "basic " ? decodeBasic(authorization) : null;
  const assertion = form.get("client_assertion");
  const assertionType = form.get("client_assertion_type");
  const ways = [basic, form.has("client_secret"), assertion !== undefined || assertionType !== undefined].filter(Boolean).length;
  if (ways > 1 || (basic && form.has("client_id") && form.get("client_id") !== basic.id)) {
    throw new OAuthError("invalid_request", "Authenticate the client one way only (RFC 6749 §2.3).");
  }
  if (basic) return { id: basic.id, used: "client_secret_basic", secret: basic.secret, challenge: BASIC_CHALLENGE };
  if (assertion !== undefined || assertionType !== undefined) {
    if (assertionType !== CLIENT_ASSERTION_TYPE) throw new OAuthError("invalid_request", `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}.`);
    if (!assertion) throw new OAuthError("invalid_request", "client_assertion is required with client_assertion_type.");
    const iss = assertionIssuer(assertion);
    // RFC 7523 §3: a client_id sent beside the assertion must be the one it is for.
    if (form.has("client_id") && form.get("client_id") !== iss) throw new OAuthError("invalid_client", "client_id is not the client the assertion is for.");
    return { id: iss, used: "private_key_jwt", assertion, challenge: {} };
  }
  const secret = form.get("client_secret");
  return { id: form.get("client_id"), used: secret === undefined ? "none" : "client_secret_post", secret, challenge: {} };
}

/**
 * The client of a token or revocation request, authenticated as it registered (or as its metadata
 * document says): `none` (client_id only), client_secret_basic, client_secret_post or
 * private_key_jwt. An unknown or deleted client, a refused metadata document, a wrong secret or
 * assertion, or a method other than the client's is 401 invalid_client, so that clients register again.
 */
export async function authenticateClient(authorization: string | null, form: Map<string, string>, ctx: ClientContext, deps: ClientDeps = defaultClientDeps(), now = Date.now()): Promise<OAuthClient> {
  const p = presented(authorization, form);
  const refuse = (why: string) => new OAuthError("invalid_client", why, 401, p.challenge);
  if (!p.id) throw refuse("client_id is required.");
  let client: OAuthClient | undefined;
  try {
    client = await resolveClient(p.id, ctx, deps, now);
  } catch (err) {
    if (err instanceof ClientMetadataRefusal) throw refuse(`The client's metadata was refused: ${err.why}.`);
    throw err;
  }
  if (!client) throw refuse("Unknown client: register again.");
  if (p.used !== client.tokenEndpointAuthMethod) throw refuse(`This client registered ${client.tokenEndpointAuthMethod}; it authenticated with ${p.used}.`);
  if (p.assertion !== undefined) {
    await verifyClientAssertion(p.assertion, client, deps.policy, now);
  } else if (p.used !== "none") {
    const secret = p.secret!;
    if (!client.secretHash || !isWellFormed(secret, CLIENT_SECRET_PREFIX) || !matchesDigest(secret, client.secretHash)) throw refuse("The client secret is wrong.");
  }
  return client;
}
