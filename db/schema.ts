import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/*
 * Gatehouse's tables. Times are unix milliseconds (UTC). Secrets are never stored:
 * only SHA-256 digests (hex) and a display hint. Column types are kept portable
 * (text, integer) so that the PostgreSQL backend can mirror this file.
 */

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;
const ms = (name: string) => integer(name, { mode: "timestamp_ms" });

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(), // stored lower-cased
  name: text("name").notNull(),
  role: text("role", { enum: ["admin", "user"] }).notNull().default("user"),
  status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
  // "service": an account for a program; it never signs in, so an admin may see its secrets.
  kind: text("kind", { enum: ["person", "service"] }).notNull().default("person"),
  passwordHash: text("password_hash"),
  createdAt: ms("created_at").notNull().default(now),
  updatedAt: ms("updated_at").notNull().default(now),
  lastSignInAt: ms("last_sign_in_at"),
});

/**
 * Signed-in browser sessions. The session cookie (an encrypted JWT) carries the id; only its
 * SHA-256 digest is stored, and every read of the session looks it up, so deleting the row
 * (sign-out, sign out everywhere, disabling, a new password) ends the session at once.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: ms("created_at").notNull().default(now),
    // Absolute end (SESSION_MAX_AGE after sign-in), however often the cookie is renewed.
    expiresAt: ms("expires_at").notNull(),
    clientIp: text("client_ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** Links an external (OIDC) identity to a user. */
export const accounts = sqliteTable(
  "accounts",
  {
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: ms("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] }), index("accounts_user_idx").on(t.userId)],
);

/** One-time links to set a password (invitations and resets). */
export const invites = sqliteTable(
  "invites",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    secretHash: text("secret_hash").notNull().unique(),
    expiresAt: ms("expires_at").notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: ms("created_at").notNull().default(now),
    usedAt: ms("used_at"),
  },
  (t) => [index("invites_user_idx").on(t.userId)],
);

/** Key/value settings (token policy, first-run setup code digest). Values are JSON. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: ms("updated_at").notNull().default(now),
  updatedBy: text("updated_by"),
});

export const mcpServers = sqliteTable("mcp_servers", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  /** The canonical URL (RFC 8707 resource) of an HTTP server; null for a stdio server, which has none. */
  url: text("url"),
  deployment: text("deployment", { enum: ["local-single", "local-multi", "remote"] }).notNull().default("remote"),
  status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
  /** Whether OAuth clients may be given tokens for it (docs/OAUTH.md); only a remote server may. */
  acceptsOAuth: integer("accepts_oauth", { mode: "boolean" }).notNull().default(false),
  createdBy: text("created_by"),
  createdAt: ms("created_at").notNull().default(now),
  updatedAt: ms("updated_at").notNull().default(now),
  lastCallAt: ms("last_call_at"),
  // Set when removed while something still refers to it: kept for its history, refused at verify.
  archivedAt: ms("archived_at"),
});

/** Credentials with which an MCP server authenticates to Gatehouse (mcps_…). */
export const serverCredentials = sqliteTable(
  "server_credentials",
  {
    id: text("id").primaryKey(),
    serverId: text("server_id").notNull().references(() => mcpServers.id, { onDelete: "cascade" }),
    secretHash: text("secret_hash").notNull().unique(),
    hint: text("hint").notNull(),
    createdAt: ms("created_at").notNull().default(now),
    // Set when rotated out: the old credential works until then (grace period).
    expiresAt: ms("expires_at"),
    revokedAt: ms("revoked_at"),
    lastUsedAt: ms("last_used_at"),
  },
  (t) => [index("server_credentials_server_idx").on(t.serverId)],
);

export const tools = sqliteTable(
  "tools",
  {
    id: text("id").primaryKey(),
    serverId: text("server_id").notNull().references(() => mcpServers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    title: text("title"),
    // Effective class; a tool never reported has no row and is treated as write.
    accessClass: text("access_class", { enum: ["read", "write"] }).notNull(),
    classSource: text("class_source", { enum: ["annotation", "admin"] }).notNull(),
    reportedClass: text("reported_class", { enum: ["read", "write"] }),
    annotations: text("annotations"), // JSON as reported
    reportedAt: ms("reported_at"),
    updatedAt: ms("updated_at").notNull().default(now),
    updatedBy: text("updated_by"),
  },
  (t) => [uniqueIndex("tools_server_name_idx").on(t.serverId, t.name)],
);

export const tokens = sqliteTable(
  "tokens",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull().references(() => users.id),
    name: text("name").notNull(),
    scope: text("scope", { enum: ["read", "write"] }).notNull(),
    // true: valid on every MCP server; false: only on the servers in token_servers.
    allServers: integer("all_servers", { mode: "boolean" }).notNull().default(true),
    expiresAt: ms("expires_at"), // null only when policy allows "no expiry" and it was chosen explicitly
    // Who may see the secret: the owner claims it, or the creator saw it at issue time.
    revealTo: text("reveal_to", { enum: ["owner", "creator"] }).notNull().default("owner"),
    createdBy: text("created_by").notNull(),
    createdAt: ms("created_at").notNull().default(now),
    updatedAt: ms("updated_at").notNull().default(now),
    revokedAt: ms("revoked_at"),
    revokedBy: text("revoked_by"),
    revokeReason: text("revoke_reason"),
    lastUsedAt: ms("last_used_at"),
    lastUsedServerId: text("last_used_server_id"),
    // Set for an OAuth access token: the grant it was issued under (revoking the grant revokes it).
    oauthGrantId: text("oauth_grant_id"),
  },
  (t) => [
    index("tokens_owner_idx").on(t.ownerId),
    index("tokens_oauth_grant_idx").on(t.oauthGrantId),
    index("tokens_expires_idx").on(t.expiresAt),
    index("tokens_created_idx").on(t.createdAt),
  ],
);

