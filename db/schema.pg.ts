import { sql } from "drizzle-orm";
import { bigint, boolean, check, customType, index, integer, json, pgTable, primaryKey, text, uniqueIndex, type PgColumn } from "drizzle-orm/pg-core";

/*
 * The PostgreSQL mirror of db/schema.ts: the same tables, columns, names, nullability, defaults,
 * keys and indexes, and the same JS types, so that one data layer reads both and an audit row
 * hashes identically on both (db/schema-parity.pg.test.ts checks it). A change there is made here
 * too, then `npx drizzle-kit generate --config drizzle.pg.config.ts`. Hand-written SQL (triggers)
 * lives in db/migrations-pg/ as custom migrations.
 */

// unixepoch('subsec') in SQLite is the statement's time, truncated to whole milliseconds.
const now = sql`(floor(extract(epoch from statement_timestamp()) * 1000)::bigint)`;

/** Milliseconds since the epoch in a bigint, read as a Date: what SQLite's integer timestamp_ms gives. */
const msTime = customType<{ data: Date; driverData: number | string }>({
  dataType: () => "bigint",
  toDriver: (value) => value.getTime(),
  fromDriver: (value) => new Date(Number(value)),
});
const ms = (name: string) => msTime(name);
const int8 = (name: string) => bigint(name, { mode: "number" });

/** SQLite keeps a text enum's values in TypeScript only; PostgreSQL also refuses any other value. */
function enumCheck(table: string, column: PgColumn) {
  // In this callback drizzle passes index-builder copies of the columns: their enum sits in their
  // config. Should that change, this throws at generate and test time rather than drop a check.
  const values = column.enumValues ?? (column as unknown as { config?: { enumValues?: string[] } }).config?.enumValues ?? [];
  if (values.length === 0) throw new Error(`${table}.${column.name} has no enum values`);
  const list = sql.raw(values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", "));
  return check(`${table}_${column.name}_check`, sql`${column} IN (${list})`);
}
const enumChecks = (table: string, ...columns: PgColumn[]) => columns.map((c) => enumCheck(table, c));

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull().unique(), // stored lower-cased
    name: text("name").notNull(),
    role: text("role", { enum: ["admin", "user"] }).notNull().default("user"),
    status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
    kind: text("kind", { enum: ["person", "service"] }).notNull().default("person"),
    passwordHash: text("password_hash"),
    createdAt: ms("created_at").notNull().default(now),
    updatedAt: ms("updated_at").notNull().default(now),
    lastSignInAt: ms("last_sign_in_at"),
  },
  (t) => enumChecks("users", t.role, t.status, t.kind),
);

export const sessions = pgTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: ms("created_at").notNull().default(now),
    expiresAt: ms("expires_at").notNull(),
    clientIp: text("client_ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const accounts = pgTable(
  "accounts",
  {
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: ms("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] }), index("accounts_user_idx").on(t.userId)],
);

export const invites = pgTable(
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

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(), // JSON text, as in SQLite: read and written as a string
  updatedAt: ms("updated_at").notNull().default(now),
  updatedBy: text("updated_by"),
});

export const mcpServers = pgTable(
  "mcp_servers",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    url: text("url"),
    deployment: text("deployment", { enum: ["local-single", "local-multi", "remote"] }).notNull().default("remote"),
    status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
    acceptsOAuth: boolean("accepts_oauth").notNull().default(false),
    createdBy: text("created_by"),
    createdAt: ms("created_at").notNull().default(now),
    updatedAt: ms("updated_at").notNull().default(now),
    lastCallAt: ms("last_call_at"),
    archivedAt: ms("archived_at"),
  },
  (t) => enumChecks("mcp_servers", t.deployment, t.status),
);

export const serverCredentials = pgTable(
  "server_credentials",
  {
    id: text("id").primaryKey(),
    serverId: text("server_id").notNull().references(() => mcpServers.id, { onDelete: "cascade" }),
    secretHash: text("secret_hash").notNull().unique(),
    hint: text("hint").notNull(),
    createdAt: ms("created_at").notNull().default(now),
    expiresAt: ms("expires_at"),
    revokedAt: ms("revoked_at"),
    lastUsedAt: ms("last_used_at"),
  },
  (t) => [index("server_credentials_server_idx").on(t.serverId)],
);

export const tools = pgTable(
  "tools",
  {
    id: text("id").primaryKey(),
    serverId: text("server_id").notNull().references(() => mcpServers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    title: text("title"),
    accessClass: text("access_class", { enum: ["read", "write"] }).notNull(),
    classSource: text("class_source", { enum: ["annotation", "admin"] }).notNull(),
    reportedClass: text("reported_class", { enum: ["read", "write"] }),
    annotations: text("annotations"), // JSON text as reported, as in SQLite
    reportedAt: ms("reported_at"),
    updatedAt: ms("updated_at").notNull().default(now),
    updatedBy: text("updated_by"),
  },
  (t) => [uniqueIndex("tools_server_name_idx").on(t.serverId, t.name), ...enumChecks("tools", t.accessClass, t.classSource, t.reportedClass)],
);

export const tokens = pgTable(
  "tokens",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull().references(() => users.id),
    name: text("name").notNull(),
    scope: text("scope", { enum: ["read", "write"] }).notNull(),
    allServers: boolean("all_servers").notNull().default(true),
    expiresAt: ms("expires_at"),
    revealTo: text("reveal_to", { enum: ["owner", "creator"] }).notNull().default("owner"),
    createdBy: text("created_by").notNull(),
    createdAt: ms("created_at").notNull().default(now),
    updatedAt: ms("updated_at").notNull().default(now),
    revokedAt: ms("revoked_at"),
    revokedBy: text("revoked_by"),
    revokeReason: text("revoke_reason"),
    lastUsedAt: ms("last_used_at"),
    lastUsedServerId: text("last_used_server_id"),
    oauthGrantId: text("oauth_grant_id"),
  },
  (t) => [
    index("tokens_owner_idx").on(t.ownerId),
    index("tokens_oauth_grant_idx").on(t.oauthGrantId),
    index("tokens_expires_idx").on(t.expiresAt),
    index("tokens_created_idx").on(t.createdAt),
    ...enumChecks("tokens", t.scope, t.revealTo),
  ],
);

