/** The OpenAPI 3.1 description of Gatehouse's server-facing API (/api/v1). Kept next to its route. */
const error = { $ref: "#/components/schemas/Error" };
const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: error } } });

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
          reason: { enum: ["unknown", "malformed", "expired", "revoked", "user_disabled", "wrong_audience"] },
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
          "400": errorResponse("Malformed request (refused before any database work)."),
          "401": errorResponse("Missing or bad server credential."),
          "405": errorResponse("Only POST."),
          "413": errorResponse("Body over 16 KB."),
          "415": errorResponse("Not application/json."),
          "429": errorResponse("Too many failed verifications from this credential or address; see Retry-After."),
          "503": errorResponse("audit_unavailable: the decision could not be audited, so none was made."),
        },
      },
    },
    "/api/v1/introspect": {
      post: {
        summary: "RFC 7662 token introspection",
        security: [{ serverBasic: [] }, { serverCredential: [] }],
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": {
              schema: { type: "object", required: ["token"], properties: { token: { type: "string" }, token_type_hint: { type: "string" } } },
            },
          },
        },
        responses: {
          "200": { description: 'Active: the claims. Inactive: exactly {"active":false}.', content: { "application/json": { schema: { $ref: "#/components/schemas/Introspection" } } } },
          "400": errorResponse("No token parameter, or not form-encoded."),
          "401": errorResponse("Bad server authentication."),
          "413": errorResponse("Body over 16 KB."),
          "429": errorResponse("Rate-limited."),
          "503": errorResponse("audit_unavailable."),
        },
      },
    },
    "/api/v1/revoke": {
      post: {
        summary: "Self-revocation (RFC 7009 style): whoever holds a token can end it",
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": { schema: { type: "object", required: ["token"], properties: { token: { type: "string" } } } },
            "application/json": { schema: { type: "object", required: ["token"], properties: { token: { type: "string" } } } },
          },
        },
        responses: {
          "200": { description: "Always, whether or not the token existed.", content: { "application/json": { schema: { type: "object" } } } },
          "400": errorResponse("No token in the body."),
          "413": errorResponse("Body over 16 KB."),
          "503": errorResponse("The revocation could not be audited; nothing changed."),
        },
      },
    },
    "/api/v1/tools": {
      put: {
        summary: "Report the server's tools and their MCP annotations",
        security: [{ serverCredential: [] }],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ToolReport" } } } },
        responses: {
          "200": { description: "The resulting classification (admin overrides win)." },
          "400": errorResponse("Invalid report."),
          "401": errorResponse("Bad server credential."),
          "413": errorResponse("Body over 1 MB."),
        },
      },
    },
  },
} as const;
