import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { oauthClients, type OAuthClient } from "@/db/schema";
import { transact } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { config } from "@/lib/config";
import { addressKey, FailureLimiter } from "@/lib/verify/rate-limit";
import { metadataDocumentSchema, type MetadataDocument } from "@/lib/validation/oauth";
import { ClientFetchRefusal, fetchableUrlRefusal, fetchClientJson, type ClientFetchPolicy } from "./client-fetch";
import { clientHostRefusal, readClientHostPolicy } from "./client-hosts";
import { redirectRefusal } from "./redirect";

/**
 * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document): a client_id that
 * is an https URL is the address of the client's metadata. Gatehouse fetches it (lib/oauth/
 * client-fetch.ts), checks it, and keeps it as an oauth_clients row of kind "metadata_document",
 * so grants and tokens reference it like any client. The row is reused until the document's
 * Cache-Control lifetime ends; a refusal is never kept, so the next request tries again.
 */
export type ClientDeps = { policy: ClientFetchPolicy; fetches: FailureLimiter };
export type LookupCtx = { clientIp: string | null; userAgent: string | null };

// Each fetch is outbound work a stranger can cause: limited per requesting address like registrations.
const defaultFetches = new FailureLimiter({ capacity: 20, refillPerSecond: 0.2, maxKeys: 10_000 });

export function defaultClientDeps(): ClientDeps {
  return { policy: { allowLoopback: config().oauthMetadataAllowLoopback }, fetches: defaultFetches };
}

export class ClientMetadataRefusal extends Error {
  constructor(readonly why: string) {
    super(why);
  }
}

/** Whether a client_id names a metadata document rather than a registration (ocl_…). */
export function isMetadataClientId(clientId: string): boolean {
  return /^https?:\/\//i.test(clientId);
}

/** The host a metadata-document client proved by serving its client_id; null for a registration. */
export function verifiedDomain(client: Pick<OAuthClient, "id" | "kind">): string | null {
  return client.kind === "metadata_document" ? new URL(client.id).host : null;
}

/** §3 of the draft: https, a path, no fragment, no credentials, no dot segments. http only for a loopback test server. */
export function clientIdUrlRefusal(clientId: string, policy: ClientFetchPolicy): string | null {
  if (clientId.length > 2000) return "is too long";
  const fetchable = fetchableUrlRefusal(clientId, policy);
  if (fetchable) return fetchable;
  const url = new URL(clientId);
  if (clientId.includes("#")) return "has a fragment";
  if (url.pathname === "/" || url.pathname === "") return "has no path";
  // URL normalises dot segments away, so they are looked for in the text as sent.
  if (/\/\.\.?(\/|$|\?)/.test(clientId.replace(/^[a-z]+:\/\/[^/]+/i, ""))) return "has a . or .. path segment";
  return null;
}

/** The document's content rules beyond its schema; the first broken one, or null. */
function documentRefusal(clientId: string, body: unknown, policy: ClientFetchPolicy): { why: string } | { doc: MetadataDocument } {
  const parsed = metadataDocumentSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { why: `${issue?.path.join(".") || "document"}: ${issue?.message ?? "invalid"}`.slice(0, 200) };
  }
  const doc = parsed.data;
  // §4.1: compared as strings, so a document cannot speak for another client_id.
  if (doc.client_id !== clientId) return { why: "names another client_id than its own URL" };
  if (!doc.redirect_uris.some((u) => redirectRefusal(u) === null)) return { why: "has no redirect URI that can receive codes" };
  if (doc.grant_types && !doc.grant_types.includes("authorization_code")) return { why: "grant_types must include authorization_code" };
  if (doc.response_types && !doc.response_types.includes("code")) return { why: "response_types must include code" };
  const keysWhy = doc.jwks_uri ? fetchableUrlRefusal(doc.jwks_uri, policy) : null;
  if (keysWhy) return { why: `jwks_uri ${keysWhy}` };
  return { doc };
}

const ACTOR = { type: "anonymous", name: "client metadata document" } as const;

type Attempt = { clientId: string; ctx: LookupCtx; deps: ClientDeps; now: number };