/** The audience of a token that is not valid on all servers. */
export const tokenServers = sqliteTable(
  "token_servers",
  {
    tokenId: text("token_id").notNull().references(() => tokens.id, { onDelete: "cascade" }),
    serverId: text("server_id").notNull().references(() => mcpServers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.serverId] }), index("token_servers_server_idx").on(t.serverId)],
);

/**
 * The secrets a token has had. A token has at most one current secret (expiresAt null)
 * and, while rotating, older ones that work until their expiresAt (the grace end).
 */
export const tokenSecrets = sqliteTable(
  "token_secrets",
  {
    id: text("id").primaryKey(),
    tokenId: text("token_id").notNull().references(() => tokens.id, { onDelete: "cascade" }),
    secretHash: text("secret_hash").notNull().unique(),
    hint: text("hint").notNull(),
    createdAt: ms("created_at").notNull().default(now),
    createdBy: text("created_by"),
    expiresAt: ms("expires_at"),
    rotatedAt: ms("rotated_at"),
  },
  (t) => [index("token_secrets_token_idx").on(t.tokenId)],
);

/**
 * OAuth clients of Gatehouse as authorization server (docs/OAUTH.md). "registration": RFC 7591
 * dynamic registration, its name self-asserted; "metadata_document": a Client ID Metadata
 * Document, its client_id the document's https URL, kept here as last fetched. A confidential
 * client's secret is stored as a digest only.
 */
export const oauthClients = sqliteTable("oauth_clients", {
  id: text("id").primaryKey(), // the client_id
  kind: text("kind", { enum: ["registration", "metadata_document"] }).notNull(),
  name: text("name").notNull(),
  redirectUris: text("redirect_uris", { mode: "json" }).$type<string[]>().notNull(),
  tokenEndpointAuthMethod: text("token_endpoint_auth_method", { enum: ["none", "client_secret_basic", "client_secret_post", "private_key_jwt"] }).notNull(),
  secretHash: text("secret_hash"),
  // The registration request as received (minus any secret), for the admin to read.
  metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  registeredFrom: text("registered_from"),
  createdAt: ms("created_at").notNull().default(now),
  lastUsedAt: ms("last_used_at"),
  // A deleted client answers invalid_client, so that clients register again.
  deletedAt: ms("deleted_at"),
  // A metadata document is fetched again after this (its Cache-Control max-age, bounded).
  metadataExpiresAt: ms("metadata_expires_at"),
});

/**
 * The jti of every private_key_jwt client assertion accepted (RFC 7523 §3: single use), kept
 * until the assertion's own exp; a second use of the same jti by the same client is refused.
 */
