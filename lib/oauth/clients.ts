import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { oauthClients, type OAuthClient } from "@/db/schema";
import { transact } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { newId } from "@/lib/ids";
import { CLIENT_SECRET_PREFIX, digestCredential, generateCredential, isWellFormed, matchesDigest } from "@/lib/tokens/format";
import { clientRegistrationSchema } from "@/lib/validation/oauth";
import { OAuthError } from "./http";
import { redirectRefusal } from "./redirect";

export type ClientContext = { clientIp: string | null; userAgent: string | null };

/**
 * RFC 7591 dynamic registration. The whole set of redirect URIs is kept as sent, and accepted if
 * at least one may receive codes: Cursor registers cursor://, https and localhost at once, and
 * refusing the set would end its flow. The others are refused at authorize time.
 */
export function registerClient(body: unknown, ctx: ClientContext) {
  const parsed = clientRegistrationSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "body";
    const code = field.startsWith("redirect_uris") ? "invalid_redirect_uri" : "invalid_client_metadata";
    throw new OAuthError(code, `${field}: ${issue?.message ?? "invalid"}`.slice(0, 200));
  }
  const meta = parsed.data;
  const allowed = meta.redirect_uris.filter((u) => redirectRefusal(u) === null);
  if (allowed.length === 0) {
    throw new OAuthError("invalid_redirect_uri", `No redirect URI can receive codes: ${meta.redirect_uris[0]!.slice(0, 100)} ${redirectRefusal(meta.redirect_uris[0]!)}.`);
  }
  if (meta.grant_types && !meta.grant_types.includes("authorization_code")) {
    throw new OAuthError("invalid_client_metadata", "grant_types must include authorization_code.");
  }
  const method = meta.token_endpoint_auth_method ?? "client_secret_basic"; // RFC 7591 §2's default
  const secret = method === "none" ? undefined : generateCredential(CLIENT_SECRET_PREFIX);
  const id = newId("ocl");
  const now = new Date();
  const name = meta.client_name ?? "Unnamed client";
  const stored = { ...meta, client_secret: undefined };
  transact((tx) => {
    tx.insert(oauthClients)
      .values({
        id,
        kind: "registration",
        name,
        redirectUris: meta.redirect_uris,
        tokenEndpointAuthMethod: method,
        secretHash: secret ? digestCredential(secret) : null,
        metadata: stored,
        registeredFrom: ctx.clientIp,
        createdAt: now,
      })
      .run();
    recordAudit(tx, {
      type: "oauth.client_registered",
      actor: { type: "anonymous", name: "client registration" },
      decision: "success",
      clientIp: ctx.clientIp,
      userAgent: ctx.userAgent,
      details: { clientId: id, name, redirectUris: meta.redirect_uris, refusedRedirectUris: meta.redirect_uris.filter((u) => !allowed.includes(u)), method },
    });
  });
  return {
    ...meta,
    client_id: id,
    client_name: name,
    client_id_issued_at: Math.floor(now.getTime() / 1000),
    token_endpoint_auth_method: method,
    grant_types: meta.grant_types ?? ["authorization_code", "refresh_token"],
    response_types: ["code"],
    ...(secret ? { client_secret: secret, client_secret_expires_at: 0 } : {}),
  };
}

/** A client that may take part in a flow: known and not deleted. */
export function liveClient(clientId: string): OAuthClient | undefined {
  if (clientId.length > 2000) return undefined;
  const client = db().select().from(oauthClients).where(eq(oauthClients.id, clientId)).get();
  return client && !client.deletedAt ? client : undefined;
}

function decodeBasic(header: string): { id: string; secret: string } {
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new OAuthError("invalid_client", "The Basic credentials are malformed.", 401, { "www-authenticate": 'Basic realm="gatehouse"' });
  try {
    // RFC 6749 §2.3.1: both parts are form-encoded before base64.
    return { id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")), secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")) };
  } catch {
    throw new OAuthError("invalid_client", "The Basic credentials are malformed.", 401, { "www-authenticate": 'Basic realm="gatehouse"' });
  }
}

/**
 * The client of a token or revocation request, authenticated as it registered: `none` (client_id
 * only), client_secret_basic or client_secret_post. A deleted or unknown client, a wrong secret or
 * a method other than the registered one is 401 invalid_client, so that clients register again.
 */
export function authenticateClient(authorization: string | null, form: Map<string, string>): OAuthClient {
  const basic = authorization?.slice(0, 6).toLowerCase() === "basic " ? decodeBasic(authorization) : null;
  if (basic && (form.has("client_secret") || (form.has("client_id") && form.get("client_id") !== basic.id))) {
    throw new OAuthError("invalid_request", "Authenticate the client one way only (RFC 6749 §2.3).");
  }
  const id = basic?.id ?? form.get("client_id");
  const challenge: Record<string, string> = basic ? { "www-authenticate": 'Basic realm="gatehouse"' } : {};
  const refuse = (why: string) => new OAuthError("invalid_client", why, 401, challenge);
  if (!id) throw refuse("client_id is required.");
  const client = liveClient(id);
  if (!client) throw refuse("Unknown client: register again.");
  const used = basic ? "client_secret_basic" : form.has("client_secret") ? "client_secret_post" : "none";
  if (used !== client.tokenEndpointAuthMethod) throw refuse(`This client registered ${client.tokenEndpointAuthMethod}; it authenticated with ${used}.`);
  if (used !== "none") {
    const secret = basic?.secret ?? form.get("client_secret")!;
    if (!client.secretHash || !isWellFormed(secret, CLIENT_SECRET_PREFIX) || !matchesDigest(secret, client.secretHash)) throw refuse("The client secret is wrong.");
  }
  return client;
}
