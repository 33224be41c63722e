CREATE TABLE "accounts" (
	"provider" text NOT NULL,
	"subject" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	CONSTRAINT "accounts_provider_subject_pk" PRIMARY KEY("provider","subject")
);
--> statement-breakpoint
CREATE TABLE "audit_anchor" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"archived_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"ts" bigint NOT NULL,
	"type" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"subject_user_id" text,
	"token_id" text,
	"server_id" text,
	"method" text,
	"tool" text,
	"tool_class" text,
	"decision" text NOT NULL,
	"reason" text,
	"request_id" text,
	"client_ip" text,
	"user_agent" text,
	"details" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"key_id" text,
	CONSTRAINT "audit_events_id_unique" UNIQUE("id"),
	CONSTRAINT "audit_events_actor_type_check" CHECK ("audit_events"."actor_type" IN ('user', 'server', 'system', 'anonymous')),
	CONSTRAINT "audit_events_decision_check" CHECK ("audit_events"."decision" IN ('allow', 'deny', 'success', 'failure'))
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"ts" bigint NOT NULL,
	CONSTRAINT "audit_head_one_row" CHECK ("audit_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "invites" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"expires_at" bigint NOT NULL,
	"created_by" text,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"used_at" bigint,
	CONSTRAINT "invites_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "mcp_servers" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"url" text,
	"deployment" text DEFAULT 'remote' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" text,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"updated_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"last_call_at" bigint,
	"archived_at" bigint,
	CONSTRAINT "mcp_servers_slug_unique" UNIQUE("slug"),
	CONSTRAINT "mcp_servers_deployment_check" CHECK ("mcp_servers"."deployment" IN ('local-single', 'local-multi', 'remote')),
	CONSTRAINT "mcp_servers_status_check" CHECK ("mcp_servers"."status" IN ('active', 'disabled'))
);
--> statement-breakpoint
CREATE TABLE "oauth_clients" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"redirect_uris" json NOT NULL,
	"token_endpoint_auth_method" text NOT NULL,
	"secret_hash" text,
	"metadata" json NOT NULL,
	"registered_from" text,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"last_used_at" bigint,
	"deleted_at" bigint,
	CONSTRAINT "oauth_clients_kind_check" CHECK ("oauth_clients"."kind" IN ('registration', 'metadata')),
	CONSTRAINT "oauth_clients_token_endpoint_auth_method_check" CHECK ("oauth_clients"."token_endpoint_auth_method" IN ('none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'))
);
--> statement-breakpoint
CREATE TABLE "oauth_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"grant_id" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"code_challenge" text NOT NULL,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"expires_at" bigint NOT NULL,
	"used_at" bigint
);
--> statement-breakpoint
CREATE TABLE "oauth_grants" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"client_id" text NOT NULL,
	"server_id" text NOT NULL,
	"scope" text NOT NULL,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"last_used_at" bigint,
	"revoked_at" bigint,
	"revoke_reason" text,
	CONSTRAINT "oauth_grants_scope_check" CHECK ("oauth_grants"."scope" IN ('read', 'write'))
);
--> statement-breakpoint
CREATE TABLE "oauth_refresh_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"grant_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"hint" text NOT NULL,
	"state" text NOT NULL,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"retired_at" bigint,
	CONSTRAINT "oauth_refresh_tokens_secret_hash_unique" UNIQUE("secret_hash"),
	CONSTRAINT "oauth_refresh_tokens_state_check" CHECK ("oauth_refresh_tokens"."state" IN ('current', 'previous', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "oauth_requests" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"server_id" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"state" text,
	"code_challenge" text NOT NULL,
	"scope" text NOT NULL,
	"user_id" text,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"expires_at" bigint NOT NULL,
	"answered_at" bigint,
	CONSTRAINT "oauth_requests_scope_check" CHECK ("oauth_requests"."scope" IN ('read', 'write'))
);
--> statement-breakpoint
CREATE TABLE "server_credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"server_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"hint" text NOT NULL,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"expires_at" bigint,
	"revoked_at" bigint,
	"last_used_at" bigint,
	CONSTRAINT "server_credentials_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"expires_at" bigint NOT NULL,
	"client_ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "token_secrets" (
	"id" text PRIMARY KEY NOT NULL,
	"token_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"hint" text NOT NULL,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"created_by" text,
	"expires_at" bigint,
	"rotated_at" bigint,
	CONSTRAINT "token_secrets_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "token_servers" (
	"token_id" text NOT NULL,
	"server_id" text NOT NULL,
	CONSTRAINT "token_servers_token_id_server_id_pk" PRIMARY KEY("token_id","server_id")
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"name" text NOT NULL,
	"scope" text NOT NULL,
	"all_servers" boolean DEFAULT true NOT NULL,
	"expires_at" bigint,
	"reveal_to" text DEFAULT 'owner' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"updated_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"revoked_at" bigint,
	"revoked_by" text,
	"revoke_reason" text,
	"last_used_at" bigint,
	"last_used_server_id" text,
	"oauth_grant_id" text,
	CONSTRAINT "tokens_scope_check" CHECK ("tokens"."scope" IN ('read', 'write')),
	CONSTRAINT "tokens_reveal_to_check" CHECK ("tokens"."reveal_to" IN ('owner', 'creator'))
);
--> statement-breakpoint
CREATE TABLE "tools" (
	"id" text PRIMARY KEY NOT NULL,
	"server_id" text NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"access_class" text NOT NULL,
	"class_source" text NOT NULL,
	"reported_class" text,
	"annotations" text,
	"reported_at" bigint,
	"updated_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"updated_by" text,
	CONSTRAINT "tools_access_class_check" CHECK ("tools"."access_class" IN ('read', 'write')),
	CONSTRAINT "tools_class_source_check" CHECK ("tools"."class_source" IN ('annotation', 'admin')),
	CONSTRAINT "tools_reported_class_check" CHECK ("tools"."reported_class" IN ('read', 'write'))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text DEFAULT 'user' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"kind" text DEFAULT 'person' NOT NULL,
	"password_hash" text,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"updated_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000)::bigint) NOT NULL,
	"last_sign_in_at" bigint,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" IN ('admin', 'user')),
	CONSTRAINT "users_status_check" CHECK ("users"."status" IN ('active', 'disabled')),
	CONSTRAINT "users_kind_check" CHECK ("users"."kind" IN ('person', 'service'))
);
--> statement-breakpoint
CREATE TABLE "verify_epoch" (
	"id" integer PRIMARY KEY NOT NULL,
	"n" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_codes" ADD CONSTRAINT "oauth_codes_grant_id_oauth_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."oauth_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_grants" ADD CONSTRAINT "oauth_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_grants" ADD CONSTRAINT "oauth_grants_client_id_oauth_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."oauth_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_grants" ADD CONSTRAINT "oauth_grants_server_id_mcp_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_refresh_tokens" ADD CONSTRAINT "oauth_refresh_tokens_grant_id_oauth_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."oauth_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_requests" ADD CONSTRAINT "oauth_requests_client_id_oauth_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."oauth_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_requests" ADD CONSTRAINT "oauth_requests_server_id_mcp_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_requests" ADD CONSTRAINT "oauth_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_credentials" ADD CONSTRAINT "server_credentials_server_id_mcp_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token_secrets" ADD CONSTRAINT "token_secrets_token_id_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token_servers" ADD CONSTRAINT "token_servers_token_id_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token_servers" ADD CONSTRAINT "token_servers_server_id_mcp_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tokens" ADD CONSTRAINT "tokens_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tools" ADD CONSTRAINT "tools_server_id_mcp_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_user_idx" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "invites_user_idx" ON "invites" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "oauth_grants_user_idx" ON "oauth_grants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "oauth_grants_client_idx" ON "oauth_grants" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "oauth_grants_server_idx" ON "oauth_grants" USING btree ("server_id");--> statement-breakpoint
CREATE INDEX "oauth_refresh_tokens_grant_idx" ON "oauth_refresh_tokens" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "server_credentials_server_idx" ON "server_credentials" USING btree ("server_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "token_secrets_token_idx" ON "token_secrets" USING btree ("token_id");--> statement-breakpoint
CREATE INDEX "token_servers_server_idx" ON "token_servers" USING btree ("server_id");--> statement-breakpoint
CREATE INDEX "tokens_owner_idx" ON "tokens" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "tokens_oauth_grant_idx" ON "tokens" USING btree ("oauth_grant_id");--> statement-breakpoint
CREATE INDEX "tokens_expires_idx" ON "tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "tokens_created_idx" ON "tokens" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tools_server_name_idx" ON "tools" USING btree ("server_id","name");