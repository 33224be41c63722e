-- Hand-written SQL for PostgreSQL, the twin of the SQLite triggers in db/migrations/ (0001, 0004 and
-- the later migrations that recreate an UPDATE OF list); db/schema-parity.pg.test.ts checks they match.

-- The audit log is append-only: the database itself refuses edits, deletions and TRUNCATE (which
-- row triggers would not see). Statement-level: a zero-row UPDATE or DELETE is refused too.
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'raise_exception';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
-- The chain starts at genesis; writers lock this row to append (db/schema.pg.ts, audit_head).
INSERT INTO audit_head (id, seq, hash, ts) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);
--> statement-breakpoint
INSERT INTO verify_epoch (id, n) VALUES (1, 0);
--> statement-breakpoint
-- Every change that can alter a verification decision moves the counter; updates of only the
-- last-used columns (written by verification itself, and on sign-in) do not. The UPDATE OF lists
-- are SQLite's, column for column. Statement-level: one bump per statement, not per row (the
-- cache only needs to see that it moved), and TRUNCATE counts as a delete.
CREATE FUNCTION verify_epoch_bump() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER tokens_verify_epoch_insert AFTER INSERT ON tokens FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER tokens_verify_epoch_delete AFTER DELETE OR TRUNCATE ON tokens FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER tokens_verify_epoch_update AFTER UPDATE OF id, owner_id, name, scope, all_servers, expires_at, reveal_to, created_by, created_at, updated_at, revoked_at, revoked_by, revoke_reason, oauth_grant_id ON tokens FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER token_secrets_verify_epoch_insert AFTER INSERT ON token_secrets FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER token_secrets_verify_epoch_delete AFTER DELETE OR TRUNCATE ON token_secrets FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER token_secrets_verify_epoch_update AFTER UPDATE OF id, token_id, secret_hash, hint, created_at, created_by, expires_at, rotated_at ON token_secrets FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER token_servers_verify_epoch_insert AFTER INSERT ON token_servers FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER token_servers_verify_epoch_delete AFTER DELETE OR TRUNCATE ON token_servers FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER token_servers_verify_epoch_update AFTER UPDATE OF token_id, server_id ON token_servers FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER users_verify_epoch_insert AFTER INSERT ON users FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER users_verify_epoch_delete AFTER DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER users_verify_epoch_update AFTER UPDATE OF id, email, name, role, status, kind, password_hash, created_at, updated_at ON users FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER server_credentials_verify_epoch_insert AFTER INSERT ON server_credentials FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER server_credentials_verify_epoch_delete AFTER DELETE OR TRUNCATE ON server_credentials FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER server_credentials_verify_epoch_update AFTER UPDATE OF id, server_id, secret_hash, hint, created_at, expires_at, revoked_at ON server_credentials FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER mcp_servers_verify_epoch_insert AFTER INSERT ON mcp_servers FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER mcp_servers_verify_epoch_delete AFTER DELETE OR TRUNCATE ON mcp_servers FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER mcp_servers_verify_epoch_update AFTER UPDATE OF id, slug, name, url, deployment, status, created_by, created_at, updated_at, archived_at ON mcp_servers FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER tools_verify_epoch_insert AFTER INSERT ON tools FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER tools_verify_epoch_delete AFTER DELETE OR TRUNCATE ON tools FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER tools_verify_epoch_update AFTER UPDATE OF id, server_id, name, title, access_class, class_source, reported_class, annotations, reported_at, updated_at, updated_by ON tools FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