const TOO_MANY = "too many client metadata requests from this address; try again later";

/**
 * Spends one unit of the requesting address's budget (a fetch or an audited refusal), or throws
 * when it is spent: a stranger's stream of client_ids costs a bounded number of fetches and rows.
 */
function spend(a: Attempt): void {
  const key = addressKey(a.ctx.clientIp ?? "unknown");
  if (a.deps.fetches.retryAfter(key, a.now) > 0) throw new ClientMetadataRefusal(TOO_MANY);
  a.deps.fetches.recordFailure(key, a.now);
}

/** Audits and throws a refusal; `paid` when the fetch it follows already spent the unit. */
function refuse(a: Attempt, why: string, paid = false): never {
  if (!paid) spend(a);
  transact((tx) =>
    recordAudit(tx, { type: "oauth.client_metadata_refused", actor: ACTOR, decision: "deny", reason: why.slice(0, 200), clientIp: a.ctx.clientIp, userAgent: a.ctx.userAgent, details: { clientId: a.clientId.slice(0, 300) } }),
  );
  throw new ClientMetadataRefusal(why);
}

/**
 * The client a metadata-document client_id names: the stored row while its cache lifetime lasts,
 * otherwise fetched and checked now. Throws ClientMetadataRefusal (audited) when it cannot be.
 * A client an admin deleted comes back on its next use with none of its old grants: a metadata
 * client cannot register anew, and the blocked hosts are the way to keep one out.
 */
export async function metadataClient(clientId: string, ctx: LookupCtx, deps: ClientDeps = defaultClientDeps(), now = Date.now()): Promise<OAuthClient> {
  const attempt: Attempt = { clientId, ctx, deps, now };
  const urlWhy = clientIdUrlRefusal(clientId, deps.policy);
  if (urlWhy) refuse(attempt, `the client_id ${urlWhy}`);
  // Checked on every use, cached or not: a host blocked since it was fetched is out at once.
  const hostWhy = clientHostRefusal(new URL(clientId).hostname, readClientHostPolicy());
  if (hostWhy) refuse(attempt, `the client_id ${hostWhy}`);

  const stored = db().select().from(oauthClients).where(eq(oauthClients.id, clientId)).get();
  if (stored?.kind === "metadata_document" && !stored.deletedAt && (stored.metadataExpiresAt?.getTime() ?? 0) > now) return stored;

  spend(attempt);
  let fetched;
  try {
    fetched = await fetchClientJson(clientId, deps.policy);
  } catch (err) {
    if (err instanceof ClientFetchRefusal) refuse(attempt, `the metadata document ${err.detail}`, true);
    throw err;
  }
  const checked = documentRefusal(clientId, fetched.body, deps.policy);
  if ("why" in checked) refuse(attempt, `the metadata document ${checked.why}`, true);
  return storeClient(clientId, checked.doc, fetched.cacheMs, ctx, now);
}

function storeClient(clientId: string, doc: MetadataDocument, cacheMs: number, ctx: LookupCtx, now: number): OAuthClient {
  const host = new URL(clientId).host;
  const row = {
    kind: "metadata_document" as const,
    name: doc.client_name ?? host,
    redirectUris: doc.redirect_uris,
    tokenEndpointAuthMethod: doc.token_endpoint_auth_method ?? "none",
    secretHash: null,
    metadata: doc,
    metadataExpiresAt: new Date(now + cacheMs),
    deletedAt: null,
  };
  return transact((tx) => {
    const saved = tx
      .insert(oauthClients)
      .values({ id: clientId, ...row, createdAt: new Date(now) })
      .onConflictDoUpdate({ target: oauthClients.id, set: row })
      .returning()
      .get();
    recordAudit(tx, {
      type: "oauth.client_metadata_fetched",
      actor: ACTOR,
      decision: "success",
      clientIp: ctx.clientIp,
      userAgent: ctx.userAgent,
      details: { clientId: clientId.slice(0, 300), host, name: row.name, redirectUris: row.redirectUris, method: row.tokenEndpointAuthMethod, cacheSeconds: Math.round(cacheMs / 1000) },
    });
    return saved;
  });
}
