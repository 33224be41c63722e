import { z } from "zod";

/**
 * A public JSON Web Key a client signs its assertions with (RFC 7517): asymmetric only, and never
 * with private parts, since whoever could read them could sign as the client.
 */
const publicJwkSchema = z
  .object({ kty: z.enum(["RSA", "EC", "OKP"]), kid: z.string().max(200).optional(), alg: z.string().max(20).optional(), use: z.string().max(10).optional() })
  .passthrough()
  .refine((k) => !["d", "p", "q", "dp", "dq", "qi", "k"].some((part) => part in k), "must be a public key (no private parts)");

/** A client's key set, as inline `jwks` or behind its `jwks_uri`. */
export const clientJwksSchema = z.object({ keys: z.array(publicJwkSchema).min(1).max(10) });

/**
 * RFC 7591 §2 client metadata, as far as Gatehouse uses it. Fields it does not use are kept
 * (bounded) for the admin to read; those that would change how the client is treated are checked.
 */
export const clientRegistrationSchema = z
  .object({
    redirect_uris: z.array(z.string().min(1).max(2000)).min(1).max(20),
    client_name: z.string().trim().min(1).max(100).optional(),
    token_endpoint_auth_method: z.enum(["none", "client_secret_basic", "client_secret_post", "private_key_jwt"]).optional(),
    jwks: clientJwksSchema.optional(),
    jwks_uri: z.string().max(2000).optional(),
    grant_types: z.array(z.enum(["authorization_code", "refresh_token"])).min(1).max(2).optional(),
    response_types: z.array(z.literal("code")).length(1).optional(),
    scope: z.string().max(200).optional(),
    client_uri: z.string().max(2000).optional(),
    logo_uri: z.string().max(2000).optional(),
    software_id: z.string().max(200).optional(),
    software_version: z.string().max(100).optional(),
  })
  .passthrough()
  .superRefine(checkKeys);

/** private_key_jwt needs keys, exactly one way (RFC 7591 §2: jwks and jwks_uri MUST NOT both be present). */
function checkKeys(meta: { token_endpoint_auth_method?: string; jwks?: unknown; jwks_uri?: string }, ctx: z.RefinementCtx): void {
  if (meta.jwks && meta.jwks_uri) ctx.addIssue({ code: "custom", path: ["jwks_uri"], message: "send jwks or jwks_uri, not both" });
  if (meta.token_endpoint_auth_method === "private_key_jwt" && !meta.jwks && !meta.jwks_uri) {
    ctx.addIssue({ code: "custom", path: ["jwks_uri"], message: "private_key_jwt needs the client's public keys in jwks or jwks_uri" });
  }
}

/**
 * A Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document §4): RFC 7591
 * metadata with the client_id in it. There is no shared secret with such a client, so a
 * client_secret, or a method that needs one, makes the document invalid.
 */
export const metadataDocumentSchema = z
  .object({
    client_id: z.string().min(1).max(2000),
    redirect_uris: z.array(z.string().min(1).max(2000)).min(1).max(20),
    client_name: z.string().trim().min(1).max(100).optional(),
    token_endpoint_auth_method: z.enum(["none", "private_key_jwt"], { message: "must be none or private_key_jwt: a metadata document cannot share a secret" }).optional(),
    jwks: clientJwksSchema.optional(),
    jwks_uri: z.string().max(2000).optional(),
    grant_types: z.array(z.string().max(100)).max(10).optional(),
    response_types: z.array(z.string().max(100)).max(10).optional(),
    client_secret: z.never({ message: "a metadata document must not carry a client_secret" }).optional(),
    client_secret_expires_at: z.never({ message: "a metadata document must not carry a client secret" }).optional(),
  })
  .passthrough()
  .superRefine(checkKeys);

export type MetadataDocument = z.infer<typeof metadataDocumentSchema>;

export type ClientRegistration = z.infer<typeof clientRegistrationSchema>;

/** The query of GET /oauth/authorize (RFC 6749 §4.1.1, RFC 7636 §4.3, RFC 8707 §2.1). */
export const authorizeParamsSchema = z.object({
  response_type: z.string().max(64).optional(),
  client_id: z.string().min(1).max(2000),
  redirect_uri: z.string().min(1).max(2000).optional(),
  state: z.string().max(2000).optional(),
  scope: z.string().max(500).optional(),
  code_challenge: z.string().max(256).optional(),
  code_challenge_method: z.string().max(32).optional(),
  resource: z.string().max(2000).optional(),
  prompt: z.string().max(100).optional(),
});

export type AuthorizeParams = z.infer<typeof authorizeParamsSchema>;

/** RFC 7636 §4.1: 43 to 128 unreserved characters; §4.2: the S256 challenge is 43 base64url characters. */
export const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
export const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