export const tokenServers = pgTable(
  "token_servers",
  {
    tokenId: text("token_id").notNull().references(() => tokens.id, { onDelete: "cascade" }),
    serverId: text("server_id").notNull().references(() => mcpServers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.serverId] }), index("token_servers_server_idx").on(t.serverId)],
);

export const tokenSecrets = pgTable(
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

export const oauthClients = pgTable(
  "oauth_clients",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["registration", "metadata_document"] }).notNull(),
    name: text("name").notNull(),
    // json, not jsonb: kept as written (key order included), as SQLite's text keeps it; never queried inside.
    redirectUris: json("redirect_uris").$type<string[]>().notNull(),
    tokenEndpointAuthMethod: text("token_endpoint_auth_method", { enum: ["none", "client_secret_basic", "client_secret_post", "private_key_jwt"] }).notNull(),
    secretHash: text("secret_hash"),
    metadata: json("metadata").$type<Record<string, unknown>>().notNull(),
    registeredFrom: text("registered_from"),
    createdAt: ms("created_at").notNull().default(now),
    lastUsedAt: ms("last_used_at"),
    deletedAt: ms("deleted_at"),
    metadataExpiresAt: ms("metadata_expires_at"),
  },
  (t) => enumChecks("oauth_clients", t.kind, t.tokenEndpointAuthMethod),
);

export const oauthAssertionJtis = pgTable(
  "oauth_assertion_jtis",
  {
    clientId: text("client_id").notNull(),
    jti: text("jti").notNull(),
    expiresAt: ms("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.jti] }), index("oauth_assertion_jtis_expires_idx").on(t.expiresAt)],
);

export const oauthGrants = pgTable(
  "oauth_grants",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    clientId: text("client_id").notNull().references(() => oauthClients.id),
    serverId: text("server_id").notNull().references(() => mcpServers.id, { onDelete: "cascade" }),
    scope: text("scope", { enum: ["read", "write"] }).notNull(),
    createdAt: ms("created_at").notNull().default(now),
    expiresAt: ms("expires_at").notNull(),
    lastUsedAt: ms("last_used_at"),
    revokedAt: ms("revoked_at"),
    revokeReason: text("revoke_reason"),
  },
  (t) => [
    index("oauth_grants_user_idx").on(t.userId),
    index("oauth_grants_client_idx").on(t.clientId),
    index("oauth_grants_server_idx").on(t.serverId),
    ...enumChecks("oauth_grants", t.scope),
  ],
);

export const oauthRequests = pgTable(
  "oauth_requests",
  {
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
  },
  (t) => enumChecks("oauth_requests", t.scope),
);

export const oauthCodes = pgTable("oauth_codes", {
  codeHash: text("code_hash").primaryKey(),
  grantId: text("grant_id").notNull().references(() => oauthGrants.id, { onDelete: "cascade" }),
  redirectUri: text("redirect_uri").notNull(),
  codeChallenge: text("code_challenge").notNull(),
  createdAt: ms("created_at").notNull().default(now),
  expiresAt: ms("expires_at").notNull(),
  usedAt: ms("used_at"),
});

export const oauthRefreshTokens = pgTable(
  "oauth_refresh_tokens",
  {
    id: text("id").primaryKey(),
    grantId: text("grant_id").notNull().references(() => oauthGrants.id, { onDelete: "cascade" }),
    secretHash: text("secret_hash").notNull().unique(),
    hint: text("hint").notNull(),
    state: text("state", { enum: ["current", "previous", "retired"] }).notNull(),
    createdAt: ms("created_at").notNull().default(now),
    expiresAt: ms("expires_at").notNull(),
    retiredAt: ms("retired_at"),
  },
  (t) => [index("oauth_refresh_tokens_grant_idx").on(t.grantId), ...enumChecks("oauth_refresh_tokens", t.state)],
);

/** Append-only and hash-chained, as in SQLite; the triggers are in db/migrations-pg/0001_audit_append_only_verify_epoch.sql. */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: int8("seq").primaryKey(), // assigned by the writer under the audit_head lock: gapless, no SEQUENCE
    id: text("id").notNull().unique(),
    ts: int8("ts").notNull(),
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
    details: text("details"), // text, not jsonb: the chain hashes these exact characters
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    keyId: text("key_id"),
  },
  (t) => enumChecks("audit_events", t.actorType, t.decision),
);

export const auditAnchor = pgTable("audit_anchor", {
  id: integer("id").primaryKey(),
  seq: int8("seq").notNull(),
  hash: text("hash").notNull(),
  archivedAt: ms("archived_at").notNull().default(now),
});

// PostgreSQL only: writers lock this row FOR UPDATE to append, where SQLite's one write lock serializes them.
export const auditHead = pgTable(
  "audit_head",
  {
    id: integer("id").primaryKey(),
    seq: int8("seq").notNull(), // the last event's seq (0: none yet, or the anchor's after archiving)
    hash: text("hash").notNull(),
    ts: int8("ts").notNull(), // the last event's ts: the next one is clamped to at least this
  },
  (t) => [check("audit_head_one_row", sql`${t.id} = 1`)],
);

export const verifyEpoch = pgTable("verify_epoch", {
  id: integer("id").primaryKey(),
  n: int8("n").notNull(),
});
