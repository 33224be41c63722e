ALTER TABLE `mcp_servers` ADD `archived_at` integer;--> statement-breakpoint
-- The verify_epoch trigger names its columns: recreate it so that archiving (and restoring) a
-- server moves the counter, and verification refuses an archived server's credential at once.
DROP TRIGGER mcp_servers_verify_epoch_update;--> statement-breakpoint
CREATE TRIGGER mcp_servers_verify_epoch_update AFTER UPDATE OF id, slug, name, url, deployment, status, created_by, created_at, updated_at, archived_at ON mcp_servers
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
