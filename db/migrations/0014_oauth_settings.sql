-- Which servers accept OAuth: the remote ones, as before (a local server is not offered it).
ALTER TABLE `mcp_servers` ADD `accepts_oauth` integer DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE `mcp_servers` SET `accepts_oauth` = 1 WHERE `deployment` = 'remote' AND `url` IS NOT NULL;--> statement-breakpoint
-- Lifetimes become settings that apply from the next issue on, so each grant and refresh token
-- keeps its own end; existing ones get the ends the constants gave them (90 days absolute, 30 idle).
-- SQLite adds a NOT NULL column only with a default: 0 is replaced at once.
ALTER TABLE `oauth_grants` ADD `expires_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `oauth_grants` SET `expires_at` = `created_at` + 7776000000;--> statement-breakpoint
ALTER TABLE `oauth_refresh_tokens` ADD `expires_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `oauth_refresh_tokens` SET `expires_at` = `created_at` + 2592000000;--> statement-breakpoint
-- The verify_epoch trigger names its columns: recreate it with accepts_oauth, which the server's
-- cached credential row carries (its resource metadata names Gatehouse only when it is on).
DROP TRIGGER mcp_servers_verify_epoch_update;--> statement-breakpoint
CREATE TRIGGER mcp_servers_verify_epoch_update AFTER UPDATE OF id, slug, name, url, deployment, status, accepts_oauth, created_by, created_at, updated_at, archived_at ON mcp_servers
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
