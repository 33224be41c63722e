/** The OpenAPI 3.1 description of Gatehouse's server-facing API (/api/v1). Kept next to its route. */
const error = { $ref: "#/components/schemas/Error" };
const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: error } } });
const retryAfter = { "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 0 } } };
const rateLimited = (description: string) => ({ ...errorResponse(description), headers: retryAfter });
const onlyPost = { ...errorResponse("Only POST."), headers: { Allow: { schema: { const: "POST" } } } };

const user = {
  type: "object",
  required: ["id", "email", "name"],
  properties: { id: { type: "string" }, email: { type: "string", format: "email" }, name: { type: "string" } },
};

const activeFields = {
  user,
  token_id: { type: "string" },
  scopes: { type: "array", items: { type: "string", enum: ["tools:read", "tools:write"] } },
  expires_at: { type: "integer", description: "Unix seconds. For a token without expiry: one hour ahead (verify again; never cache)." },
  tool_class: { type: ["string", "null"], enum: ["read", "write", "unclassified", null] },
  audit_id: { type: "string" },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Gatehouse API",
    version: "1.0.0",
    license: { name: "UNLICENSED" },
    description:
      "Token verification for MCP servers. Every request is decided afresh and audited: a revocation applies on the next call, and no decision is made that cannot be written to the audit log.",
  },
  servers: [{ url: "/" }],
  components: {
    securitySchemes: {
      serverCredential: { type: "http", scheme: "bearer", description: "The MCP server's credential (mcps_…)." },
      serverBasic: { type: "http", scheme: "basic", description: "slug:credential (RFC 6749 §2.3.1)." },
    },
    schemas: {
      Error: {
        type: "object",
        required: ["error"],
        properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } } },
      },
      VerifyRequest: {
        type: "object",
        additionalProperties: false,
        required: ["token"],
        properties: {
          token: { type: "string", maxLength: 256, description: "The user's token (mcpt_…) as presented to the MCP server." },
          method: { type: "string", maxLength: 128, description: "The MCP method, e.g. tools/call, tools/list, resources/read." },
          tool: { type: "string", maxLength: 128, description: "Required with (and only with) method tools/call." },
          request_id: { type: ["string", "integer"], description: "The JSON-RPC id, for the audit log (at most 128 characters)." },
          client_ip: { type: "string", description: "The end user's IP address as the MCP server sees it." },
          user_agent: { type: "string", maxLength: 512 },
        },
      },
      VerifyAllowed: {
        type: "object",
        required: ["active", "allowed", "user", "token_id", "scopes", "expires_at", "audit_id"],
        properties: { active: { const: true }, allowed: { const: true }, ...activeFields },
      },
      VerifyDenied: {
        type: "object",
        required: ["active", "allowed", "reason", "required_scope", "user", "token_id", "scopes", "expires_at", "audit_id"],
        properties: {
          active: { const: true },
          allowed: { const: false },
          reason: { const: "insufficient_scope" },
          required_scope: { const: "tools:write" },
          ...activeFields,
        },
      },
      VerifyInactive: {
        type: "object",
        required: ["active", "reason"],
        additionalProperties: false,
        properties: {
          active: { const: false },
          reason: { enum: ["unknown", "malformed", "expired", "secret_replaced", "revoked", "user_disabled", "wrong_audience"] },
        },
      },
      Introspection: {
        type: "object",
        required: ["active"],
        properties: {
          active: { type: "boolean" },
          scope: { type: "string" },
          client_id: { type: "string" },
          username: { type: "string" },
          sub: { type: "string" },
          exp: { type: "integer" },
          iat: { type: "integer" },
          aud: { type: "string" },
          iss: { type: "string" },
          token_type: { const: "Bearer" },
        },
      },
      OAuthError: {
        type: "object",
        required: ["error"],
        description: "RFC 6749 §5.2 error, for OAuth client libraries.",
        properties: { error: { const: "invalid_client" }, error_description: { type: "string" } },
      },
      ResourceMetadata: {
        type: "object",
        description: "RFC 9728 protected-resource metadata for the authenticated server.",
        required: ["resource", "resource_name", "scopes_supported", "bearer_methods_supported"],
        properties: {
          resource: { type: "string", format: "uri", description: "The server's registered (canonical) URL, exactly." },
          resource_name: { type: "string" },
          authorization_servers: { type: "array", items: { type: "string", format: "uri" }, description: "Gatehouse's OAuth issuer (AUTH_URL); absent when the server does not accept OAuth clients (Settings → OAuth)." },
          scopes_supported: { type: "array", items: { type: "string", enum: ["tools:read", "tools:write"] } },
          bearer_methods_supported: { type: "array", items: { const: "header" } },
        },
      },
      ToolClassification: {
        type: "object",
        required: ["server", "tools", "added", "changed", "removed"],
        properties: {
          server: { type: "string", description: "The server's slug." },
          tools: {
            type: "array",
            items: {
              type: "object",
              required: ["name", "class", "source"],
              properties: { name: { type: "string" }, class: { enum: ["read", "write"] }, source: { enum: ["annotation", "admin"] } },
            },
          },
          added: { type: "array", items: { type: "string" } },
          changed: { type: "array", items: { type: "string" } },
          removed: { type: "array", items: { type: "string" } },
        },
      },
      ToolReport: {
        type: "object",
        additionalProperties: false,
        required: ["tools"],
        properties: {
          tools: {
            type: "array",
            maxItems: 1000,
            items: {
              type: "object",
              required: ["name"],
              properties: {
                name: { type: "string", minLength: 1, maxLength: 128 },
                title: { type: "string", maxLength: 256 },
                annotations: { type: "object", description: "MCP tool annotations; readOnlyHint: true → read, anything else → write." },
              },
            },
          },
        },
      },
    },
  },
  paths: {
    "/api/v1/verify": {
      post: {
        summary: "Decide one MCP request",
        operationId: "verifyCall",
        security: [{ serverCredential: [] }],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/VerifyRequest" } } } },
        responses: {
          "200": {
            description: "A decision (allowed, denied but active, or inactive), audited.",
            content: {
              "application/json": {
                schema: {
                  oneOf: [
                    { $ref: "#/components/schemas/VerifyAllowed" },
                    { $ref: "#/components/schemas/VerifyDenied" },
                    { $ref: "#/components/schemas/VerifyInactive" },
                  ],
                },
              },
            },
          },
          "400": errorResponse("Malformed request, or anything in the query string (refused before any database work)."),
          "401": errorResponse("Missing or bad server credential."),
          "405": onlyPost,
          "413": errorResponse("Body over 16 KB."),
          "415": errorResponse("Not application/json."),
          "429": rateLimited("Too many failed verifications from this credential or address."),
          "503": errorResponse("audit_unavailable: the decision could not be audited, so none was made."),
        },
      },
    },
    "/api/v1/local-calls": {
      post: {
        summary: "Record one call of a local, one-user stdio server, which has no token",
        description:
          "Allowed, and audited with the OS user, only when the server is registered as local, one user (local-single); any other server is answered allowed: false, reason token_required, and that refusal is audited too.",
        operationId: "recordLocalCall",
        security: [{ serverCredential: [] }],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                additionalProperties: false,
                required: ["local_user"],
                properties: {
                  local_user: { type: "string", minLength: 1, maxLength: 64, description: "The OS user the server runs as." },
                  method: { type: "string", maxLength: 128 },
                  tool: { type: "string", maxLength: 128, description: "Required with method tools/call." },
                  request_id: { oneOf: [{ type: "string", maxLength: 128 }, { type: "integer" }] },
                  client_ip: { type: "string", maxLength: 64 },
                  user_agent: { type: "string", maxLength: 512 },
                },
              },
            },
          },
        },
        responses: {
          "200": {
            description: "A decision, audited.",
            content: {
              "application/json": {
                schema: {
                  oneOf: [
                    {
                      type: "object",
                      required: ["allowed", "server", "audit_id"],
                      properties: {
                        allowed: { const: true },
                        server: { type: "string", description: "The server's slug." },
                        tool_class: { type: ["string", "null"], enum: ["read", "write", "unclassified", null] },
                        audit_id: { type: "string" },
                      },
                    },
                    {
                      type: "object",
                      required: ["allowed", "reason", "message", "audit_id"],
                      properties: {
                        allowed: { const: false },
                        reason: { const: "token_required" },
                        message: { type: "string" },
                        audit_id: { type: "string" },
                      },
                    },
                  ],
                },
              },
            },
          },
          "400": errorResponse("Malformed request, or anything in the query string."),
          "401": errorResponse("Missing or bad server credential."),
          "405": onlyPost,
          "413": errorResponse("Body over 16 KB."),
          "415": errorResponse("Not application/json."),
          "429": rateLimited("Too many failed authentications from this address."),
          "503": errorResponse("audit_unavailable: the call could not be audited, so it was not allowed."),
        },
      },
    },
    "/api/v1/introspect": {
      post: {
        summary: "RFC 7662 token introspection",
        description: "The client authenticates one way: Basic slug:credential, Bearer credential, or client_id (slug) and client_secret (credential) in the form (client_secret_post).",
        operationId: "introspectToken",
        security: [{ serverBasic: [] }, { serverCredential: [] }, {}],
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": {
              schema: {
                type: "object",
                required: ["token"],
                properties: {
                  token: { type: "string" },
                  token_type_hint: { type: "string" },
                  client_id: { type: "string", description: "client_secret_post: the server's slug." },
                  client_secret: { type: "string", description: "client_secret_post: the server's credential (mcps_…)." },
                },
              },
            },
          },
        },
        responses: {
          "200": {
            description: 'Active: the claims (exp always present: a token without expiry gets one hour ahead). Inactive: exactly {"active":false}.',
            content: { "application/json": { schema: { $ref: "#/components/schemas/Introspection" } } },
          },
          "400": errorResponse("No token parameter, not form-encoded, two client authentication methods, or a query string."),
          "401": {
            description: "invalid_client (RFC 6749 §5.2), with a WWW-Authenticate challenge of the scheme used (Basic for client_secret_post).",
            headers: { "WWW-Authenticate": { schema: { type: "string" } } },
            content: { "application/json": { schema: { $ref: "#/components/schemas/OAuthError" } } },
          },
          "405": onlyPost,
          "413": errorResponse("Body over 16 KB."),
          "429": rateLimited("Too many failed verifications from this credential or address."),
          "503": errorResponse("audit_unavailable."),
        },
      },
    },
    "/api/v1/revoke": {
      post: {
        summary: "Self-revocation (RFC 7009 style): whoever holds a token can end it",
        operationId: "revokeToken",
        // Holding the token is the authority to end it; client credentials, if sent, are ignored.
        security: [],
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": { schema: { type: "object", required: ["token"], properties: { token: { type: "string" } } } },
            "application/json": { schema: { type: "object", required: ["token"], properties: { token: { type: "string" } } } },
          },
        },
        responses: {
          "200": { description: "Always, whether or not the token existed.", content: { "application/json": { schema: { type: "object" } } } },
          "400": errorResponse("No token in the body, or a query string."),
          "405": onlyPost,
          "413": errorResponse("Body over 16 KB."),
          "503": errorResponse("The revocation could not be audited; nothing changed."),
        },
      },
    },
    "/api/v1/tools": {
      put: {
        summary: "Report the server's tools and their MCP annotations",
        operationId: "reportTools",
        security: [{ serverCredential: [] }],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ToolReport" } } } },
        responses: {
          "200": {
            description: "The resulting classification (admin overrides win).",
            content: { "application/json": { schema: { $ref: "#/components/schemas/ToolClassification" } } },
          },
          "400": errorResponse("Invalid report."),
          "401": errorResponse("Bad server credential."),
          "405": { ...errorResponse("Only PUT."), headers: { Allow: { schema: { const: "PUT, OPTIONS" } } } },
          "413": errorResponse("Body over 1 MB."),
          "429": errorResponse("Too many bad server credentials from this address; see Retry-After."),
          "503": errorResponse("The failed authentication could not be written to the audit log."),
          "415": errorResponse("Not application/json."),
        },
      },
    },
    "/api/v1/resource-metadata": {
      get: {
        summary: "This server's RFC 9728 protected-resource metadata, for it to publish",
        operationId: "getResourceMetadata",
        security: [{ serverCredential: [] }],
        responses: {
          "200": { description: "The document.", content: { "application/json": { schema: { $ref: "#/components/schemas/ResourceMetadata" } } } },
          "400": errorResponse("A query string."),
          "401": errorResponse("Bad server credential."),
          "405": { ...errorResponse("Only GET."), headers: { Allow: { schema: { const: "GET, OPTIONS" } } } },
        },
      },
    },
  },
} as const;
