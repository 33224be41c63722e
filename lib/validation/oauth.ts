import { z } from "zod";

/**
 * RFC 7591 §2 client metadata, as far as Gatehouse uses it. Fields it does not use are kept
 * (bounded) for the admin to read; those that would change how the client is treated are checked.
 */
export const clientRegistrationSchema = z
  .object({
    redirect_uris: z.array(z.string().min(1).max(2000)).min(1).max(20),
    client_name: z.string().trim().min(1).max(100).optional(),
    token_endpoint_auth_method: z.enum(["none", "client_secret_basic", "client_secret_post"]).optional(),
    grant_types: z.array(z.enum(["authorization_code", "refresh_token"])).min(1).max(2).optional(),
    response_types: z.array(z.literal("code")).length(1).optional(),
    scope: z.string().max(200).optional(),
    client_uri: z.string().max(2000).optional(),
    logo_uri: z.string().max(2000).optional(),
    software_id: z.string().max(200).optional(),
    software_version: z.string().max(100).optional(),
  })
  .passthrough();

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
