import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { oauthClients, type OAuthClient } from "@/db/schema";
import { transact } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { newId } from "@/lib/ids";
import { CLIENT_SECRET_PREFIX, digestCredential, generateCredential } from "@/lib/tokens/format";
import { clientRegistrationSchema } from "@/lib/validation/oauth";
import { OAuthError } from "./http";
import { fetchableUrlRefusal } from "./client-fetch";
import { defaultClientDeps, isMetadataClientId, metadataClient, type ClientDeps } from "./metadata-client";
import { redirectRefusal } from "./redirect";

export type ClientContext = { clientIp: string | null; userAgent: string | null };

/**
 * RFC 7591 dynamic registration. The whole set of redirect URIs is kept as sent, and accepted if
 * at least one may receive codes: Cursor registers cursor://, https and localhost at once, and
 * refusing the set would end its flow. The others are refused at authorize time.
 */
export function registerClient(body: unknown, ctx: ClientContext, policy = defaultClientDeps().policy) {
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
  // A jwks_uri is fetched like a metadata document, so it must be a URL such a fetch may take.
  const keysWhy = meta.jwks_uri ? fetchableUrlRefusal(meta.jwks_uri, policy) : null;
  if (keysWhy) throw new OAuthError("invalid_client_metadata", `jwks_uri ${keysWhy}.`);
  const method = meta.token_endpoint_auth_method ?? "client_secret_basic"; // RFC 7591 §2's default
  const secret = method === "client_secret_basic" || method === "client_secret_post" ? generateCredential(CLIENT_SECRET_PREFIX) : undefined;
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

/** A registered client that may take part in a flow: known and not deleted. */
export function liveClient(clientId: string): OAuthClient | undefined {
  if (clientId.length > 2000 || isMetadataClientId(clientId)) return undefined;
  const client = db().select().from(oauthClients).where(eq(oauthClients.id, clientId)).get();
  return client && !client.deletedAt ? client : undefined;
}

/**
 * The client a request names: a metadata document (fetched, or cached while its lifetime lasts)
 * for an https client_id, a live registration otherwise; undefined when there is none. A
 * metadata document that cannot be used throws ClientMetadataRefusal, saying why.
 */
export async function resolveClient(clientId: string, ctx: ClientContext, deps?: ClientDeps, now = Date.now()): Promise<OAuthClient | undefined> {
  return isMetadataClientId(clientId) ? metadataClient(clientId, ctx, deps, now) : liveClient(clientId);
}