export const oauthAssertionJtis = sqliteTable(
  "oauth_assertion_jtis",
  {
    clientId: text("client_id").notNull(),
    jti: text("jti").notNull(),
    expiresAt: ms("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.jti] }), index("oauth_assertion_jtis_expires_idx").on(t.expiresAt)],
);

/** What one user allowed one client to do on one server. Access and refresh tokens hang off it. */
export const oauthGrants = sqliteTable(
  "oauth_grants",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    clientId: text("client_id").notNull().references(() => oauthClients.id),
    serverId: text("server_id").notNull().references(() => mcpServers.id, { onDelete: "cascade" }),
    scope: text("scope", { enum: ["read", "write"] }).notNull(),
    createdAt: ms("created_at").notNull().default(now),
    // The absolute refresh lifetime in force at consent: a later change of the setting leaves it be.
    expiresAt: ms("expires_at").notNull(),
    lastUsedAt: ms("last_used_at"),
    revokedAt: ms("revoked_at"),
    revokeReason: text("revoke_reason"),
  },
  (t) => [index("oauth_grants_user_idx").on(t.userId), index("oauth_grants_client_idx").on(t.clientId), index("oauth_grants_server_idx").on(t.serverId)],
);

/**
 * A pending authorization request, between /oauth/authorize and the consent page's answer. Its
 * id is the consent form's single-use, short-lived CSRF token; the first signed-in viewer binds it.
 */
export const oauthRequests = sqliteTable("oauth_requests", {
  idHash: text("id_hash").primaryKey(),
  clientId: text("client_id").notNull().references(() => oauthClients.id),
  serverId: text("server_id").notNull().references(() => mcpServers.id, { onDelete: "cascade" }),
  redirectUri: text("redirect_uri").notNull(),
  state: text("state"),
  codeChallenge: text("code_challenge").notNull(),
  scope: text("scope", { enum: ["read", "write"] }).notNull(),
  userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
  createdAt: ms("created_at").notNull().default(now),
  expiresAt: ms("expires_at").notNull(),
  answeredAt: ms("answered_at"),
});

/** Authorization codes: digest only, single-use (a replay revokes the grant), short-lived, PKCE-bound. */
export const oauthCodes = sqliteTable("oauth_codes", {
  codeHash: text("code_hash").primaryKey(),
  grantId: text("grant_id").notNull().references(() => oauthGrants.id, { onDelete: "cascade" }),
  redirectUri: text("redirect_uri").notNull(),
  codeChallenge: text("code_challenge").notNull(),
  createdAt: ms("created_at").notNull().default(now),
  expiresAt: ms("expires_at").notNull(),
  usedAt: ms("used_at"),
});

/**
 * Refresh tokens (mcpr_…), digest only. Per grant one "current" and at most one "previous": the
 * previous stays valid until the current is first used; presenting a "retired" one is reuse.
 */
export const oauthRefreshTokens = sqliteTable(
  "oauth_refresh_tokens",
  {
    id: text("id").primaryKey(),
    grantId: text("grant_id").notNull().references(() => oauthGrants.id, { onDelete: "cascade" }),
    secretHash: text("secret_hash").notNull().unique(),
    hint: text("hint").notNull(),
    state: text("state", { enum: ["current", "previous", "retired"] }).notNull(),
    createdAt: ms("created_at").notNull().default(now),
    // Unused until then, it ends (the idle lifetime in force when it was issued).
    expiresAt: ms("expires_at").notNull(),
    retiredAt: ms("retired_at"),
  },
  (t) => [index("oauth_refresh_tokens_grant_idx").on(t.grantId)],
);

/**
 * Append-only, hash-chained audit log. Triggers (see the migration) refuse UPDATE and DELETE;
 * hash = HMAC-SHA-256(audit key, prev_hash ‖ canonical(row)) (older rows: SHA-256), see lib/audit/chain.ts.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    seq: integer("seq").primaryKey(),
    id: text("id").notNull().unique(),
    ts: integer("ts").notNull(),
    type: text("type").notNull(),
    actorType: text("actor_type", { enum: ["user", "server", "system", "anonymous"] }).notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    subjectUserId: text("subject_user_id"),
    tokenId: text("token_id"),
    serverId: text("server_id"),
    method: text("method"),
    tool: text("tool"),
    toolClass: text("tool_class"),
    decision: text("decision", { enum: ["allow", "deny", "success", "failure"] }).notNull(),
    reason: text("reason"),
    requestId: text("request_id"),
    clientIp: text("client_ip"),
    userAgent: text("user_agent"),
    details: text("details"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    /** Which audit key signed the row (HMAC); null for rows written before the log was keyed. */
    keyId: text("key_id"),
  },
  // No index beyond the unique id: every one is written on every verification's commit. The
  // browsing indexes live in the audit search index (db/audit-index.ts), and since ts grows
  // with seq, a time is found by a binary search over seq (lib/audit/time-seq.ts).
);

/** Where the chain starts after older events were archived (one row, id = 1). */
export const auditAnchor = sqliteTable("audit_anchor", {
  id: integer("id").primaryKey(),
  seq: integer("seq").notNull(),
  hash: text("hash").notNull(),
  archivedAt: ms("archived_at").notNull().default(now),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Session = typeof sessions.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type McpServer = typeof mcpServers.$inferSelect;
export type ServerCredential = typeof serverCredentials.$inferSelect;
export type Tool = typeof tools.$inferSelect;
export type Token = typeof tokens.$inferSelect;
export type NewToken = typeof tokens.$inferInsert;
export type TokenSecret = typeof tokenSecrets.$inferSelect;
export type OAuthClient = typeof oauthClients.$inferSelect;
export type OAuthGrant = typeof oauthGrants.$inferSelect;
export type OAuthRequest = typeof oauthRequests.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;

/**
 * One row whose counter triggers (see the migration) bump on every change that can alter a
 * verification decision: tokens, their secrets and audiences, users, servers, credentials and
 * tools, except the last-used columns the hot path itself writes. Verification keeps what it
 * looked up in memory for as long as the counter has not moved (lib/verify/lookup-cache.ts).
 */
export const verifyEpoch = sqliteTable("verify_epoch", {
  id: integer("id").primaryKey(),
  n: integer("n").notNull(),
});
