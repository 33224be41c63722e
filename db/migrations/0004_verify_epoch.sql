CREATE TABLE `verify_epoch` (
	`id` integer PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `verify_epoch` (`id`, `n`) VALUES (1, 0);
-- Every change that can alter a verification decision moves the counter; updates of only the
-- last-used columns (written by verification itself, and on sign-in) do not. A column added to
-- these tables must be added to its UPDATE OF list (lib/verify/lookup-cache.test.ts checks).
--> statement-breakpoint
CREATE TRIGGER tokens_verify_epoch_insert AFTER INSERT ON tokens
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER tokens_verify_epoch_delete AFTER DELETE ON tokens
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER tokens_verify_epoch_update AFTER UPDATE OF id, owner_id, name, scope, all_servers, expires_at, reveal_to, created_by, created_at, updated_at, revoked_at, revoked_by, revoke_reason ON tokens
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER token_secrets_verify_epoch_insert AFTER INSERT ON token_secrets
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER token_secrets_verify_epoch_delete AFTER DELETE ON token_secrets
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER token_secrets_verify_epoch_update AFTER UPDATE OF id, token_id, secret_hash, hint, created_at, created_by, expires_at, rotated_at ON token_secrets
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER token_servers_verify_epoch_insert AFTER INSERT ON token_servers
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER token_servers_verify_epoch_delete AFTER DELETE ON token_servers
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER token_servers_verify_epoch_update AFTER UPDATE OF token_id, server_id ON token_servers
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER users_verify_epoch_insert AFTER INSERT ON users
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER users_verify_epoch_delete AFTER DELETE ON users
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER users_verify_epoch_update AFTER UPDATE OF id, email, name, role, status, password_hash, session_version, created_at, updated_at ON users
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER server_credentials_verify_epoch_insert AFTER INSERT ON server_credentials
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER server_credentials_verify_epoch_delete AFTER DELETE ON server_credentials
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER server_credentials_verify_epoch_update AFTER UPDATE OF id, server_id, secret_hash, hint, created_at, expires_at, revoked_at ON server_credentials
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER mcp_servers_verify_epoch_insert AFTER INSERT ON mcp_servers
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER mcp_servers_verify_epoch_delete AFTER DELETE ON mcp_servers
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER mcp_servers_verify_epoch_update AFTER UPDATE OF id, slug, name, url, deployment, status, created_by, created_at, updated_at ON mcp_servers
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER tools_verify_epoch_insert AFTER INSERT ON tools
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER tools_verify_epoch_delete AFTER DELETE ON tools
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER tools_verify_epoch_update AFTER UPDATE OF id, server_id, name, title, access_class, class_source, reported_class, annotations, reported_at, updated_at, updated_by ON tools
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
