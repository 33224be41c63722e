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
  passwordHash: text("password_hash"),
  // Bumped on disable, password change and "sign out everywhere": older sessions stop working.
  sessionVersion: integer("session_version").notNull().default(1),
  createdAt: ms("created_at").notNull().default(now),
  updatedAt: ms("updated_at").notNull().default(now),
  lastSignInAt: ms("last_sign_in_at"),
});

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
  url: text("url").notNull(),
  deployment: text("deployment", { enum: ["local-single", "local-multi", "remote"] }).notNull().default("remote"),
  status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
  createdBy: text("created_by"),
  createdAt: ms("created_at").notNull().default(now),
  updatedAt: ms("updated_at").notNull().default(now),
  lastCallAt: ms("last_call_at"),
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
  },
  (t) => [
    index("tokens_owner_idx").on(t.ownerId),
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
 * Append-only, hash-chained audit log. Triggers (see the migration) refuse UPDATE and DELETE;
 * hash = SHA-256(prev_hash ‖ canonical(row)), see lib/audit/chain.ts.
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
export type Invite = typeof invites.$inferSelect;
export type McpServer = typeof mcpServers.$inferSelect;
export type ServerCredential = typeof serverCredentials.$inferSelect;
export type Tool = typeof tools.$inferSelect;
export type Token = typeof tokens.$inferSelect;
export type NewToken = typeof tokens.$inferInsert;
export type TokenSecret = typeof tokenSecrets.$inferSelect;
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
