import "server-only";
import { oauthRequests } from "@/db/schema";
import { transact } from "@/db/transaction";
import { randomBase62 } from "@/lib/tokens/base62";
import { digestCredential } from "@/lib/tokens/format";
import { authorizeParamsSchema, S256_CHALLENGE } from "@/lib/validation/oauth";
import { resolveClient, type ClientContext } from "./clients";
import { OAuthError } from "./http";
import { issuer } from "./issuer";
import { OAUTH_STEP_LIFETIMES } from "./lifetimes";
import { ClientMetadataRefusal, type ClientDeps } from "./metadata-client";
import { redirectMatches, redirectRefusal } from "./redirect";
import { serverForResource } from "./resource";
import { parseScope } from "./scope";

/**
 * What GET /oauth/authorize answers:
 * - "page": the client or redirect URI is not known good, so nothing is sent to it (RFC 6749 §4.1.2.1);
 * - "redirect": an error sent back to the client, with state and iss (RFC 9207) like every response;
 * - "consent": a pending request was stored; the browser goes to the consent page with its id.
 * A "consent" outcome with `promptConsent` asked for the page even if the user approved before
 * (`prompt=consent`, OpenID Connect Core §3.1.2.1).
 */
export type AuthorizeOutcome =
  | { kind: "page"; error: AuthorizePageError }
  | { kind: "redirect"; location: string }
  | { kind: "consent"; requestId: string; promptConsent: boolean };

export type AuthorizePageError = "invalid_request" | "unknown_client" | "client_metadata" | "redirect_uri";

/** The client's redirect URI with the response parameters, `iss` always among them. */
export function responseLocation(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  url.searchParams.set("iss", issuer());
  return url.href;
}

function firstValues(query: URLSearchParams): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [key, value] of query) {
    if (key in out) return null; // RFC 6749 §3.1: no parameter more than once
    out[key] = value;
  }
  return out;
}

const NO_CONTEXT: ClientContext = { clientIp: null, userAgent: null };

/**
 * `ctx` is who asked (a metadata document fetch is audited and limited per address); `deps`
 * replaces the fetch policy (tests).
 */
export async function startAuthorization(query: URLSearchParams, now = Date.now(), ctx = NO_CONTEXT, deps?: ClientDeps): Promise<AuthorizeOutcome> {
  const values = firstValues(query);
  const parsed = values ? authorizeParamsSchema.safeParse(values) : null;
  if (!parsed?.success) return { kind: "page", error: "invalid_request" };
  const p = parsed.data;
  let client;
  try {
    client = await resolveClient(p.client_id, ctx, deps, now);
  } catch (err) {
    // Nothing about the client can be trusted yet, its redirect URIs least of all: Gatehouse's own page says it.
    if (err instanceof ClientMetadataRefusal) return { kind: "page", error: "client_metadata" };
    throw err;
  }
  if (!client) return { kind: "page", error: "unknown_client" };
  // Without redirect_uri, a client with exactly one registered URI means that one (RFC 6749 §3.1.2.3).
  const redirectUri = p.redirect_uri ?? (client.redirectUris.length === 1 ? client.redirectUris[0]! : undefined);
  if (!redirectUri || redirectRefusal(redirectUri) !== null || !redirectMatches(client.redirectUris, redirectUri)) {
    return { kind: "page", error: "redirect_uri" };
  }
  const back = (error: string, description: string): AuthorizeOutcome => ({
    kind: "redirect",
    location: responseLocation(redirectUri, { error, error_description: description, state: p.state }),
  });
  if (p.response_type !== "code") return back("unsupported_response_type", "Only response_type=code is supported.");
  if (!p.code_challenge || p.code_challenge_method !== "S256" || !S256_CHALLENGE.test(p.code_challenge)) {
    return back("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256.");
  }
  try {
    const scope = parseScope(p.scope);
    const server = serverForResource(p.resource);
    const requestId = randomBase62(32);
    transact((tx) =>
      tx
        .insert(oauthRequests)
        .values({
          idHash: digestCredential(requestId),
          clientId: client.id,
          serverId: server.id,
          redirectUri,
          state: p.state ?? null,
          codeChallenge: p.code_challenge!,
          scope,
          createdAt: new Date(now),
          expiresAt: new Date(now + OAUTH_STEP_LIFETIMES.requestMs),
        })
        .run(),
    );
    return { kind: "consent", requestId, promptConsent: (p.prompt ?? "").split(" ").includes("consent") };
  } catch (err) {
    if (err instanceof OAuthError) return back(err.code, err.description);
    throw err;
  }
}

/**
 * The HTTP answer to `GET /oauth/authorize` (RFC 6749 §4.1.1): errors go back to the client only
 * once its redirect URI is known good, otherwise to Gatehouse's own error page; a stored request
 * goes to the consent page, unless `remembered` answers it first (a signed-in person's earlier
 * approval, lib/oauth/consent.ts) and the client did not send prompt=consent.
 */
export async function authorizeResponse(query: URLSearchParams, remembered?: (requestId: string) => Promise<string | null>, ctx = NO_CONTEXT): Promise<Response> {
  const outcome = await startAuthorization(query, Date.now(), ctx);
  const headers = { "cache-control": "no-store", "referrer-policy": "no-referrer" };
  const to = (location: string) => new Response(null, { status: 303, headers: { ...headers, location } });
  if (outcome.kind === "redirect") return to(outcome.location);
  if (outcome.kind === "page") return to(`/oauth/error?reason=${outcome.error}`);
  const answered = outcome.promptConsent || !remembered ? null : await remembered(outcome.requestId);
  // Paths are relative to the public address, never to the Host header.
  return to(answered ?? `/oauth/consent/${outcome.requestId}`);
}
