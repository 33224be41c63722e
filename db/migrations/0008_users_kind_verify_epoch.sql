-- The verify_epoch trigger names its columns: recreate it so that `kind` moves the counter too.
DROP TRIGGER users_verify_epoch_update;
--> statement-breakpoint
CREATE TRIGGER users_verify_epoch_update AFTER UPDATE OF id, email, name, role, status, kind, password_hash, session_version, created_at, updated_at ON users
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
